"""Background tasks of the shop, run through the tasks API (`django_tasks`).

Development and tests use the immediate backend (the task runs right after commit, in the
request). Production uses a queue and a worker; see the deployment notes.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from wagtail.models import Site

from store.models import StoreSettings

from .emails import build_order_email
from .models import Order

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Wait before attempt n+1 (queue backends only; the immediate backend retries at once).
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
]


class EmailNotSent(Exception):
    """Every attempt to send an order email failed; the order is unaffected."""


@task()
def send_order_email(order_number: str, kind: str, site_id: int, attempt: int = 1) -> str:
    """Send one order email (`kind` is "confirmation" or "new_order"). When the mail server is
    down, enqueue another attempt later, up to `MAX_ATTEMPTS`; one task per email, so a retry
    never sends the other one twice."""
    order = Order.objects.filter(order_number=order_number).first()
    if order is None:
        logger.warning("Order %s vanished before its %s email was sent", order_number, kind)
        return "missing"
    store = StoreSettings.for_site(Site.objects.get(pk=site_id))
    try:
        build_order_email(order, kind, store).send()
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= MAX_ATTEMPTS:
            logger.error("Gave up sending the %s email for %s: %s", kind, order, error)
            raise EmailNotSent(f"{kind} email for {order_number} not sent") from error
        logger.warning("Sending the %s email for %s failed (%s); retrying", kind, order, error)
        retry = send_order_email
        if retry.get_backend().supports_defer:
            delay = RETRY_DELAYS[min(attempt - 1, len(RETRY_DELAYS) - 1)]
            retry = retry.using(run_after=timezone.now() + delay)
        retry.enqueue(order_number, kind, site_id, attempt + 1)
        return "retrying"
    return "sent"


@task()
def expire_unpaid_orders() -> int:
    """Cancel orders whose payment hold has expired and put their stock back; schedule it every
    few minutes (same code as `manage.py expire_unpaid_orders`)."""
    from .payments.verification import expire_unpaid_orders as expire

    return expire()


@task()
def reconcile_payments() -> dict:
    """Re-check online payments still started or pending with their providers, then expire the
    holds still unpaid; schedule it every few minutes. Checking first means a payment that did
    go through is applied before its hold can expire."""
    from .payments.attempts import recheck_open_payments
    from .payments.verification import expire_unpaid_orders as expire

    return {"checked": recheck_open_payments(), "expired": expire()}
