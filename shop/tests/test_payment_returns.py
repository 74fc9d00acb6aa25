# ruff: noqa: F401, F811 -- fixtures are imported by name, then requested as arguments
"""The shopper's return from a provider, over real HTTP against the fakes: the stored attempt
is checked with the provider (never the query), replays change nothing, only the session that
placed the order may use it, and Stripe's webhook is signed and handled once per event."""

from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from django.test import Client
from django.urls import reverse

from shop.models import Order, OrderStatus, ProviderEvent
from shop.payments import PaymentStatus
from shop.payments.selectors import payment_state
from shop.tests.helpers import (
    add_to_cart,
    flash,
    make_order,
    make_user,
    open_checkout,
    stock_of,
    submit,
)
from shop.tests.payment_fixtures import esewa, khalti, stripe_fake
from testing.payment_fakes import esewa_answer, stripe_event, stripe_signature_header

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(store):
    return store.products[0]


@pytest.fixture
def started(client, khalti, product):
    """A shopper sent to Khalti: (order, its attempt)."""
    add_to_cart(client, product)
    _, token = open_checkout(client)
    submit(client, token, payment_method="khalti")
    order = Order.objects.get()
    return order, order.payments.get()


def return_url(order, provider="khalti"):
    return reverse("shop:payment_return", args=[order.order_number, provider])


def order_html(client, order):
    return client.get(reverse("shop:order_detail", args=[order.order_number])).content.decode()


def khalti_return(client, order, payment, status="Completed"):
    query = {"pidx": payment.reference, "status": status, "total_amount": payment.amount_minor}
    return client.get(return_url(order), query)


# Khalti


def test_forged_completed_return_while_khalti_says_pending_shows_pending(client, khalti, started):
    order, payment = started
    khalti.set_outcome(payment.reference, "Pending")
    response = khalti_return(client, order, payment, status="Completed")
    order.refresh_from_db()
    assert not order.is_paid and order.status == OrderStatus.AWAITING_PAYMENT
    assert any("checking with Khalti" in message for message in flash(response))
    assert "We are checking with Khalti" in order_html(client, order)


def test_cancelled_payment_shows_failed_with_try_again_and_pay_on_delivery(client, khalti, started):
    order, payment = started
    khalti.set_outcome(payment.reference, "User canceled")
    response = khalti_return(client, order, payment, status="User canceled")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED
    assert any("did not go through" in message for message in flash(response))
    html = order_html(client, order)
    assert "Try again</button>" in html and "Pay on delivery instead</button>" in html


def test_replayed_return_asks_nothing_and_changes_nothing(client, khalti, started):
    order, payment = started
    khalti.set_outcome(payment.reference, "Completed")
    khalti_return(client, order, payment)
    payment.refresh_from_db()
    order.refresh_from_db()
    before = (payment.updated_at, list(payment.raw_answers), order.paid_at, order.updated_at)
    calls = len(khalti.calls)
    response = khalti_return(client, order, payment)
    payment.refresh_from_db()
    order.refresh_from_db()
    assert (payment.updated_at, payment.raw_answers, order.paid_at, order.updated_at) == before
    assert len(khalti.calls) == calls
    assert response.url == reverse("shop:order_detail", args=[order.order_number])


def test_return_for_another_amount_is_not_paid(client, khalti, started):
    order, payment = started
    khalti.set_outcome(payment.reference, "Completed", total_amount=1000)
    khalti_return(client, order, payment)
    order.refresh_from_db()
    assert not order.is_paid
    assert order.payments.get().status == PaymentStatus.FAILED


def test_khalti_down_on_return_records_nothing_and_says_it_keeps_checking(client, khalti, started):
    order, payment = started
    khalti.set_outcome(payment.reference, "Completed")
    khalti.mode = "down"
    response = khalti_return(client, order, payment)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.STARTED
    assert any("keep checking" in message for message in flash(response))


@pytest.mark.parametrize("name", ["payment_return", "retry_payment", "pay_on_delivery"])
def test_another_session_gets_404_and_changes_nothing(khalti, started, name):
    order, payment = started
    khalti.set_outcome(payment.reference, "Completed")
    stranger = Client()
    if name == "payment_return":
        response = stranger.get(return_url(order), {"pidx": payment.reference})
    else:
        response = stranger.post(reverse(f"shop:{name}", args=[order.order_number]))
    assert response.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT and order.payment_method == "khalti"
    assert not order.is_paid


def test_the_owner_signed_in_elsewhere_may_return(khalti, product, make_user):
    user = make_user()
    shopper = Client()
    shopper.force_login(user)
    add_to_cart(shopper, product)
    _, token = open_checkout(shopper)
    submit(shopper, token, payment_method="khalti")
    order = Order.objects.get()
    payment = order.payments.get()
    khalti.set_outcome(payment.reference, "Completed")
    elsewhere = Client()
    elsewhere.force_login(user)
    khalti_return(elsewhere, order, payment)
    order.refresh_from_db()
    assert order.is_paid


