"""Orders after placement: who may see them, history that never changes, database rules,
status transitions and the email task's retries."""

import smtplib
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from shop import tasks
from shop.models import Order, OrderItem, OrderStatus, StockRecord
from shop.tests.helpers import ADDRESS, add_to_cart, cart_with, open_checkout, place, submit
from store.models import StoreSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop_settings(store):
    return StoreSettings.for_site(store.site)


@pytest.fixture
def product(store):
    return store.products[0]


def order_url(order) -> str:
    return reverse("shop:order_detail", args=[order.order_number])


def checkout_as_guest(client, product) -> Order:
    add_to_cart(client, product)
    _, token = open_checkout(client)
    submit(client, token)
    return Order.objects.latest("created_at")


# Who may see an order


def test_confirmation_shows_number_lines_totals_address_status_and_next_steps(client, product):
    order = checkout_as_guest(client, product)
    html = client.get(order_url(order)).content.decode()
    assert str(order.order_number) in html
    assert product.title in html
    assert "Rs. 2,975.00" in html  # 2500 + 150 shipping + 325 tax
    assert "Jhamsikhel Road 12" in html and "Nepal" in html
    assert "Pending" in html
    assert "What happens next" in html and "cash" in html


def test_another_session_gets_404(client, product):
    order = checkout_as_guest(client, product)
    assert Client().get(order_url(order)).status_code == 404


def test_another_signed_in_user_gets_404(client, product):
    order = checkout_as_guest(client, product)
    stranger = Client()
    stranger.force_login(get_user_model().objects.create_user("x@example.com", "pw-long-1-x"))
    assert stranger.get(order_url(order)).status_code == 404


def test_signed_in_owner_sees_the_order_from_any_session(client, product):
    user = get_user_model().objects.create_user("owner@example.com", "pw-long-1-x")
    client.force_login(user)
    order = checkout_as_guest(client, product)
    elsewhere = Client()
    elsewhere.force_login(user)
    assert elsewhere.get(order_url(order)).status_code == 200


