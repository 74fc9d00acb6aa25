"""Khalti ePayment (KPG-2): initiate on the server, send the shopper to Khalti's page, and on
their return ask Khalti (lookup by the pidx we stored) what happened.

Docs: https://docs.khalti.com/khalti-epayment/ . Amounts are in paisa; the minimum is Rs 10.
"""

from __future__ import annotations

from django.conf import settings

from .base import (
    PaymentError,
    PaymentProvider,
    PaymentStart,
    PaymentStatus,
    Verification,
    completed_result,
)
from .http import call_json

MINIMUM_PAISA = 1000

# Lookup statuses other than "Completed" (which depends on the amount).
LOOKUP_STATUSES = {
    "Pending": PaymentStatus.PENDING,
    "Initiated": PaymentStatus.PENDING,
    "Expired": PaymentStatus.EXPIRED,
    "User canceled": PaymentStatus.CANCELLED,
    "Refunded": PaymentStatus.REFUNDED,
    "Partially Refunded": PaymentStatus.REFUNDED,
}


class Khalti(PaymentProvider):
    code = "khalti"
    label = "Khalti"
    description = "Pay with your Khalti wallet, mobile banking or card."
    next_steps = "We have your payment through Khalti; we will pack your order next."
    currencies = ("NPR",)
    online = True

    def is_configured(self) -> bool:
        """Offered only with a merchant secret key: there is no shared sandbox key."""
        return bool(settings.KHALTI_SECRET_KEY)

    def _url(self, path: str) -> str:
        return settings.KHALTI_BASE_URL.rstrip("/") + "/" + path

    def _post(self, path: str, payload: dict):
        return call_json(
            "POST",
            self._url(path),
            provider="Khalti",
            headers={"Authorization": f"Key {settings.KHALTI_SECRET_KEY}"},
            json=payload,
        )

    def start(self, *, order, attempt=None, urls=None, request=None) -> PaymentStart:
        if attempt is None or urls is None:
            raise PaymentError("Khalti needs a payment attempt and return URLs.")
        if attempt.amount_minor < MINIMUM_PAISA:
            raise PaymentError("Khalti accepts payments of Rs 10 or more.")
        answer = self._post(
            "epayment/initiate/",
            {
                "return_url": urls.success,
                "website_url": urls.website or urls.success,
                "amount": attempt.amount_minor,
                "purchase_order_id": str(order.order_number),
                "purchase_order_name": f"Order {order.short_number}",
                "customer_info": {
                    "name": order.full_name,
                    "email": order.email,
                    "phone": order.phone,
                },
            },
        )
        data = answer.data if isinstance(answer.data, dict) else {}
        if not answer.ok or not data.get("pidx") or not data.get("payment_url"):
            raise PaymentError(f"Khalti refused the payment: {answer.data!r}")
        return PaymentStart(redirect_url=data["payment_url"], payment_id=data["pidx"], answer=data)

    def verify(self, *, attempt, data) -> Verification:
        # The return's `status` and `pidx` query parameters are the browser talking: only the
        # lookup of the pidx we stored when initiating counts.
        answer = self._post("epayment/lookup/", {"pidx": attempt.reference})
        body = answer.data if isinstance(answer.data, dict) else {}
        status = body.get("status")
        # Expired and cancelled payments come back as HTTP 400 with their status in the body.
        if status == "Completed" and answer.ok:
            return completed_result(
                expected_minor=attempt.amount_minor,
                confirmed_minor=body.get("total_amount"),
                answer=body,
                transaction_id=body.get("transaction_id") or "",
            )
        if status in LOOKUP_STATUSES:
            return Verification(LOOKUP_STATUSES[status], body.get("total_amount"), answer=body)
        raise PaymentError(f"Khalti's lookup gave no status (HTTP {answer.status_code}).")
