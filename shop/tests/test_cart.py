"""Every rule of the session cart, through its HTTP endpoints and the `Cart` service."""

from decimal import Decimal

import pytest
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.context_processors import cart as cart_context
from shop.tests.helpers import (
    JSON,
    add,
    flash,
    post,
    put_in_session,
    session_cart,
    set_stock,
    update,
)
from store.models import StoreSettings

pytestmark = pytest.mark.django_db

# Endpoints


@pytest.mark.parametrize(
    ("name", "needs_product"),
    [("cart_add", True), ("cart_update", True), ("cart_remove", True), ("cart_clear", False)],
)
def test_cart_changing_endpoints_refuse_get(client, product, name, needs_product):
    url = reverse(f"shop:{name}", args=[product.pk] if needs_product else [])
    assert client.get(url).status_code == 405


def test_cart_page_refuses_post(client, store):
    assert client.post(reverse("shop:cart")).status_code == 405


def test_add_without_csrf_token_is_forbidden_and_changes_nothing(product):
    client = Client(enforce_csrf_checks=True)
    response = add(client, product, 1)
    assert response.status_code == 403
    assert session_cart(client) == {}


def test_add_with_csrf_token_is_accepted(product):
    client = Client(enforce_csrf_checks=True)
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    response = post(client, "cart_add", product, {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert session_cart(client)[str(product.pk)]["quantity"] == 1


# Adding


def test_add_without_quantity_adds_one(client, product):
    add(client, product)
    assert session_cart(client)[str(product.pk)]["quantity"] == 1


def test_session_holds_quantity_and_seen_price_by_product_id(client, product):
    add(client, product, 2)
    assert session_cart(client) == {str(product.pk): {"quantity": 2, "price": "2500.00"}}


def test_adding_again_adds_to_the_line(client, product):
    add(client, product, 2)
    add(client, product, 3)
    assert session_cart(client)[str(product.pk)]["quantity"] == 5


@pytest.mark.parametrize(
    "quantity", ["abc", "-1", "0", "1.5", "", " ", "1e2", "99999999999999999999", "100"]
)
def test_add_with_a_quantity_that_is_not_a_whole_number_in_range_changes_nothing(
    client, product, quantity
):
    add(client, product, 1)
    response = add(client, product, quantity)
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert session_cart(client)[str(product.pk)]["quantity"] == 1


@pytest.mark.parametrize("quantity", ["abc", "-1", "1.5", "99999999999999999999"])
def test_add_with_a_bad_quantity_without_javascript_redirects_with_an_error(
    client, product, quantity
):
    response = add(client, product, quantity, json=False)
    assert response.status_code == 302
    assert "whole number" in flash(response)[0]
    assert session_cart(client) == {}


def test_add_more_than_stock_is_capped_with_a_message(client, product):
    set_stock(product, 3)
    response = add(client, product, 5)
    assert session_cart(client)[str(product.pk)]["quantity"] == 3
    assert response.json()["message"] == f"Only 3 of {product.title} available; your cart has 3."


def test_add_when_the_line_already_holds_all_the_stock_is_refused(client, product):
    set_stock(product, 2)
    add(client, product, 2)
    response = add(client, product, 1)
    assert response.status_code == 400
    assert session_cart(client)[str(product.pk)]["quantity"] == 2


def test_add_is_capped_at_the_per_line_maximum(client, product, settings):
    settings.CART_MAX_QUANTITY_PER_LINE = 5
    set_stock(product, 50)
    add(client, product, 4)
    add(client, product, 4)
    assert session_cart(client)[str(product.pk)]["quantity"] == 5


def test_add_of_a_sold_out_product_is_refused(client, product):
    set_stock(product, 0)
    response = add(client, product, 1)
    assert response.status_code == 400
    assert "sold out" in response.json()["message"]
    assert session_cart(client) == {}


def test_add_of_an_unknown_product_is_refused(client, store):
    response = client.post(reverse("shop:cart_add", args=[999_999]), headers=JSON)
    assert response.status_code == 404
    assert session_cart(client) == {}


def test_add_of_an_unpublished_product_is_refused(client, product):
    product.unpublish()
    response = add(client, product, 1)
    assert response.status_code == 404
    assert session_cart(client) == {}


def test_add_of_an_unpublished_product_without_javascript_says_so(client, product):
    product.unpublish()
    response = add(client, product, 1, json=False)
    assert flash(response) == ["Sorry, that product is not available."]


# Responses


def test_json_response_reports_counts_and_totals(client, product, other):
    add(client, other, 1)
    body = add(client, product, 2).json()
    assert (body["count"], body["item_count"], body["quantity"]) == (3, 3, 2)
    assert body["totals"] == {
        "subtotal": "7500.00",
        "shipping": "0.00",
        "tax": "975.00",
        "total": "8475.00",
    }


def test_without_json_add_redirects_to_the_cart_with_a_message(client, product):
    response = add(client, product, 2, json=False)
    assert response.status_code == 302
    assert response.url == reverse("shop:cart")
    assert flash(response) == [f"Added 2 × {product.title} to your cart."]


def test_without_json_add_redirects_back_to_a_page_on_this_site(client, product):
    response = post(client, "cart_add", product, {"next": product.url}, json=False)
    assert response.url == product.url


def test_without_json_add_never_redirects_to_another_site(client, product):
    response = post(client, "cart_add", product, {"next": "https://evil.example/"}, json=False)
    assert response.url == reverse("shop:cart")


# Updating, removing, clearing


def test_update_sets_the_quantity(client, product):
    add(client, product, 1)
    update(client, product, "4")
    assert session_cart(client)[str(product.pk)]["quantity"] == 4


def test_update_to_zero_removes_the_line(client, product):
    add(client, product, 2)
    update(client, product, "0")
    assert str(product.pk) not in session_cart(client)


@pytest.mark.parametrize("quantity", ["abc", "-1", "1.5", "", "99999999999999999999"])
def test_update_with_a_bad_quantity_changes_nothing(client, product, quantity):
    add(client, product, 2)
    response = update(client, product, quantity)
    assert response.status_code == 400
    assert session_cart(client)[str(product.pk)]["quantity"] == 2


def test_update_above_stock_is_capped_with_a_message(client, product):
    set_stock(product, 3)
    add(client, product, 1)
    response = update(client, product, "7")
    assert session_cart(client)[str(product.pk)]["quantity"] == 3
    assert response.json()["message"].startswith("Only 3 of")


def test_update_of_a_product_unpublished_since_adding_removes_it(client, product):
    add(client, product, 1)
    product.unpublish()
    response = update(client, product, "2")
    assert response.status_code == 404
    assert session_cart(client) == {}


def test_remove_drops_the_line(client, product, other):
    add(client, product, 1)
    add(client, other, 1)
    post(client, "cart_remove", product)
    assert list(session_cart(client)) == [str(other.pk)]


def test_remove_of_a_line_not_in_the_cart_is_refused(client, product):
    response = post(client, "cart_remove", product)
    assert response.status_code == 400


def test_clear_empties_the_cart(client, product, other):
    add(client, product, 1)
    add(client, other, 1)
    response = post(client, "cart_clear")
    assert response.json()["count"] == 0
    assert session_cart(client) == {}


# What the shopper sees on /cart/


def test_cart_page_tells_the_shopper_when_a_price_changed(client, product):
    add(client, product, 1)
    product.price = Decimal("2800.00")
    product.save_revision().publish()
    response = client.get(reverse("shop:cart"))
    note = (
        f"The price of {product.title} changed from Rs. 2,500.00 to Rs. 2,800.00 "
        "since you added it."
    )
    assert note in [str(message) for message in response.context["messages"]]
    assert note in response.content.decode()


def test_price_change_note_is_shown_once(client, product):
    add(client, product, 1)
    product.price = Decimal("2800.00")
    product.save_revision().publish()
    client.get(reverse("shop:cart"))
    assert session_cart(client)[str(product.pk)]["price"] == "2800.00"


def test_deleted_product_is_dropped_from_the_cart_with_a_message(client, product, other):
    add(client, product, 1)
    add(client, other, 1)
    product.delete()
    response = client.get(reverse("shop:cart"))
    assert [line.product.pk for line in response.context["lines"]] == [other.pk]
    assert "An item in your cart is no longer available and was removed." in [
        str(message) for message in response.context["messages"]
    ]


def test_unpublished_product_is_dropped_from_the_cart_with_a_message(client, product):
    add(client, product, 1)
    product.unpublish()
    response = client.get(reverse("shop:cart"))
    assert response.context["lines"] == []
    assert session_cart(client) == {}
    assert "no longer available" in response.content.decode()


def test_totals_come_from_the_database_not_the_session_price(client, product):
    put_in_session(client, {str(product.pk): {"quantity": 2, "price": "1.00"}})
    response = client.get(reverse("shop:cart"))
    assert response.context["totals"].subtotal == Decimal("5000.00")


def test_cart_lines_show_live_price_and_line_total(client, product):
    add(client, product, 3)
    line = client.get(reverse("shop:cart")).context["lines"][0]
    assert (line.unit_price, line.line_total) == (Decimal("2500.00"), Decimal("7500.00"))


def test_shipping_is_charged_below_the_free_shipping_threshold(client, product):
    add(client, product, 1)
    totals = client.get(reverse("shop:cart")).context["totals"]
    assert (totals.shipping, totals.to_free_shipping) == (Decimal("150.00"), Decimal("2500.00"))


def test_shipping_is_free_at_the_threshold(client, product):
    add(client, product, 2)
    assert client.get(reverse("shop:cart")).context["totals"].shipping == Decimal("0.00")


def test_totals_add_tax_from_store_settings(client, product, store):
    StoreSettings.objects.update_or_create(site=store.site, defaults={"tax_rate": Decimal("10")})
    add(client, product, 1)
    totals = client.get(reverse("shop:cart")).context["totals"]
    assert (totals.tax, totals.total) == (Decimal("250.00"), Decimal("2900.00"))


def test_empty_cart_totals_are_zero(client, store):
    totals = client.get(reverse("shop:cart")).context["totals"]
    assert totals.total == Decimal("0.00")


# The header badge


def test_cart_count_comes_from_the_session_without_a_query(client, product, other, rf):
    add(client, product, 2)
    add(client, other, 1)
    request = rf.get("/")
    request.session = client.session
    request.session.items()  # the session is loaded once per request whatever the header needs
    with CaptureQueriesContext(connection) as queries:
        context = cart_context(request)
    assert context == {"cart_count": 3}
    assert len(queries) == 0
