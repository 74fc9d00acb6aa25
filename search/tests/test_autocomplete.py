"""/search/autocomplete/: JSON suggestions for the header's combobox."""

import pytest

pytestmark = pytest.mark.django_db


def test_suggestions_after_two_characters(client, catalog):
    response = client.get("/search/autocomplete/", {"q": "cl"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    names = [item["name"] for item in data["results"]]
    assert set(names) == {"Cloud Milk Cleanser", "Clarity Gel Cleanser"}
    assert data["search_url"] == "/search/?q=cl"


def test_suggestion_fields(client, catalog):
    data = client.get("/search/autocomplete/", {"q": "barr"}).json()
    [item] = data["results"]
    product = catalog["Barrier Serum"]
    assert item["name"] == "Barrier Serum"
    assert item["url"] == product.url
    assert item["price"] == "Rs. 5,400.00"
    assert item["thumbnail"].endswith(".webp")
    assert item["thumbnail_alt"]
    assert item["in_stock"] is True


def test_one_character_gives_no_suggestions(client, catalog):
    data = client.get("/search/autocomplete/", {"q": "c"}).json()
    assert data["results"] == []


def test_unpublished_products_are_not_suggested(client, catalog):
    catalog["Barrier Serum"].unpublish()
    assert client.get("/search/autocomplete/", {"q": "barr"}).json()["results"] == []


def test_sku_prefix_is_suggested(client, catalog):
    data = client.get("/search/autocomplete/", {"q": "VT-NIA"}).json()
    assert [item["name"] for item in data["results"]] == ["Niacinamide Serum"]


def test_autocomplete_costs_a_fixed_number_of_queries(
    client, catalog, django_assert_max_num_queries
):
    client.get("/search/autocomplete/", {"q": "se"})
    with django_assert_max_num_queries(8):
        data = client.get("/search/autocomplete/", {"q": "se"}).json()
    assert len(data["results"]) >= 4