def test_unknown_order_number_is_404(client, store):
    url = reverse("shop:order_detail", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(url).status_code == 404


def test_malformed_order_number_is_404(client, store):
    assert client.get("/orders/not-a-uuid/").status_code == 404


# History never changes


def test_renaming_and_repricing_a_product_never_changes_a_past_order(product, shop_settings):
    order = place(cart_with((product, 2)), shop_settings)
    old_title, old_slug, old_sku = product.title, product.slug, product.sku
    product.title, product.slug, product.sku = "Renamed", "renamed", "VT-NEW"
    product.price = Decimal("9999.00")
    product.save_revision().publish()
    item = OrderItem.objects.get(order=order)
    assert (item.product_name, item.product_slug, item.sku) == (old_title, old_slug, old_sku)
    assert item.price == Decimal("2500.00")
    order.refresh_from_db()
    assert order.subtotal == Decimal("5000.00")


def test_deleting_a_product_never_changes_a_past_order(product, shop_settings):
    order = place(cart_with((product, 2)), shop_settings)
    product_id, title = product.pk, product.title
    product.delete()
    item = OrderItem.objects.get(order=order)
    assert (item.product_id, item.product_name, item.quantity) == (product_id, title, 2)
    order.refresh_from_db()
    assert order.total == Decimal("5650.00")


# Database rules


def order_kwargs(**changes):
    values = {
        **{key: value for key, value in ADDRESS.items() if key != "payment_method"},
        "payment_method": "cod",
        "subtotal": Decimal("100.00"),
        "tax": Decimal("13.00"),
        "shipping_cost": Decimal("150.00"),
        "total": Decimal("263.00"),
    }
    values.update(changes)
    return values


def refused(**changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        Order.objects.create(**order_kwargs(**changes))


def test_database_accepts_a_consistent_order(store):
    Order.objects.create(**order_kwargs())


def test_database_refuses_a_total_that_is_not_the_sum(store):
    refused(total=Decimal("262.99"))


@pytest.mark.parametrize("field", ["subtotal", "tax", "shipping_cost"])
def test_database_refuses_negative_money(store, field):
    amounts = {
        "subtotal": Decimal("100.00"),
        "tax": Decimal("13.00"),
        "shipping_cost": Decimal("150.00"),
    }
    amounts[field] = -amounts[field]
    refused(**amounts, total=sum(amounts.values()))


def test_database_refuses_a_line_with_no_quantity(store):
    order = Order.objects.create(**order_kwargs())
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderItem.objects.create(
            order=order,
            product_id=1,
            product_name="X",
            product_slug="x",
            sku="X",
            price=Decimal("10.00"),
            quantity=0,
            line_total=Decimal("0.00"),
        )


def test_database_refuses_a_line_total_that_is_not_price_times_quantity(store):
    order = Order.objects.create(**order_kwargs())
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderItem.objects.create(
            order=order,
            product_id=1,
            product_name="X",
            product_slug="x",
            sku="X",
            price=Decimal("10.00"),
            quantity=2,
            line_total=Decimal("19.00"),
        )


def test_database_refuses_a_second_order_with_the_same_checkout_token(store):
    Order.objects.create(**order_kwargs(checkout_token="t"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Order.objects.create(**order_kwargs(checkout_token="t"))


def test_database_refuses_negative_stock(product):
    with pytest.raises(IntegrityError), transaction.atomic():
        StockRecord.objects.filter(product=product).update(quantity=-1)


# Status transitions


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (OrderStatus.PENDING, OrderStatus.PROCESSING, True),
        (OrderStatus.PENDING, OrderStatus.CANCELLED, True),
        (OrderStatus.PENDING, OrderStatus.SHIPPED, False),
        (OrderStatus.PROCESSING, OrderStatus.SHIPPED, True),
        (OrderStatus.SHIPPED, OrderStatus.DELIVERED, True),
        (OrderStatus.SHIPPED, OrderStatus.CANCELLED, False),
        (OrderStatus.DELIVERED, OrderStatus.CANCELLED, False),
        (OrderStatus.CANCELLED, OrderStatus.PENDING, False),
    ],
)
def test_can_transition_to(current, target, allowed):
    assert Order(status=current).can_transition_to(target) is allowed


# Emails


class FlakyBackend:
    """An email backend whose server is down for the first `failures` sends."""

    failures = 0
    sent: list = []

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("connection refused")
        FlakyBackend.sent.extend(messages)
        return len(messages)


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = "shop.tests.test_orders.FlakyBackend"
    FlakyBackend.sent = []
    yield FlakyBackend
    FlakyBackend.failures = 0


def test_mail_server_down_loses_no_order_and_the_email_is_retried(
    product, shop_settings, flaky_mail, django_capture_on_commit_callbacks
):
    flaky_mail.failures = 2
    with django_capture_on_commit_callbacks(execute=True):
        order = place(cart_with((product, 1)), shop_settings)
    assert Order.objects.filter(pk=order.pk).exists()
    # The first email failed twice and went out on its third attempt; the second at once.
    assert sorted(message.to[0] for message in flaky_mail.sent) == sorted(
        [order.email, shop_settings.contact_email]
    )


def test_email_retries_are_bounded(product, shop_settings, flaky_mail):
    order = place(cart_with((product, 1)), shop_settings)
    flaky_mail.failures = 100
    result = tasks.send_order_email.enqueue(
        str(order.order_number), "confirmation", shop_settings.site_id
    )
    assert flaky_mail.sent == []
    assert flaky_mail.failures == 100 - tasks.MAX_ATTEMPTS
    assert result.status == "SUCCESSFUL"  # the first attempt handed over to its retry


def test_new_order_email_goes_to_the_store_contact_address(product, shop_settings):
    order = place(cart_with((product, 2)), shop_settings)
    mail.outbox = []
    tasks.send_order_email.enqueue(str(order.order_number), "new_order", shop_settings.site_id)
    message = mail.outbox[0]
    assert message.to == [shop_settings.contact_email]
    assert message.reply_to == [order.email]
    assert product.sku in message.body and "Rs. 5,650.00" in message.body
    assert product.title in message.alternatives[0][0]
