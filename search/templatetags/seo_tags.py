"""Search-engine and social metadata for `includes/seo.html`: description, canonical URL, an
Open Graph image rendition, and schema.org JSON-LD for products and categories."""

import json
from urllib.parse import urlsplit

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from catalog.models import CategoryPage, ProductPage
from store.models import StoreSettings

register = template.Library()

DESCRIPTION_LENGTH = 160
# Specs the pages already render (catalog.renditions), so the share image is usually made and
# cached before a crawler asks: product gallery, category tile, editorial hero.
PRODUCT_IMAGE_SPEC = "fill-960x1200|format-webp"
CATEGORY_IMAGE_SPEC = "fill-1200x800|format-webp"
HERO_IMAGE_SPEC = "fill-1600x900|format-webp"

# Characters that could end a <script> element or start an HTML comment, as JSON escapes.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(value) -> str:
    """`{{ data|json_ld }}` inside <script type="application/ld+json">: JSON that cannot break
    out of the script element, whatever an editor typed."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.translate(_JSON_SCRIPT_ESCAPES).replace("\u2028", "\\u2028")
    return mark_safe(text.replace("\u2029", "\\u2029"))  # noqa: S308 - escaped just above


def _absolute(origin: str, url: str) -> str:
    """`url` on the site's own origin (scheme and host of the page's canonical URL)."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return origin + url


def _description(page) -> str:
    text = page.search_description
    if not text and isinstance(page, ProductPage):
        text = page.short_description
    if not text:
        text = getattr(page, "intro", "") or ""
    text = " ".join(strip_tags(text).split())
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def _product_image(page, context):
    gallery = context.get("gallery")
    items = list(gallery) if gallery is not None else list(page.gallery_images.all())
    primary = next((item for item in items if item.is_primary), items[0] if items else None)
    if primary is None:
        return None, ""
    return primary.image, primary.alt_text


def _first_hero_image(page):
    body = getattr(page, "body", None)
    if not body:
        return None, ""
    for block in body:
        if block.block_type == "hero" and block.value.get("image"):
            return block.value["image"], block.value.get("alt_text") or ""
    return None, ""


def _share_image(page, context, origin: str) -> dict | None:
    if isinstance(page, ProductPage):
        image, alt = _product_image(page, context)
        spec = PRODUCT_IMAGE_SPEC
    elif isinstance(page, CategoryPage):
        image, alt, spec = page.hero_image, page.hero_alt_text, CATEGORY_IMAGE_SPEC
    else:
        image, alt = _first_hero_image(page)
        spec = HERO_IMAGE_SPEC
    if image is None:
        return None
    rendition = image.get_rendition(spec)
    return {
        "url": _absolute(origin, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": alt or image.title,
    }


def _availability(product: ProductPage) -> str:
    return "https://schema.org/InStock" if product.in_stock else "https://schema.org/OutOfStock"


def product_json_ld(product, *, url: str, image: dict | None, store: StoreSettings) -> dict:
    """schema.org Product with one Offer, from the product and the store's settings."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.title,
        "sku": product.sku,
        "url": url,
        "description": _description(product),
        "brand": {"@type": "Brand", "name": store.store_name},
        "offers": {
            "@type": "Offer",
            "url": url,
            "price": f"{product.price:.2f}",
            "priceCurrency": store.currency_code,
            "availability": _availability(product),
            "itemCondition": "https://schema.org/NewCondition",
        },
    }
    if image:
        data["image"] = [image["url"]]
    if product.size:
        data["size"] = product.size
    return data


def breadcrumb_json_ld(page, request, origin: str) -> dict:
    """schema.org BreadcrumbList from the site's home page down to `page`."""
    trail = [ancestor for ancestor in page.get_ancestors(inclusive=True).filter(depth__gt=1)]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": _absolute(origin, crumb.get_url(request)),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


@register.simple_tag(takes_context=True)
def seo_meta(context) -> dict:
    """Everything `includes/seo.html` prints, for a Wagtail page or a plain view."""
    request = context.get("request")
    page = context.get("page")
    if page is None or not hasattr(page, "search_description"):
        canonical = request.build_absolute_uri(request.path) if request is not None else ""
        return {"canonical": canonical, "description": "", "image": None, "json_ld": []}
    store = StoreSettings.for_request(request) if request is not None else StoreSettings()
    canonical = page.get_full_url(request) or request.build_absolute_uri(page.get_url(request))
    parts = urlsplit(canonical)
    origin = f"{parts.scheme}://{parts.netloc}"
    image = _share_image(page, context, origin)
    json_ld = []
    if isinstance(page, ProductPage):
        json_ld.append(product_json_ld(page, url=canonical, image=image, store=store))
    elif isinstance(page, CategoryPage):
        json_ld.append(breadcrumb_json_ld(page, request, origin))
    return {
        "title": page.seo_title or page.title,
        "description": _description(page),
        "canonical": canonical,
        "type": "product" if isinstance(page, ProductPage) else "website",
        "image": image,
        "json_ld": json_ld,
        "site_name": store.store_name,
    }
