"""Liveness and readiness: /healthz/ never touches the database; /readyz/ reports what is down."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_liveness_answers_without_a_database_query(client, store):
    client.get("/")  # the site match is cached by then, as on a warm server
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert len(queries) == 0


@pytest.mark.django_db
def test_readiness_is_200_when_every_dependency_answers(client, store):
    response = client.get("/readyz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["down"] == []
    assert set(body["checks"]) == {"database", "cache", "storage", "task_queue"}


@pytest.mark.django_db
def test_readiness_is_503_naming_the_cache_when_it_loses_what_it_stored(client, store, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["down"] == ["cache"]


@pytest.mark.django_db(transaction=True)
def test_readiness_is_503_naming_the_database_when_it_is_unreachable(client, monkeypatch):
    client.get("/readyz/")  # caches the site match while the database is up
    connection.close()
    client.raise_request_exception = False
    monkeypatch.setitem(connection.settings_dict, "HOST", "/nonexistent-vantor-socket-dir")
    try:
        response = client.get("/readyz/")
    finally:
        monkeypatch.undo()
        connection.close()
    assert response.status_code == 503
    assert "database" in response.json()["down"]


def test_wsgi_defaults_to_production_settings():
    from pathlib import Path

    source = (Path(__file__).resolve().parents[1] / "wsgi.py").read_text()
    assert '"DJANGO_SETTINGS_MODULE", "vantor.settings.production"' in source
