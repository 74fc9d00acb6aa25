"""Payment attempts and the provider events already handled.

Imported at the end of `shop/models.py`, so Django registers these under the `shop` app.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from .base import PaymentStatus


class Payment(models.Model):
    """One try at paying an order online, with the provider's reference and every answer it
    gave (for support). An order may have several attempts; at most one is paid."""

    order = models.ForeignKey("shop.Order", on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(max_length=32)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    # The same amount in the provider's unit (paisa, cents), as sent and compared.
    amount_minor = models.PositiveBigIntegerField()
    currency = models.CharField(max_length=3)
    # Khalti pidx, eSewa transaction_uuid, Stripe Checkout Session id.
    reference = models.CharField(max_length=255, blank=True)
    transaction_id = models.CharField(max_length=255, blank=True)
    status = models.CharField(
        max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.STARTED, db_index=True
    )
    raw_answers = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "shop"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "reference"],
                condition=~Q(reference=""),
                name="payment_reference_unique_per_provider",
            ),
            models.UniqueConstraint(
                fields=["order"],
                condition=Q(status=PaymentStatus.PAID),
                name="payment_one_paid_per_order",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="payment_amount_gte_0"),
        ]

    def __str__(self):
        return f"{self.provider} {self.reference or self.pk}: {self.get_status_display()}"

    def add_answer(self, answer: dict, note: str = "") -> None:
        """Keep what the provider said, with when (saved by the caller)."""
        entry = {"at": timezone.now().isoformat(), "answer": answer}
        if note:
            entry["note"] = note
        self.raw_answers = [*self.raw_answers, entry]


class ProviderEvent(models.Model):
    """A webhook event already handled: providers deliver events more than once."""

    provider = models.CharField(max_length=32)
    event_id = models.CharField(max_length=255)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "shop"
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "event_id"], name="provider_event_handled_once"
            )
        ]

    def __str__(self):
        return f"{self.provider} {self.event_id}"
