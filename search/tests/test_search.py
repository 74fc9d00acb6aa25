"""The search page: full-text matching, ranking, facets and their counts, sorting, promotions,
editorial results and the number of queries it costs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from catalog.models import ProductPage
from search.selectors import Filters, search_products
from store.models import StoreSettings

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [product.title for product in response.context["products"]]


def facet(response, group: str) -> dict[str, int]:
    return {option["label"]: option["count"] for option in response.context["facets"][group]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Barrier", "Barrier Serum"),  # title
        ("congested", "Clarity Gel Cleanser"),  # short description
        ("VT-NIA-01", "Niacinamide Serum"),  # SKU
        ("ceramide", "Barrier Serum"),  # key ingredient in a StreamField
        ("sensitive", "Cloud Milk Cleanser"),  # tag
    ],
)
def test_search_matches_every_indexed_field(client, catalog, query, expected):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert expected in titles(response)


def test_exact_title_match_ranks_first(client, catalog):
    response = client.get("/search/", {"q": "vitamin c serum"})
    found = titles(response)
    assert found[0] == "Vitamin C Serum"
    assert "Vitamin C Serum Duo" in found


def test_unpublished_products_are_not_found(client, catalog):
    catalog["Barrier Serum"].unpublish()
    response = client.get("/search/", {"q": "barrier"})
    assert "Barrier Serum" not in titles(response)


def test_facet_counts_for_a_query(client, catalog):
    response = client.get("/search/", {"q": "skin"})
    assert response.context["result_count"] == 6
    assert facet(response, "categories") == {"Serums": 4, "Cleansers": 2}
    tags = facet(response, "tags")
    assert tags["Oily skin"] == 2
    assert tags["Dry skin"] == 2
    assert tags["Dullness"] == 2
    assert facet(response, "prices") == {
        "Under Rs. 2,000": 1,
        "Rs. 2,000 – Rs. 4,000": 2,
        "Rs. 4,000 – Rs. 6,000": 3,
    }
    assert response.context["facets"]["in_stock"]["count"] == 5


def test_a_category_narrows_results_and_other_facets_but_not_its_own_counts(client, catalog):
    response = client.get("/search/", {"q": "skin", "category": "serums"})
    assert sorted(titles(response)) == [
        "Barrier Serum",
        "Niacinamide Serum",
        "Vitamin C Serum",
        "Vitamin C Serum Duo",
    ]
    # Other categories keep their counts so the shopper can switch.
    assert facet(response, "categories") == {"Serums": 4, "Cleansers": 2}
    assert facet(response, "tags")["Oily skin"] == 1
    assert response.context["facets"]["in_stock"]["count"] == 3


def test_facets_combine_through_the_query_string(client, catalog):
    response = client.get("/search/", {"q": "skin", "tag": ["oily-skin"], "price": "2000-4000"})
    assert sorted(titles(response)) == ["Clarity Gel Cleanser", "Niacinamide Serum"]
    response = client.get(
        "/search/", {"q": "skin", "tag": "oily-skin", "category": "serums", "in_stock": "1"}
    )
    assert titles(response) == []
    content = response.content.decode()
    assert "Clear all filters" in content


def test_two_tags_must_both_apply(client, catalog):
    response = client.get("/search/", {"q": "skin", "tag": ["dry-skin", "sensitive-skin"]})
    assert titles(response) == ["Cloud Milk Cleanser"]


def test_in_stock_filter_drops_sold_out_products(client, catalog):
    response = client.get("/search/", {"q": "serum", "in_stock": "1"})
    assert "Niacinamide Serum" not in titles(response)
    assert "Barrier Serum" in titles(response)


def test_facet_links_keep_the_other_choices(client, catalog):
    response = client.get("/search/", {"q": "skin", "category": "serums"})
    link = next(o for o in response.context["facets"]["tags"] if o["label"] == "Dry skin")["url"]
    assert "category=serums" in link and "tag=dry-skin" in link and "q=skin" in link


def test_browsing_by_tag_without_a_query(client, catalog):
    response = client.get("/search/", {"tag": "dry-skin"})
    assert sorted(titles(response)) == ["Barrier Serum", "Cloud Milk Cleanser"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price_asc", ["Cloud Milk Cleanser", "Clarity Gel Cleanser", "Niacinamide Serum"]),
        ("price_desc", ["Barrier Serum"]),
        ("newest", ["Clarity Gel Cleanser", "Cloud Milk Cleanser"]),
    ],
)
def test_sorting(client, catalog, sort, expected):
    response = client.get("/search/", {"q": "skin", "sort": sort})
    assert titles(response)[: len(expected)] == expected


def test_pagination_keeps_query_and_filters(client, build_catalog):
    build_catalog(extra_products=30)
    response = client.get("/search/", {"q": "serum", "category": "serums"})
    assert response.context["page_obj"].has_next()
    assert len(titles(response)) == 24
    next_url = response.context["next_url"]
    assert "q=serum" in next_url and "category=serums" in next_url and "page=2" in next_url
    second = client.get("/search/" + next_url)
    assert set(titles(second)).isdisjoint(titles(response))
    assert len(titles(response)) + len(titles(second)) == second.context["result_count"]


def test_out_of_range_page_shows_the_last_page(client, catalog):
    response = client.get("/search/", {"q": "skin", "page": "999"})
    assert response.status_code == 200
    assert len(titles(response)) == 6


def test_promoted_product_comes_first(client, catalog):
    query = Query.get("skin")
    SearchPromotion.objects.create(query=query, page=catalog["Barrier Serum"], sort_order=0)
    response = client.get("/search/", {"q": "Skin"})
    assert titles(response)[0] == "Barrier Serum"
    assert response.context["products"][0].is_promoted


def test_promotion_of_a_product_the_text_does_not_match(client, catalog):
    SearchPromotion.objects.create(query=Query.get("gift"), page=catalog["Barrier Serum"])
    response = client.get("/search/", {"q": "gift"})
    assert titles(response) == ["Barrier Serum"]


def test_editorial_pages_are_found_below_products(client, catalog):
    from home.models import LandingPage

    story = LandingPage(title="The winter ritual", intro="How to care for skin in the cold.")
    catalog.store.home.add_child(instance=story)
    story.save_revision().publish()
    response = client.get("/search/", {"q": "winter"})
    assert [item["title"] for item in response.context["editorial"]] == ["The winter ritual"]
    content = response.content.decode()
    assert content.index("Stories and pages") > content.index('id="result-count"')


def test_empty_state_offers_suggestions(client, catalog):
    response = client.get("/search/", {"q": "xylophone"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nothing here for “xylophone”" in content
    assert "?tag=dry-skin" in content  # popular tags to try
    assert catalog.serums.url in content  # categories to browse


def test_search_page_without_a_query_invites_a_search(client, catalog):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Popular with our customers" in response.content.decode()


def test_search_results_pages_are_not_indexed(client, catalog):
    response = client.get("/search/", {"q": "serum"})
    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()


def count_queries(client, params) -> int:
    """Queries of a repeated request: caches (site, settings, renditions) already warm."""
    assert client.get("/search/", params).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/search/", params).status_code == 200
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_results(client, build_catalog):
    build_catalog(extra_products=0)
    filtered = {"q": "serum", "tag": "dullness", "sort": "price_asc", "in_stock": "1"}
    few = count_queries(client, {"q": "serum"})
    few_filtered = count_queries(client, filtered)
    build_catalog(extra_products=20)
    many = count_queries(client, {"q": "serum"})
    assert many == few
    assert count_queries(client, filtered) == few_filtered
    assert many <= 14


def test_selector_sorts_in_stock_matches_by_price(catalog):
    found = search_products(query="serum", filters=Filters(in_stock=True), sort="price_desc")
    by_id = {product.pk: product for product in catalog.products.values()}
    assert [by_id[pk].title for pk in found.ids][0] == "Barrier Serum"
    assert [by_id[pk].price for pk in found.ids] == sorted(
        (by_id[pk].price for pk in found.ids), reverse=True
    )
    assert catalog["Niacinamide Serum"].pk not in found.ids


def test_search_offers_relevance_then_the_category_pages_sorts(client, catalog):
    from catalog.sorting import PRODUCT_SORTS

    response = client.get("/search/", {"q": "skin"})
    keys = [key for key, _ in response.context["sort_options"]]
    assert keys == ["relevance", *PRODUCT_SORTS]


def test_search_sorts_by_featured_as_category_pages_do(client, catalog):
    ProductPage.objects.filter(pk=catalog["Cloud Milk Cleanser"].pk).update(is_featured=True)
    response = client.get("/search/", {"q": "skin", "sort": "featured"})
    assert response.context["sort"] == "featured"
    assert titles(response)[0] == "Cloud Milk Cleanser"


def test_price_bands_follow_the_store_currency(client, catalog):
    settings = StoreSettings.for_site(catalog.store.site)
    settings.currency_code = "USD"
    settings.currency_symbol = "$"
    settings.save()
    response = client.get("/search/", {"q": "skin"})
    assert [band.key for band in response.context["price_ranges"]][0] == "under-15"
    assert set(facet(response, "prices")) == {"$ 45 and over"}
