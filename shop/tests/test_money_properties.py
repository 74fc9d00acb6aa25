"""Property tests for money: rounding, totals and the free-shipping threshold hold for any
amounts, not just the ones we thought of."""

from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.models import ProductPage
from shop.models import StockRecord
from shop.pricing import amount_to_free_shipping, shipping_for, tax_for
from shop.tests.helpers import cart_with, place
from store.models import StoreSettings
from store.money import format_money, to_money

CENT = Decimal("0.01")
amounts = st.decimals(min_value=0, max_value=Decimal("1000000"), places=2)
raw_amounts = st.decimals(
    min_value=-Decimal("1000000"), max_value=Decimal("1000000"), allow_nan=False, places=6
)
rates = st.decimals(min_value=0, max_value=100, places=2)


def store_settings(flat=Decimal("150.00"), threshold=Decimal("5000.00"), rate=Decimal("13.00")):
    return StoreSettings(flat_shipping_cost=flat, free_shipping_threshold=threshold, tax_rate=rate)


@given(raw_amounts)
def test_to_money_has_two_places_and_is_within_half_a_cent(value):
    money = to_money(value)
    assert money.as_tuple().exponent == -2
    assert abs(money - value) <= Decimal("0.005")


@given(raw_amounts)
def test_to_money_is_idempotent(value):
    assert to_money(to_money(value)) == to_money(value)


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_to_money_rounds_halves_away_from_zero(cents):
    half = Decimal(cents) / 100 + (Decimal("0.005") if cents >= 0 else Decimal("-0.005"))
    expected = Decimal(cents) / 100 + (CENT if cents >= 0 else -CENT)
    assert to_money(half) == expected


@given(raw_amounts)
def test_format_money_round_trips(value):
    text = format_money(value, "Rs.")
    number = Decimal(text.replace("Rs.", "").replace(",", "").replace(" ", ""))
    assert number == to_money(value)


@given(amounts, amounts, amounts)
def test_shipping_is_free_exactly_at_or_above_the_threshold(subtotal, threshold, flat):
    store = store_settings(flat=flat, threshold=threshold)
    shipping = shipping_for(store, subtotal)
    if subtotal == 0 or (threshold and subtotal >= threshold):
        assert shipping == 0
    else:
        assert shipping == to_money(flat)


@given(amounts, amounts)
def test_amount_to_free_shipping_reaches_the_threshold(subtotal, threshold):
    store = store_settings(threshold=threshold)
    missing = amount_to_free_shipping(store, subtotal)
    assert missing >= 0
    if threshold and subtotal > 0:
        # Spending exactly the missing amount makes shipping free; a cent less does not.
        assert shipping_for(store, subtotal + missing) == 0
        if missing > 0:
            assert shipping_for(store, subtotal + missing - CENT) == shipping_for(store, subtotal)


@given(amounts, amounts, rates)
def test_tax_is_rounded_non_negative_and_monotonic(low, high, rate):
    low, high = sorted((low, high))
    store = store_settings(rate=rate)
    assert tax_for(store, low) >= 0
    assert tax_for(store, low) <= tax_for(store, high)
    assert tax_for(store, low) == to_money(low * rate / 100)


prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
cart_lines = st.lists(
    st.tuples(prices, st.integers(min_value=1, max_value=9)), min_size=1, max_size=3
)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(lines=cart_lines, threshold=amounts, rate=rates)
def test_placed_order_totals_add_up_for_any_cart(store, lines, threshold, rate):
    shop_settings = StoreSettings.for_site(store.site)
    shop_settings.free_shipping_threshold = threshold
    shop_settings.tax_rate = rate
    with transaction.atomic():
        products = []
        for product, (price, _) in zip(store.products, lines, strict=False):
            ProductPage.objects.filter(pk=product.pk).update(price=price)
            product.price = price
            products.append(product)
        order = place(
            cart_with(*[(p, q, price) for p, (price, q) in zip(products, lines, strict=False)]),
            shop_settings,
        )
        items = list(order.items.all())
        subtotal = sum(to_money(price * quantity) for price, quantity in lines)
        assert [item.line_total for item in items] == [item.price * item.quantity for item in items]
        assert order.subtotal == subtotal
        assert order.tax == to_money(subtotal * rate / 100)
        assert order.shipping_cost == shipping_for(shop_settings, subtotal)
        assert order.total == order.subtotal + order.tax + order.shipping_cost
        for product, (_, quantity) in zip(products, lines, strict=False):
            assert StockRecord.objects.get(product=product).quantity == 10 - quantity
        transaction.set_rollback(True)
