# ruff: noqa: F401, F811 -- fixtures are imported by name, then requested as arguments
"""Checkout with an online payment, over real HTTP against the providers' fakes: the order is
held awaiting payment, the shopper goes to the provider, and comes back to a paid order; a
provider that is down leaves the order held with a way to retry or pay on delivery."""

import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import requests
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from shop import payments
from shop.models import Order, OrderStatus, Payment, StockRecord
from shop.payments import PaymentStatus
from shop.tests.helpers import add_to_cart, flash, open_checkout, set_stock, stock_of, submit
from shop.tests.payment_fixtures import esewa, khalti, stripe_fake
from testing.payment_fakes import stripe_event, stripe_signature_header

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(store):
    return store.products[0]


def check_out(client, product, method):
    add_to_cart(client, product)
    _, token = open_checkout(client)
    return submit(client, token, payment_method=method)


def come_back(client, location):
    """Follow the provider's redirect back to our site, as the shopper's browser would."""
    url = urlsplit(location)
    return client.get(url.path, dict(_query_pairs(url.query)))


def _query_pairs(query):
    from urllib.parse import parse_qsl

    return parse_qsl(query, keep_blank_values=True)


def provider_page(url, **kwargs):
    """The provider's hosted page: it answers with a redirect back to our return URL."""
    method = kwargs.pop("method", "GET")
    answer = requests.request(method, url, allow_redirects=False, timeout=5, **kwargs)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def order_page_text(client, order):
    return client.get(reverse("shop:order_detail", args=[order.order_number])).content.decode()


# Khalti


def test_khalti_checkout_holds_the_order_and_redirects_to_khalti(client, khalti, product):
    before = stock_of(product)
    response = check_out(client, product, "khalti")
    order = Order.objects.get()
    payment = order.payments.get()
    assert order.status == OrderStatus.AWAITING_PAYMENT and not order.is_paid
    assert stock_of(product) == before - 1
    assert response.status_code == 302
    assert response.url == f"{khalti.url}/pay/?pidx={payment.reference}"
    sent = khalti.payments[payment.reference]["request"]
    assert sent["return_url"] == (
        f"http://testserver/orders/{order.order_number}/pay/khalti/return/"
    )
    assert mail.outbox == []  # the confirmation waits for the verified payment


def test_khalti_checkout_return_pays_the_order_and_sends_the_emails(
    client, khalti, product, django_capture_on_commit_callbacks
):
    response = check_out(client, product, "khalti")
    with django_capture_on_commit_callbacks(execute=True):
        response = come_back(client, provider_page(response.url))
    order = Order.objects.get()
    assert response.url == reverse("shop:order_detail", args=[order.order_number])
    assert order.status == OrderStatus.PENDING and order.is_paid
    assert order.payment_method == "khalti" and order.payment_id == order.payments.get().reference
    assert len(mail.outbox) == 2
    confirmation = next(message for message in mail.outbox if message.to == [order.email])
    assert "paid with Khalti" in confirmation.body
    assert any("Khalti is confirmed" in message for message in flash(response))
    assert 'data-payment-state="paid"' in order_page_text(client, order)


# eSewa


def test_esewa_checkout_renders_a_signed_form_that_works_without_javascript(client, esewa, product):
    response = check_out(client, product, "esewa")
    order = Order.objects.get()
    payment = order.payments.get()
    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="{esewa.form_url}"' in html
    assert "Continue to eSewa</button>" in html
    assert f'value="{payment.reference}"' in html and 'name="signature"' in html
    assert "<script>" not in html  # the auto-submit is an external module
    assert order.status == OrderStatus.AWAITING_PAYMENT


def test_esewa_checkout_signed_answer_pays_the_order(client, esewa, product):
    response = check_out(client, product, "esewa")
    fields = response.context["start"].form_fields
    location = provider_page(esewa.form_url, method="POST", data=fields)
    come_back(client, location)
    order = Order.objects.get()
    assert order.is_paid and order.status == OrderStatus.PENDING
    assert order.payments.get().status == PaymentStatus.PAID


# Stripe


def test_stripe_checkout_is_paid_by_its_signed_webhook(client, stripe_fake, settings, product):
    response = check_out(client, product, "stripe")
    order = Order.objects.get()
    session_id = order.payments.get().reference
    assert response.url == f"{stripe_fake.url}/c/pay/{session_id}"
    body = stripe_event("checkout.session.completed", stripe_fake.pay(session_id))
    answer = Client().post(
        reverse("shop:stripe_webhook"),
        body,
        content_type="application/json",
        headers={"Stripe-Signature": stripe_signature_header(body, settings.STRIPE_WEBHOOK_SECRET)},
    )
    assert answer.status_code == 200
    order.refresh_from_db()
    assert order.is_paid and order.status == OrderStatus.PENDING


