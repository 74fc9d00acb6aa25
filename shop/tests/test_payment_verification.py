# ruff: noqa: F401, F811 -- fixtures are imported by name, then requested as arguments
"""Applying verified payments to orders once, Stripe's signed webhooks, and payment holds that
expire and give their stock back."""

import json
import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import ModelLogEntry

from shop import tasks
from shop.models import Order, OrderStatus, Payment
from shop.payments import PaymentStatus, PaymentUrls, Verification, get_provider
from shop.payments.attempts import start_payment
from shop.payments.verification import expire_unpaid_orders, record_verification
from shop.tests.helpers import make_order, set_stock, stock_of
from shop.tests.payment_fixtures import khalti, stripe_fake
from store.models import StoreSettings
from testing.payment_fakes import stripe_event, stripe_signature_header

pytestmark = pytest.mark.django_db

PAID = Verification(PaymentStatus.PAID, 297500, "TX1", {"status": "Completed"})


@pytest.fixture
def product(store):
    return store.products[0]


@pytest.fixture
def awaiting(product, make_order):
    """An order of one product (2975.00) placed to be paid online, its stock already taken."""
    return make_order([product], status=OrderStatus.AWAITING_PAYMENT, payment_method="khalti")


def attempt(order, reference="pidx-1", provider="khalti"):
    return Payment.objects.create(
        order=order,
        provider=provider,
        amount=order.total,
        amount_minor=int(order.total * 100),
        currency="NPR",
        reference=reference,
    )


def age(order, minutes):
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))


# Recording a verification


def test_paid_verification_marks_payment_and_order_paid_once(awaiting):
    payment = attempt(awaiting)
    order = record_verification(payment=payment, verification=PAID)
    assert order.status == OrderStatus.PENDING
    assert order.is_paid and order.paid_at is not None
    assert order.payment_method == "khalti" and order.payment_id == "pidx-1"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.transaction_id == "TX1"
    assert payment.raw_answers[0]["answer"] == {"status": "Completed"}


def test_replayed_verification_changes_nothing(awaiting):
    payment = attempt(awaiting)
    first = record_verification(payment=payment, verification=PAID)
    payment.refresh_from_db()
    before = (payment.updated_at, payment.paid_at, list(payment.raw_answers))
    second = record_verification(payment=payment, verification=PAID)
    payment.refresh_from_db()
    assert (payment.updated_at, payment.paid_at, payment.raw_answers) == before
    assert (second.paid_at, second.updated_at) == (first.paid_at, first.updated_at)


def test_paid_order_writes_its_status_change_to_the_audit_log(awaiting):
    record_verification(payment=attempt(awaiting), verification=PAID)
    entry = ModelLogEntry.objects.filter(action="shop.order.status").get()
    assert entry.data == {"from": "awaiting_payment", "to": "pending"}


