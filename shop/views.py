from django.contrib import messages
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from catalog.models import ProductPage
from store.http import redirect_back
from store.models import StoreSettings
from store.money import format_money

from . import payments
from .cart import Cart, CartError, max_per_line, parse_quantity
from .checkout import CheckoutSession
from .forms import CheckoutForm
from .payments.selectors import payment_state
from .payments.views import begin_payment, visible_order
from .services import CheckoutError, place_order


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


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
    return redirect_back(request, reverse("shop:cart"))


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


# --- Checkout and orders ----------------------------------------------------------------------


def _render_checkout(
    request,
    *,
    cart: Cart,
    store: StoreSettings,
    form: CheckoutForm,
    checkout_session: CheckoutSession,
    status=200,
):
    contents = cart.contents(symbol=store.currency_symbol)
    for notice in contents.notices:
        messages.warning(request, notice)
    return render(
        request,
        "shop/checkout.html",
        {
            "form": form,
            "lines": contents.lines,
            "totals": contents.totals(store),
            "checkout_token": checkout_session.token(),
            "payment_providers": payments.providers(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def checkout(request):
    """The checkout page: address, payment method and summary; POST places the order."""
    store = StoreSettings.for_request(request)
    cart = Cart(request.session)
    session = CheckoutSession(request)
    token = request.POST.get("checkout_token", "") if request.method == "POST" else ""
    # A replayed or double-clicked submission: show the order the first one placed.
    placed = session.placed_with(token)
    if placed is not None:
        return redirect("shop:order_detail", order_number=placed.order_number)
    if not len(cart):
        messages.info(request, "Your cart is empty. Add something before checking out.")
        return redirect("shop:cart")
    page = {"cart": cart, "store": store, "checkout_session": session}
    if request.method == "GET":
        form = CheckoutForm(initial=session.prefill())
        return _render_checkout(request, form=form, **page)

    form = CheckoutForm(request.POST)
    if not form.is_valid():
        return _render_checkout(request, form=form, status=400, **page)
    if not session.token_is_current(token):
        messages.error(
            request, "This checkout page had expired. Please check your order and place it again."
        )
        session.token(renew=True)
        return _render_checkout(request, form=form, status=409, **page)
    try:
        order = place_order(
            cart=cart,
            customer=form.customer(),
            payment_method=form.cleaned_data["payment_method"],
            store=store,
            token=token,
            user=request.user,
        )
    except CheckoutError as error:
        for message in error.messages:
            messages.error(request, message)
        cart.apply(error.problems)
        if not len(cart):
            return redirect("shop:cart")
        return _render_checkout(request, form=form, status=409, **page)
    cart.clear()
    session.remember_order(order)
    provider = payments.get_provider(order.payment_method)
    if provider.online:
        return begin_payment(request, order, provider.code)
    start = provider.start(order=order, request=request)
    if start.redirect_url:
        return redirect(start.redirect_url)
    return redirect("shop:order_detail", order_number=order.order_number)


@require_GET
def order_detail(request, order_number):
    """The confirmation page: only for the session that placed the order and its owner."""
    order = visible_order(request, order_number)
    state = payment_state(order)
    return render(
        request,
        "shop/order_detail.html",
        {
            "order": order,
            "items": list(order.items.all()),
            "payment": state.provider,
            "payment_state": state,
        },
    )
