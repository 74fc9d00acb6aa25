"""Trap 1: stock is inventory, not content. Page revisions must never carry it."""

import pytest

from shop.models import StockRecord

pytestmark = pytest.mark.django_db


def stock_of(product) -> int:
    return StockRecord.objects.get(product=product).quantity


def test_every_new_product_gets_a_stock_record_with_no_units(store):
    from catalog.tests.factories import ProductPageFactory

    product = ProductPageFactory.build(title="Rose Water Toner", sku="VT-ROSE", price=900)
    store.categories[0].add_child(instance=product)
    assert stock_of(product) == 0


def test_revision_content_does_not_hold_stock(store):
    product = store.products[0]
    revision = product.save_revision()
    assert not {"stock", "stock_quantity", "quantity"} & set(revision.content)


def test_publishing_old_revision_keeps_stock(store):
    product = store.products[0]
    StockRecord.objects.filter(product=product).update(quantity=7)
    old_revision = product.save_revision()
    StockRecord.objects.filter(product=product).update(quantity=2)

    old_revision.publish()

    assert stock_of(product) == 2


def test_publishing_old_revision_restores_its_content(store):
    # The control for the test above: publishing the old revision did take effect.
    product = store.products[0]
    old_revision = product.save_revision()
    product.title = "Renamed serum"
    product.save_revision().publish()

    old_revision.publish()

    product.refresh_from_db()
    assert product.title != "Renamed serum"


def test_reverting_to_old_revision_keeps_stock(store):
    product = store.products[0]
    StockRecord.objects.filter(product=product).update(quantity=9)
    old_revision = product.save_revision()
    product.short_description = "New copy"
    product.save_revision().publish()
    StockRecord.objects.filter(product=product).update(quantity=1)

    # What the admin's "revert" does: a new revision from the old one's content, then publish.
    old_revision.as_object().save_revision().publish()

    assert stock_of(product) == 1


def test_publishing_a_draft_saved_before_a_sale_keeps_the_sale(store):
    product = store.products[0]
    product.title = "Draft title"
    draft = product.save_revision()
    StockRecord.objects.filter(product=product).update(quantity=3)  # a sale after the draft

    draft.publish()

    assert stock_of(product) == 3


def test_stock_cannot_go_below_zero(store):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        StockRecord.objects.filter(product=store.products[0]).update(quantity=-1)
