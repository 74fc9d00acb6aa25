"""Renditions and responsive <img> markup, without Wagtail's per-call filter parsing.

Replaces: `image.get_rendition(spec)` / `get_renditions(*specs)` as Wagtail's image tags call
them (a new `Filter(spec)` each time), and the <img> that `{% image %}` writes.

Wagtail builds a new `Filter` for every image a template tag renders, and each one inspects
its operations' signatures again; on a page of 24 product cards that was a tenth of the CPU.
Here each spec becomes a `Filter` once per process, and prefetched renditions are used as is.
"""

from functools import lru_cache

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.images.models import Filter


@lru_cache(maxsize=64)
def filter_for(spec: str) -> Filter:
    """The one `Filter` of this process for `spec`."""
    return Filter(spec=spec)


def renditions_for(image, specs):
    """The image's renditions for `specs`, in order; missing ones are created."""
    filters = [filter_for(spec) for spec in specs]
    found = image.get_renditions(*filters)
    return [found[spec] for spec in specs]


def responsive_img(image, specs, *, alt: str, sizes: str, css_class: str = "", lazy: bool = True):
    """An <img> with src (the smallest rendition), srcset, sizes, width and height."""
    renditions = renditions_for(image, specs)
    first = renditions[0]
    srcset = ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions)
    loading = mark_safe(' loading="lazy" decoding="async"') if lazy else ""  # noqa: S308
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" class="{}"{}>',
        first.url,
        srcset,
        sizes,
        first.width,
        first.height,
        alt,
        css_class,
        loading,
    )
