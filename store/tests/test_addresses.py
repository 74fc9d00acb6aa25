"""One address definition for orders and profiles."""

from accounts.forms import ProfileForm
from accounts.models import Profile
from shop.forms import CheckoutForm
from shop.models import Order
from store.addresses import ADDRESS_FIELDS, AUTOCOMPLETE, COUNTRIES, DEFAULT_COUNTRY


def test_orders_and_profiles_share_the_address_columns():
    for name in ADDRESS_FIELDS:
        order_field, profile_field = Order._meta.get_field(name), Profile._meta.get_field(name)
        assert order_field.max_length == profile_field.max_length
        assert order_field.verbose_name == profile_field.verbose_name


def test_an_order_needs_an_address_a_profile_does_not():
    assert not Order._meta.get_field("address_line1").blank
    assert not Order._meta.get_field("city").blank
    assert Profile._meta.get_field("address_line1").blank
    assert Profile._meta.get_field("city").blank


def test_both_offer_the_countries_we_ship_to_with_nepal_first():
    for model in (Order, Profile):
        field = model._meta.get_field("country")
        assert field.choices == COUNTRIES
        assert field.default == DEFAULT_COUNTRY == COUNTRIES[0][0]


def test_checkout_and_profile_forms_give_browsers_the_same_autocomplete_tokens():
    checkout = CheckoutForm()

    for name in ADDRESS_FIELDS:
        assert checkout.fields[name].widget.attrs["autocomplete"] == AUTOCOMPLETE[name]
        assert ProfileForm._meta.widgets[name].attrs["autocomplete"] == AUTOCOMPLETE[name]
