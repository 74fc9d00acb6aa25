"""Stripe Checkout through Stripe's official client: create a Checkout Session, send the
shopper to it; the order is paid by a signed webhook or by retrieving the session on return.

Named `stripe_checkout` so it never shadows the `stripe` package.
"""

from __future__ import annotations

import logging

import stripe
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

from .base import (
    PaymentError,
    PaymentProvider,
    PaymentStart,
    PaymentStatus,
    ProviderUnavailable,
    Verification,
    completed_result,
)

logger = logging.getLogger(__name__)

# Webhook events we act on, and what each means for the attempt.
EVENT_STATUSES = {
    "checkout.session.completed": None,  # paid or not: the session's payment_status says
    "checkout.session.async_payment_succeeded": None,
    "checkout.session.async_payment_failed": PaymentStatus.FAILED,
    "checkout.session.expired": PaymentStatus.EXPIRED,
}


def session_result(session: dict, attempt) -> Verification:
    """What a Checkout Session (retrieved by us, or inside a signed event) says of `attempt`."""
    if session.get("payment_status") == "paid":
        confirmed = session.get("amount_total")
        if str(session.get("currency", "")).upper() != attempt.currency.upper():
            confirmed = None  # the right number in another currency is not our amount
        return completed_result(
            expected_minor=attempt.amount_minor,
            confirmed_minor=confirmed,
            answer=session,
            transaction_id=session.get("payment_intent") or "",
        )
    if session.get("status") == "expired":
        return Verification(PaymentStatus.EXPIRED, session.get("amount_total"), answer=session)
    # Open, or complete with a delayed payment method still settling.
    return Verification(PaymentStatus.PENDING, session.get("amount_total"), answer=session)


class StripeCheckout(PaymentProvider):
    code = "stripe"
    label = "Card (Stripe)"
    description = "Pay by card on Stripe's secure page."
    next_steps = "We have your card payment; we will pack your order next."
    online = True

    def is_configured(self) -> bool:
        """Offered with both a secret key and a webhook secret: without the webhook, payments
        the shopper never returns from would go unnoticed."""
        return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)

    def _client(self) -> stripe.StripeClient:
        return stripe.StripeClient(
            settings.STRIPE_SECRET_KEY,
            base_addresses={"api": settings.STRIPE_API_BASE},
            http_client=stripe.RequestsClient(timeout=settings.PAYMENT_TIMEOUT),
            # The shopper retries, with the same idempotency key; no hidden waits here.
            max_network_retries=0,
        )

    def _call(self, method, *args, **kwargs) -> dict:
        try:
            return method(*args, **kwargs).to_dict(for_json=True)
        except stripe.APIConnectionError as error:
            raise ProviderUnavailable("Stripe could not be reached.") from error
        except stripe.StripeError as error:
            if (error.http_status or 500) >= 500:
                raise ProviderUnavailable("Stripe failed on its side.") from error
            raise PaymentError(f"Stripe refused: {error.user_message or error}") from error

    def start(self, *, order, attempt=None, urls=None, request=None) -> PaymentStart:
        if attempt is None or urls is None:
            raise PaymentError("Stripe needs a payment attempt and return URLs.")
        separator = "&" if "?" in urls.success else "?"
        session = self._call(
            self._client().v1.checkout.sessions.create,
            params={
                "mode": "payment",
                "line_items": [
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": attempt.currency.lower(),
                            "unit_amount": attempt.amount_minor,
                            "product_data": {"name": f"Order {order.short_number}"},
                        },
                    }
                ],
                "customer_email": order.email,
                "client_reference_id": str(order.order_number),
                "metadata": {"order_number": str(order.order_number), "attempt": attempt.pk},
                "success_url": f"{urls.success}{separator}session_id={{CHECKOUT_SESSION_ID}}",
                "cancel_url": urls.failure,
            },
            # One session per attempt, however often the call is retried.
            options={"idempotency_key": f"vantor-payment-{attempt.pk}"},
        )
        return PaymentStart(redirect_url=session["url"], payment_id=session["id"], answer=session)

    def verify(self, *, attempt, data) -> Verification:
        # The return's session_id is only a hint; the session we stored is the one retrieved.
        session = self._call(self._client().v1.checkout.sessions.retrieve, attempt.reference)
        return session_result(session, attempt)

    def webhook(self, request: HttpRequest) -> HttpResponse:
        """Stripe calls us: check the signature against the raw body, handle each event id
        once, and record what the session inside says."""
        from .models import Payment, ProviderEvent
        from .verification import record_verification

        try:
            event = stripe.Webhook.construct_event(
                request.body,
                request.headers.get("Stripe-Signature", ""),
                settings.STRIPE_WEBHOOK_SECRET,
            )
        except (ValueError, stripe.SignatureVerificationError):
            return HttpResponseBadRequest("Invalid signature.")
        event = event.to_dict(for_json=True)
        if event.get("type") not in EVENT_STATUSES:
            return HttpResponse("Ignored.")
        session = event["data"]["object"]
        with transaction.atomic():
            _, created = ProviderEvent.objects.get_or_create(
                provider=self.code, event_id=event["id"]
            )
            if not created:
                return HttpResponse("Already handled.")
            payment = Payment.objects.filter(provider=self.code, reference=session["id"]).first()
            if payment is None:
                logger.warning("Stripe event %s for unknown session %s", event["id"], session["id"])
                return HttpResponse("Unknown session.")
            result = session_result(session, payment)
            status = EVENT_STATUSES[event["type"]]
            if status is not None and not result.paid:
                result = Verification(status, result.amount_minor, answer=session)
            record_verification(payment=payment, verification=result)
        return HttpResponse("Recorded.")
