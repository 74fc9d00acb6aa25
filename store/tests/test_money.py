from decimal import Decimal

import pytest

from store.models import StoreSettings
from store.money import format_money, to_money


def test_to_money_rounds_half_up():
    assert to_money("2.345") == Decimal("2.35")


def test_to_money_rounds_negative_half_away_from_zero():
    assert to_money("-2.345") == Decimal("-2.35")


def test_to_money_keeps_floats_at_their_decimal_value():
    assert to_money(0.125) == Decimal("0.13")


def test_to_money_refuses_what_is_not_an_amount():
    with pytest.raises(ValueError, match="Not an amount"):
        to_money("two thousand")


def test_format_money_groups_thousands_with_two_places():
    assert format_money(Decimal("2500")) == "Rs. 2,500.00"


def test_format_money_puts_the_sign_before_the_symbol():
    assert format_money("-10", "$") == "-$ 10.00"


def store_settings(**overrides) -> StoreSettings:
    # Unsaved: the rules are plain methods and need no database.
    values = {
        "flat_shipping_cost": Decimal("150.00"),
        "free_shipping_threshold": Decimal("5000.00"),
        "tax_rate": Decimal("13.00"),
    }
    return StoreSettings(**(values | overrides))


def test_shipping_is_flat_below_the_threshold():
    assert store_settings().shipping_for(Decimal("4999.99")) == Decimal("150.00")


def test_shipping_is_free_at_the_threshold():
    assert store_settings().shipping_for(Decimal("5000.00")) == Decimal("0.00")


def test_shipping_is_never_free_when_the_threshold_is_zero():
    settings = store_settings(free_shipping_threshold=Decimal("0"))
    assert settings.shipping_for(Decimal("100000")) == Decimal("150.00")


def test_empty_cart_costs_no_shipping():
    assert store_settings().shipping_for(Decimal("0")) == Decimal("0.00")


def test_amount_to_free_shipping_is_the_difference_to_the_threshold():
    assert store_settings().amount_to_free_shipping(Decimal("3800")) == Decimal("1200.00")


def test_amount_to_free_shipping_never_goes_negative():
    assert store_settings().amount_to_free_shipping(Decimal("9000")) == Decimal("0.00")


def test_tax_is_the_rate_of_the_subtotal_rounded_half_up():
    # 13% of 0.50 is 0.065: half up gives 0.07 where banker's rounding would give 0.06.
    assert store_settings().tax_for(Decimal("0.50")) == Decimal("0.07")


def test_tax_uses_the_rate_from_store_settings():
    assert store_settings(tax_rate=Decimal("5")).tax_for(Decimal("2500")) == Decimal("125.00")


@pytest.mark.django_db
def test_store_settings_default_to_nepal_rupees_with_13_percent_tax(store):
    settings = StoreSettings.for_site(store.site)
    assert (settings.currency_symbol, settings.tax_rate) == ("Rs.", Decimal("13.00"))
