"""The session cart: `session["cart"] = {"<product id>": {"quantity": 2, "price": "2500.00"}}`.

The stored price is only what the shopper saw when adding, kept to tell them when it changes;
every amount shown or charged is recomputed from the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from catalog import renditions
from catalog.models import ProductPage
from catalog.selectors import products_by_ids
from store.models import StoreSettings
from store.money import to_money

from .pricing import (
    LineProblem,
    PricedLine,
    RequestedLine,
    Totals,
    check_lines,
    price_lines,
)

SESSION_KEY = "cart"
_WHOLE_NUMBER = re.compile(r"^\s*\d{1,6}\s*$", re.ASCII)


class CartError(Exception):
    """Something the shopper must be told; the cart is unchanged."""


def max_per_line() -> int:
    return getattr(settings, "CART_MAX_QUANTITY_PER_LINE", 99)


def parse_quantity(raw, *, allow_zero: bool = False) -> int:
    """A quantity from a form: a whole number from 1 (or 0) to the per-line maximum."""
    low = 0 if allow_zero else 1
    message = f"Enter a whole number from {low} to {max_per_line()}."
    if raw is None or raw == "":
        raise CartError(message)
    if not _WHOLE_NUMBER.match(str(raw)):
        raise CartError(message)
    quantity = int(raw)
    if quantity < low or quantity > max_per_line():
        raise CartError(message)
    return quantity


@dataclass
class CartContents:
    """The cart's lines at live prices, and what was corrected on the way, to tell the shopper."""

    lines: list[PricedLine]
    notices: list[str] = field(default_factory=list)

    def totals(self, store: StoreSettings) -> Totals:
        return price_lines(self.lines, store)


class Cart:
    """The cart in a session. Methods that change it raise `CartError` and change nothing when
    the request cannot be honoured as asked."""

    def __init__(self, session):
        self.session = session
        self._data = self._load()

    def _load(self) -> dict[str, dict]:
        raw = self.session.get(SESSION_KEY)
        if not isinstance(raw, dict):
            return {}
        clean = {}
        # Anything malformed (hand-edited cookie sessions, old formats) is dropped, not trusted.
        for key, item in raw.items():
            if not (isinstance(key, str) and key.isdigit() and isinstance(item, dict)):
                continue
            quantity = item.get("quantity")
            if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
                continue
            try:
                price = to_money(item.get("price"))
            except ValueError:
                price = None
            # NaN passes quantize but breaks every comparison and format later: not a price.
            price = str(price) if price is not None and price.is_finite() else None
            clean[key] = {"quantity": min(quantity, max_per_line()), "price": price}
        return clean

    def _save(self) -> None:
        self.session[SESSION_KEY] = self._data
        self.session.modified = True

    # Reading without the database
    def __len__(self) -> int:
        return len(self._data)

    @property
    def count(self) -> int:
        """Units in the cart, for the header badge: from the session alone, no query."""
        return sum(item["quantity"] for item in self._data.values())

    def quantity_of(self, product_id: int) -> int:
        item = self._data.get(str(product_id))
        return item["quantity"] if item else 0

    def product_ids(self) -> list[int]:
        return sorted(int(key) for key in self._data)

    # Changing
    def add(self, product: ProductPage, quantity: int) -> str:
        """Add `quantity` units; capped at the stock with a message. Returns what to tell."""
        return self._put(product, self.quantity_of(product.pk) + quantity, adding=quantity)

    def set(self, product: ProductPage, quantity: int) -> str:
        """Set the line to `quantity` units (0 removes it). Returns what to tell."""
        if quantity == 0:
            return self.remove(product.pk, product.title)
        return self._put(product, quantity)

    def _put(self, product: ProductPage, wanted: int, adding: int | None = None) -> str:
        stock = product.stock_quantity
        if stock <= 0:
            raise CartError(f"Sorry, {product.title} is sold out.")
        in_cart = self.quantity_of(product.pk)
        limit = min(stock, max_per_line())
        if adding is not None and in_cart >= limit:
            raise CartError(
                f"You already have {in_cart} × {product.title} in your cart, "
                f"the most we can sell you."
            )
        quantity = min(wanted, limit)
        self._data[str(product.pk)] = {"quantity": quantity, "price": str(to_money(product.price))}
        self._save()
        if quantity < wanted:
            return f"Only {limit} of {product.title} available; your cart has {quantity}."
        if adding is not None:
            return f"Added {adding} × {product.title} to your cart."
        return f"Updated {product.title}: {quantity} in your cart."

    def remove(self, product_id: int, title: str | None = None) -> str:
        if self._data.pop(str(product_id), None) is None:
            raise CartError("That item is not in your cart.")
        self._save()
        return f"Removed {title} from your cart." if title else "Removed the item from your cart."

    def clear(self) -> None:
        self._data = {}
        self._save()

    def requested_lines(self) -> list[RequestedLine]:
        """The lines as the shopper asked for them, in product id order, with the price they
        saw (None when the session holds none worth trusting)."""
        return [
            RequestedLine(
                int(key),
                item["quantity"],
                Decimal(item["price"]) if item["price"] is not None else None,
            )
            for key, item in sorted(self._data.items(), key=lambda pair: int(pair[0]))
        ]

    def apply(self, problems: list[LineProblem]) -> None:
        """Bring the cart in line with what a check found: drop what cannot be sold, cap
        quantities at the stock, and record the current prices as seen."""
        for problem in problems:
            item = self._data.get(str(problem.product_id))
            if item is None:
                continue
            if problem.kind in (LineProblem.GONE, LineProblem.SOLD_OUT):
                del self._data[str(problem.product_id)]
            elif problem.kind == LineProblem.SHORT:
                item["quantity"] = min(item["quantity"], problem.available)
            elif problem.kind == LineProblem.PRICE_CHANGED:
                item["price"] = str(problem.price)
        if problems:
            self._save()

    # Reading with the database
    def contents(self, *, symbol: str = "Rs.") -> CartContents:
        """The lines with live products and prices, and the session fixed up to match: vanished
        products dropped, quantities capped at stock, seen prices refreshed. Each correction
        becomes a notice for the shopper (amounts formatted with `symbol`)."""
        # The cart shows thumbnails, not card images: prefetch those renditions.
        products = products_by_ids(self.product_ids(), renditions.THUMB)
        # Whatever `_load` dropped or repaired is written back, so the session is clean again.
        raw = self.session.get(SESSION_KEY)
        if raw is not None and self._data != raw:
            self._save()
        requested = self.requested_lines()
        problems = check_lines(
            requested,
            products=products,
            stock={pk: product.stock_quantity for pk, product in products.items()},
            symbol=symbol,
        )
        self.apply(problems)
        # Lines keep the price the shopper saw, so the page can still mark what changed.
        lines = [
            PricedLine(
                products[line.product_id], self.quantity_of(line.product_id), line.seen_price
            )
            for line in requested
            if self.quantity_of(line.product_id)
        ]
        lines.sort(key=lambda line: line.product.title)
        return CartContents(lines=lines, notices=[problem.message for problem in problems])
