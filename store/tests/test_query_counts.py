"""Shopper pages cost a fixed, small number of queries however many products they show.

Each page is requested once to warm caches and create image renditions, then measured.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from testing.storefront import add_category, add_products

pytestmark = pytest.mark.django_db

CEILING = 12


def queries_for(client, url) -> list[str]:
    assert client.get(url).status_code == 200  # warm: caches, renditions
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in context.captured_queries]


def listing(queries) -> str:
    return "\n".join(f"{n}. {sql}" for n, sql in enumerate(queries, 1))


@pytest.fixture
def shopper(client, store):
    """A shopper with something in the cart, so the session is read like a real visit."""
    client.post(f"/cart/add/{store.products[0].pk}/", {"quantity": "1"})
    return client


def test_category_page_queries_do_not_grow_with_its_products(shopper, store):
    category = store.categories[0]
    few = queries_for(shopper, category.url)
    add_products(store, category, 2 * len(store.products_of(category)))
    many = queries_for(shopper, category.url)
    assert len(many) == len(few), listing(many)


def test_homepage_queries_do_not_grow_with_products_and_categories(shopper, store):
    few = queries_for(shopper, store.home.url)
    add_category(store, "Masks", 3)
    add_category(store, "Oils", 3)
    many = queries_for(shopper, store.home.url)
    assert len(many) == len(few), listing(many)


def test_product_page_queries_do_not_grow_with_its_gallery_and_siblings(shopper, store):
    from catalog.tests.factories import ProductPageFactory

    product = ProductPageFactory(parent=store.categories[0], gallery=1)
    few = queries_for(shopper, product.url)
    product.gallery_images.all().delete()
    product = ProductPageFactory(parent=store.categories[0], gallery=4)
    add_products(store, store.categories[0], 3)
    many = queries_for(shopper, product.url)
    assert len(many) == len(few), listing(many)


def test_cart_page_queries_do_not_grow_with_its_lines(shopper, store):
    few = queries_for(shopper, "/cart/")
    for product in store.products[1:]:
        shopper.post(f"/cart/add/{product.pk}/", {"quantity": "1"})
    many = queries_for(shopper, "/cart/")
    assert len(many) == len(few), listing(many)


@pytest.mark.parametrize("page", ["home", "category", "product", "cart"])
def test_shopper_page_stays_under_the_query_ceiling(shopper, store, page):
    url = {
        "home": store.home.url,
        "category": store.categories[0].url,
        "product": store.products[1].url,
        "cart": "/cart/",
    }[page]
    queries = queries_for(shopper, url)
    assert len(queries) <= CEILING, listing(queries)
