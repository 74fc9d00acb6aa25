# ruff: noqa: F401, F811 -- fixtures are imported by name, then requested as arguments
"""Order fulfilment in the Wagtail admin: list, filters, search, export, inspect, transitions.

The rules of a transition are `transition_order`'s, tested in `test_fulfilment.py`; these
tests check the admin reaches it."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from shop.models import Order, OrderStatus, StockRecord
from shop.tests.helpers import (
    PASSWORD,
    make_order,
    make_user,
    shopper,
    staff_in_group,
)

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_shop_order:list"
INSPECT = "wagtailsnippets_shop_order:inspect"
STATUS = "wagtailsnippets_shop_order:status"


@pytest.fixture
def admin(make_user):
    return make_user(email="admin@vantor.example", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def stock_of(product):
    return StockRecord.objects.get(product=product).quantity


# --- Admin views ----------------------------------------------------------------------------


def test_list_shows_number_date_customer_total_paid_status(admin_client, store, make_order):
    order = make_order([store.products[0]], first_name="Kiran", last_name="Thapa")

    response = admin_client.get(reverse(LIST))

    assert response.status_code == 200
    html = response.content.decode()
    for text in (order.short_number, "Kiran Thapa", order.email, "Rs. 2,975.00", "Pending"):
        assert text in html
    assert reverse(INSPECT, args=[order.pk]) in html


def listed(response):
    return set(response.context["object_list"])


def test_filter_by_status(admin_client, store, make_order):
    pending = make_order([store.products[0]])
    shipped = make_order([store.products[0]], status="shipped")

    response = admin_client.get(reverse(LIST), {"status": "shipped"})

    assert listed(response) == {shipped}
    assert pending not in listed(response)


def test_filter_by_paid(admin_client, store, make_order):
    make_order([store.products[0]])
    paid = make_order([store.products[0]], is_paid=True)

    assert listed(admin_client.get(reverse(LIST), {"is_paid": "true"})) == {paid}


def test_filter_by_payment_method(admin_client, store, make_order):
    make_order([store.products[0]], payment_method="cod")
    other = make_order([store.products[0]], payment_method="bank")

    assert listed(admin_client.get(reverse(LIST), {"payment_method": "cod"})) == (
        set(Order.objects.exclude(pk=other.pk))
    )


def test_filter_by_date(admin_client, store, make_order):
    old = make_order([store.products[0]])
    Order.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))
    new = make_order([store.products[0]])
    since = (timezone.localdate() - timedelta(days=1)).isoformat()

    assert listed(admin_client.get(reverse(LIST), {"created_at_from": since})) == {new}


@pytest.mark.parametrize("field", ["short_number", "email", "last_name", "phone"])
def test_search(admin_client, store, make_order, field):
    wanted = make_order(
        [store.products[0]], email="kiran@example.com", last_name="Thapa", phone="+977 9841234567"
    )
    make_order([store.products[0]])
    query = {
        "short_number": wanted.short_number,
        "email": "kiran@",
        "last_name": "thapa",
        "phone": "9841234567",
    }[field]

    assert listed(admin_client.get(reverse(LIST), {"q": query})) == {wanted}


def test_export_csv_follows_the_filters(admin_client, store, make_order):
    shipped = make_order([store.products[0]], status="shipped")
    make_order([store.products[0]])

    response = admin_client.get(reverse(LIST), {"export": "csv", "status": "shipped"})

    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    assert rows[0]["Order number"] == str(shipped.order_number)
    assert rows[0]["Total"] == "2975.00"


def test_export_xlsx(admin_client, store, make_order):
    order = make_order([store.products[0]])

    response = admin_client.get(reverse(LIST), {"export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    assert "Order number" in headings and "Total" in headings
    assert sheet.cell(row=2, column=headings.index("Order number") + 1).value == str(
        order.order_number
    )


def test_inspect_shows_lines_address_and_actions(admin_client, store, make_order):
    product = store.products[0]
    order = make_order([(product, 2)], address_line1="Jhamsikhel Road 12", status="processing")

    response = admin_client.get(reverse(INSPECT, args=[order.pk]))

    html = response.content.decode()
    assert product.title in html and product.sku in html
    assert "Jhamsikhel Road 12" in html
    assert 'data-transition="shipped"' in html
    assert 'data-transition="cancelled"' in html
    assert 'data-transition="delivered"' not in html
    assert reverse("wagtailsnippets_shop_order:packing_slip", args=[order.pk]) in html


def test_staff_ship_an_order_in_one_post(admin_client, store, make_order, admin):
    order = make_order([store.products[0]], status="processing")

    response = admin_client.post(reverse(STATUS, args=[order.pk]), {"status": "shipped"})

    assert response.status_code == 302
    assert response.url == reverse(INSPECT, args=[order.pk])
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    entry = ModelLogEntry.objects.get(action="shop.order.status")
    assert entry.user == admin


def test_a_refused_transition_says_why(admin_client, store, make_order):
    order = make_order([store.products[0]], status="delivered")

    response = admin_client.post(
        reverse(STATUS, args=[order.pk]), {"status": "cancelled"}, follow=True
    )

    assert "cannot become cancelled" in response.content.decode()
    assert Order.objects.get(pk=order.pk).status == "delivered"


def test_status_view_is_post_only(admin_client, store, make_order):
    order = make_order([store.products[0]])
    response = admin_client.get(reverse(STATUS, args=[order.pk]), {"status": "cancelled"})
    assert response.status_code == 405


def test_cancel_from_the_admin_restocks(admin_client, store, make_order):
    product = store.products[0]
    order = make_order([(product, 4)])

    admin_client.post(reverse(STATUS, args=[order.pk]), {"status": "cancelled"})

    assert stock_of(product) == 14


def test_orders_cannot_be_added_or_deleted_even_by_a_superuser(admin_client, store, make_order):
    order = make_order([store.products[0]])

    assert admin_client.get(reverse("wagtailsnippets_shop_order:add")).status_code in (302, 403)
    response = admin_client.post(reverse("wagtailsnippets_shop_order:delete", args=[order.pk]))
    assert response.status_code in (302, 403)
    assert Order.objects.filter(pk=order.pk).exists()


def test_editing_an_order_cannot_change_money_or_status(admin_client, store, make_order):
    order = make_order([store.products[0]])
    data = {
        "first_name": "Asha",
        "last_name": "Rai",
        "email": "asha@example.com",
        "phone": "+977 9800000001",
        "address_line1": "New Road 1",
        "address_line2": "",
        "city": "Kathmandu",
        "state_province": "",
        "postal_code": "",
        "country": "NP",
        "notes": "",
        "total": "1.00",
        "subtotal": "1.00",
        "status": "delivered",
        "is_paid": "on",
    }

    response = admin_client.post(reverse("wagtailsnippets_shop_order:edit", args=[order.pk]), data)

    assert response.status_code == 302
    saved = Order.objects.get(pk=order.pk)
    assert saved.address_line1 == "New Road 1"
    assert (saved.total, saved.subtotal, saved.status, saved.is_paid) == (
        order.total,
        order.subtotal,
        "pending",
        False,
    )


def test_packing_slip(admin_client, store, make_order):
    product = store.products[0]
    order = make_order([(product, 3)], notes="Leave with the guard")

    response = admin_client.get(reverse("wagtailsnippets_shop_order:packing_slip", args=[order.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert product.title in html and "Leave with the guard" in html
    assert "@media print" in html