def test_return_for_a_provider_the_order_never_used_is_404(client, started):
    order, _ = started
    assert client.get(return_url(order, "esewa")).status_code == 404


def test_retry_after_the_hold_expired_is_refused(client, khalti, started, product):
    order, _ = started
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.CANCELLED)
    response = client.post(
        reverse("shop:retry_payment", args=[order.order_number]), {"method": "khalti"}
    )
    assert any("cannot be paid" in message for message in flash(response))
    assert order.payments.count() == 1


# eSewa


@pytest.fixture
def esewa_started(client, esewa, product):
    add_to_cart(client, product)
    _, token = open_checkout(client)
    submit(client, token, payment_method="esewa")
    order = Order.objects.get()
    return order, order.payments.get()


def test_esewa_forged_data_is_refused_and_nothing_is_paid(client, esewa, esewa_started):
    order, payment = esewa_started
    esewa.set_status(payment.reference, "COMPLETE", float(payment.amount))
    forged = esewa_answer(
        transaction_uuid=payment.reference, total_amount=float(payment.amount), secret="wrong"
    )
    response = client.get(return_url(order, "esewa"), {"data": forged})
    order.refresh_from_db()
    assert not order.is_paid
    assert any("could not confirm" in message for message in flash(response))


def test_esewa_failure_return_shows_the_payment_failed(client, esewa, esewa_started):
    order, payment = esewa_started
    esewa.set_status(payment.reference, "CANCELED", float(payment.amount))
    client.get(return_url(order, "esewa"))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED
    assert "Payment not completed" in order_html(client, order)


# Stripe's webhook


@pytest.fixture
def stripe_started(client, stripe_fake, product):
    add_to_cart(client, product)
    _, token = open_checkout(client)
    submit(client, token, payment_method="stripe")
    order = Order.objects.get()
    return order, order.payments.get()


def post_event(body, secret):
    return Client().post(
        reverse("shop:stripe_webhook"),
        body,
        content_type="application/json",
        headers={"Stripe-Signature": stripe_signature_header(body, secret)},
    )


def test_duplicate_webhook_is_handled_once(stripe_fake, stripe_started, settings):
    order, payment = stripe_started
    body = stripe_event("checkout.session.completed", stripe_fake.pay(payment.reference))
    assert post_event(body, settings.STRIPE_WEBHOOK_SECRET).content == b"Recorded."
    payment.refresh_from_db()
    before = (payment.updated_at, list(payment.raw_answers))
    assert post_event(body, settings.STRIPE_WEBHOOK_SECRET).content == b"Already handled."
    payment.refresh_from_db()
    assert (payment.updated_at, payment.raw_answers) == before
    assert ProviderEvent.objects.count() == 1


def test_webhook_with_a_bad_signature_is_refused(stripe_fake, stripe_started):
    order, payment = stripe_started
    body = stripe_event("checkout.session.completed", stripe_fake.pay(payment.reference))
    assert post_event(body, "whsec_forged").status_code == 400
    order.refresh_from_db()
    assert not order.is_paid


def test_webhook_needs_no_csrf_token(stripe_fake, stripe_started, settings):
    _, payment = stripe_started
    body = stripe_event("checkout.session.completed", stripe_fake.pay(payment.reference))
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("shop:stripe_webhook"),
        body,
        content_type="application/json",
        headers={"Stripe-Signature": stripe_signature_header(body, settings.STRIPE_WEBHOOK_SECRET)},
    )
    assert response.status_code == 200


# How the order page reads an order's payment (the selector)


def test_an_attempt_that_never_reached_the_provider_reads_as_failed(khalti, make_order, product):
    order = make_order([product], status=OrderStatus.AWAITING_PAYMENT, payment_method="khalti")
    order.payments.create(provider="khalti", amount=order.total, amount_minor=1, currency="NPR")
    state = payment_state(order)
    assert state.state == "failed" and state.can_retry and state.cod_allowed


def test_a_started_attempt_with_a_reference_reads_as_pending(khalti, make_order, product):
    order = make_order([product], status=OrderStatus.AWAITING_PAYMENT, payment_method="khalti")
    order.payments.create(
        provider="khalti", amount=order.total, amount_minor=1, currency="NPR", reference="p"
    )
    assert payment_state(order).state == "pending"


def test_a_cash_order_reads_as_on_delivery_with_nothing_to_retry(make_order, product):
    state = payment_state(make_order([product]))
    assert state.state == "on_delivery" and not state.can_retry
