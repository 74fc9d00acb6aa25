"""The cart's session data: quantities as typed, and sessions that were tampered with."""

from decimal import Decimal

import pytest
from django.urls import reverse

from shop.cart import Cart, CartError, parse_quantity
from shop.tests.helpers import FakeSession, put_in_session, session_cart, set_stock

pytestmark = pytest.mark.django_db


# Quantities


@pytest.mark.parametrize("raw", ["1", "42", " 7 ", "99"])
def test_parse_quantity_accepts_whole_numbers_in_range(raw):
    assert parse_quantity(raw) == int(raw)


@pytest.mark.parametrize("raw", [None, "", "0", "-1", "1.5", "1e2", "100", "9" * 40])
def test_parse_quantity_refuses_anything_else(raw):
    with pytest.raises(CartError):
        parse_quantity(raw)


def test_parse_quantity_accepts_zero_when_allowed():
    assert parse_quantity("0", allow_zero=True) == 0


# A session that was tampered with


@pytest.mark.parametrize("quantity", ["2", 2.5, True, -3, 0, None, [2]])
def test_line_with_a_quantity_that_is_not_a_positive_int_is_dropped(product, quantity):
    session = FakeSession(cart={str(product.pk): {"quantity": quantity, "price": "2500.00"}})
    assert Cart(session).count == 0


@pytest.mark.parametrize("key", ["abc", "-1", "1.0", ""])
def test_line_with_a_key_that_is_not_a_product_id_is_dropped(key):
    assert Cart(FakeSession(cart={key: {"quantity": 1, "price": "1.00"}})).count == 0


@pytest.mark.parametrize("raw", ["not a dict", ["a", "list"], 7, None])
def test_cart_that_is_not_a_mapping_is_empty(raw):
    assert Cart(FakeSession(cart=raw)).count == 0


def test_quantity_above_the_per_line_maximum_is_capped_on_load(product):
    session = FakeSession(cart={str(product.pk): {"quantity": 10_000, "price": "2500.00"}})
    assert Cart(session).count == 99


@pytest.mark.parametrize("price", ["garbage", "NaN", "Infinity", "sNaN", None, [], "1e999"])
def test_garbage_seen_price_shows_the_cart_at_the_database_price(client, product, price):
    put_in_session(client, {str(product.pk): {"quantity": 1, "price": price}})
    response = client.get(reverse("shop:cart"))
    assert response.status_code == 200
    assert response.context["totals"].subtotal == Decimal("2500.00")


@pytest.mark.parametrize("price", ["garbage", "NaN", "Infinity"])
def test_garbage_seen_price_is_replaced_by_the_database_price(client, product, price):
    put_in_session(client, {str(product.pk): {"quantity": 1, "price": price}})
    client.get(reverse("shop:cart"))
    assert session_cart(client) == {str(product.pk): {"quantity": 1, "price": "2500.00"}}


def test_unknown_product_ids_are_dropped_with_a_notice(product):
    session = FakeSession(cart={"999999": {"quantity": 1, "price": "1.00"}})
    contents = Cart(session).contents()
    assert contents.lines == []
    assert contents.notices == ["An item in your cart is no longer available and was removed."]
    assert session["cart"] == {}


def test_quantity_above_stock_is_lowered_to_the_stock_with_a_notice(product):
    set_stock(product, 2)
    session = FakeSession(cart={str(product.pk): {"quantity": 5, "price": "2500.00"}})
    contents = Cart(session).contents()
    assert contents.lines[0].quantity == 2
    assert contents.notices == [f"Only 2 of {product.title} left; we changed your cart to 2."]
    assert session["cart"][str(product.pk)]["quantity"] == 2


def test_product_sold_out_since_adding_is_removed_with_a_notice(product):
    session = FakeSession(cart={str(product.pk): {"quantity": 1, "price": "2500.00"}})
    set_stock(product, 0)
    contents = Cart(session).contents()
    assert contents.lines == []
    assert contents.notices == [f"{product.title} has sold out and was removed from your cart."]
