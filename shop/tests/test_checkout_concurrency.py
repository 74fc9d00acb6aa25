"""Checkout under real concurrency: threads on their own PostgreSQL connections, committing.

Row locks only mean something across connections, so these tests are transactional (pytest-django
runs them after the rolled-back tests, and flushes the database after each) and every buyer runs
in a thread with Django's per-thread connection.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.test import Client

from shop.models import Order, OrderItem, StockRecord
from shop.tests.helpers import add_to_cart, open_checkout, submit

pytestmark = pytest.mark.django_db(transaction=True)


def set_stock(products, quantity: int) -> None:
    StockRecord.objects.filter(product__in=products).update(quantity=quantity)


def ready_buyer(products, quantity=1) -> tuple[Client, str]:
    """A shopper with `products` in the cart and the checkout page open."""
    client = Client()
    for product in products:
        add_to_cart(client, product, quantity)
    _, token = open_checkout(client)
    return client, token


def race(buyers) -> list:
    """Submit every buyer's checkout at the same moment; return each outcome."""
    barrier = threading.Barrier(len(buyers))

    def buy(buyer):
        client, token = buyer
        try:
            barrier.wait(timeout=30)
            response = submit(client, token)
            return response.status_code, response.headers.get("Location", "")
        except Exception as error:  # a view that raised: what a shopper sees as a 500
            return 500, repr(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(buyers)) as pool:
        return list(pool.map(buy, buyers))


def placed(outcomes) -> list:
    return [o for o in outcomes if o[0] == 302 and o[1].startswith("/orders/")]


def test_twelve_buyers_racing_for_the_last_three_units_make_three_orders(products):
    product = products[0]
    buyers = [ready_buyer([product]) for _ in range(12)]
    set_stock([product], 3)

    outcomes = race(buyers)

    assert all(status < 500 for status, _ in outcomes), outcomes
    assert len(placed(outcomes)) == 3
    assert Order.objects.count() == 3
    assert OrderItem.objects.aggregate(units=Sum("quantity"))["units"] == 3
    assert StockRecord.objects.get(product=product).quantity == 0
    # The others were told: their checkout came back (409) or, cart now empty, went to the cart.
    refused = [o for o in outcomes if o not in placed(outcomes)]
    assert len(refused) == 9
    assert all(status in (302, 409) for status, _ in refused)


def test_buyers_of_several_products_never_deadlock_or_oversell(products):
    first, second, third = products[:3]
    # Carts add products in different orders; placement locks them in id order regardless.
    buyers = [ready_buyer([first, second, third][:: 1 if n % 2 else -1], 2) for n in range(10)]
    set_stock([first, second, third], 7)

    outcomes = race(buyers)

    assert all(status < 500 for status, _ in outcomes), outcomes
    assert len(placed(outcomes)) == 3  # 3 × 2 units of each fit in 7; a fourth would need 8
    assert list(
        StockRecord.objects.filter(product__in=[first, second, third]).values_list(
            "quantity", flat=True
        )
    ) == [1, 1, 1]


def test_a_double_click_on_two_connections_places_one_order(products):
    product = products[0]
    set_stock([product], 5)
    client, token = ready_buyer([product])
    twin = Client()
    twin.cookies = client.cookies  # the same browser session, submitting twice

    outcomes = race([(client, token), (twin, token)])

    assert Order.objects.count() == 1
    order = Order.objects.get()
    assert [o[1] for o in outcomes] == [f"/orders/{order.order_number}/"] * 2
    assert StockRecord.objects.get(product=product).quantity == 4


def test_database_refuses_negative_stock_on_its_own(products):
    product = products[0]
    set_stock([product], 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockRecord.objects.filter(product=product).update(quantity=F("quantity") - 2)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockRecord.objects.filter(product=product).update(quantity=-1)
    assert StockRecord.objects.get(product=product).quantity == 1
