"""Applying what a provider verified to the order, once, and giving back unpaid holds.

Services (write). Both take the order's row lock first, so a webhook racing the shopper's
return, or the hold expiring while a payment is verified, settle in one order.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Site

from shop.models import Order, OrderStatus, StockRecord
from store.models import StoreSettings

from .base import PaymentStatus, Verification
from .models import Payment

logger = logging.getLogger(__name__)


def record_verification(*, payment: Payment, verification: Verification) -> Order:
    """Apply `verification` (from the provider's server-side answer) to `payment` and its order.

    In one transaction, locking the order row and then the payment row:
    - a payment already paid changes nothing, however often it is verified again;
    - paid: the payment is stamped paid; the order gets `is_paid`, `paid_at`, `payment_method`
      and `payment_id` (set once) and moves from awaiting payment to pending, with the
      confirmation emails sent after commit. An order its hold already cancelled keeps its
      status and is flagged `paid_after_expiry` for staff to refund or fulfil, never lost;
    - anything else: the payment takes the provider's status; the order still awaits payment
      (the shopper may try again) until its hold expires.
    Returns the order as it now stands.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=payment.order_id)
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status != PaymentStatus.PAID:
            _apply(order, locked, verification)
    # Hand the caller's instance the new state too.
    for name in ("status", "paid_at", "raw_answers", "transaction_id", "updated_at"):
        setattr(payment, name, getattr(locked, name))
    return order


def _apply(order: Order, payment: Payment, verification: Verification) -> None:
    """The writes of `record_verification`; the caller holds both row locks."""
    payment.add_answer(verification.answer, verification.message)
    if verification.transaction_id:
        payment.transaction_id = verification.transaction_id
    if not verification.paid:
        payment.status = verification.status
        payment.save()
        return
    other = order.payments.filter(status=PaymentStatus.PAID).exclude(pk=payment.pk).first()
    if other is not None:
        # Paid twice (two attempts both went through): keep the money's trace for staff.
        logger.error("Order %s paid again by %s after %s", order, payment, other)
        payment.add_answer({}, f"Order already paid by payment {other.pk}: refund one.")
        payment.status = PaymentStatus.PENDING
        payment.save()
        return
    now = timezone.now()
    payment.status, payment.paid_at = PaymentStatus.PAID, now
    payment.save()
    _mark_order_paid(order, payment, now)


def _mark_order_paid(order: Order, payment: Payment, now: datetime) -> None:
    """The order side of a verified payment; the caller holds the order's row lock."""
    changed = ["updated_at"]
    if not order.is_paid:
        order.is_paid, order.paid_at = True, now
        order.payment_method, order.payment_id = payment.provider, payment.reference
        changed += ["is_paid", "paid_at", "payment_method", "payment_id"]
    if order.status == OrderStatus.AWAITING_PAYMENT:
        order.status = OrderStatus.PENDING
        order.save(update_fields=[*changed, "status"])
        log(order, "shop.order.status", data={"from": "awaiting_payment", "to": "pending"})
        transaction.on_commit(lambda: enqueue_order_emails(order))
        return
    if order.status == OrderStatus.CANCELLED:
        order.paid_after_expiry = True
        changed.append("paid_after_expiry")
        logger.warning("Order %s was paid after its hold expired; staff to refund or fulfil", order)
    order.save(update_fields=changed)


def enqueue_order_emails(order: Order) -> None:
    """After commit: the shopper's confirmation and the store's new-order email, for an order
    whose payment was settled after placement (verified online, or switched to cash)."""
    from shop.tasks import send_order_email

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        logger.error("No default site: confirmation of %s not sent", order)
        return
    for kind in ("confirmation", "new_order"):
        send_order_email.enqueue(str(order.order_number), kind, site.pk)


def payment_hold() -> timedelta:
    """How long an order awaiting payment keeps its stock (the default site's store setting)."""
    site = Site.objects.filter(is_default_site=True).first()
    minutes = StoreSettings.for_site(site).payment_hold_minutes if site else 30
    return timedelta(minutes=minutes)


def expire_unpaid_orders(*, now: datetime | None = None) -> int:
    """Cancel orders still awaiting payment after their hold and put their stock back.

    Each order in its own transaction: lock the order row and re-check it still awaits payment
    (a payment verified meanwhile wins), return each line's units with an `F()` update (in
    product id order, as placement locks stock, so the two never deadlock), cancel, and write
    Wagtail's audit log. Attempts are left as they are: one paid later is still recorded and
    flags the order `paid_after_expiry`. Returns how many orders were cancelled.
    """
    cutoff = (now or timezone.now()) - payment_hold()
    expired = Order.objects.filter(status=OrderStatus.AWAITING_PAYMENT, created_at__lt=cutoff)
    cancelled = 0
    for pk in expired.values_list("pk", flat=True):
        with transaction.atomic():
            order = (
                Order.objects.select_for_update()
                .filter(pk=pk, status=OrderStatus.AWAITING_PAYMENT, is_paid=False)
                .first()
            )
            if order is None:
                continue
            for item in order.items.order_by("product_id"):
                StockRecord.objects.filter(product_id=item.product_id).update(
                    quantity=F("quantity") + item.quantity
                )
            order.status = OrderStatus.CANCELLED
            order.save(update_fields=["status", "updated_at"])
            log(
                order,
                "shop.order.status",
                data={"from": "awaiting_payment", "to": "cancelled"},
            )
            cancelled += 1
    return cancelled
