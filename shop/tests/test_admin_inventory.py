# ruff: noqa: F401, F811 -- fixtures are imported by name, then requested as arguments
"""Inventory and the dashboard in the Wagtail admin, and what each staff group may do."""

import re

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from shop.models import StockRecord
from shop.tests.helpers import (
    PASSWORD,
    make_order,
    make_user,
    shopper,
    staff_in_group,
)
from store.models import StoreSettings

pytestmark = pytest.mark.django_db

STOCK_LIST = "wagtailsnippets_shop_stockrecord:list"
STOCK_EDIT = "wagtailsnippets_shop_stockrecord:edit"


@pytest.fixture
def fulfilment_client(client, staff_in_group):
    client.force_login(staff_in_group("Fulfilment"))
    return client


@pytest.fixture
def editor_client(client, staff_in_group):
    client.force_login(staff_in_group("Editors"))
    return client


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(email="admin@vantor.example", is_staff=True, is_superuser=True))
    return client


def set_stock(product, quantity):
    StockRecord.objects.filter(product=product).update(quantity=quantity)


# --- Inventory ------------------------------------------------------------------------------


def test_stock_list_sorts_by_quantity(fulfilment_client, store):
    for quantity, product in zip([7, 2, 9, 0, 4, 5], store.products, strict=True):
        set_stock(product, quantity)

    ascending = fulfilment_client.get(reverse(STOCK_LIST), {"ordering": "quantity"})
    descending = fulfilment_client.get(reverse(STOCK_LIST), {"ordering": "-quantity"})

    assert [r.quantity for r in ascending.context["object_list"]] == [0, 2, 4, 5, 7, 9]
    assert [r.quantity for r in descending.context["object_list"]] == [9, 7, 5, 4, 2, 0]


def test_low_stock_filter_uses_the_store_threshold(fulfilment_client, store):
    settings = StoreSettings.for_site(store.site)
    settings.low_stock_threshold = 3
    settings.save()
    set_stock(store.products[0], 3)
    set_stock(store.products[1], 0)

    response = fulfilment_client.get(reverse(STOCK_LIST), {"low_stock": "true"})

    assert {r.product_id for r in response.context["object_list"]} == {
        store.products[0].pk,
        store.products[1].pk,
    }


def test_quantity_is_edited_inline_and_logged(fulfilment_client, store):
    product = store.products[0]
    record = StockRecord.objects.get(product=product)
    listing = fulfilment_client.get(reverse(STOCK_LIST)).content.decode()
    action = reverse("wagtailsnippets_shop_stockrecord:set_quantity", args=[record.pk])
    assert f'action="{action}"' in listing

    response = fulfilment_client.post(action, {"quantity": "25", "next": reverse(STOCK_LIST)})

    assert response.status_code == 302
    record.refresh_from_db()
    assert record.quantity == 25
    entry = ModelLogEntry.objects.get(action="shop.stock.quantity")
    assert entry.data == {"from": 10, "to": 25}
    assert entry.object_id == str(record.pk)


@pytest.mark.parametrize("value", ["-1", "many", ""])
def test_quantity_must_be_a_whole_number(fulfilment_client, store, value):
    record = StockRecord.objects.get(product=store.products[0])

    fulfilment_client.post(
        reverse("wagtailsnippets_shop_stockrecord:set_quantity", args=[record.pk]),
        {"quantity": value},
    )

    record.refresh_from_db()
    assert record.quantity == 10
    assert not ModelLogEntry.objects.filter(action="shop.stock.quantity").exists()


def test_inline_form_says_the_largest_quantity_it_takes(fulfilment_client, store):
    record = StockRecord.objects.get(product=store.products[0])

    response = fulfilment_client.post(
        reverse("wagtailsnippets_shop_stockrecord:set_quantity", args=[record.pk]),
        {"quantity": "3000000000"},
        follow=True,
    )

    assert "from 0 to 2,147,483,647" in response.content.decode()
    record.refresh_from_db()
    assert record.quantity == 10


def test_edit_view_saves_through_the_stock_service(fulfilment_client, store):
    record = StockRecord.objects.get(product=store.products[0])

    response = fulfilment_client.post(reverse(STOCK_EDIT, args=[record.pk]), {"quantity": "7"})

    assert response.status_code == 302
    record.refresh_from_db()
    assert record.quantity == 7
    entry = ModelLogEntry.objects.get(action="shop.stock.quantity")
    assert entry.data == {"from": 10, "to": 7}
    # One entry that says what changed, not Wagtail's generic "edited" beside it.
    assert not ModelLogEntry.objects.filter(action="wagtail.edit").exists()


