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


@pytest.mark.django_db
def test_store_settings_default_to_nepal_rupees_with_13_percent_tax(store):
    settings = StoreSettings.for_site(store.site)
    assert (settings.currency_symbol, settings.tax_rate) == ("Rs.", Decimal("13.00"))
