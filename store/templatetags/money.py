from django import template
from wagtail.models import Site

from store.models import StoreSettings
from store.money import format_money

register = template.Library()


def _symbol(context) -> str:
    request = context.get("request")
    if request is not None:
        return StoreSettings.for_request(request).currency_symbol
    site = Site.objects.filter(is_default_site=True).first()
    return StoreSettings.for_site(site).currency_symbol if site else "Rs."


@register.simple_tag(takes_context=True)
def money(context, amount):
    """`{% money product.price %}` → `Rs. 2,500.00`, with the store's currency symbol."""
    if amount is None or amount == "":
        return ""
    return format_money(amount, _symbol(context))
