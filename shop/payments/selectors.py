"""What the shopper's pages and the admin show about an order's payment. Selectors (read)."""

from __future__ import annotations

from dataclasses import dataclass

from shop.models import Order, OrderStatus

from .base import PaymentError, PaymentProvider, PaymentStatus, get_provider, providers
from .models import Payment

# Attempt statuses the shopper reads as "did not go through": try again or pay on delivery.
UNSUCCESSFUL = {
    PaymentStatus.FAILED,
    PaymentStatus.EXPIRED,
    PaymentStatus.CANCELLED,
    PaymentStatus.REFUNDED,
}


@dataclass(frozen=True)
class PaymentState:
    """An order's payment as the shopper sees it.

    `state` is one of "paid", "pending" (the provider has not confirmed yet), "failed" (the
    last attempt did not go through, or the provider could not be reached), "on_delivery"
    (cash) or "closed" (cancelled unpaid). `can_retry` when the shopper may start a new
    attempt or switch to cash on delivery (`cod_allowed`)."""

    state: str
    provider: PaymentProvider | None
    attempt: Payment | None
    online_methods: tuple[PaymentProvider, ...] = ()
    cod_allowed: bool = False

    @property
    def can_retry(self) -> bool:
        return self.state in {"failed", "pending"} and bool(self.online_methods or self.cod_allowed)

    @property
    def label(self) -> str:
        return self.provider.label if self.provider else ""


def provider_or_none(code: str) -> PaymentProvider | None:
    """The registered provider for `code`, or None for a method no longer registered."""
    try:
        return get_provider(code)
    except PaymentError:
        return None


def cash_on_delivery_offered() -> bool:
    """Whether the store offers cash on delivery at checkout."""
    return any(provider.code == "cod" for provider in providers())


def latest_attempt(order: Order) -> Payment | None:
    """The order's most recent payment attempt (attempts are ordered newest first)."""
    return order.payments.order_by("-created_at", "-pk").first()


def payment_state(order: Order) -> PaymentState:
    """How `order`'s payment stands, for its page: paid, pending, failed, and what the shopper
    may do next."""
    provider = provider_or_none(order.payment_method)
    attempt = latest_attempt(order) if provider is not None and provider.online else None
    if order.is_paid:
        return PaymentState("paid", provider, attempt)
    if order.status != OrderStatus.AWAITING_PAYMENT:
        state = "closed" if order.status == OrderStatus.CANCELLED else "on_delivery"
        return PaymentState(state, provider, attempt)
    online = tuple(method for method in providers() if method.online)
    cod_allowed = cash_on_delivery_offered()
    # An attempt with no reference never reached the provider (it was down or refused).
    if attempt is None or not attempt.reference or attempt.status in UNSUCCESSFUL:
        state = "failed"
    else:
        state = "pending"
    return PaymentState(state, provider, attempt, online, cod_allowed)