def test_edit_view_refuses_a_negative_quantity_on_the_field(fulfilment_client, store):
    record = StockRecord.objects.get(product=store.products[0])

    response = fulfilment_client.post(reverse(STOCK_EDIT, args=[record.pk]), {"quantity": "-3"})

    assert response.status_code == 200
    assert response.context["form"].errors["quantity"] == [
        "Enter a whole number of units from 0 to 2,147,483,647; got -3."
    ]
    record.refresh_from_db()
    assert record.quantity == 10
    assert not ModelLogEntry.objects.filter(action="shop.stock.quantity").exists()


def test_stock_records_cannot_be_deleted(fulfilment_client, store):
    record = StockRecord.objects.get(product=store.products[0])
    fulfilment_client.post(reverse("wagtailsnippets_shop_stockrecord:delete", args=[record.pk]))
    assert StockRecord.objects.filter(pk=record.pk).exists()


# --- The product editor's stock panel -------------------------------------------------------


def test_product_editor_links_to_the_screen_that_changes_its_stock(admin_client, store):
    product = store.products[0]
    record = StockRecord.objects.get(product=product)
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[product.pk]))
    link = re.search(r'<a href="([^"]+)" data-stock-edit>', editor.content.decode())

    assert link and link.group(1) == reverse(STOCK_EDIT, args=[record.pk])
    screen = admin_client.get(link.group(1))
    assert screen.status_code == 200
    assert 'name="quantity"' in screen.content.decode()
    assert screen.context["object"] == record


def test_product_editor_offers_no_stock_link_to_editors_who_cannot_change_stock(
    editor_client, store
):
    product = store.products[0]

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[product.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "10 units in stock." in html
    assert "data-stock-edit" not in html
    assert "Fulfilment staff change it in the inventory." in html


# --- Dashboard ------------------------------------------------------------------------------


def test_dashboard_panel_for_fulfilment(fulfilment_client, store, make_order):
    make_order([store.products[0]])
    make_order([store.products[0]], status="processing")
    make_order([store.products[0]], status="shipped")
    make_order([store.products[0]], status="cancelled")
    set_stock(store.products[1], 1)

    html = fulfilment_client.get(reverse("wagtailadmin_home")).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())

    assert "2 orders waiting to ship" in text
    assert "Rs. 8,925.00 in sales today (3 orders)" in text  # the cancelled one not counted
    assert f"{store.products[1].title}: 1" in text


def test_dashboard_panel_hidden_from_editors(editor_client, store):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "waiting to ship" not in html


# --- Groups ---------------------------------------------------------------------------------


def test_fulfilment_can_list_and_inspect_orders(fulfilment_client, store, make_order):
    order = make_order([store.products[0]])
    assert fulfilment_client.get(reverse("wagtailsnippets_shop_order:list")).status_code == 200
    inspect = reverse("wagtailsnippets_shop_order:inspect", args=[order.pk])
    assert fulfilment_client.get(inspect).status_code == 200


def test_fulfilment_can_ship(fulfilment_client, store, make_order):
    order = make_order([store.products[0]], status="processing")
    fulfilment_client.post(
        reverse("wagtailsnippets_shop_order:status", args=[order.pk]), {"status": "shipped"}
    )
    order.refresh_from_db()
    assert order.status == "shipped"


def test_fulfilment_cannot_edit_pages(fulfilment_client, store):
    response = fulfilment_client.get(reverse("wagtailadmin_pages:edit", args=[store.home.pk]))
    assert response.status_code in (302, 403)


def test_editors_cannot_list_orders(editor_client, store, make_order):
    order = make_order([store.products[0]])

    assert editor_client.get(reverse("wagtailsnippets_shop_order:list")).status_code in (302, 403)
    inspect = reverse("wagtailsnippets_shop_order:inspect", args=[order.pk])
    assert editor_client.get(inspect).status_code in (302, 403)
    assert editor_client.get(reverse(STOCK_LIST)).status_code in (302, 403)


def test_editors_cannot_change_an_order_status(editor_client, store, make_order):
    order = make_order([store.products[0]])

    response = editor_client.post(
        reverse("wagtailsnippets_shop_order:status", args=[order.pk]), {"status": "cancelled"}
    )

    assert response.status_code in (302, 403)
    order.refresh_from_db()
    assert order.status == "pending"


def test_editors_can_edit_pages_and_images(editor_client, store):
    assert (
        editor_client.get(reverse("wagtailadmin_pages:edit", args=[store.home.pk])).status_code
        == 200
    )
    assert editor_client.get(reverse("wagtailimages:index")).status_code == 200


def test_shoppers_cannot_reach_the_admin(client, shopper, store, make_order):
    order = make_order([store.products[0]])
    client.force_login(shopper)
    response = client.get(reverse("wagtailsnippets_shop_order:inspect", args=[order.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
