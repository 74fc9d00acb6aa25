"""While the database is unreachable shoppers get a branded 503 with Retry-After, and the site
recovers by itself once the database is back."""

import pytest
from django.db import OperationalError, connection

from store.middleware import MARK, RETRY_AFTER_SECONDS, mark_database_outage


@pytest.fixture
def database_unreachable(monkeypatch, client):
    """Point the open connection at a socket directory where no server listens: every query now
    fails in psycopg with a real OperationalError. Yields a function that brings it back."""
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "HOST", "/nonexistent-vantor-socket-dir")
    # Answer as a server does, instead of re-raising the exception in the test.
    client.raise_request_exception = False

    def restore():
        monkeypatch.undo()
        connection.close()

    yield restore
    restore()


@pytest.mark.django_db(transaction=True)
def test_a_page_answers_a_branded_503_with_retry_after_while_the_database_is_down(
    client, database_unreachable
):
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert b"We are back in a moment" in response.content


@pytest.mark.django_db(transaction=True)
def test_liveness_stays_up_while_the_database_is_down(client, database_unreachable):
    assert client.get("/healthz/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_site_recovers_without_a_restart_once_the_database_is_back(
    client, database_unreachable, build_store
):
    assert client.get("/").status_code == 503
    database_unreachable()
    build_store()
    assert client.get("/").status_code == 200


def test_only_database_errors_mark_a_request_as_an_outage(rf):
    outage, bug = rf.get("/"), rf.get("/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        mark_database_outage(None, request=outage)
    try:
        raise RuntimeError("a bug, not an outage")
    except RuntimeError:
        mark_database_outage(None, request=bug)
    assert getattr(outage, MARK, False) is True
    assert getattr(bug, MARK, False) is False
