"""The order inspect page's payment panel and its staff actions: re-check an attempt with its
provider, mark a cash-on-delivery order paid, record a refund (with or without restocking).

Views are thin, as in `admin_views`: check the order viewset's permission policy, call one
service (`shop.fulfilment` or `shop.payments.attempts`), tell staff what happened, and go back
to the inspect page.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from .fulfilment import PaymentActionError, mark_order_paid, record_refund
from .models import Order, OrderStatus, Payment
from .payments import PaymentError, PaymentStatus
from .payments.attempts import recheck_payment
from .payments.selectors import provider_or_none

OPEN = (PaymentStatus.STARTED, PaymentStatus.PENDING)


def payment_context(order: Order, *, can_change: bool) -> dict:
    """What the inspect page shows of `order`'s payments, and which actions staff may take."""
    attempts = list(order.payments.order_by("-created_at", "-pk"))
    for attempt in attempts:
        provider = provider_or_none(attempt.provider)
        attempt.provider_label = provider.label if provider else attempt.provider
        attempt.can_recheck = can_change and attempt.status in OPEN and bool(attempt.reference)
    provider = provider_or_none(order.payment_method)
    return {
        "payment_label": provider.label if provider else order.payment_method,
        "attempts": attempts,
        "can_mark_paid": can_change
        and order.payment_method == "cod"
        and not order.is_paid
        and order.status != OrderStatus.CANCELLED,
        "can_refund": can_change and order.is_paid,
        "recheck_url_name": "wagtailsnippets_shop_order:recheck_payment",
        "mark_paid_url": reverse("wagtailsnippets_shop_order:mark_paid", args=[order.pk]),
        "refund_url": reverse("wagtailsnippets_shop_order:refund", args=[order.pk]),
    }


def _inspect(order_pk):
    return redirect(reverse("wagtailsnippets_shop_order:inspect", args=[order_pk]))


def _changeable_order(request, policy, pk) -> Order:
    if not policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    return get_object_or_404(Order, pk=pk)


def recheck_payment_view(policy):
    @require_POST
    def recheck(request, pk):
        """Ask the provider again about one of the order's open attempts."""
        if not policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        payment = get_object_or_404(Payment.objects.select_related("order"), pk=pk)
        try:
            recheck_payment(payment=payment, user=request.user)
        except PaymentError as error:
            messages.error(request, f"Could not re-check the payment: {error}")
        else:
            messages.success(
                request,
                f"The provider says this payment is {payment.get_status_display().lower()}.",
            )
        return _inspect(payment.order_id)

    return recheck


def mark_paid_view(policy):
    @require_POST
    def mark_paid(request, pk):
        """Record the cash of a cash-on-delivery order as received."""
        order = _changeable_order(request, policy, pk)
        try:
            mark_order_paid(order=order, user=request.user)
        except PaymentActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{order} is marked paid.")
        return _inspect(order.pk)

    return mark_paid


def refund_view(policy):
    @require_POST
    def refund(request, pk):
        """POST `restock` ("on" to put the units back): record the order's refund."""
        order = _changeable_order(request, policy, pk)
        restock = request.POST.get("restock") == "on"
        # Cancelled by its expired hold: its stock went back then, and never goes back twice.
        restocking = restock and order.status != OrderStatus.CANCELLED
        try:
            record_refund(order=order, restock=restock, user=request.user)
        except PaymentActionError as error:
            messages.error(request, str(error))
        else:
            stock = " and its units are back in stock" if restocking else ""
            messages.success(request, f"{order}'s refund is recorded{stock}.")
        return _inspect(order.pk)

    return refund
