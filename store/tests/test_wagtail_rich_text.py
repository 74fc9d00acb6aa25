"""store.wagtail.rich_text: the same links as Wagtail's page link handler, in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text.pages import PageLinkHandler

from store.wagtail.rich_text import StorePageLinkHandler

pytestmark = pytest.mark.django_db


def links_to(store) -> list[dict]:
    pages = [store.home, store.shop, store.categories[0], store.products[0]]
    return [{"id": str(page.pk)} for page in pages] + [{"id": "987654"}]  # and a deleted page


def test_same_links_as_wagtails_handler(store):
    attrs = links_to(store)
    ours = StorePageLinkHandler.expand_db_attributes_many(attrs)
    assert ours == PageLinkHandler.expand_db_attributes_many(attrs)
    assert ours[-1] == "<a>"


def test_links_of_a_block_cost_one_query(store):
    attrs = links_to(store)
    StorePageLinkHandler.expand_db_attributes_many(attrs)  # warms the cached site root paths
    with CaptureQueriesContext(connection) as queries:
        StorePageLinkHandler.expand_db_attributes_many(attrs)
    assert len(queries) == 1  # Wagtail's takes two: the base rows, then each specific model
