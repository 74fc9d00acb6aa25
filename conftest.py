"""Fixtures shared by every app's tests: a storefront site tree built with factories.

The database is a throwaway PostgreSQL cluster that `vantor.settings.test` starts itself.
"""

import json
import os
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.test import override_settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

# Playwright's sync API runs an event loop in the test thread; Django would refuse ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    # Whitenoise looks for collected static files the tests never collect.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    """Uploaded images of a run go to a temporary directory, never into the project."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Store settings, navigation and site roots are cached; a test's rows are rolled back, so
    what it cached must go too."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@dataclass
class Store:
    site: Site
    home: Page
    shop: Page
    categories: list = field(default_factory=list)
    products: list = field(default_factory=list)

    def products_of(self, category) -> list:
        return [product for product in self.products if product.get_parent().pk == category.pk]


def homepage_body(hero_image) -> str:
    """Every editorial block once, carousels and grid filled automatically from the catalog."""
    return json.dumps(
        [
            {
                "type": "hero",
                "value": {
                    "image": hero_image.pk,
                    "alt_text": "A serum bottle on linen",
                    "heading": "Quiet luxury for your skin",
                    "text": "Small-batch formulas, made in Kathmandu.",
                    "cta": {"label": "Shop now", "page": None, "url": "https://example.com/shop/"},
                },
            },
            {
                "type": "product_carousel",
                "value": {"heading": "Featured", "source": "featured", "products": [], "limit": 8},
            },
            {"type": "category_grid", "value": {"heading": "Shop by category", "categories": []}},
            {
                "type": "quote",
                "value": {"quote": "The one bottle I travel with.", "attribution": "A"},
            },
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Find your ritual",
                    "text": "Five questions.",
                    "link": {"label": "Start", "page": None, "url": "https://example.com/quiz/"},
                },
            },
        ]
    )


# Indexing every page for search costs a third of building a store; these tests never search.
NO_SEARCH_INDEXING = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
}


def _ensure_wagtail_roots() -> Page:
    """The rows Wagtail's migrations create, which a transactional test's flush deletes."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))


def build_storefront(categories=("Serums", "Cleansers"), products_per_category=3, stock=10):
    """Build root → HomePage (the default site's root) → "shop" → categories → products.

    Products are live, featured, have `stock` units and one gallery image each. Whatever pages
    and sites existed before (Wagtail's "Welcome" page) are replaced.
    """
    from catalog.tests.factories import (
        CatalogIndexPageFactory,
        ImageFactory,
    )
    from home.tests.factories import HomePageFactory

    with override_settings(WAGTAILSEARCH_BACKENDS=NO_SEARCH_INDEXING):
        root = _ensure_wagtail_roots()
        Site.objects.all().delete()
        for child in root.get_children():
            child.delete()
        home = HomePageFactory(parent=root, body=homepage_body(ImageFactory(title="Hero")))
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Vantor"
        )
        store = Store(site=site, home=home, shop=CatalogIndexPageFactory(parent=home))
        for title in categories:
            add_category(store, title, products_per_category, stock=stock)
    return store


def add_category(store: Store, title: str, products: int, stock: int = 10):
    from catalog.tests.factories import CategoryPageFactory

    with override_settings(WAGTAILSEARCH_BACKENDS=NO_SEARCH_INDEXING):
        category = CategoryPageFactory(parent=store.shop, title=title)
        store.categories.append(category)
        add_products(store, category, products, stock=stock)
    return category


def add_products(store: Store, category, count: int, stock: int = 10) -> list:
    from catalog.tests.factories import ProductPageFactory

    with override_settings(WAGTAILSEARCH_BACKENDS=NO_SEARCH_INDEXING):
        products = [
            ProductPageFactory(parent=category, stock=stock, is_featured=True) for _ in range(count)
        ]
    store.products.extend(products)
    return products


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the default storefront once; each test sees it and rolls its changes back."""
    with django_db_blocker.unblock():
        build_storefront()


@pytest.fixture
def store(db) -> Store:
    """The default storefront (two categories of three products), fetched fresh for this test.

    Transactional tests flush the database when they end, taking the session-built storefront
    with them, so a test that finds it gone (or is transactional itself) builds its own.
    """
    from django.db import connection

    from catalog.models import CatalogIndexPage, CategoryPage, ProductPage
    from home.models import HomePage

    # Non-transactional tests run inside an atomic block that is rolled back afterwards.
    transactional = not connection.in_atomic_block
    if transactional or not HomePage.objects.exists():
        return build_storefront()
    return Store(
        site=Site.objects.get(is_default_site=True),
        home=HomePage.objects.get(),
        shop=CatalogIndexPage.objects.get(),
        categories=list(CategoryPage.objects.order_by("path")),
        products=list(ProductPage.objects.order_by("path").select_related("stock")),
    )


@pytest.fixture
def build_store(db):
    """`build_store(categories=..., products_per_category=..., stock=...)`: a storefront of
    another shape, replacing the default one for this test."""
    return build_storefront