def test_paid_order_sends_confirmation_emails_after_commit(
    awaiting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record_verification(payment=attempt(awaiting), verification=PAID)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([awaiting.email, "hello@vantor.example"])
    with django_capture_on_commit_callbacks(execute=True):
        record_verification(payment=Payment.objects.get(), verification=PAID)
    assert len(mail.outbox) == 2


def test_failed_verification_leaves_the_order_awaiting_payment(awaiting):
    payment = attempt(awaiting)
    failed = Verification(PaymentStatus.CANCELLED, answer={"status": "User canceled"})
    order = record_verification(payment=payment, verification=failed)
    assert order.status == OrderStatus.AWAITING_PAYMENT and not order.is_paid
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED


def test_a_new_attempt_after_a_failed_one_can_pay_the_order(awaiting):
    failed = Verification(PaymentStatus.EXPIRED)
    record_verification(payment=attempt(awaiting, "pidx-1"), verification=failed)
    order = record_verification(payment=attempt(awaiting, "pidx-2"), verification=PAID)
    assert order.is_paid and order.payment_id == "pidx-2"


def test_an_order_has_at_most_one_paid_attempt_in_the_database(awaiting):
    first = attempt(awaiting, "pidx-1")
    Payment.objects.filter(pk=first.pk).update(status=PaymentStatus.PAID)
    second = attempt(awaiting, "pidx-2")
    second.status = PaymentStatus.PAID
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_a_second_attempt_paid_too_is_kept_for_staff_not_lost(awaiting):
    record_verification(payment=attempt(awaiting, "pidx-1"), verification=PAID)
    second = attempt(awaiting, "pidx-2")
    record_verification(payment=second, verification=PAID)
    second.refresh_from_db()
    assert second.status == PaymentStatus.PENDING
    assert "refund one" in second.raw_answers[-1]["note"]
    assert Order.objects.get(pk=awaiting.pk).payment_id == "pidx-1"


def test_provider_references_are_unique_per_provider(awaiting):
    attempt(awaiting, "same")
    attempt(awaiting, "same", provider="esewa")
    with pytest.raises(IntegrityError), transaction.atomic():
        attempt(awaiting, "same")


# Holds


def test_expired_hold_cancels_the_order_and_restocks(awaiting, product):
    set_stock(product, 4)
    age(awaiting, 31)
    assert expire_unpaid_orders() == 1
    awaiting.refresh_from_db()
    assert awaiting.status == OrderStatus.CANCELLED
    assert stock_of(product) == 5
    entry = ModelLogEntry.objects.filter(action="shop.order.status").get()
    assert entry.data == {"from": "awaiting_payment", "to": "cancelled"}


def test_hold_follows_the_store_setting(awaiting, store):
    store_settings = StoreSettings.for_site(store.site)
    store_settings.payment_hold_minutes = 60
    store_settings.save()
    age(awaiting, 45)
    assert expire_unpaid_orders() == 0
    assert expire_unpaid_orders(now=timezone.now() + timedelta(minutes=16)) == 1


def test_orders_within_their_hold_or_not_awaiting_payment_keep_their_stock(make_order, product):
    set_stock(product, 4)
    fresh = make_order([product], status=OrderStatus.AWAITING_PAYMENT)
    cod = make_order([product], status=OrderStatus.PENDING)
    age(cod, 120)
    assert expire_unpaid_orders() == 0
    assert stock_of(product) == 4
    assert {o.status for o in Order.objects.filter(pk__in=[fresh.pk, cod.pk])} == {
        OrderStatus.AWAITING_PAYMENT,
        OrderStatus.PENDING,
    }


def test_expiring_twice_restocks_once(awaiting, product):
    set_stock(product, 4)
    age(awaiting, 31)
    expire_unpaid_orders()
    assert expire_unpaid_orders() == 0
    assert stock_of(product) == 5


def test_payment_verified_after_expiry_is_recorded_and_flagged(awaiting, product):
    payment = attempt(awaiting)
    set_stock(product, 4)
    age(awaiting, 31)
    expire_unpaid_orders()
    order = record_verification(payment=payment, verification=PAID)
    assert order.status == OrderStatus.CANCELLED
    assert order.paid_after_expiry and order.is_paid and order.payment_id == "pidx-1"
    assert Payment.objects.get().status == PaymentStatus.PAID
    assert stock_of(product) == 5  # the stock went back; staff decide to refund or fulfil


def test_command_and_task_expire_holds(make_order, product):
    first = make_order([product], status=OrderStatus.AWAITING_PAYMENT)
    second = make_order([product], status=OrderStatus.AWAITING_PAYMENT)
    age(first, 31)
    out = StringIO()
    call_command("expire_unpaid_orders", stdout=out)
    assert "Cancelled 1 " in out.getvalue()
    age(second, 31)
    result = tasks.expire_unpaid_orders.enqueue()
    assert result.return_value == 1
    assert set(Order.objects.values_list("status", flat=True)) == {OrderStatus.CANCELLED}


def test_webhook_racing_the_return_on_two_connections_pays_once(
    transactional_db, products, make_order
):
    order = make_order([products[0]], status=OrderStatus.AWAITING_PAYMENT)
    payment = attempt(order)
    barrier = threading.Barrier(2)
    errors = []

    def verify():
        try:
            barrier.wait(timeout=30)
            record_verification(payment=Payment.objects.get(pk=payment.pk), verification=PAID)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=verify) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert ModelLogEntry.objects.filter(action="shop.order.status").count() == 1
    assert len(mail.outbox) == 2  # one confirmation, one store notice
    assert len(Payment.objects.get().raw_answers) == 1


# Reconciliation


