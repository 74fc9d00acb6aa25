"""Helpers shared by the shop and accounts tests.

Checkout helpers drive the cart and checkout as a shopper would. Fixtures for the accounts and
fulfilment tests build shoppers, staff and orders directly.

Orders are made here rather than through checkout so each test states exactly the order it
needs (status, owner, lines) and stock moves only when the test says so. Import the fixtures
you use by name into the test module.
"""

from decimal import Decimal
from importlib import import_module

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from shop.cart import Cart
from shop.models import Order, OrderItem, StockRecord
from shop.services import place_order
from store.money import to_money

# --- Cart ---

JSON = {"Accept": "application/json"}


def post(client, name, product=None, data=None, json=True, **kwargs):
    url = reverse(f"shop:{name}", args=[product.pk] if product is not None else [])
    return client.post(url, data or {}, headers=JSON if json else {}, **kwargs)


def add(client, product, quantity=None, json=True):
    return post(
        client, "cart_add", product, {} if quantity is None else {"quantity": quantity}, json
    )


def update(client, product, quantity, json=True):
    return post(client, "cart_update", product, {"quantity": quantity}, json)


def session_cart(client) -> dict:
    return client.session.get("cart", {})


def put_in_session(client, cart: dict) -> None:
    session = client.session
    session["cart"] = cart
    session.save()


class FakeSession(dict):
    """A session for `Cart` without a request: a dict with the `modified` flag."""

    modified = False


# --- Checkout ---

CUSTOMER = {
    "email": "asha@example.com",
    "first_name": "Asha",
    "last_name": "Gurung",
    "phone": "+977 9800000000",
    "address_line1": "Jhamsikhel Road 12",
    "address_line2": "",
    "city": "Lalitpur",
    "state_province": "Bagmati",
    "postal_code": "44600",
    "country": "NP",
    "notes": "",
}


def stock_of(product) -> int:
    return StockRecord.objects.get(product=product).quantity


def set_stock(product, quantity: int) -> None:
    StockRecord.objects.filter(product=product).update(quantity=quantity)


def cart_with(*lines) -> Cart:
    """A session cart holding `(product, quantity)` or `(product, quantity, seen_price)`."""
    session = SessionStore()
    session["cart"] = {
        str(line[0].pk): {
            "quantity": line[1],
            "price": str(line[2] if len(line) > 2 else line[0].price),
        }
        for line in lines
    }
    return Cart(session)


def place(cart, shop_settings, token="token-1", **kwargs):  # noqa: S107
    return place_order(
        cart=cart,
        customer=CUSTOMER,
        payment_method="cod",
        store=shop_settings,
        token=token,
        **kwargs,
    )


# The service


ADDRESS = {**CUSTOMER, "payment_method": "cod"}


def add_to_cart(client, product, quantity=1):
    client.post(reverse("shop:cart_add", args=[product.pk]), {"quantity": quantity})


def open_checkout(client):
    response = client.get(reverse("shop:checkout"))
    return response, response.context["checkout_token"] if response.context else None


def submit(client, token, **changes):
    data = {**ADDRESS, "checkout_token": token, **changes}
    return client.post(reverse("shop:checkout"), data)


def flash(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Shoppers, staff and orders ---

PASSWORD = "correct horse battery staple"


@pytest.fixture
def make_user(db):
    def make(email="shopper@example.com", password=PASSWORD, **extra):
        extra.setdefault("first_name", "Asha")
        extra.setdefault("last_name", "Rai")
        return get_user_model().objects.create_user(email=email, password=password, **extra)

    return make


@pytest.fixture
def shopper(make_user):
    return make_user()


@pytest.fixture
def make_order(db):
    """`make_order(products=[(product, quantity)], user=..., status=..., **fields)`.

    Totals follow the model's CHECKs: subtotal from the lines, 13% tax, 150 shipping.
    """

    def make(products=(), *, user=None, quantity=1, **fields):
        lines = [item if isinstance(item, tuple) else (item, quantity) for item in products]
        subtotal = to_money(sum((Decimal(p.price) * q for p, q in lines), Decimal(0)))
        tax = to_money(subtotal * Decimal("0.13"))
        shipping = to_money(Decimal("150"))
        values = {
            "user": user,
            "email": user.email if user else "guest@example.com",
            "first_name": "Asha",
            "last_name": "Rai",
            "phone": "+977 9800000000",
            "address_line1": "Jhamsikhel Road 12",
            "city": "Lalitpur",
            "state_province": "Bagmati",
            "postal_code": "44700",
            "payment_method": "cod",
            "subtotal": subtotal,
            "tax": tax,
            "shipping_cost": shipping,
            "total": subtotal + tax + shipping,
        }
        values.update(fields)
        order = Order.objects.create(**values)
        for product, qty in lines:
            price = to_money(product.price)
            OrderItem.objects.create(
                order=order,
                product_id=product.pk,
                product_name=product.title,
                product_slug=product.slug,
                sku=product.sku,
                price=price,
                quantity=qty,
                line_total=price * qty,
            )
        return order

    return make


@pytest.fixture
def staff_in_group(make_user):
    """`staff_in_group("Fulfilment")`: a staff member whose only permissions are the group's."""

    def make(name, email=None):
        user = make_user(email=email or f"{name.lower()}@vantor.example", is_staff=True)
        if not Group.objects.filter(name=name).exists():
            # A transactional test's flush removed the groups the data migration made.
            from django.apps import apps

            groups_migration = import_module("shop.migrations.0003_fulfilment_and_editors_groups")
            groups_migration.build_groups(apps)
        user.groups.add(Group.objects.get(name=name))
        return user

    return make
