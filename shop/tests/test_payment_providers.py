# ruff: noqa: F401, F811 -- fixtures are imported by name, then requested as arguments
"""Khalti, eSewa and Stripe clients against local fakes of their real HTTP APIs: what each
sends, what it believes (only the server-to-server answer), and what an outage looks like."""

import base64
import json
import socket
from urllib.parse import unquote

import pytest
import requests

from shop.models import Order, OrderStatus
from shop.payments import (
    PaymentError,
    PaymentStatus,
    PaymentUrls,
    ProviderUnavailable,
    get_provider,
    payment_choices,
)
from shop.payments.attempts import check_payment, start_payment
from shop.payments.esewa import sign
from shop.tests.helpers import make_order
from shop.tests.payment_fixtures import esewa, khalti, stripe_fake
from store.models import StoreSettings
from testing.payment_fakes import esewa_answer

pytestmark = pytest.mark.django_db

URLS = PaymentUrls(
    success="http://testserver/pay/return/",
    failure="http://testserver/pay/failed/",
    website="http://testserver/",
)


@pytest.fixture
def shop_settings(store):
    return StoreSettings.for_site(store.site)


@pytest.fixture
def awaiting(store, make_order):
    """An order of one product (2975.00 with tax and shipping) placed to be paid online."""
    return make_order([store.products[0]], status=OrderStatus.AWAITING_PAYMENT)


def begin(order, method, shop_settings):
    return start_payment(order=order, method=method, urls=URLS, store=shop_settings)


def assert_unpaid(order):
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert not order.is_paid and order.paid_at is None and order.payment_id == ""


# Which providers are offered


def test_only_cash_on_delivery_is_offered_without_keys(settings):
    settings.KHALTI_SECRET_KEY = ""
    settings.ESEWA_ENABLED = False
    settings.STRIPE_SECRET_KEY = ""
    assert [code for code, _ in payment_choices()] == ["cod"]


def test_khalti_is_offered_with_its_secret_key(khalti):
    assert "khalti" in dict(payment_choices())


def test_esewa_test_merchant_defaults_are_offered_only_when_enabled(settings):
    settings.ESEWA_ENABLED = False
    assert "esewa" not in dict(payment_choices())
    settings.ESEWA_ENABLED = True
    assert "esewa" in dict(payment_choices())


