from django import template

from vantor.models import StoreSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def availability(context, product):
    """("in_stock" | "low" | "sold_out", words for shoppers), with the store's low-stock threshold.

    Usage: `{% availability product as stock %}{{ stock.label }}`.
    """
    quantity = product.stock_quantity
    request = context.get("request")
    threshold = StoreSettings.for_request(request).low_stock_threshold if request else 5
    if quantity <= 0:
        return {"state": "sold_out", "label": "Sold out", "quantity": 0}
    if quantity <= threshold:
        return {"state": "low", "label": f"Only {quantity} left", "quantity": quantity}
    return {"state": "in_stock", "label": "In stock", "quantity": quantity}
