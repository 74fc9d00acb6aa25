"""Cash on delivery: nothing happens online."""

from __future__ import annotations

from .base import PaymentProvider, PaymentStart, PaymentStatus, Verification


class CashOnDelivery(PaymentProvider):
    """Pay the courier. Nothing happens online; staff mark the order paid on delivery."""

    code = "cod"
    label = "Cash on delivery"
    description = "Pay in cash when your order arrives."
    next_steps = "Please have the total ready in cash when the courier arrives."

    def start(self, *, order, attempt=None, urls=None, request=None) -> PaymentStart:
        return PaymentStart()

    def verify(self, *, attempt, data) -> Verification:
        # Confirmation is the courier handing over the cash: recorded by staff, not online.
        return Verification(PaymentStatus.PENDING, message="Paid to the courier on delivery.")
