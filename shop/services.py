"""Write-side workflows of the shop. `place_order` turns a session cart into an order."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When

from catalog.models import ProductPage
from store.models import StoreSettings
from store.money import format_money, to_money

from .cart import SESSION_KEY, Cart
from .models import CUSTOMER_FIELDS, Order, OrderItem, StockRecord

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RequestedLine:
    """A cart line as the shopper asked for it: the price is the one they saw, display only."""

    product_id: int
    quantity: int
    seen_price: Decimal | None


@dataclass(frozen=True)
class LineProblem:
    """Why one line cannot be sold as asked, and what is available instead."""

    GONE = "gone"
    SOLD_OUT = "sold_out"
    SHORT = "short"
    PRICE_CHANGED = "price_changed"

    product_id: int
    kind: str
    message: str
    available: int = 0
    price: Decimal | None = None


class CheckoutError(Exception):
    """The order cannot be placed as asked and the shopper must be told why. Nothing was
    created and no stock moved. `problems` names each line at fault; `message` is general."""

    def __init__(self, message: str, problems: Sequence[LineProblem] = ()):
        super().__init__(message)
        self.message = message
        self.problems = list(problems)

    @property
    def messages(self) -> list[str]:
        return [problem.message for problem in self.problems] or [self.message]


def lines_from_cart(cart: Cart) -> list[RequestedLine]:
    """The cart's lines in product id order, with the price the shopper saw (or None)."""
    raw = cart.session.get(SESSION_KEY) or {}
    lines = []
    for product_id in cart.product_ids():
        seen = (raw.get(str(product_id)) or {}).get("price")
        try:
            seen_price = to_money(seen) if seen is not None else None
        except ValueError:
            seen_price = None
        if seen_price is not None and not seen_price.is_finite():
            seen_price = None
        lines.append(RequestedLine(product_id, cart.quantity_of(product_id), seen_price))
    return lines


def place_order(
    *,
    cart: Cart,
    customer: dict,
    payment_method: str,
    store: StoreSettings,
    token: str,
    user: AbstractBaseUser | None = None,
) -> Order:
    """Place the order for everything in `cart`, or raise `CheckoutError` and change nothing.

    In one transaction: lock the stock rows of the cart's products in id order (so two
    checkouts never deadlock), read live products and prices from the database, check every
    line (still for sale, enough stock, price the same as the shopper saw), create the order and
    its lines with copies of what was sold, decrement stock, and schedule the emails for after
    commit. Totals come from the database and `store`, never from the session.

    `token` is the checkout form's one-time token: placing twice with the same token returns
    the first order instead of creating another. `customer` holds the `CUSTOMER_FIELDS`.
    """
    if not token:
        raise CheckoutError("This checkout form has expired. Please review your order again.")
    existing = Order.objects.filter(checkout_token=token).first()
    if existing is not None:
        return existing
    requested = lines_from_cart(cart)
    if not requested:
        raise CheckoutError("Your cart is empty.")
    try:
        with transaction.atomic():
            order = _place(
                requested=requested,
                customer=customer,
                payment_method=payment_method,
                store=store,
                token=token,
                user=user,
            )
    except IntegrityError:
        # Another request with the same token committed first (a double click racing on a cart
        # whose rows it did not share): that order is the answer.
        existing = Order.objects.filter(checkout_token=token).first()
        if existing is None:
            raise
        return existing
    return order


def _place(
    *,
    requested: list[RequestedLine],
    customer: dict,
    payment_method: str,
    store: StoreSettings,
    token: str,
    user,
) -> Order:
    ids = [line.product_id for line in requested]
    # Lock first, in id order: whoever holds these rows owns the stock until commit.
    stock = dict(
        StockRecord.objects.select_for_update()
        .filter(product_id__in=ids)
        .order_by("product_id")
        .values_list("product_id", "quantity")
    )
    # A request with the same token may have committed while we waited for the locks.
    existing = Order.objects.filter(checkout_token=token).first()
    if existing is not None:
        return existing
    products = {
        product.pk: product
        for product in ProductPage.objects.live()
        .filter(pk__in=ids)
        .only("title", "slug", "sku", "price")
    }
    symbol = store.currency_symbol
    problems: list[LineProblem] = []
    for line in requested:
        product = products.get(line.product_id)
        if product is None:
            problems.append(
                LineProblem(
                    line.product_id,
                    LineProblem.GONE,
                    "An item in your cart is no longer available and was removed.",
                )
            )
            continue
        available = stock.get(line.product_id, 0)
        price = to_money(product.price)
        if available <= 0:
            problems.append(
                LineProblem(
                    product.pk,
                    LineProblem.SOLD_OUT,
                    f"{product.title} has sold out and was removed from your cart.",
                )
            )
        elif line.quantity > available:
            problems.append(
                LineProblem(
                    product.pk,
                    LineProblem.SHORT,
                    f"Only {available} of {product.title} left; we changed your cart to "
                    f"{available}.",
                    available=available,
                )
            )
        elif line.seen_price != price:
            seen = format_money(line.seen_price, symbol) if line.seen_price is not None else None
            changed = f" from {seen}" if seen else ""
            problems.append(
                LineProblem(
                    product.pk,
                    LineProblem.PRICE_CHANGED,
                    f"The price of {product.title} changed{changed} to "
                    f"{format_money(price, symbol)}. Please check your order and place it again.",
                    available=available,
                    price=price,
                )
            )
    if problems:
        raise CheckoutError("Some items in your cart changed.", problems)

    items = []
    for line in requested:
        product = products[line.product_id]
        price = to_money(product.price)
        items.append(
            OrderItem(
                product_id=product.pk,
                product_name=product.title,
                product_slug=product.slug,
                sku=product.sku,
                price=price,
                quantity=line.quantity,
                line_total=to_money(price * line.quantity),
            )
        )
    subtotal = to_money(sum((item.line_total for item in items), Decimal(0)))
    shipping = store.shipping_for(subtotal)
    tax = store.tax_for(subtotal)
    order = Order.objects.create(
        checkout_token=token,
        user=user if user is not None and user.is_authenticated else None,
        **{name: customer.get(name, "") for name in CUSTOMER_FIELDS},
        subtotal=subtotal,
        tax=tax,
        shipping_cost=shipping,
        total=to_money(subtotal + tax + shipping),
        payment_method=payment_method,
    )
    for item in items:
        item.order = order
    OrderItem.objects.bulk_create(items)
    # One UPDATE for every line; the CHECK on quantity >= 0 is the last line of defence.
    StockRecord.objects.filter(product_id__in=ids).update(
        quantity=F("quantity")
        - Case(
            *(When(product_id=line.product_id, then=Value(line.quantity)) for line in requested),
            default=Value(0),
        )
    )
    transaction.on_commit(lambda: _enqueue_emails(order, store))
    return order


def _enqueue_emails(order: Order, store: StoreSettings) -> None:
    """After commit: hand the emails to the task queue. A failure here never loses the order."""
    from .tasks import send_order_email

    for kind in ("confirmation", "new_order"):
        try:
            send_order_email.enqueue(str(order.order_number), kind, store.site_id)
        except Exception:
            logger.exception("Could not enqueue the %s email for %s", kind, order)
