"""Checkout: the `place_order` service and every refusal, and the checkout view."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from catalog.tests.factories import ProductPageFactory
from shop.models import Order, OrderItem
from shop.services import CheckoutError, LineProblem
from shop.tests.helpers import (
    add_to_cart,
    cart_with,
    flash,
    open_checkout,
    place,
    set_stock,
    stock_of,
    submit,
)
from store.models import StoreSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop_settings(store):
    return StoreSettings.for_site(store.site)


def test_place_order_creates_the_order_with_copies_of_what_was_sold(product, shop_settings):
    order = place(cart_with((product, 2)), shop_settings)
    item = order.items.get()
    assert (item.product_id, item.product_name, item.product_slug, item.sku) == (
        product.pk,
        product.title,
        product.slug,
        product.sku,
    )
    assert (item.price, item.quantity, item.line_total) == (
        Decimal("2500.00"),
        2,
        Decimal("5000.00"),
    )
    assert order.email == "asha@example.com" and order.city == "Lalitpur"
    assert order.status == "pending" and not order.is_paid and order.payment_method == "cod"


def test_place_order_totals_come_from_the_database_and_store_settings(
    product, other, shop_settings
):
    # 2500 + 2 × 2500 = 7500: above the 5000 threshold, so shipping is free; tax 13%.
    order = place(cart_with((product, 1), (other, 2)), shop_settings)
    assert order.subtotal == Decimal("7500.00")
    assert order.shipping_cost == Decimal("0.00")
    assert order.tax == Decimal("975.00")
    assert order.total == Decimal("8475.00")


def test_place_order_charges_flat_shipping_below_the_threshold(product, shop_settings):
    order = place(cart_with((product, 1)), shop_settings)
    assert order.shipping_cost == Decimal("150.00")
    assert order.total == Decimal("2500.00") + Decimal("325.00") + Decimal("150.00")


def test_place_order_decrements_stock(product, other, shop_settings):
    place(cart_with((product, 3), (other, 1)), shop_settings)
    assert (stock_of(product), stock_of(other)) == (7, 9)


def test_place_order_records_the_signed_in_user(product, shop_settings):
    user = get_user_model().objects.create_user("buyer@example.com", "pw-long-enough-1")
    order = place(cart_with((product, 1)), shop_settings, user=user)
    assert order.user == user


def test_place_order_sends_both_emails_after_commit(
    product, shop_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        order = place(cart_with((product, 1)), shop_settings)
    assert len(callbacks) == 1
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(["asha@example.com", shop_settings.contact_email])
    confirmation = next(m for m in mail.outbox if m.to == ["asha@example.com"])
    assert order.short_number in confirmation.subject
    assert "Rs. 2,975.00" in confirmation.body
    assert confirmation.alternatives[0][1] == "text/html"


def test_no_email_is_sent_before_commit(product, shop_settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        place(cart_with((product, 1)), shop_settings)
    assert mail.outbox == []


def test_same_token_places_one_order(product, shop_settings):
    first = place(cart_with((product, 1)), shop_settings, token="same")
    second = place(cart_with((product, 1)), shop_settings, token="same")
    assert first.pk == second.pk
    assert Order.objects.count() == 1
    assert stock_of(product) == 9


def refusal(cart, shop_settings) -> CheckoutError:
    with pytest.raises(CheckoutError) as caught:
        place(cart, shop_settings)
    assert Order.objects.count() == 0
    assert OrderItem.objects.count() == 0
    return caught.value


def test_sold_out_line_is_refused_and_nothing_changes(product, other, shop_settings):
    set_stock(product, 0)
    error = refusal(cart_with((product, 1), (other, 2)), shop_settings)
    assert [(p.product_id, p.kind) for p in error.problems] == [(product.pk, LineProblem.SOLD_OUT)]
    assert product.title in error.problems[0].message
    assert stock_of(other) == 10


def test_line_above_stock_is_refused_with_what_is_left(product, shop_settings):
    set_stock(product, 2)
    error = refusal(cart_with((product, 3)), shop_settings)
    assert error.problems[0].kind == LineProblem.SHORT
    assert error.problems[0].available == 2
    assert stock_of(product) == 2


def test_changed_price_is_refused(product, shop_settings):
    cart = cart_with(
        (product, 1),
        (
            other_product := ProductPageFactory(
                parent=product.get_parent(), price=Decimal("900.00")
            ),
            1,
        ),
    )
    product.price = Decimal("2700.00")
    product.save_revision().publish()
    error = refusal(cart, shop_settings)
    assert [(p.product_id, p.kind) for p in error.problems] == [
        (product.pk, LineProblem.PRICE_CHANGED)
    ]
    assert "Rs. 2,500.00" in error.problems[0].message
    assert "Rs. 2,700.00" in error.problems[0].message
    assert stock_of(other_product) == 10


def test_tampered_session_price_is_refused_not_charged(product, shop_settings):
    error = refusal(cart_with((product, 1, "1.00")), shop_settings)
    assert error.problems[0].kind == LineProblem.PRICE_CHANGED


def test_unpublished_product_is_refused(product, shop_settings):
    product.unpublish()
    error = refusal(cart_with((product, 1)), shop_settings)
    assert error.problems[0].kind == LineProblem.GONE


def test_deleted_product_is_refused(product, shop_settings):
    cart = cart_with((product, 1))
    product.delete()
    error = refusal(cart, shop_settings)
    assert error.problems[0].kind == LineProblem.GONE


def test_empty_cart_is_refused(store, shop_settings):
    error = refusal(cart_with(), shop_settings)
    assert "empty" in error.message


def test_missing_token_is_refused(product, shop_settings):
    with pytest.raises(CheckoutError):
        place(cart_with((product, 1)), shop_settings, token="")
    assert Order.objects.count() == 0


# The view


def test_checkout_with_empty_cart_redirects_to_the_cart(client, store):
    response = client.get(reverse("shop:checkout"))
    assert response.status_code == 302
    assert response.url == reverse("shop:cart")
    assert "empty" in flash(response)[0]


def test_checkout_page_shows_form_and_summary_from_the_database(client, product):
    add_to_cart(client, product, 2)
    response, token = open_checkout(client)
    assert response.status_code == 200
    html = response.content.decode()
    for name in (
        "email",
        "first_name",
        "last_name",
        "phone",
        "address_line1",
        "address_line2",
        "city",
        "state_province",
        "postal_code",
        "country",
        "notes",
    ):
        assert f'name="{name}"' in html
    assert '<option value="NP" selected>Nepal</option>' in html
    assert 'autocomplete="address-line1"' in html and 'autocomplete="postal-code"' in html
    assert 'value="cod"' in html and "checked" in html
    assert "Rs. 5,000.00" in html  # subtotal
    assert "Rs. 5,650.00" in html  # total with 13% tax, free shipping at 5000
    assert token and f'value="{token}"' in html


def test_placing_an_order_redirects_to_confirmation_and_clears_the_cart(client, product):
    add_to_cart(client, product, 2)
    _, token = open_checkout(client)
    response = submit(client, token)
    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("shop:order_detail", args=[order.order_number])
    assert client.session.get("cart") == {}
    assert stock_of(product) == 8
    page = client.get(response.url)
    assert page.status_code == 200
    assert order.short_number in page.content.decode()


def test_invalid_form_comes_back_with_errors_and_keeps_what_was_typed(client, product):
    add_to_cart(client, product)
    _, token = open_checkout(client)
    response = submit(client, token, email="not-an-email", city="", notes="Ring twice")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_email"' in html and 'href="#id_city"' in html
    assert 'value="not-an-email"' in html and "Ring twice" in html
    assert 'aria-invalid="true"' in html
    assert Order.objects.count() == 0
    assert stock_of(product) == 10


def test_unknown_payment_method_is_an_error(client, product):
    add_to_cart(client, product)
    _, token = open_checkout(client)
    response = submit(client, token, payment_method="free")
    assert response.status_code == 400
    assert Order.objects.count() == 0


def test_replayed_post_creates_no_second_order(client, product):
    add_to_cart(client, product)
    _, token = open_checkout(client)
    first = submit(client, token)
    second = submit(client, token)
    assert Order.objects.count() == 1
    assert second.status_code == 302 and second.url == first.url
    assert stock_of(product) == 9


def test_post_with_a_stale_token_places_nothing(client, product):
    add_to_cart(client, product)
    open_checkout(client)
    response = submit(client, "made-up")
    assert response.status_code == 409
    assert Order.objects.count() == 0


def test_sold_out_at_checkout_corrects_the_cart_and_tells_the_shopper(client, product, other):
    add_to_cart(client, product, 1)
    add_to_cart(client, other, 4)
    _, token = open_checkout(client)
    set_stock(product, 0)
    set_stock(other, 2)
    response = submit(client, token, notes="Leave at the door")
    assert response.status_code == 409
    html = response.content.decode()
    assert f"{product.title} has sold out" in html
    assert "Leave at the door" in html
    assert Order.objects.count() == 0
    # Only the first problem per line is checked, so the short line shows on the next attempt.
    cart = client.session["cart"]
    assert str(product.pk) not in cart
    assert cart[str(other.pk)]["quantity"] == 2
    assert submit(client, token).status_code == 302
    assert stock_of(other) == 0


def test_price_changed_at_checkout_tells_the_shopper_then_charges_the_new_price(client, product):
    add_to_cart(client, product)
    _, token = open_checkout(client)
    product.price = Decimal("2800.00")
    product.save_revision().publish()
    response = submit(client, token)
    assert response.status_code == 409
    assert "changed from Rs. 2,500.00 to Rs. 2,800.00" in response.content.decode()
    assert Order.objects.count() == 0
    assert submit(client, token).status_code == 302
    assert Order.objects.get().items.get().price == Decimal("2800.00")


def test_session_price_tampering_never_reaches_an_order(client, product):
    add_to_cart(client, product)
    _, token = open_checkout(client)
    session = client.session
    session["cart"][str(product.pk)]["price"] = "1.00"
    session.save()
    response = submit(client, token)
    assert response.status_code == 409
    assert Order.objects.count() == 0
    submit(client, token)
    order = Order.objects.get()
    assert order.items.get().price == Decimal("2500.00")
    assert order.subtotal == Decimal("2500.00")


def test_signed_in_shopper_is_prefilled_from_the_last_order(client, product, shop_settings):
    user = get_user_model().objects.create_user(
        "asha@example.com", "pw-long-enough-1", first_name="Asha", last_name="G"
    )
    place(cart_with((product, 1)), shop_settings, user=user)
    client.force_login(user)
    add_to_cart(client, product)
    response, _ = open_checkout(client)
    form = response.context["form"]
    assert form.initial["address_line1"] == "Jhamsikhel Road 12"
    assert form.initial["city"] == "Lalitpur"


def test_signed_in_shopper_without_orders_is_prefilled_from_the_account(client, product):
    user = get_user_model().objects.create_user(
        "mira@example.com", "pw-long-enough-1", first_name="Mira", last_name="Rai"
    )
    client.force_login(user)
    add_to_cart(client, product)
    response, _ = open_checkout(client)
    initial = response.context["form"].initial
    assert (initial["email"], initial["first_name"], initial["last_name"]) == (
        "mira@example.com",
        "Mira",
        "Rai",
    )
    assert not initial.get("address_line1")


def test_signed_in_shopper_is_prefilled_from_the_profile_address(client, product, shop_settings):
    from accounts.models import Profile

    user = get_user_model().objects.create_user("asha@example.com", "pw-long-enough-1")
    place(cart_with((product, 1)), shop_settings, user=user)
    profile = Profile.for_user(user)
    profile.address_line1, profile.city, profile.phone = "New Road 5", "Pokhara", "+977 9811111111"
    profile.save()
    client.force_login(user)
    add_to_cart(client, product)
    response, _ = open_checkout(client)
    initial = response.context["form"].initial
    assert (initial["address_line1"], initial["city"], initial["phone"]) == (
        "New Road 5",
        "Pokhara",
        "+977 9811111111",
    )
    assert initial["first_name"] == "Asha"  # from the last order; the account has no name


def test_order_placed_while_signed_in_belongs_to_the_user(client, product):
    user = get_user_model().objects.create_user("mira@example.com", "pw-long-enough-1")
    client.force_login(user)
    add_to_cart(client, product)
    _, token = open_checkout(client)
    submit(client, token)
    assert Order.objects.get().user == user
