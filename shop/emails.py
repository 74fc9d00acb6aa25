"""Order emails, text and HTML, rendered from templates/shop/emails/."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from store.models import StoreSettings
from store.money import format_money

from .models import Order
from .payments import PaymentError, get_provider

# kind -> (subject, template name without extension)
KINDS = {
    "confirmation": ("Your {store} order {number}", "shop/emails/order_confirmation"),
    "new_order": ("New order {number}: {total}", "shop/emails/new_order"),
}


def build_order_email(order: Order, kind: str, store: StoreSettings) -> EmailMultiAlternatives:
    """The `kind` email for `order`: to the shopper ("confirmation") or the store ("new_order")."""
    subject_template, template = KINDS[kind]
    site = store.site
    root = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    try:
        provider = get_provider(order.payment_method)
        next_steps, payment_label = provider.next_steps, provider.label
    except PaymentError:
        next_steps, payment_label = "", order.payment_method
    symbol = store.currency_symbol
    items = list(order.items.all())
    # Amounts formatted here, once: the `{% money %}` tag would look the store up per amount.
    for item in items:
        item.price_display = format_money(item.price, symbol)
        item.line_total_display = format_money(item.line_total, symbol)
    context = {
        "order": order,
        "items": items,
        "amounts": {
            name: format_money(getattr(order, name), symbol)
            for name in ("subtotal", "tax", "shipping_cost", "total")
        },
        "store": store,
        "symbol": store.currency_symbol,
        "order_url": root.rstrip("/") + reverse("shop:order_detail", args=[order.order_number]),
        "next_steps": next_steps,
        "payment_label": payment_label,
    }
    subject = subject_template.format(
        store=store.store_name,
        number=order.short_number,
        total=format_money(order.total, store.currency_symbol),
    )
    recipient = order.email if kind == "confirmation" else store.contact_email
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[recipient],
        reply_to=[store.contact_email] if kind == "confirmation" else [order.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
