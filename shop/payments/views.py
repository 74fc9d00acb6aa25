"""The shopper's side of paying online: sending them to the provider after checkout, their
return, trying again, switching to cash on delivery, and Stripe's webhook.

Views are thin: they find the order (only for the session that placed it or its owner, as the
confirmation page), call one service from `shop.payments.attempts`, and redirect to the order
page, which shows how the payment stands.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from shop.checkout import CheckoutSession
from shop.models import Order
from store.models import StoreSettings

from .attempts import PaymentSwitchError, check_payment, start_payment, switch_to_cash_on_delivery
from .base import PaymentError, PaymentStatus, PaymentUrls, ProviderUnavailable, get_provider
from .selectors import cash_on_delivery_offered, payment_state

# The query parameter each provider's return carries its reference in, when it does.
RETURN_REFERENCE = {"khalti": "pidx", "stripe": "session_id"}


def visible_order(request: HttpRequest, order_number) -> Order:
    """The order, when this session placed it or its owner is signed in; otherwise 404."""
    order = Order.objects.filter(order_number=order_number).first()
    if order is None or not CheckoutSession(request).may_see(order):
        raise Http404("No such order.")
    return order


def _order_page(order: Order):
    return redirect("shop:order_detail", order_number=order.order_number)


def _return_urls(request: HttpRequest, order: Order, method: str) -> PaymentUrls:
    """Absolute URLs on this site for the provider to send the shopper back to. eSewa's and
    Stripe's failure page is the same return: what happened is asked of the provider."""
    back = request.build_absolute_uri(
        reverse("shop:payment_return", args=[order.order_number, method])
    )
    return PaymentUrls(success=back, failure=back, website=request.build_absolute_uri("/"))


def begin_payment(request: HttpRequest, order: Order, method: str) -> HttpResponse:
    """Open an attempt at paying `order` with `method` and send the shopper to the provider:
    a redirect (Khalti, Stripe) or a page that POSTs the signed form (eSewa). When the
    provider is down or refuses, the order keeps its hold and the shopper lands on its page
    with the reason and the ways on (try again, pay on delivery)."""
    provider = get_provider(method)
    try:
        _, start = start_payment(
            order=order,
            method=method,
            urls=_return_urls(request, order, method),
            store=StoreSettings.for_request(request),
        )
    except ProviderUnavailable:
        messages.error(
            request,
            f"We could not reach {provider.label} just now. Your order is held: try again in "
            "a moment, or choose another way to pay.",
        )
        return _order_page(order)
    except PaymentError as error:
        messages.error(request, f"{provider.label} could not take this payment: {error}")
        return _order_page(order)
    if start.form_url:
        return render(
            request,
            "shop/payment_redirect.html",
            {"order": order, "provider": provider, "start": start},
        )
    if start.redirect_url:
        return redirect(start.redirect_url)
    return _order_page(order)


@require_GET
def payment_return(request, order_number, provider):
    """The shopper is back from `provider`. The attempt is the one we stored (the query only
    points at it); what became of it is asked of the provider, never read from the query."""
    order = visible_order(request, order_number)
    attempts = order.payments.filter(provider=provider).exclude(reference="")
    hint = request.GET.get(RETURN_REFERENCE.get(provider, ""), "")
    payment = (hint and attempts.filter(reference=hint).first()) or attempts.first()
    if payment is None:
        raise Http404("No such payment.")
    label = get_provider(payment.provider).label
    if payment.status == PaymentStatus.PAID:
        return _order_page(order)  # a replayed return: settled already, nothing to ask
    try:
        check_payment(payment=payment, data=request.GET.dict())
    except ProviderUnavailable:
        messages.warning(
            request, f"We could not reach {label} to confirm your payment; we will keep checking."
        )
        return _order_page(order)
    except PaymentError:
        messages.error(request, f"We could not confirm this payment with {label}.")
        return _order_page(order)
    if payment.status == PaymentStatus.PAID:
        messages.success(request, f"Thank you: your payment through {label} is confirmed.")
    elif payment.status in (PaymentStatus.PENDING, PaymentStatus.STARTED):
        messages.info(request, f"We are checking with {label}; this page shows when it confirms.")
    else:
        messages.error(request, f"Your payment through {label} did not go through.")
    return _order_page(order)


@require_POST
def retry_payment(request, order_number):
    """POST `method`: a new attempt at paying the same held order (or cash on delivery)."""
    order = visible_order(request, order_number)
    method = request.POST.get("method", "")
    if method == "cod":
        return pay_on_delivery(request, order_number)
    state = payment_state(order)
    offered = {provider.code for provider in state.online_methods}
    if not state.can_retry or method not in offered:
        messages.error(request, "This order cannot be paid that way now.")
        return _order_page(order)
    return begin_payment(request, order, method)


@require_POST
def pay_on_delivery(request, order_number):
    """Switch a held order to cash on delivery (when the store offers it)."""
    order = visible_order(request, order_number)
    if not cash_on_delivery_offered():
        messages.error(request, "Cash on delivery is not available for this order.")
        return _order_page(order)
    try:
        switch_to_cash_on_delivery(order=order)
    except PaymentSwitchError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "You will pay in cash on delivery. We sent your confirmation.")
    return _order_page(order)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events: the signature is checked against the raw body by the provider."""
    return get_provider("stripe").webhook(request)
