"""Renditions and responsive <img> markup, without Wagtail's per-call filter parsing.

Replaces: `image.get_rendition(spec)` / `get_renditions(*specs)` as Wagtail's image tags call
them (a new `Filter(spec)` each time), and the <img> that `{% image %}` writes.

Wagtail builds a new `Filter` for every image a template tag renders, and each one inspects
its operations' signatures again; on a page of 24 product cards that was a tenth of the CPU.
Here each spec becomes a `Filter` once per process, and prefetched renditions are used as is.
"""

import logging
from functools import lru_cache

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.images.models import Filter, SourceImageIOError

logger = logging.getLogger(__name__)


@lru_cache(maxsize=64)
def filter_for(spec: str) -> Filter:
    """The one `Filter` of this process for `spec`."""
    return Filter(spec=spec)


def renditions_for(image, specs):
    """The image's renditions for `specs`, in order; missing ones are created."""
    filters = [filter_for(spec) for spec in specs]
    found = image.get_renditions(*filters)
    return [found[spec] for spec in specs]


def rendition_url(image, spec: str) -> str | None:
    """The URL of the image's rendition for `spec`, or None when it cannot be made (the original
    file is gone): for JSON answers, where a missing thumbnail is simply left out."""
    try:
        return renditions_for(image, [spec])[0].url
    except (SourceImageIOError, OSError):
        logger.warning("Image %s has no readable original; no rendition", image.pk)
        return None


def responsive_img(
    image,
    specs,
    *,
    alt: str,
    sizes: str,
    css_class: str = "",
    lazy: bool = True,
    priority: bool = False,
):
    """An <img> with src (the smallest rendition), srcset, sizes, width and height; lazy below
    the fold, `fetchpriority="high"` for the one image that paints first.

    When a rendition must be made and the original file is gone (deleted from disk or storage),
    the page still renders: a placeholder of the same shape stands in, as Wagtail's own
    `{% image %}` tag does with its "not found" rendition, and the error is logged."""
    try:
        renditions = renditions_for(image, specs)
    except (SourceImageIOError, OSError):
        logger.warning("Image %s has no readable original; showing a placeholder", image.pk)
        return format_html(
            '<span class="image-missing {}" role="img" aria-label="{}"></span>', css_class, alt
        )
    first = renditions[0]
    srcset = ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions)
    extra = ' loading="lazy" decoding="async"' if lazy else ""
    if priority:
        extra += ' fetchpriority="high"'
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" class="{}"{}>',
        first.url,
        srcset,
        sizes,
        first.width,
        first.height,
        alt,
        css_class,
        mark_safe(extra),  # noqa: S308 - fixed attribute text
    )
