"""The search index follows publishing: new words on publish, gone on unpublish."""

import pytest

from catalog.selectors import live_products

pytestmark = pytest.mark.django_db


def found(query: str) -> set[str]:
    return {product.title for product in live_products().search(query)}


def test_publishing_a_new_title_makes_it_findable(catalog):
    product = catalog["Barrier Serum"]
    product.title = "Bakuchiol Barrier Serum"
    product.save_revision().publish()
    assert "Bakuchiol Barrier Serum" in found("bakuchiol")


def test_a_draft_is_not_searchable_until_published(catalog):
    product = catalog["Barrier Serum"]
    product.title = "Squalane Barrier Serum"
    revision = product.save_revision()
    assert found("squalane") == set()
    revision.publish()
    assert found("squalane") == {"Squalane Barrier Serum"}


def test_tags_added_on_publish_are_indexed_at_once(catalog):
    product = catalog["Barrier Serum"]
    product.tags.add("Eczema-prone")
    product.save_revision().publish()
    assert found("eczema") == {"Barrier Serum"}


def test_unpublished_product_drops_out_and_comes_back(catalog):
    product = catalog["Barrier Serum"]
    product.unpublish()
    assert "Barrier Serum" not in found("barrier")
    product.refresh_from_db()
    product.save_revision().publish()
    assert "Barrier Serum" in found("barrier")


def test_deleted_product_leaves_the_index(catalog):
    from wagtail.search.models import IndexEntry

    product = catalog["Barrier Serum"]
    pk = product.pk
    product.delete()
    assert not IndexEntry.objects.filter(object_id=str(pk)).exists()