def test_stripe_checkout_return_retrieves_the_session(client, stripe_fake, product):
    response = check_out(client, product, "stripe")
    come_back(client, provider_page(response.url))
    order = Order.objects.get()
    assert order.is_paid and order.payment_id == order.payments.get().reference


# Cash on delivery is as before


def test_cash_on_delivery_is_pending_with_its_emails_at_once(
    client, khalti, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        check_out(client, product, "cod")
    order = Order.objects.get()
    assert order.status == OrderStatus.PENDING and not order.payments.exists()
    assert len(mail.outbox) == 2


# The provider is down when the shopper starts


@pytest.fixture
def held_by_outage(client, khalti, product):
    """A Khalti checkout placed while Khalti was down: the order is held, nothing paid."""
    khalti.mode = "down"
    response = check_out(client, product, "khalti")
    khalti.mode = "up"
    return response, Order.objects.get()


def test_provider_down_at_start_keeps_the_order_held_and_says_so(client, held_by_outage, product):
    response, order = held_by_outage
    assert response.url == reverse("shop:order_detail", args=[order.order_number])
    assert any("could not reach Khalti" in message for message in flash(response))
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert stock_of(product) == 9
    html = order_page_text(client, order)
    assert "Try again</button>" in html and "Pay on delivery instead</button>" in html


def test_retry_after_an_outage_starts_a_new_attempt_and_pays(client, khalti, held_by_outage):
    _, order = held_by_outage
    response = client.post(
        reverse("shop:retry_payment", args=[order.order_number]), {"method": "khalti"}
    )
    assert response.url.startswith(f"{khalti.url}/pay/?pidx=")
    come_back(client, provider_page(response.url))
    order.refresh_from_db()
    assert order.is_paid and order.payments.count() == 2


def test_switching_to_cash_on_delivery_keeps_the_stock_and_sends_the_emails(
    client, held_by_outage, product, django_capture_on_commit_callbacks
):
    _, order = held_by_outage
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("shop:pay_on_delivery", args=[order.order_number]))
    order.refresh_from_db()
    assert order.payment_method == "cod" and order.status == OrderStatus.PENDING
    assert not order.is_paid and stock_of(product) == 9
    assert len(mail.outbox) == 2
    confirmation = next(message for message in mail.outbox if message.to == [order.email])
    assert "Payment: Cash on delivery" in confirmation.body
    assert "Try again</button>" not in order_page_text(client, order)
    assert response.url == reverse("shop:order_detail", args=[order.order_number])


def test_pay_on_delivery_is_not_offered_when_the_store_does_not_take_cash(client, held_by_outage):
    _, order = held_by_outage
    cod = payments._PROVIDERS.pop("cod")
    try:
        assert "Pay on delivery instead" not in order_page_text(client, order)
        client.post(reverse("shop:pay_on_delivery", args=[order.order_number]))
    finally:
        payments.register(cod)
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT and order.payment_method == "khalti"


# Two shoppers racing for the last unit, both paying online


def ready_payer(product):
    client = Client()
    add_to_cart(client, product)
    _, token = open_checkout(client)
    return client, token


@pytest.mark.django_db(transaction=True)
def test_racing_for_the_last_unit_while_paying_the_held_order_keeps_it(khalti, products):
    product = products[0]
    payers = [ready_payer(product) for _ in range(2)]
    StockRecord.objects.filter(product=product).update(quantity=1)
    barrier = threading.Barrier(len(payers))

    def pay(payer):
        client, token = payer
        try:
            barrier.wait(timeout=30)
            response = submit(client, token, payment_method="khalti")
            return client, response.status_code, response.headers.get("Location", "")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(pay, payers))

    held = [o for o in outcomes if o[2].startswith(f"{khalti.url}/pay/")]
    refused = [o for o in outcomes if o not in held]
    assert len(held) == 1 and len(refused) == 1, outcomes
    assert refused[0][1] in (302, 409) and not refused[0][2].startswith(khalti.url)
    order = Order.objects.get()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert StockRecord.objects.get(product=product).quantity == 0
    # The payer comes back paid: still one order, nothing oversold.
    come_back(held[0][0], provider_page(held[0][2]))
    order.refresh_from_db()
    assert order.is_paid and StockRecord.objects.get(product=product).quantity == 0
