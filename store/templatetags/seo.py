"""`{% load seo %}`: the metadata `includes/seo.html` prints (see store.seo)."""

from django import template

from store.seo import json_for_script, page_meta

register = template.Library()


@register.filter
def json_ld(value) -> str:
    """`{{ data|json_ld }}` inside <script type="application/ld+json">."""
    return json_for_script(value)


@register.simple_tag(takes_context=True)
def seo_meta(context) -> dict:
    """Description, canonical URL, share image and JSON-LD of the page being rendered."""
    return page_meta(context.get("page"), context.get("request"))
