"""store.wagtail.search_backend: Wagtail's PostgreSQL search with an index-friendly prefilter
must find and rank exactly what Wagtail's own database backend does. (Here, beside the search
tests' catalog of known words.)"""

import pytest
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.search.backends import get_search_backend

from catalog.selectors import live_products
from store.wagtail.search_backend import result_pks

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["serum", "vitamin c serum", "dry skin", "skin ceramide", "oily gel", "xylophone", "a-b c"],
)
def test_same_results_in_the_same_order_as_wagtails_backend(build_catalog, query):
    build_catalog(extra_products=5)
    ours = get_search_backend()
    assert type(ours).__name__ == "IndexedPostgresSearchBackend"
    wagtails = PostgresSearchBackend({})
    products = live_products().only("pk")
    assert result_pks(ours.search(query, products)) == result_pks(wagtails.search(query, products))


def test_every_word_must_match(catalog):
    found = result_pks(get_search_backend().search("ceramide gel", live_products()))
    assert found == []  # one product has each word, none has both


def test_result_pks_matches_the_results_order(catalog):
    results = get_search_backend().search("skin", live_products())
    assert result_pks(results) == [product.pk for product in results]
