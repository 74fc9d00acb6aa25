"""Starting and checking payment attempts: the calls the checkout and return views make, and
the reconciliation that re-checks attempts nobody came back for. Services (write)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from shop.models import Order, OrderStatus
from store.models import StoreSettings

from .base import PaymentError, PaymentStart, PaymentStatus, PaymentUrls, get_provider, to_minor
from .models import Payment
from .verification import enqueue_order_emails, record_verification

logger = logging.getLogger(__name__)


def start_payment(
    *, order: Order, method: str, urls: PaymentUrls, store: StoreSettings
) -> tuple[Payment, PaymentStart]:
    """Open a new attempt at paying `order` with `method` and ask the provider to begin.

    The attempt is saved before the provider is called, so its id keys the provider's
    idempotency; the provider's reference and answer are saved after. Raises `PaymentError`
    (or `ProviderUnavailable`) when the provider refuses or cannot be reached: the attempt then
    stays "started" with no reference, and the order keeps its hold.
    """
    provider = get_provider(method)
    if provider.currencies and store.currency_code not in provider.currencies:
        raise PaymentError(f"{provider.label} takes payments in {', '.join(provider.currencies)}.")
    payment = Payment.objects.create(
        order=order,
        provider=provider.code,
        amount=order.total,
        amount_minor=to_minor(order.total),
        currency=store.currency_code,
    )
    start = provider.start(order=order, attempt=payment, urls=urls)
    payment.reference = start.payment_id
    payment.add_answer(start.answer)
    payment.save(update_fields=["reference", "raw_answers", "updated_at"])
    return payment, start


def check_payment(*, payment: Payment, data: dict | None = None) -> Order:
    """Ask the provider what became of `payment` and record it (see `record_verification`).
    `data` is what the shopper's browser brought back, if anything; it is never believed on its
    own. Raises `PaymentError` for a forged or unreadable return, `ProviderUnavailable` when the
    provider cannot answer; nothing is recorded then."""
    verification = get_provider(payment.provider).verify(attempt=payment, data=data or {})
    return record_verification(payment=payment, verification=verification)


def recheck_open_payments(*, older_than: timedelta = timedelta(minutes=2)) -> int:
    """Ask the providers again about attempts still started or pending (the shopper never came
    back, or the provider said "pending"), oldest first; attempts younger than `older_than`
    are left to the shopper's own return. A provider that cannot answer is skipped and asked
    again next run. Returns how many attempts were checked."""
    cutoff = timezone.now() - older_than
    open_attempts = (
        Payment.objects.filter(
            status__in=[PaymentStatus.STARTED, PaymentStatus.PENDING], created_at__lt=cutoff
        )
        .exclude(reference="")
        .order_by("created_at")
    )
    checked = 0
    for payment in open_attempts:
        try:
            check_payment(payment=payment)
        except PaymentError as error:
            logger.warning("Could not re-check %s: %s", payment, error)
            continue
        checked += 1
    return checked


class PaymentSwitchError(PaymentError):
    """The order can no longer change how it is paid (paid, or its hold expired)."""


def switch_to_cash_on_delivery(*, order: Order) -> Order:
    """Let the shopper pay a held order on delivery instead: it stops awaiting payment and
    becomes pending, keeping the stock it holds, and its emails go out after commit.

    Locks the order row first, so a payment verified at the same moment either wins (the
    order is paid, and this raises `PaymentSwitchError`) or finds the order already switched.
    Attempts are left as they are: one paid later still flags nothing wrong, it is recorded
    on the order like any other payment. Returns the order as it now stands.
    """
    from .cod import CashOnDelivery

    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.payment_method == CashOnDelivery.code and not locked.is_paid:
            return locked  # switched already: a second click changes nothing
        if locked.status != OrderStatus.AWAITING_PAYMENT or locked.is_paid:
            raise PaymentSwitchError(
                f"Order {locked.short_number} is {locked.get_status_display().lower()} and "
                "can no longer change how it is paid."
            )
        previous = locked.payment_method
        locked.payment_method = CashOnDelivery.code
        locked.status = OrderStatus.PENDING
        locked.save(update_fields=["payment_method", "status", "updated_at"])
        log(
            locked,
            "shop.order.status",
            data={"from": OrderStatus.AWAITING_PAYMENT, "to": OrderStatus.PENDING},
        )
        log(locked, "shop.order.payment", data={"action": "switch", "from": previous, "to": "cod"})
        transaction.on_commit(lambda: enqueue_order_emails(locked))
    return locked


def recheck_payment(*, payment: Payment, user=None) -> Payment:
    """Staff ask the provider again about an attempt still started or pending, and the answer
    is recorded like the shopper's return (`check_payment`: row locks, applied once). Writes
    the order's audit log (`shop.order.payment`, action "recheck", with the status found).
    Raises `PaymentError` for an attempt that is settled or never reached the provider, and
    `ProviderUnavailable` when the provider cannot answer (nothing recorded then)."""
    if payment.status not in (PaymentStatus.STARTED, PaymentStatus.PENDING):
        raise PaymentError(f"This attempt is {payment.get_status_display().lower()} already.")
    if not payment.reference:
        raise PaymentError("This attempt never reached the provider; there is nothing to ask.")
    order = check_payment(payment=payment)
    log(
        order,
        "shop.order.payment",
        user=user,
        data={"action": "recheck", "payment": payment.pk, "status": payment.status},
    )
    return payment