def test_stripe_needs_a_webhook_secret_too(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert "stripe" not in dict(payment_choices())
    settings.STRIPE_WEBHOOK_SECRET = "whsec_x"
    assert "stripe" in dict(payment_choices())


# Khalti


def test_khalti_initiates_on_the_server_in_paisa_and_redirects_to_its_page(
    khalti, awaiting, shop_settings
):
    payment, start = begin(awaiting, "khalti", shop_settings)
    sent = khalti.payments[payment.reference]["request"]
    assert sent["amount"] == 297500 == payment.amount_minor
    assert sent["purchase_order_id"] == str(awaiting.order_number)
    assert sent["return_url"] == URLS.success
    assert sent["customer_info"]["email"] == awaiting.email
    assert start.redirect_url == f"{khalti.url}/pay/?pidx={payment.reference}"
    assert payment.status == PaymentStatus.STARTED and payment.raw_answers


def test_khalti_refuses_less_than_ten_rupees_without_calling(khalti, make_order, shop_settings):
    order = make_order(
        status=OrderStatus.AWAITING_PAYMENT, subtotal=5, tax=0, shipping_cost=0, total=5
    )
    with pytest.raises(PaymentError):
        begin(order, "khalti", shop_settings)
    assert khalti.calls == []


def test_khalti_completed_lookup_of_the_full_amount_pays_the_order(khalti, awaiting, shop_settings):
    payment, _ = begin(awaiting, "khalti", shop_settings)
    khalti.set_outcome(payment.reference, "Completed")
    order = check_payment(payment=payment, data={"pidx": payment.reference})
    assert order.status == OrderStatus.PENDING and order.is_paid
    assert order.payment_method == "khalti" and order.payment_id == payment.reference
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.transaction_id.startswith("TX")


def test_khalti_forged_return_saying_completed_is_not_paid_while_lookup_says_pending(
    khalti, awaiting, shop_settings
):
    payment, _ = begin(awaiting, "khalti", shop_settings)
    khalti.set_outcome(payment.reference, "Pending")
    forged = {"pidx": payment.reference, "status": "Completed", "total_amount": "297500"}
    check_payment(payment=payment, data=forged)
    assert_unpaid(awaiting)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_khalti_completed_for_another_amount_is_not_paid(khalti, awaiting, shop_settings):
    payment, _ = begin(awaiting, "khalti", shop_settings)
    khalti.set_outcome(payment.reference, "Completed", total_amount=1000)
    check_payment(payment=payment)
    assert_unpaid(awaiting)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert "mismatch" in payment.raw_answers[-1]["note"]


@pytest.mark.parametrize(
    ("khalti_status", "ours"),
    [("Expired", PaymentStatus.EXPIRED), ("User canceled", PaymentStatus.CANCELLED)],
)
def test_khalti_http_400_with_a_status_is_a_result_not_a_crash(
    khalti, awaiting, shop_settings, khalti_status, ours
):
    payment, _ = begin(awaiting, "khalti", shop_settings)
    khalti.set_outcome(payment.reference, khalti_status)
    check_payment(payment=payment)
    payment.refresh_from_db()
    assert payment.status == ours
    assert_unpaid(awaiting)


@pytest.mark.parametrize("mode", ["down", "slow"])
def test_khalti_down_or_slow_is_provider_unavailable_and_changes_nothing(
    khalti, awaiting, shop_settings, mode
):
    payment, _ = begin(awaiting, "khalti", shop_settings)
    khalti.set_outcome(payment.reference, "Completed")
    khalti.mode = mode
    with pytest.raises(ProviderUnavailable):
        check_payment(payment=payment)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.STARTED and len(payment.raw_answers) == 1
    assert_unpaid(awaiting)


def test_khalti_unreachable_is_provider_unavailable(khalti, awaiting, shop_settings, settings):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.KHALTI_BASE_URL = f"http://127.0.0.1:{port}/api/v2/"
    with pytest.raises(ProviderUnavailable):
        begin(awaiting, "khalti", shop_settings)


# eSewa


def test_esewa_form_with_a_tampered_amount_is_refused_by_esewa(esewa, awaiting, shop_settings):
    _, start = begin(awaiting, "esewa", shop_settings)
    tampered = {**start.form_fields, "total_amount": "1.00", "amount": "1.00"}
    reply = requests.post(start.form_url, data=tampered, allow_redirects=False, timeout=5)
    assert reply.status_code == 400


def test_esewa_start_gives_a_signed_form_with_a_fresh_uuid_per_attempt(
    esewa, awaiting, shop_settings
):
    first, start = begin(awaiting, "esewa", shop_settings)
    second, _ = begin(awaiting, "esewa", shop_settings)
    assert first.reference != second.reference
    fields = start.form_fields
    assert start.form_url == esewa.form_url and start.redirect_url is None
    assert fields["total_amount"] == "2975.00" and fields["transaction_uuid"] == first.reference
    assert fields["signed_field_names"] == "total_amount,transaction_uuid,product_code"
    names = fields["signed_field_names"].split(",")
    assert fields["signature"] == sign(fields, names, esewa.secret_key)


def test_esewa_form_round_trip_signed_answer_confirmed_by_status_api_pays(
    esewa, awaiting, shop_settings
):
    payment, start = begin(awaiting, "esewa", shop_settings)
    # The shopper's browser posts the form; eSewa redirects back with its signed answer.
    reply = requests.post(start.form_url, data=start.form_fields, allow_redirects=False, timeout=5)
    assert reply.status_code == 302 and reply.headers["Location"].startswith(URLS.success)
    data = reply.headers["Location"].split("data=", 1)[1]
    order = check_payment(payment=payment, data={"data": unquote(data)})
    assert order.is_paid and order.status == OrderStatus.PENDING
    assert order.payment_method == "esewa"


def test_esewa_answer_with_a_bad_signature_is_refused_before_asking_eSewa(
    esewa, awaiting, shop_settings
):
    payment, _ = begin(awaiting, "esewa", shop_settings)
    esewa.set_status(payment.reference, "COMPLETE", 2975.0)
    forged = esewa_answer(
        transaction_uuid=payment.reference, total_amount=2975.0, secret="not-the-key"
    )
    with pytest.raises(PaymentError):
        check_payment(payment=payment, data={"data": forged})
    assert esewa.calls == []
    assert_unpaid(awaiting)


def test_esewa_answer_that_is_not_base64_json_is_refused(esewa, awaiting, shop_settings):
    payment, _ = begin(awaiting, "esewa", shop_settings)
    with pytest.raises(PaymentError):
        check_payment(payment=payment, data={"data": base64.b64encode(b"[1, 2]").decode()})
    assert_unpaid(awaiting)


def test_esewa_signed_answer_about_another_transaction_is_refused(esewa, awaiting, shop_settings):
    payment, _ = begin(awaiting, "esewa", shop_settings)
    other = esewa_answer(transaction_uuid="someone-else", total_amount=2975.0)
    with pytest.raises(PaymentError):
        check_payment(payment=payment, data={"data": other})
    assert_unpaid(awaiting)


def test_esewa_signed_answer_is_not_paid_until_the_status_api_says_complete(
    esewa, awaiting, shop_settings
):
    payment, _ = begin(awaiting, "esewa", shop_settings)
    esewa.set_status(payment.reference, "PENDING", 2975.0)
    answer = esewa_answer(transaction_uuid=payment.reference, total_amount=2975.0)
    decoded = json.loads(base64.b64decode(answer))
    assert decoded["status"] == "COMPLETE"  # what the browser brought says paid
    check_payment(payment=payment, data={"data": answer})
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert_unpaid(awaiting)


def test_esewa_status_api_down_is_provider_unavailable(esewa, awaiting, shop_settings):
    payment, _ = begin(awaiting, "esewa", shop_settings)
    esewa.mode = "down"
    with pytest.raises(ProviderUnavailable):
        check_payment(payment=payment)
    assert_unpaid(awaiting)


# Stripe


def test_stripe_creates_one_checkout_session_per_attempt(stripe_fake, awaiting, shop_settings):
    payment, start = begin(awaiting, "stripe", shop_settings)
    session = stripe_fake.sessions[payment.reference]
    assert session["amount_total"] == 297500 and session["currency"] == "npr"
    assert session["client_reference_id"] == str(awaiting.order_number)
    assert session["success_url"] == URLS.success + "?session_id={CHECKOUT_SESSION_ID}"
    assert start.redirect_url == session["url"]
    # A retried call with the same attempt reuses the session (Stripe's idempotency key).
    again = get_provider("stripe").start(order=awaiting, attempt=payment, urls=URLS)
    assert again.payment_id == payment.reference and len(stripe_fake.sessions) == 1


def test_stripe_session_retrieved_as_paid_pays_the_order(stripe_fake, awaiting, shop_settings):
    payment, _ = begin(awaiting, "stripe", shop_settings)
    stripe_fake.pay(payment.reference)
    order = check_payment(payment=payment, data={"session_id": payment.reference})
    assert order.is_paid and order.status == OrderStatus.PENDING


def test_stripe_open_session_stays_pending(stripe_fake, awaiting, shop_settings):
    payment, _ = begin(awaiting, "stripe", shop_settings)
    check_payment(payment=payment, data={"session_id": payment.reference})
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert_unpaid(awaiting)


def test_stripe_paid_for_another_amount_is_not_paid(stripe_fake, awaiting, shop_settings):
    payment, _ = begin(awaiting, "stripe", shop_settings)
    stripe_fake.pay(payment.reference, amount_total=100)
    check_payment(payment=payment)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert_unpaid(awaiting)


@pytest.mark.parametrize("mode", ["down", "slow"])
def test_stripe_down_or_slow_is_provider_unavailable(stripe_fake, awaiting, shop_settings, mode):
    stripe_fake.mode = mode
    with pytest.raises(ProviderUnavailable):
        begin(awaiting, "stripe", shop_settings)
    assert not Order.objects.get(pk=awaiting.pk).is_paid
