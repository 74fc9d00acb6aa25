"""eSewa ePay v2: the shopper's browser POSTs a signed form to eSewa; eSewa sends them back
with a signed base64 answer (`?data=`), which we check and then confirm with eSewa's status
API before anything is paid.

Docs: https://developer.esewa.com.np/pages/Epay . Amounts are rupees, as decimal strings.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import uuid
from decimal import Decimal, InvalidOperation

from django.conf import settings

from .base import (
    PaymentError,
    PaymentProvider,
    PaymentStart,
    PaymentStatus,
    Verification,
    completed_result,
    to_minor,
)
from .http import call_json

# The fields eSewa asks us to sign, in this order.
REQUEST_SIGNED_FIELDS = ("total_amount", "transaction_uuid", "product_code")

# Status API answers other than "COMPLETE" (which depends on the amount).
STATUS_API_STATUSES = {
    "PENDING": PaymentStatus.PENDING,
    "AMBIGUOUS": PaymentStatus.PENDING,
    "NOT_FOUND": PaymentStatus.EXPIRED,
    "CANCELED": PaymentStatus.CANCELLED,
    "FULL_REFUND": PaymentStatus.REFUNDED,
    "PARTIAL_REFUND": PaymentStatus.REFUNDED,
}


def sign(fields: dict, names: list[str] | tuple[str, ...], secret: str) -> str:
    """eSewa's signature: base64 of HMAC-SHA256 over `name=value,...` in the order named."""
    message = ",".join(f"{name}={fields[name]}" for name in names)
    digest = hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def rupees_to_minor(value) -> int | None:
    """eSewa writes amounts as numbers or strings, sometimes with thousands separators."""
    try:
        return to_minor(Decimal(str(value).replace(",", "")))
    except (InvalidOperation, ValueError):
        return None


class Esewa(PaymentProvider):
    code = "esewa"
    label = "eSewa"
    description = "Pay with your eSewa wallet."
    next_steps = "We have your payment through eSewa; we will pack your order next."
    currencies = ("NPR",)
    online = True

    def is_configured(self) -> bool:
        """Offered when `ESEWA_ENABLED` is true. It defaults to true only when both
        `ESEWA_PRODUCT_CODE` and `ESEWA_SECRET_KEY` are set in the environment: the published
        test merchant (the defaults) must be switched on deliberately, so a deploy that forgot
        its keys never takes shoppers' money into eSewa's test account."""
        return bool(
            settings.ESEWA_ENABLED and settings.ESEWA_PRODUCT_CODE and settings.ESEWA_SECRET_KEY
        )

    def start(self, *, order, attempt=None, urls=None, request=None) -> PaymentStart:
        if attempt is None or urls is None:
            raise PaymentError("eSewa needs a payment attempt and return URLs.")
        total = f"{attempt.amount:.2f}"
        fields = {
            "amount": total,
            "tax_amount": "0",
            "product_service_charge": "0",
            "product_delivery_charge": "0",
            "total_amount": total,
            # A fresh id per attempt: eSewa refuses a transaction_uuid it has seen.
            "transaction_uuid": f"{order.short_number}-{uuid.uuid4().hex[:12]}",
            "product_code": settings.ESEWA_PRODUCT_CODE,
            "success_url": urls.success,
            "failure_url": urls.failure,
            "signed_field_names": ",".join(REQUEST_SIGNED_FIELDS),
        }
        fields["signature"] = sign(fields, REQUEST_SIGNED_FIELDS, settings.ESEWA_SECRET_KEY)
        return PaymentStart(
            payment_id=fields["transaction_uuid"],
            form_url=settings.ESEWA_FORM_URL,
            form_fields=fields,
            answer={"form_fields": fields},
        )

    def decode_answer(self, encoded: str) -> dict:
        """eSewa's `data` answer, decoded, after checking its signature over its own
        `signed_field_names`. Raises `PaymentError` for anything forged or malformed."""
        try:
            answer = json.loads(base64.b64decode(encoded, validate=True))
            names = answer["signed_field_names"].split(",")
            expected = sign(answer, names, settings.ESEWA_SECRET_KEY)
            given = answer["signature"]
        except (binascii.Error, ValueError, KeyError, TypeError, AttributeError) as error:
            raise PaymentError("eSewa's answer could not be read.") from error
        if not isinstance(given, str) or not hmac.compare_digest(expected, given):
            raise PaymentError("eSewa's answer is not signed with our key.")
        return answer

    def verify(self, *, attempt, data) -> Verification:
        if data.get("data"):
            answer = self.decode_answer(data["data"])
            if answer.get("transaction_uuid") != attempt.reference:
                raise PaymentError("eSewa's answer is about another payment.")
        # Even a correctly signed answer is confirmed with the status API: it is the record.
        status = call_json(
            "GET",
            settings.ESEWA_STATUS_URL,
            provider="eSewa",
            params={
                "product_code": settings.ESEWA_PRODUCT_CODE,
                "total_amount": f"{attempt.amount:.2f}",
                "transaction_uuid": attempt.reference,
            },
        )
        body = status.data if isinstance(status.data, dict) else {}
        state = body.get("status")
        if status.ok and state == "COMPLETE":
            return completed_result(
                expected_minor=attempt.amount_minor,
                confirmed_minor=rupees_to_minor(body.get("total_amount")),
                answer=body,
                transaction_id=body.get("ref_id") or "",
            )
        if status.ok and state in STATUS_API_STATUSES:
            return Verification(
                STATUS_API_STATUSES[state], rupees_to_minor(body.get("total_amount")), answer=body
            )
        raise PaymentError(f"eSewa's status API gave no status (HTTP {status.status_code}).")
