"""Availability in the words shoppers read on cards and product pages."""


def availability_of(product, threshold: int) -> dict:
    """("in_stock" | "low" | "sold_out", words for shoppers) for `product`."""
    quantity = product.stock_quantity
    if quantity <= 0:
        return {"state": "sold_out", "label": "Sold out", "quantity": 0}
    if quantity <= threshold:
        return {"state": "low", "label": f"Only {quantity} left", "quantity": quantity}
    return {"state": "in_stock", "label": "In stock", "quantity": quantity}
