"""What the cart hands to pricing (its requested lines) and the corrections it takes back."""

from decimal import Decimal

import pytest

from shop.cart import Cart
from shop.pricing import LineProblem, RequestedLine
from shop.tests.helpers import FakeSession

pytestmark = pytest.mark.django_db


def test_requested_lines_are_in_product_id_order_with_the_seen_price(product, other):
    first, second = sorted((product, other), key=lambda p: p.pk)
    session = FakeSession(
        cart={
            str(second.pk): {"quantity": 1, "price": "900.00"},
            str(first.pk): {"quantity": 2, "price": "garbage"},
        }
    )
    assert Cart(session).requested_lines() == [
        RequestedLine(first.pk, 2, None),
        RequestedLine(second.pk, 1, Decimal("900.00")),
    ]


def test_apply_drops_lines_that_are_gone_or_sold_out(product, other):
    session = FakeSession(
        cart={
            str(product.pk): {"quantity": 1, "price": "2500.00"},
            str(other.pk): {"quantity": 1, "price": "2500.00"},
        }
    )
    cart = Cart(session)
    cart.apply(
        [
            LineProblem(product.pk, LineProblem.GONE, "gone"),
            LineProblem(other.pk, LineProblem.SOLD_OUT, "sold out"),
        ]
    )
    assert session["cart"] == {}


def test_apply_caps_a_short_line_at_what_is_available(product):
    session = FakeSession(cart={str(product.pk): {"quantity": 5, "price": "2500.00"}})
    Cart(session).apply([LineProblem(product.pk, LineProblem.SHORT, "short", available=2)])
    assert session["cart"][str(product.pk)]["quantity"] == 2


def test_apply_records_the_new_price_as_seen(product):
    session = FakeSession(cart={str(product.pk): {"quantity": 1, "price": "2500.00"}})
    problem = LineProblem(
        product.pk, LineProblem.PRICE_CHANGED, "changed", available=9, price=Decimal("2800.00")
    )
    Cart(session).apply([problem])
    assert session["cart"][str(product.pk)] == {"quantity": 1, "price": "2800.00"}
