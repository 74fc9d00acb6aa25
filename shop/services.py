"""Write-side workflows of the shop. `place_order` turns a session cart into an order.

`LineProblem` lives in `shop.pricing`; it is imported here too because `CheckoutError` carries
it and callers catch both from one place."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When

from catalog.models import ProductPage
from store.models import StoreSettings

from .cart import Cart
from .models import CUSTOMER_FIELDS, Order, OrderItem, OrderStatus, StockRecord
from .payments import PaymentError, get_provider
from .pricing import LineProblem, PricedLine, RequestedLine, check_lines, price_lines

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

logger = logging.getLogger(__name__)


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
    line with `pricing.check_lines` (still for sale, enough stock, price the same as the
    shopper saw), create the order and its lines with copies of what was sold, decrement
    stock, and schedule the emails for after commit. An order to be paid online (its
    provider is `online`) is placed "awaiting payment", its stock held the same way, and its
    emails wait for the verified payment (`shop.payments.verification`). Totals come from
    `pricing.price_lines` over the database's prices and `store`, never from the session.

    `token` is the checkout form's one-time token: placing twice with the same token returns
    the first order instead of creating another. `customer` holds the `CUSTOMER_FIELDS`.
    """
    if not token:
        raise CheckoutError("This checkout form has expired. Please review your order again.")
    existing = _order_with_token(token)
    if existing is not None:
        return existing
    requested = cart.requested_lines()
    if not requested:
        raise CheckoutError("Your cart is empty.")
    try:
        with transaction.atomic():
            stock = _lock_stock(requested)
            # A request with the same token may have committed while we waited for the locks.
            existing = _order_with_token(token)
            if existing is not None:
                return existing
            lines = _checked_lines(requested, stock=stock, store=store)
            order = _create_order(
                lines=lines,
                customer=customer,
                payment_method=payment_method,
                store=store,
                token=token,
                user=user,
            )
            _take_stock(requested)
            if order.status != OrderStatus.AWAITING_PAYMENT:
                transaction.on_commit(lambda: _enqueue_emails(order, store))
    except IntegrityError:
        # Another request with the same token committed first (a double click racing on a cart
        # whose rows it did not share): that order is the answer.
        existing = _order_with_token(token)
        if existing is None:
            raise
        return existing
    return order


def _order_with_token(token: str) -> Order | None:
    return Order.objects.filter(checkout_token=token).first()


def _lock_stock(requested: list[RequestedLine]) -> dict[int, int]:
    """Lock the lines' stock rows in id order; whoever holds them owns the stock until commit.
    Returns the units on hand by product id."""
    return dict(
        StockRecord.objects.select_for_update()
        .filter(product_id__in=[line.product_id for line in requested])
        .order_by("product_id")
        .values_list("product_id", "quantity")
    )


def _checked_lines(
    requested: list[RequestedLine], *, stock: dict[int, int], store: StoreSettings
) -> list[PricedLine]:
    """The lines at live prices, or `CheckoutError` naming every line that cannot be sold."""
    products = {
        product.pk: product
        for product in ProductPage.objects.live()
        .filter(pk__in=[line.product_id for line in requested])
        .only("title", "slug", "sku", "price")
    }
    problems = check_lines(requested, products=products, stock=stock, symbol=store.currency_symbol)
    if problems:
        raise CheckoutError("Some items in your cart changed.", problems)
    return [
        PricedLine(products[line.product_id], line.quantity, line.seen_price) for line in requested
    ]


def _create_order(
    *,
    lines: list[PricedLine],
    customer: dict,
    payment_method: str,
    store: StoreSettings,
    token: str,
    user,
) -> Order:
    """The order and its items, copying what was sold so later edits never change it."""
    totals = price_lines(lines, store)
    awaiting = _paid_online(payment_method)
    order = Order.objects.create(
        checkout_token=token,
        user=user if user is not None and user.is_authenticated else None,
        **{name: customer.get(name, "") for name in CUSTOMER_FIELDS},
        subtotal=totals.subtotal,
        tax=totals.tax,
        shipping_cost=totals.shipping,
        total=totals.total,
        payment_method=payment_method,
        status=OrderStatus.AWAITING_PAYMENT if awaiting else OrderStatus.PENDING,
    )
    OrderItem.objects.bulk_create(
        OrderItem(
            order=order,
            product_id=line.product.pk,
            product_name=line.product.title,
            product_slug=line.product.slug,
            sku=line.product.sku,
            price=line.unit_price,
            quantity=line.quantity,
            line_total=line.line_total,
        )
        for line in lines
    )
    return order


def _paid_online(payment_method: str) -> bool:
    """Whether the order waits for an online payment; an unknown method never does (the form
    only offers registered ones)."""
    try:
        return get_provider(payment_method).online
    except PaymentError:
        return False


def _take_stock(requested: list[RequestedLine]) -> None:
    """One UPDATE for every line; the CHECK on quantity >= 0 is the last line of defence."""
    StockRecord.objects.filter(product_id__in=[line.product_id for line in requested]).update(
        quantity=F("quantity")
        - Case(
            *(When(product_id=line.product_id, then=Value(line.quantity)) for line in requested),
            default=Value(0),
        )
    )


def _enqueue_emails(order: Order, store: StoreSettings) -> None:
    """After commit: hand the emails to the task queue. A failure here never loses the order."""
    from .tasks import send_order_email

    for kind in ("confirmation", "new_order"):
        try:
            send_order_email.enqueue(str(order.order_number), kind, store.site_id)
        except Exception:
            logger.exception("Could not enqueue the %s email for %s", kind, order)
