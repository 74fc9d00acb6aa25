"""Template tags through which catalog templates reach the shop (catalog may not import shop)."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def cart_add_url(product) -> str:
    """The URL a product card's or product page's add-to-cart form posts to.

    Usage: `<form action="{% cart_add_url product %}">`.
    """
    return reverse("shop:cart_add", args=[product.pk])
