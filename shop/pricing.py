"""The one path for what lines cost and whether they can be sold.

`check_lines` compares what the shopper asked for with live products and stock and says, in
the shopper's words, what is wrong with each line; `price_lines` turns lines into totals. The
cart page, the checkout page and `place_order` all call these two, so a message or a total is
never worked out twice. Discounts and shipping zones plug in here. Rounding stays in
`store.money`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from catalog.models import ProductPage
from store.models import StoreSettings
from store.money import format_money, to_money


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


@dataclass
class PricedLine:
    """A line at the live price of its product; `seen_price` only says whether it changed."""

    product: ProductPage
    quantity: int
    seen_price: Decimal | None

    @property
    def unit_price(self) -> Decimal:
        return to_money(self.product.price)

    @property
    def line_total(self) -> Decimal:
        return to_money(self.unit_price * self.quantity)

    @property
    def price_changed(self) -> bool:
        return self.seen_price is not None and self.seen_price != self.unit_price


@dataclass
class Totals:
    subtotal: Decimal
    shipping: Decimal
    tax: Decimal
    total: Decimal
    to_free_shipping: Decimal

    def as_json(self) -> dict[str, str]:
        return {name: str(getattr(self, name)) for name in ("subtotal", "shipping", "tax", "total")}


# --- The store's rules -----------------------------------------------------------------------


def shipping_for(store: StoreSettings, subtotal: Decimal) -> Decimal:
    """Flat shipping, free at or above the threshold; nothing to ship costs nothing."""
    subtotal = to_money(subtotal)
    if subtotal <= 0:
        return to_money(0)
    if store.free_shipping_threshold and subtotal >= store.free_shipping_threshold:
        return to_money(0)
    return to_money(store.flat_shipping_cost)


def amount_to_free_shipping(store: StoreSettings, subtotal: Decimal) -> Decimal:
    """What the shopper must add to ship free; 0 when already free or never free."""
    if not store.free_shipping_threshold:
        return to_money(0)
    return max(to_money(store.free_shipping_threshold - to_money(subtotal)), to_money(0))


def tax_for(store: StoreSettings, subtotal: Decimal) -> Decimal:
    """The store's tax rate (a percentage) of the subtotal, rounded half up."""
    return to_money(to_money(subtotal) * store.tax_rate / Decimal(100))


# --- The two calls everyone makes --------------------------------------------------------------


def price_lines(lines: Sequence[PricedLine], store: StoreSettings) -> Totals:
    """Subtotal, shipping, tax, total and the amount still missing for free shipping."""
    subtotal = to_money(sum((line.line_total for line in lines), Decimal(0)))
    shipping = shipping_for(store, subtotal)
    tax = tax_for(store, subtotal)
    return Totals(
        subtotal=subtotal,
        shipping=shipping,
        tax=tax,
        total=to_money(subtotal + shipping + tax),
        # An empty cart is not "Rs. 5,000 away" from anything.
        to_free_shipping=amount_to_free_shipping(store, subtotal) if subtotal else to_money(0),
    )


def check_lines(
    requested: Sequence[RequestedLine],
    *,
    products: Mapping[int, ProductPage],
    stock: Mapping[int, int],
    symbol: str,
) -> list[LineProblem]:
    """What stops each line from being sold as asked, in the order of `requested`.

    `products` holds the live products by id (a missing id is gone), `stock` the units that can
    be sold by product id (missing means none). A line is gone, sold out, short (with what is
    available), and its price may have changed from the one the shopper saw (a line whose seen
    price is unknown counts as changed: nobody may be charged a price they were not shown).
    A short line can also have a changed price: both are reported. Amounts use `symbol`.
    """
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
        available = max(stock.get(line.product_id, 0), 0)
        if available == 0:
            problems.append(
                LineProblem(
                    product.pk,
                    LineProblem.SOLD_OUT,
                    f"{product.title} has sold out and was removed from your cart.",
                )
            )
            continue
        if line.quantity > available:
            problems.append(
                LineProblem(
                    product.pk,
                    LineProblem.SHORT,
                    f"Only {available} of {product.title} left; we changed your cart to "
                    f"{available}.",
                    available=available,
                )
            )
        price = to_money(product.price)
        if line.seen_price != price:
            seen = line.seen_price
            seen = f" from {format_money(seen, symbol)}" if seen is not None else ""
            problems.append(
                LineProblem(
                    product.pk,
                    LineProblem.PRICE_CHANGED,
                    f"The price of {product.title} changed{seen} to "
                    f"{format_money(price, symbol)} since you added it.",
                    available=available,
                    price=price,
                )
            )
    return problems
