"""Payment providers behind one small interface, so a new one plugs in without touching order
placement: `place_order` only records the method's code; the checkout view asks the provider
what to do next.

A provider:
- `start(order, request)`: begin paying for a placed order. Returns a `PaymentStart`: a URL to
  send the shopper to (a hosted payment page), or none when there is nothing to do online.
- `confirm(order, data)`: the shopper came back from the provider; verify and record the payment.
- `webhook(request)`: the provider calls us; verify the signature and record the payment.

Khalti and Stripe become classes like `CashOnDelivery` registered with `register`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound

if TYPE_CHECKING:
    from .models import Order


class PaymentError(Exception):
    """A payment could not be started or confirmed; the order itself stands."""


@dataclass(frozen=True)
class PaymentStart:
    """What the checkout view does after placement: redirect to `redirect_url` if given."""

    redirect_url: str | None = None
    payment_id: str = ""


class PaymentProvider:
    code: str = ""
    label: str = ""
    description: str = ""
    # Shown on the confirmation page: what the shopper does next.
    next_steps: str = ""

    def start(self, *, order: Order, request: HttpRequest | None = None) -> PaymentStart:
        raise NotImplementedError

    def confirm(self, *, order: Order, data: dict) -> bool:
        raise NotImplementedError

    def webhook(self, request: HttpRequest) -> HttpResponse:
        raise NotImplementedError


class CashOnDelivery(PaymentProvider):
    """Pay the courier. Nothing happens online; staff mark the order paid on delivery."""

    code = "cod"
    label = "Cash on delivery"
    description = "Pay in cash when your order arrives."
    next_steps = "Please have the total ready in cash when the courier arrives."

    def start(self, *, order: Order, request: HttpRequest | None = None) -> PaymentStart:
        return PaymentStart()

    def confirm(self, *, order: Order, data: dict) -> bool:
        # Confirmation is the courier handing over the cash: recorded by staff, not online.
        return False

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
    try:
        return _PROVIDERS[code]
    except KeyError:
        raise PaymentError(f"Unknown payment method: {code!r}") from None


def providers() -> list[PaymentProvider]:
    return list(_PROVIDERS.values())


def payment_choices() -> list[tuple[str, str]]:
    return [(provider.code, provider.label) for provider in _PROVIDERS.values()]


DEFAULT_METHOD = register(CashOnDelivery()).code
