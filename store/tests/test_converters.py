"""Ids in URLs: anything a database id column cannot hold is a 404, never a driver error."""

import pytest
from django.urls import resolve

from store.converters import MAX_DATABASE_ID

pytestmark = pytest.mark.django_db


def test_the_largest_database_id_still_resolves():
    match = resolve(f"/cart/add/{MAX_DATABASE_ID}/")
    assert match.kwargs == {"product_id": MAX_DATABASE_ID}


@pytest.mark.parametrize("raw", [str(2**63), "9" * 19, "1" * 40])
def test_an_id_past_the_column_does_not_reach_the_cart(raw):
    # Wagtail's page serving takes whatever no other pattern matched (and answers 404).
    assert resolve(f"/cart/add/{raw}/").url_name != "cart_add"


@pytest.mark.parametrize("path", ["add", "update", "remove"])
@pytest.mark.parametrize("raw", [str(MAX_DATABASE_ID), str(2**63), "1" * 40])
def test_cart_endpoints_answer_not_found_for_huge_ids(client, store, path, raw):
    response = client.post(f"/cart/{path}/{raw}/", {"quantity": "1"})
    assert response.status_code in (302, 404)
    assert response.status_code != 500
