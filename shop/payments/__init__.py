"""Payment providers behind one small interface, so a new one plugs in without touching order
placement: `place_order` only records the method's code; the checkout view asks the provider
what to do next.

A provider (`base.PaymentProvider`):
- `start(order=, attempt=, urls=)`: begin paying for a placed order. Returns a `PaymentStart`:
  a URL to send the shopper to, a form to POST to the provider, or nothing (cash on delivery).
- `verify(attempt=, data=)`: ask the provider, server to server, what became of an attempt.
- `webhook(request)`: the provider calls us; verify the signature and record the payment.

Providers only talk to their service; `shop.payments.verification` applies what they found to
the order, once. `providers()` lists the configured ones: those offered at checkout.
"""

from .base import (
    _PROVIDERS,  # noqa: F401 - tests register and remove stand-in providers
    PaymentError,
    PaymentProvider,
    PaymentStart,
    PaymentStatus,
    PaymentUrls,
    ProviderUnavailable,
    Verification,
    all_payment_choices,
    get_provider,
    payment_choices,
    providers,
    register,
)
from .cod import CashOnDelivery
from .esewa import Esewa
from .khalti import Khalti
from .stripe_checkout import StripeCheckout

DEFAULT_METHOD = register(CashOnDelivery()).code
register(Khalti())
register(Esewa())
register(StripeCheckout())

__all__ = [
    "DEFAULT_METHOD",
    "CashOnDelivery",
    "Esewa",
    "Khalti",
    "PaymentError",
    "PaymentProvider",
    "PaymentStart",
    "PaymentStatus",
    "PaymentUrls",
    "ProviderUnavailable",
    "StripeCheckout",
    "Verification",
    "all_payment_choices",
    "get_provider",
    "payment_choices",
    "providers",
    "register",
]
