"""store.wagtail.routing: the page Wagtail's routing finds (or its 404), in one query."""

from unittest import mock

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from catalog.models import ProductPage
from home.models import HomePage
from store.wagtail.routing import OneQueryRoutingMixin

pytestmark = pytest.mark.django_db


def route(start, components):
    """The routed page's (class, pk), or "404"."""
    try:
        result = start.route(RequestFactory().get("/"), components)
    except Http404:
        return "404"
    return type(result.page), result.page.pk


def wagtails_route(start, components):
    # With no routed descendant, every page falls back to Wagtail's `Page.route`.
    with mock.patch.object(OneQueryRoutingMixin, "find_routed_descendant", return_value=None):
        return route(start, components)


def paths(store) -> dict[str, list[str]]:
    category = store.categories[0]
    product = store.products_of(category)[0]
    other = store.categories[1]
    return {
        "category": [store.shop.slug, category.slug],
        "product": [store.shop.slug, category.slug, product.slug],
        "product in another category": [store.shop.slug, other.slug, product.slug],
        "unknown product": [store.shop.slug, category.slug, "no-such-product"],
        "unknown category": [store.shop.slug, "no-such-category"],
        "shop": [store.shop.slug],
        "too deep": [store.shop.slug, category.slug, product.slug, "more"],
        "empty component": [store.shop.slug, "", product.slug],
    }


@pytest.mark.parametrize(
    "path",
    [
        "category",
        "product",
        "product in another category",
        "unknown product",
        "unknown category",
        "shop",
        "too deep",
        "empty component",
    ],
)
def test_home_routes_as_wagtail_does(store, path):
    home = HomePage.objects.get()
    components = paths(store)[path]
    assert route(home, components) == wagtails_route(home, components)


@pytest.mark.parametrize("path", ["category", "product", "unknown product"])
def test_catalog_index_routes_as_wagtail_does(store, path):
    shop = store.shop.specific
    components = paths(store)[path][1:]
    assert route(shop, components) == wagtails_route(shop, components)


@pytest.mark.parametrize("start", ["home", "shop"])
def test_a_draft_product_is_a_404_as_in_wagtail(store, start):
    product = store.products[0]
    product.unpublish()
    page = HomePage.objects.get() if start == "home" else store.shop.specific
    components = paths(store)["product"][0 if start == "home" else 1 :]
    assert route(page, components) == wagtails_route(page, components) == "404"


def test_a_product_routes_in_one_query_with_its_stock_and_category_title(store):
    home = HomePage.objects.get()
    components = paths(store)["product"]
    with CaptureQueriesContext(connection) as queries:
        page = home.route(RequestFactory().get("/"), components).page
        assert isinstance(page, ProductPage)
        assert page.stock_quantity == 10
        assert page.parent_title == store.categories[0].title
    assert len(queries) == 1
