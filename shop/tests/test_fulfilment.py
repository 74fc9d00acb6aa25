# ruff: noqa: F401, F811 -- fixtures are imported by name, then requested as arguments
"""The staff services: `transition_order` and `set_stock_quantity` (rules, stamps, restock,
validation, audit log), and their row locks raced on real PostgreSQL connections."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction
from django.db.models import F
from wagtail.models import ModelLogEntry

from shop.fulfilment import (
    MAX_STOCK_QUANTITY,
    StockQuantityError,
    set_stock_quantity,
    transition_order,
)
from shop.models import Order, OrderTransitionError, StockRecord
from shop.tests.helpers import make_order, make_user, stock_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user):
    return make_user(email="admin@vantor.example", is_staff=True, is_superuser=True)


# --- transition_order -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("pending", "processing"),
        ("processing", "shipped"),
        ("shipped", "delivered"),
        ("pending", "cancelled"),
        ("processing", "cancelled"),
    ],
)
def test_allowed_transitions(store, make_order, admin, start, target):
    order = make_order([store.products[0]], status=start)

    transition_order(order=order, status=target, user=admin)

    order.refresh_from_db()
    assert order.status == target


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("pending", "shipped"),
        ("pending", "delivered"),
        ("processing", "delivered"),
        ("shipped", "cancelled"),
        ("delivered", "cancelled"),
        ("cancelled", "processing"),
        ("delivered", "shipped"),
        ("pending", "pending"),
        ("pending", "lost"),
    ],
)
def test_refused_transitions_change_nothing(store, make_order, admin, start, target):
    order = make_order([store.products[0]], status=start)

    with pytest.raises(OrderTransitionError):
        transition_order(order=order, status=target, user=admin)

    order.refresh_from_db()
    assert order.status == start
    assert not ModelLogEntry.objects.filter(action="shop.order.status").exists()


def test_transition_returns_the_callers_order_with_the_new_state(store, make_order, admin):
    order = make_order([store.products[0]], status="processing")

    returned = transition_order(order=order, status="shipped", user=admin)

    assert returned is order
    assert order.status == "shipped" and order.shipped_at is not None


def test_shipping_and_delivery_are_stamped(store, make_order, admin):
    order = make_order([store.products[0]], status="processing")

    transition_order(order=order, status="shipped", user=admin)
    assert order.shipped_at is not None and order.delivered_at is None
    transition_order(order=order, status="delivered", user=admin)

    order.refresh_from_db()
    assert order.delivered_at >= order.shipped_at


def test_cash_on_delivery_is_paid_when_delivered(store, make_order, admin):
    order = make_order([store.products[0]], status="shipped", payment_method="cod")

    transition_order(order=order, status="delivered", user=admin)

    order.refresh_from_db()
    assert order.is_paid and order.paid_at == order.delivered_at


def test_an_unpaid_online_order_stays_unpaid_when_delivered(store, make_order, admin):
    order = make_order([store.products[0]], status="shipped", payment_method="bank")

    transition_order(order=order, status="delivered", user=admin)

    order.refresh_from_db()
    assert not order.is_paid and order.paid_at is None


def test_cancelling_restocks_every_line(store, make_order, admin):
    first, second = store.products[:2]
    order = make_order([(first, 3), (second, 1)], status="processing")
    before = stock_of(first), stock_of(second)

    transition_order(order=order, status="cancelled", user=admin)

    assert (stock_of(first), stock_of(second)) == (before[0] + 3, before[1] + 1)


def test_cancelling_twice_restocks_once(store, make_order, admin):
    product = store.products[0]
    order = make_order([(product, 2)])
    stale_copy = Order.objects.get(pk=order.pk)
    transition_order(order=order, status="cancelled", user=admin)

    with pytest.raises(OrderTransitionError):
        transition_order(order=stale_copy, status="cancelled", user=admin)

    assert stock_of(product) == 12


def test_cancelling_an_order_whose_product_was_deleted(store, make_order, admin):
    product = store.products[0]
    order = make_order([(product, 2)])
    product.delete()

    transition_order(order=order, status="cancelled", user=admin)

    assert Order.objects.get(pk=order.pk).status == "cancelled"


def test_each_transition_is_in_the_audit_log(store, make_order, admin):
    order = make_order([store.products[0]])

    transition_order(order=order, status="processing", user=admin)
    transition_order(order=order, status="shipped", user=admin)

    entries = ModelLogEntry.objects.filter(action="shop.order.status").order_by("timestamp")
    assert [(e.data["from"], e.data["to"]) for e in entries] == [
        ("pending", "processing"),
        ("processing", "shipped"),
    ]
    assert all(e.user_id == admin.pk and e.object_id == str(order.pk) for e in entries)
    assert entries[1].message == "Status changed from Processing to Shipped"


def test_transition_arguments_are_keyword_only(store, make_order):
    order = make_order([store.products[0]])

    with pytest.raises(TypeError):
        transition_order(order, "processing")


# --- set_stock_quantity ---------------------------------------------------------------------


def test_setting_stock_saves_and_logs_from_and_to(store, admin):
    record = StockRecord.objects.get(product=store.products[0])

    set_stock_quantity(record=record, quantity=25, user=admin)

    assert stock_of(store.products[0]) == 25
    entry = ModelLogEntry.objects.get(action="shop.stock.quantity")
    assert entry.data == {"from": 10, "to": 25}
    assert (entry.object_id, entry.user_id) == (str(record.pk), admin.pk)
    assert entry.message == "Quantity set from 10 to 25"


def test_setting_stock_returns_the_callers_record_with_the_new_quantity(store, admin):
    record = StockRecord.objects.get(product=store.products[0])

    returned = set_stock_quantity(record=record, quantity=3, user=admin)

    assert returned is record and record.quantity == 3


def test_setting_the_same_quantity_writes_nothing(store, admin):
    record = StockRecord.objects.get(product=store.products[0])
    updated_at = record.updated_at

    set_stock_quantity(record=record, quantity=10, user=admin)

    assert StockRecord.objects.get(pk=record.pk).updated_at == updated_at
    assert not ModelLogEntry.objects.filter(action="shop.stock.quantity").exists()


@pytest.mark.parametrize("quantity", [0, MAX_STOCK_QUANTITY])
def test_stock_may_be_set_to_either_bound(store, admin, quantity):
    record = StockRecord.objects.get(product=store.products[0])

    set_stock_quantity(record=record, quantity=quantity, user=admin)

    assert stock_of(store.products[0]) == quantity


@pytest.mark.parametrize("quantity", [-1, MAX_STOCK_QUANTITY + 1, 2.5, "5", None, True])
def test_a_quantity_out_of_range_or_not_whole_is_refused(store, admin, quantity):
    record = StockRecord.objects.get(product=store.products[0])

    with pytest.raises(StockQuantityError, match="whole number of units"):
        set_stock_quantity(record=record, quantity=quantity, user=admin)

    assert stock_of(store.products[0]) == 10
    assert not ModelLogEntry.objects.filter(action="shop.stock.quantity").exists()


def test_a_refused_quantity_says_the_range(store, admin):
    record = StockRecord.objects.get(product=store.products[0])

    with pytest.raises(StockQuantityError) as refused:
        set_stock_quantity(record=record, quantity=-4, user=admin)

    assert str(refused.value) == ("Enter a whole number of units from 0 to 2,147,483,647; got -4.")


# --- Row locks, on real connections ---------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_staff_cancelling_at_once_restock_once(products, make_order, make_user):
    product = products[0]
    order = make_order([(product, 2)])
    staff = [make_user(email=f"staff{n}@vantor.example", is_staff=True) for n in range(2)]
    barrier = threading.Barrier(2)

    def cancel(user):
        try:
            barrier.wait(timeout=30)
            transition_order(order=Order.objects.get(pk=order.pk), status="cancelled", user=user)
            return "cancelled"
        except OrderTransitionError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(cancel, staff))

    assert outcomes == ["cancelled", "refused"]
    assert stock_of(product) == 12
    assert ModelLogEntry.objects.filter(action="shop.order.status").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_stock_count_waits_for_a_checkout_holding_the_row(products, make_user):
    product = products[0]
    staff = make_user(email="counter@vantor.example", is_staff=True)
    record = StockRecord.objects.get(product=product)
    locked = threading.Event()

    def sell_one_slowly():
        try:
            with transaction.atomic():
                StockRecord.objects.select_for_update().get(pk=record.pk)
                StockRecord.objects.filter(pk=record.pk).update(quantity=F("quantity") - 1)
                locked.set()
                time.sleep(0.5)  # the count arrives while this sale still holds the row
        finally:
            connection.close()

    def count():
        try:
            assert locked.wait(timeout=30)
            seen = StockRecord.objects.get(pk=record.pk)  # 10: the sale is not committed yet
            set_stock_quantity(record=seen, quantity=20, user=staff)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(sell_one_slowly), pool.submit(count)]:
            future.result()

    # The count read the stock after the sale committed (9), not the 10 it saw before the lock.
    entry = ModelLogEntry.objects.get(action="shop.stock.quantity")
    assert entry.data == {"from": 9, "to": 20}
    assert stock_of(product) == 20
