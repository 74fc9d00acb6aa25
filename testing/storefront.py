"""The storefront the tests shop in: a site tree built with factories.

`build_storefront()` makes root → HomePage → shop → categories → products; the root conftest
builds the default one once per run, and tests that need another shape call it themselves.
"""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.test import override_settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site


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