def khalti_attempt(khalti, order, status, *, minutes_ago=5):
    """An attempt Khalti knows as `status`, started `minutes_ago`."""
    payment = attempt(order, reference=f"pidx-{order.pk}")
    khalti.payments[payment.reference] = {
        "request": {},
        "status": status,
        "total_amount": payment.amount_minor,
        "transaction_id": "TX-RECHECK",
    }
    Payment.objects.filter(pk=payment.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return payment


def test_reconciliation_applies_a_payment_before_its_hold_expires(khalti, awaiting, product):
    set_stock(product, 4)
    khalti_attempt(khalti, awaiting, "Completed")
    age(awaiting, 31)
    result = tasks.reconcile_payments.enqueue()
    assert result.return_value == {"checked": 1, "expired": 0}
    awaiting.refresh_from_db()
    assert awaiting.status == OrderStatus.PENDING and not awaiting.paid_after_expiry
    assert stock_of(product) == 4


def test_reconciliation_leaves_fresh_attempts_to_the_shoppers_return(khalti, awaiting):
    khalti_attempt(khalti, awaiting, "Completed", minutes_ago=0)
    assert tasks.reconcile_payments.enqueue().return_value == {"checked": 0, "expired": 0}
    assert khalti.calls == []


def test_reconciliation_skips_a_provider_that_is_down(khalti, awaiting, product):
    set_stock(product, 4)
    payment = khalti_attempt(khalti, awaiting, "Completed")
    khalti.mode = "down"
    age(awaiting, 31)
    out = StringIO()
    call_command("expire_unpaid_orders", "--recheck", stdout=out)
    assert "Re-checked 0 " in out.getvalue()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.STARTED
    assert Order.objects.get(pk=awaiting.pk).status == OrderStatus.CANCELLED
    assert stock_of(product) == 5


# Stripe webhooks


def post_webhook(body: bytes, signature: str):
    request = RequestFactory().post(
        "/payments/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )
    return get_provider("stripe").webhook(request)


@pytest.fixture
def stripe_attempt(stripe_fake, awaiting, store):
    urls = PaymentUrls(success="http://testserver/return/", failure="http://testserver/cart/")
    payment, _ = start_payment(
        order=awaiting, method="stripe", urls=urls, store=StoreSettings.for_site(store.site)
    )
    return payment


def test_signed_completed_webhook_pays_the_order(stripe_fake, stripe_attempt, settings):
    body = stripe_event("checkout.session.completed", stripe_fake.pay(stripe_attempt.reference))
    response = post_webhook(body, stripe_signature_header(body, settings.STRIPE_WEBHOOK_SECRET))
    assert response.status_code == 200
    order = Order.objects.get(pk=stripe_attempt.order_id)
    assert order.is_paid and order.status == OrderStatus.PENDING
    assert order.payment_method == "stripe" and order.payment_id == stripe_attempt.reference


def test_duplicate_webhook_event_changes_nothing(stripe_fake, stripe_attempt, settings):
    body = stripe_event("checkout.session.completed", stripe_fake.pay(stripe_attempt.reference))
    signature = stripe_signature_header(body, settings.STRIPE_WEBHOOK_SECRET)
    post_webhook(body, signature)
    stripe_attempt.refresh_from_db()
    before = (stripe_attempt.updated_at, list(stripe_attempt.raw_answers))
    response = post_webhook(body, signature)
    assert response.status_code == 200 and b"Already handled" in response.content
    stripe_attempt.refresh_from_db()
    assert (stripe_attempt.updated_at, stripe_attempt.raw_answers) == before


def test_webhook_with_a_bad_signature_is_400_and_changes_nothing(
    stripe_fake, stripe_attempt, settings
):
    body = stripe_event("checkout.session.completed", stripe_fake.pay(stripe_attempt.reference))
    response = post_webhook(body, stripe_signature_header(body, "whsec_someone_else"))
    assert response.status_code == 400
    assert not Order.objects.get(pk=stripe_attempt.order_id).is_paid


def test_webhook_whose_body_was_altered_after_signing_is_400(stripe_fake, stripe_attempt, settings):
    session = stripe_fake.pay(stripe_attempt.reference)
    signature = stripe_signature_header(
        stripe_event("checkout.session.expired", session, "evt_1"), settings.STRIPE_WEBHOOK_SECRET
    )
    forged = stripe_event("checkout.session.completed", session, "evt_1")
    assert post_webhook(forged, signature).status_code == 400
    assert not Order.objects.get(pk=stripe_attempt.order_id).is_paid


def test_completed_webhook_for_an_unpaid_session_leaves_it_pending(
    stripe_fake, stripe_attempt, settings
):
    session = stripe_fake.sessions[stripe_attempt.reference]
    body = stripe_event("checkout.session.completed", json.loads(json.dumps(session)))
    post_webhook(body, stripe_signature_header(body, settings.STRIPE_WEBHOOK_SECRET))
    stripe_attempt.refresh_from_db()
    assert stripe_attempt.status == PaymentStatus.PENDING
    assert not Order.objects.get(pk=stripe_attempt.order_id).is_paid
