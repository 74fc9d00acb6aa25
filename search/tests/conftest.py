"""A small catalog with known words, tags, prices and stock, for search tests."""

import json
from dataclasses import dataclass, field
from decimal import Decimal

import pytest


@dataclass
class SearchCatalog:
    store: object
    serums: object
    cleansers: object
    products: dict = field(default_factory=dict)

    def __getitem__(self, title):
        return self.products[title]


def ingredients_stream(*names: str) -> str:
    return json.dumps(
        [
            {
                "type": "key_ingredients",
                "value": {
                    "heading": "Key ingredients",
                    "ingredients": [{"name": name, "description": ""} for name in names],
                },
            }
        ]
    )


PRODUCTS = [
    # title, category, price, stock, tags, short description, ingredients, sku
    (
        "Vitamin C Serum Duo",
        "serums",
        "4200.00",
        10,
        ["Dullness"],
        "Two bottles of vitamin C serum for bright skin: vitamin C serum, twice the vitamin C.",
        ["Ascorbic acid"],
        "VT-DUO-01",
    ),
    (
        "Vitamin C Serum",
        "serums",
        "4200.00",
        10,
        ["Dullness", "Normal skin"],
        "A bright serum for tired skin.",
        ["Ascorbic acid"],
        "VT-VCS-01",
    ),
    (
        "Niacinamide Serum",
        "serums",
        "3600.00",
        0,
        ["Oily skin", "Blemishes"],
        "Refines the look of pores on oily skin.",
        ["Niacinamide", "Zinc PCA"],
        "VT-NIA-01",
    ),
    (
        "Barrier Serum",
        "serums",
        "5400.00",
        4,
        ["Dry skin"],
        "Comfort for dry, tight skin.",
        ["Ceramide NP"],
        "VT-BAR-01",
    ),
    (
        "Cloud Milk Cleanser",
        "cleansers",
        "1800.00",
        12,
        ["Dry skin", "Sensitive skin"],
        "A milky wash that leaves skin soft.",
        ["Oat milk"],
        "VT-CMC-01",
    ),
    (
        "Clarity Gel Cleanser",
        "cleansers",
        "2200.00",
        7,
        ["Oily skin"],
        "A clear gel that clears congested skin.",
        ["Salicylic acid"],
        "VT-CGC-01",
    ),
]


@pytest.fixture
def build_catalog(build_store):
    from catalog.tests.factories import ProductPageFactory

    def build(extra_products: int = 0) -> SearchCatalog:
        store = build_store(categories=("Serums", "Cleansers"), products_per_category=0)
        serums, cleansers = store.categories
        catalog = SearchCatalog(store=store, serums=serums, cleansers=cleansers)
        by_slug = {"serums": serums, "cleansers": cleansers}
        for title, category, price, stock, tags, short, ingredients, sku in PRODUCTS:
            product = ProductPageFactory(
                parent=by_slug[category],
                title=title,
                price=Decimal(price),
                stock=stock,
                short_description=short,
                ingredients=ingredients_stream(*ingredients),
                sku=sku,
            )
            product.tags.add(*tags)
            # Tags are committed with the page, so index it (again) once they are there.
            product.save_revision().publish()
            catalog.products[title] = product
        for number in range(extra_products):
            ProductPageFactory(
                parent=serums,
                title=f"Filler Serum {number}",
                short_description="Another serum for every skin.",
            )
        return catalog

    return build


@pytest.fixture
def catalog(build_catalog):
    return build_catalog()


@pytest.fixture(autouse=True)
def _fresh_search_cache():
    """Cached matches belong to one test's database rows."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
