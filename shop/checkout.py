"""What one browser session knows about its checkout: the form's one-time token, the orders it
placed (the only confirmation pages it may see), and the shopper's details to prefill."""

from __future__ import annotations

import secrets

from django.http import HttpRequest

from .models import CUSTOMER_FIELDS, Order

TOKEN_KEY = "checkout_token"  # noqa: S105 (a session key, not a secret)
PLACED_ORDERS_KEY = "placed_orders"
# The confirmation pages a session may see: its most recent orders.
PLACED_ORDERS_KEPT = 20


class CheckoutSession:
    """The checkout state of `request.session`, and who may see which order."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.session = request.session

    # The one-time token
    def token(self, *, renew: bool = False) -> str:
        """The token for the checkout form, kept in the session until an order uses it."""
        token = self.session.get(TOKEN_KEY)
        if renew or not token:
            token = secrets.token_urlsafe(24)
            self.session[TOKEN_KEY] = token
        return token

    def token_is_current(self, token: str) -> bool:
        """Whether `token` is the one this session's checkout form was given."""
        return bool(token) and token == self.session.get(TOKEN_KEY)

    def placed_with(self, token: str) -> Order | None:
        """The order a replayed or double-clicked submission of `token` already placed, when
        this session may see it."""
        if not token:
            return None
        order = Order.objects.filter(checkout_token=token).only("order_number", "user_id").first()
        return order if order is not None and self.may_see(order) else None

    # Orders this session may see
    def remember_order(self, order: Order) -> None:
        """Let this session see `order`, and retire the token that placed it."""
        placed = [
            number for number in self.session.get(PLACED_ORDERS_KEY, []) if isinstance(number, str)
        ]
        number = str(order.order_number)
        if number not in placed:
            placed.append(number)
        self.session[PLACED_ORDERS_KEY] = placed[-PLACED_ORDERS_KEPT:]
        self.session.pop(TOKEN_KEY, None)

    def may_see(self, order: Order) -> bool:
        """The UUID is not a password: only the session that placed it and its owner."""
        if str(order.order_number) in self.session.get(PLACED_ORDERS_KEY, []):
            return True
        user = self.request.user
        return user.is_authenticated and order.user_id == user.pk

    # Prefill
    def prefill(self) -> dict:
        """Initial checkout values for a signed-in shopper: their last order, then their
        account, then the address on their profile (the profile wins: it is what they keep on
        file)."""
        user = self.request.user
        if not user.is_authenticated:
            return {}
        initial = {}
        last = Order.objects.filter(user=user).order_by("-created_at").first()
        if last is not None:
            initial.update(
                {name: getattr(last, name) for name in CUSTOMER_FIELDS if name != "notes"}
            )
        account = {"email": user.email, "first_name": user.first_name, "last_name": user.last_name}
        initial.update({name: value for name, value in account.items() if value})
        # accounts' Profile, reached through its related name: shop never imports accounts.
        profile = getattr(user, "profile", None)
        if profile is not None and hasattr(profile, "checkout_initial"):
            on_file = profile.checkout_initial()
            if not getattr(profile, "has_address", False):
                # No address on file: its default country must not replace the last order's.
                on_file = {name: value for name, value in on_file.items() if name == "phone"}
            initial.update(on_file)
        return initial
