"""The provider interface, the results providers hand back, and the registry of providers.

A provider is a client of one payment service. It never writes to the database: `start` asks
the service to begin a payment for an attempt, `verify` asks the service (server to server)
what became of it, and the verification service (`shop.payments.verification`) applies the
answer to the order, once, under row locks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound

from store.money import to_money

if TYPE_CHECKING:
    from shop.models import Order

    from .models import Payment


class PaymentError(Exception):
    """A payment could not be started or confirmed; the order itself stands."""


class ProviderUnavailable(PaymentError):
    """The provider did not answer in time, could not be reached, or failed on its side (5xx).
    Nothing was recorded: the shopper may retry later or choose cash on delivery."""


class PaymentStatus(models.TextChoices):
    STARTED = "started", "Started"
    PENDING = "pending", "Pending"
    PAID = "paid", "Paid"
    FAILED = "failed", "Failed"
    EXPIRED = "expired", "Expired"
    CANCELLED = "cancelled", "Cancelled"
    REFUNDED = "refunded", "Refunded"


@dataclass(frozen=True)
class PaymentUrls:
    """Where the provider sends the shopper back (absolute URLs, built by the view)."""

    success: str
    failure: str
    website: str = ""


@dataclass(frozen=True)
class PaymentStart:
    """What the checkout view does after placement: redirect to `redirect_url`, or POST
    `form_fields` to `form_url` (eSewa), or nothing (cash on delivery). `payment_id` is the
    provider's reference for the attempt; `answer` the provider's raw reply, kept for support."""

    redirect_url: str | None = None
    payment_id: str = ""
    form_url: str = ""
    form_fields: dict[str, str] = field(default_factory=dict)
    answer: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Verification:
    """What the provider says became of an attempt, as checked on our server.

    `status` is a `PaymentStatus`; `paid` only when the provider confirmed the full amount.
    `message` says why in staff's words when it is not paid (e.g. an amount mismatch)."""

    status: str
    amount_minor: int | None = None
    transaction_id: str = ""
    answer: dict[str, Any] = field(default_factory=dict)
    message: str = ""

    @property
    def paid(self) -> bool:
        return self.status == PaymentStatus.PAID


def to_minor(amount: Decimal) -> int:
    """Paisa or cents: both providers' units are hundredths of the currency."""
    return int(to_money(amount) * 100)


def completed_result(
    *, expected_minor: int, confirmed_minor: int | None, answer: dict, transaction_id: str = ""
) -> Verification:
    """A provider said "completed": paid only when it confirmed exactly what we asked for."""
    if confirmed_minor == expected_minor:
        return Verification(PaymentStatus.PAID, confirmed_minor, transaction_id, answer)
    return Verification(
        PaymentStatus.FAILED,
        confirmed_minor,
        transaction_id,
        answer,
        message=f"Amount mismatch: asked {expected_minor}, provider confirmed {confirmed_minor}.",
    )


class PaymentProvider:
    code: str = ""
    label: str = ""
    description: str = ""
    # Shown on the confirmation page: what the shopper does next.
    next_steps: str = ""
    # ISO 4217 codes the provider takes; empty means any the merchant account allows.
    currencies: tuple[str, ...] = ()
    # Paid online: the order is placed awaiting payment, holding its stock, and checkout goes
    # through `attempts.start_payment`. Offline methods (cash on delivery) only `start`.
    online: bool = False

    def is_configured(self) -> bool:
        """Whether the keys this provider needs are set; only configured ones are offered."""
        return True

    def start(
        self,
        *,
        order: Order,
        attempt: Payment | None = None,
        urls: PaymentUrls | None = None,
        request: HttpRequest | None = None,
    ) -> PaymentStart:
        raise NotImplementedError

    def verify(self, *, attempt: Payment, data: dict) -> Verification:
        """Ask the provider what became of `attempt`; `data` is what the shopper's browser
        brought back, used only to find and cross-check, never believed on its own."""
        raise NotImplementedError

    def webhook(self, request: HttpRequest) -> HttpResponse:
        return HttpResponseNotFound()


_PROVIDERS: dict[str, PaymentProvider] = {}


def register(provider: PaymentProvider) -> PaymentProvider:
    """Make `provider` available at checkout under its code."""
    if not provider.code:
        raise ValueError("A payment provider needs a code.")
    _PROVIDERS[provider.code] = provider
    return provider


def get_provider(code: str) -> PaymentProvider:
    """The registered provider for `code`, configured or not (old attempts still verify)."""
    try:
        return _PROVIDERS[code]
    except KeyError:
        raise PaymentError(f"Unknown payment method: {code!r}") from None


def providers() -> list[PaymentProvider]:
    """The providers offered at checkout: those whose keys are set."""
    return [provider for provider in _PROVIDERS.values() if provider.is_configured()]


def payment_choices() -> list[tuple[str, str]]:
    """The methods offered at checkout, as form choices."""
    return [(provider.code, provider.label) for provider in providers()]


def all_payment_choices() -> list[tuple[str, str]]:
    """Every registered method, configured or not: old orders keep theirs (admin filters)."""
    return [(provider.code, provider.label) for provider in _PROVIDERS.values()]
