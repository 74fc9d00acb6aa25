"""Fixtures of the shop's tests."""

import pytest

from testing.storefront import build_storefront


@pytest.fixture
def products(transactional_db):
    """Three live products with 10 units each, committed where every connection sees them.
    (A flush after an earlier transactional test may have removed the shared storefront.)"""
    return build_storefront(categories=("Serums",), products_per_category=3).products


@pytest.fixture
def product(store):
    return store.products[0]


@pytest.fixture
def other(store):
    return store.products[1]
