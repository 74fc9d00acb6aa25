"""The payment provider interface: a registry keyed by method code, cash on delivery built in,
and a new provider plugging in without any change to order placement."""

import pytest
from django.urls import reverse

from shop import payments
from shop.models import Order
from shop.tests.helpers import add_to_cart, open_checkout, submit

pytestmark = pytest.mark.django_db


class HostedPayment(payments.PaymentProvider):
    """A stand-in for Khalti or Stripe: sends the shopper to a hosted payment page."""

    code = "hosted"
    label = "Card (hosted page)"
    description = "Pay on the provider's page."

    def start(self, *, order, request=None):
        return payments.PaymentStart(redirect_url=f"https://pay.example/{order.order_number}")


@pytest.fixture
def hosted():
    provider = payments.register(HostedPayment())
    yield provider
    payments._PROVIDERS.pop(provider.code)


def test_cash_on_delivery_is_registered_and_needs_nothing_online():
    provider = payments.get_provider("cod")
    assert isinstance(provider, payments.CashOnDelivery)
    assert provider.start(order=Order()) == payments.PaymentStart()
    assert ("cod", "Cash on delivery") in payments.payment_choices()


def test_unknown_method_is_a_payment_error():
    with pytest.raises(payments.PaymentError):
        payments.get_provider("bitcoin")


def test_a_registered_provider_is_offered_and_its_start_decides_the_redirect(client, store, hosted):
    product = store.products[0]
    add_to_cart(client, product)
    response, token = open_checkout(client)
    assert 'value="hosted"' in response.content.decode()
    response = submit(client, token, payment_method="hosted")
    order = Order.objects.get()
    assert order.payment_method == "hosted"
    assert response.url == f"https://pay.example/{order.order_number}"
    # The confirmation page still works for the shopper coming back.
    assert client.get(reverse("shop:order_detail", args=[order.order_number])).status_code == 200
