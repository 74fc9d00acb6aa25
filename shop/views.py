from django.contrib import messages
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from catalog.models import ProductPage
from vantor.models import StoreSettings
from vantor.money import format_money

from .cart import Cart, CartError, max_per_line, parse_quantity


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _back(request: HttpRequest, default: str):
    """Redirect to `next` or the referring page when they are on this site, else `default`."""
    for candidate in (request.POST.get("next"), request.headers.get("Referer")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(candidate)
    return redirect(default)


def _respond(
    request, cart: Cart, *, message: str, ok: bool = True, status: int = 200, product=None
):
    if wants_json(request):
        store = StoreSettings.for_request(request)
        contents = cart.contents(symbol=store.currency_symbol)
        totals = contents.totals(store)
        line = next(
            (line for line in contents.lines if product and line.product.pk == product.pk), None
        )
        return JsonResponse(
            {
                "ok": ok,
                "message": message,
                "count": cart.count,
                "item_count": cart.count,
                "quantity": line.quantity if line else 0,
                "line_total": str(line.line_total) if line else "0.00",
                "totals": totals.as_json(),
                **totals.as_json(),
                # Formatted for display, so the page's script needs no money logic of its own.
                "display": {
                    **{
                        name: format_money(value, store.currency_symbol)
                        for name, value in totals.as_json().items()
                    },
                    "shipping": format_money(totals.shipping, store.currency_symbol)
                    if totals.shipping
                    else "Free",
                    "line_total": format_money(line.line_total, store.currency_symbol)
                    if line
                    else "",
                    "to_free_shipping": format_money(totals.to_free_shipping, store.currency_symbol)
                    if totals.to_free_shipping
                    else "",
                },
            },
            status=status,
        )
    (messages.success if ok else messages.error)(request, message)
    return _back(request, reverse("shop:cart"))


def _live_product(product_id: int) -> ProductPage | None:
    return ProductPage.objects.live().select_related("stock").filter(pk=product_id).first()


@require_GET
def cart_detail(request):
    store = StoreSettings.for_request(request)
    cart = Cart(request.session)
    contents = cart.contents(symbol=store.currency_symbol)
    for notice in contents.notices:
        messages.warning(request, notice)
    return render(
        request,
        "shop/cart.html",
        {"lines": contents.lines, "totals": contents.totals(store), "max_quantity": max_per_line()},
    )


@require_POST
def cart_add(request, product_id: int):
    cart = Cart(request.session)
    product = _live_product(product_id)
    if product is None:
        return _respond(
            request, cart, message="Sorry, that product is not available.", ok=False, status=404
        )
    try:
        quantity = parse_quantity(request.POST.get("quantity", "1"))
        message = cart.add(product, quantity)
    except CartError as error:
        return _respond(request, cart, message=str(error), ok=False, status=400, product=product)
    return _respond(request, cart, message=message, product=product)


@require_POST
def cart_update(request, product_id: int):
    cart = Cart(request.session)
    product = _live_product(product_id)
    if product is None:
        if cart.quantity_of(product_id):
            cart.remove(product_id)
            return _respond(
                request,
                cart,
                message="That product is no longer available and was removed.",
                ok=False,
                status=404,
            )
        return _respond(
            request, cart, message="Sorry, that product is not available.", ok=False, status=404
        )
    try:
        quantity = parse_quantity(request.POST.get("quantity"), allow_zero=True)
        message = cart.set(product, quantity)
    except CartError as error:
        return _respond(request, cart, message=str(error), ok=False, status=400, product=product)
    return _respond(request, cart, message=message, product=product)


@require_POST
def cart_remove(request, product_id: int):
    cart = Cart(request.session)
    product = ProductPage.objects.filter(pk=product_id).only("title").first()
    try:
        message = cart.remove(product_id, product.title if product else None)
    except CartError as error:
        return _respond(request, cart, message=str(error), ok=False, status=400)
    return _respond(request, cart, message=message)


@require_POST
def cart_clear(request):
    cart = Cart(request.session)
    cart.clear()
    return _respond(request, cart, message="Your cart is empty.")
