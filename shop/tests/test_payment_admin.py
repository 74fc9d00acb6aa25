# ruff: noqa: F401, F811 -- fixtures are imported by name, then requested as arguments
"""Payments in the order admin: the inspect page lists attempts; staff re-check a pending one,
mark a cash order paid and record refunds; list filters for paid-after-expiry and every
registered payment method."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from shop.fulfilment import PaymentActionError, record_refund
from shop.models import Order, OrderStatus, Payment
from shop.payments import PaymentStatus
from shop.tests.helpers import make_order, make_user, staff_in_group, stock_of
from shop.tests.payment_fixtures import khalti

pytestmark = pytest.mark.django_db

INSPECT = "wagtailsnippets_shop_order:inspect"
LIST = "wagtailsnippets_shop_order:list"


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(email="admin@vantor.example", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def product(store):
    return store.products[0]


@pytest.fixture
def khalti_order(make_order, product):
    return make_order([product], status=OrderStatus.AWAITING_PAYMENT, payment_method="khalti")


def attempt(order, reference="pidx-1", status=PaymentStatus.STARTED):
    return Payment.objects.create(
        order=order,
        provider=order.payment_method,
        amount=order.total,
        amount_minor=int(order.total * 100),
        currency="NPR",
        reference=reference,
        status=status,
    )


def paid(order):
    Order.objects.filter(pk=order.pk).update(is_paid=True, status=OrderStatus.PENDING)
    order.refresh_from_db()
    return order


def test_inspect_lists_the_attempts_with_reference_amount_and_status(admin_client, khalti_order):
    attempt(khalti_order, "pidx-first", PaymentStatus.CANCELLED)
    attempt(khalti_order, "pidx-second", PaymentStatus.PENDING)
    html = admin_client.get(reverse(INSPECT, args=[khalti_order.pk])).content.decode()
    for text in ("pidx-first", "pidx-second", "Cancelled", "Pending", "2975.00 NPR", "Khalti"):
        assert text in html
    assert html.count("data-recheck=") == 1  # only the open attempt


def test_recheck_asks_khalti_and_records_the_payment(admin_client, khalti, khalti_order):
    payment = attempt(khalti_order)
    pidx = "pidx-recheck"
    khalti.payments[pidx] = {
        "request": {},
        "status": "Completed",
        "total_amount": payment.amount_minor,
        "transaction_id": "TXADMIN",
    }
    Payment.objects.filter(pk=payment.pk).update(reference=pidx)
    response = admin_client.post(
        reverse("wagtailsnippets_shop_order:recheck_payment", args=[payment.pk])
    )
    assert response.url == reverse(INSPECT, args=[khalti_order.pk])
    khalti_order.refresh_from_db()
    assert khalti_order.is_paid and khalti_order.status == OrderStatus.PENDING
    entry = ModelLogEntry.objects.filter(action="shop.order.payment").get()
    assert entry.data["action"] == "recheck" and entry.data["status"] == PaymentStatus.PAID


def test_recheck_of_a_settled_attempt_changes_nothing(admin_client, khalti, khalti_order):
    payment = attempt(khalti_order, status=PaymentStatus.FAILED)
    admin_client.post(reverse("wagtailsnippets_shop_order:recheck_payment", args=[payment.pk]))
    assert khalti.calls == []
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED


def test_mark_cash_order_paid_stamps_it_and_logs(admin_client, make_order, product):
    order = make_order([product])
    admin_client.post(reverse("wagtailsnippets_shop_order:mark_paid", args=[order.pk]))
    order.refresh_from_db()
    assert order.is_paid and order.paid_at is not None
    assert ModelLogEntry.objects.filter(action="shop.order.payment").get().data == {
        "action": "mark_paid"
    }


def test_mark_paid_refuses_an_order_paid_online(admin_client, khalti_order):
    admin_client.post(reverse("wagtailsnippets_shop_order:mark_paid", args=[khalti_order.pk]))
    khalti_order.refresh_from_db()
    assert not khalti_order.is_paid


def test_refund_with_restock_cancels_and_puts_the_units_back(admin_client, khalti_order, product):
    payment = attempt(khalti_order, status=PaymentStatus.PAID)
    order = paid(khalti_order)
    before = stock_of(product)
    admin_client.post(
        reverse("wagtailsnippets_shop_order:refund", args=[order.pk]), {"restock": "on"}
    )
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED and not order.is_paid
    assert payment.status == PaymentStatus.REFUNDED
    assert stock_of(product) == before + 1


def test_refund_without_restock_leaves_the_stock(admin_client, khalti_order, product):
    order = paid(khalti_order)
    before = stock_of(product)
    admin_client.post(reverse("wagtailsnippets_shop_order:refund", args=[order.pk]))
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED and stock_of(product) == before


def test_refund_of_an_order_paid_after_expiry_never_restocks_twice(khalti_order, product):
    Order.objects.filter(pk=khalti_order.pk).update(
        status=OrderStatus.CANCELLED, is_paid=True, paid_after_expiry=True
    )
    before = stock_of(product)
    order = record_refund(order=khalti_order, restock=True)
    assert stock_of(product) == before
    assert not order.paid_after_expiry and not order.is_paid


def test_refund_of_an_unpaid_order_is_refused(khalti_order):
    with pytest.raises(PaymentActionError):
        record_refund(order=khalti_order, restock=True)


def test_viewer_without_change_permission_cannot_act(client, staff_in_group, make_order, product):
    order = make_order([product])
    viewer = staff_in_group("Fulfilment")
    viewer.groups.clear()
    client.force_login(viewer)
    response = client.post(reverse("wagtailsnippets_shop_order:mark_paid", args=[order.pk]))
    assert response.status_code in (302, 403)
    order.refresh_from_db()
    assert not order.is_paid


def test_filter_paid_after_expiry(admin_client, make_order, product):
    flagged = make_order([product], status=OrderStatus.CANCELLED, paid_after_expiry=True)
    other = make_order([product], first_name="Other")
    html = admin_client.get(reverse(LIST), {"paid_after_expiry": "true"}).content.decode()
    assert flagged.short_number in html and other.short_number not in html


def test_payment_method_filter_lists_every_registered_provider(admin_client, settings):
    settings.KHALTI_SECRET_KEY = ""
    settings.STRIPE_SECRET_KEY = ""
    html = admin_client.get(reverse(LIST)).content.decode()
    for code in ("cod", "khalti", "esewa", "stripe"):
        assert f'value="{code}"' in html
