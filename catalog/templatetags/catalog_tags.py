from django import template

from store.models import StoreSettings

from ..cards import CardRenderer, availability_of

register = template.Library()


def _renderer(context) -> CardRenderer:
    # One renderer per template render: the CSRF token and URLs are worked out once.
    cache = context.render_context
    if "catalog_card_renderer" not in cache:
        request = context["request"]
        cache["catalog_card_renderer"] = CardRenderer(request, StoreSettings.for_request(request))
    return cache["catalog_card_renderer"]


@register.simple_tag(takes_context=True)
def product_card(context, product, eager=False):
    """`{% product_card product %}`: the one product card (see catalog.cards)."""
    return _renderer(context).card(product, eager=eager)


@register.simple_tag(takes_context=True)
def product_cards(context, products, eager=0, item_class=""):
    """`{% product_cards products eager=4 %}`: a `<li>` with a card for each product."""
    return _renderer(context).cards(products, eager_count=eager, item_class=item_class)


@register.simple_tag(takes_context=True)
def availability(context, product):
    """("in_stock" | "low" | "sold_out", words for shoppers), with the store's low-stock threshold.

    Usage: `{% availability product as stock %}{{ stock.label }}`.
    """
    request = context.get("request")
    threshold = StoreSettings.for_request(request).low_stock_threshold if request else 5
    return availability_of(product, threshold)
