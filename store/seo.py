"""Search-engine and social metadata of a page: description, canonical URL, an Open Graph image
rendition and schema.org JSON-LD.

What each page type says is its own business: `StorePageMixin` gives every page
`get_meta_description()`, `get_share_image()` and `get_structured_data(request, origin)`, and
page types override them. This module holds only what does not depend on a page type, so it
knows no model of ours and no rendition spec (a page names its own, from catalog.renditions).
"""

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from wagtail.images.models import SourceImageIOError

from .models import StoreSettings
from .wagtail.renditions import renditions_for

DESCRIPTION_LENGTH = 160

# Characters that could end a <script> element or start an HTML comment, as JSON escapes.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class ShareImage:
    """The image a page is shared with, and the rendition spec to share it at: one the page
    already renders, so the rendition is usually made and cached before a crawler asks."""

    image: object
    alt: str
    spec: str


def json_for_script(value) -> SafeString:
    """JSON for inside <script type="application/ld+json"> that cannot break out of the script
    element, whatever an editor typed."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.translate(_JSON_SCRIPT_ESCAPES).replace("\u2028", "\\u2028")
    return mark_safe(text.replace("\u2029", "\\u2029"))  # noqa: S308 - escaped just above


def absolute(origin: str, url: str) -> str:
    """`url` on the site's own origin (scheme and host of the page's canonical URL)."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return origin + url


def meta_description(text: str) -> str:
    """Editor text as a meta description: no tags, whitespace folded, at most 160 characters."""
    text = " ".join(strip_tags(text or "").split())
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def share_image(page, origin: str) -> dict | None:
    """The page's share image as the template prints it (absolute URL, size, alt), or None.
    Remembered on the page, as the tags and the page's JSON-LD both ask for it."""
    cache = page.__dict__.setdefault("_share_image_by_origin", {})
    if origin not in cache:
        shared = page.get_share_image() if hasattr(page, "get_share_image") else None
        cache[origin] = None
        rendition = None
        if shared is not None and shared.image is not None:
            try:
                rendition = renditions_for(shared.image, [shared.spec])[0]
            except (SourceImageIOError, OSError):
                rendition = None  # the original is gone: share no image rather than fail
        if rendition is not None:
            cache[origin] = {
                "url": absolute(origin, rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": shared.alt or shared.image.title,
            }
    return cache[origin]


def breadcrumb_json_ld(page, request, origin: str) -> dict:
    """schema.org BreadcrumbList from the site's home page down to `page`."""
    trail = page.get_ancestors(inclusive=True).filter(depth__gt=1)
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": absolute(origin, crumb.get_url(request)),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def page_meta(page, request) -> dict:
    """Everything `includes/seo.html` prints, for a Wagtail page or (page None) a plain view."""
    if page is None or not hasattr(page, "search_description"):
        canonical = request.build_absolute_uri(request.path) if request is not None else ""
        return {"canonical": canonical, "description": "", "image": None, "json_ld": []}
    store = StoreSettings.for_request(request) if request is not None else StoreSettings()
    canonical = page.get_full_url(request) or request.build_absolute_uri(page.get_url(request))
    parts = urlsplit(canonical)
    origin = f"{parts.scheme}://{parts.netloc}"
    if hasattr(page, "get_meta_description"):
        description = page.get_meta_description()
        json_ld = page.get_structured_data(request, origin)
    else:  # a page type of Wagtail's or a package's
        description, json_ld = meta_description(page.search_description), []
    return {
        "title": page.seo_title or page.title,
        "description": description,
        "canonical": canonical,
        "type": getattr(page, "og_type", "website"),
        "image": share_image(page, origin),
        "json_ld": json_ld,
        "site_name": store.store_name,
    }
