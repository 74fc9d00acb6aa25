"""store.wagtail.view_restrictions: the same restrictions as Wagtail's own method, in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from catalog.models import CategoryPage, ProductPage

pytestmark = pytest.mark.django_db


def restrict(page) -> PageViewRestriction:
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def ours_and_wagtails(page) -> tuple[set[int], set[int]]:
    ours = {r.pk for r in page.get_view_restrictions()}
    wagtails = {r.pk for r in Page.get_view_restrictions(page)}
    return ours, wagtails


def test_restricted_parent_restricts_its_children_as_in_wagtail(store):
    expected = restrict(store.categories[0]).pk
    product = ProductPage.objects.get(pk=store.products_of(store.categories[0])[0].pk)
    ours, wagtails = ours_and_wagtails(product)
    assert ours == wagtails == {expected}


def test_restricted_page_itself_as_in_wagtail(store):
    product = ProductPage.objects.get(pk=store.products[0].pk)
    expected = restrict(product).pk
    ours, wagtails = ours_and_wagtails(product)
    assert ours == wagtails == {expected}


def test_unrestricted_page_has_none_as_in_wagtail(store):
    restrict(store.categories[1])
    product = ProductPage.objects.get(pk=store.products_of(store.categories[0])[0].pk)
    ours, wagtails = ours_and_wagtails(product)
    assert ours == wagtails == set()


def test_alias_of_a_restricted_page_as_in_wagtail(store):
    source = CategoryPage.objects.get(pk=store.categories[0].pk)
    expected = restrict(source).pk
    alias = CategoryPage.objects.get(
        pk=source.create_alias(parent=store.home, update_slug="serums-alias").pk
    )
    ours, wagtails = ours_and_wagtails(alias)
    assert ours == wagtails
    assert expected in ours


def test_alias_of_a_page_under_a_restricted_parent_as_in_wagtail(store):
    restrict(store.shop)
    source = CategoryPage.objects.get(pk=store.categories[0].pk)
    alias = CategoryPage.objects.get(
        pk=source.create_alias(parent=store.home, update_slug="serums-alias").pk
    )
    ours, wagtails = ours_and_wagtails(alias)
    assert ours == wagtails


def test_restrictions_cost_one_query(store):
    restrict(store.categories[0])
    product = ProductPage.objects.get(pk=store.products_of(store.categories[0])[0].pk)
    with CaptureQueriesContext(connection) as queries:
        list(product.get_view_restrictions())
    assert len(queries) == 1  # Wagtail's takes two: the ancestors, then their restrictions
