from django import template

from store.models import StoreSettings
from store.wagtail.renditions import responsive_img

from .. import renditions
from ..availability import availability_of

register = template.Library()

# The card's width in each layout (see css/components/product-card.css and the grid breakpoints).
CARD_SIZES = "(min-width: 70em) 22vw, (min-width: 40em) 30vw, 46vw"


@register.simple_tag(takes_context=True)
def availability(context, product):
    """("in_stock" | "low" | "sold_out", words for shoppers), with the store's low-stock threshold.

    Usage: `{% availability product as stock %}{{ stock.label }}`.
    """
    request = context.get("request")
    threshold = StoreSettings.for_request(request).low_stock_threshold if request else 5
    return availability_of(product, threshold)


@register.simple_tag
def card_image(item, eager=False):
    """The product card's <img> for a gallery item, in the specs the listing selectors prefetch.

    Usage: `{% card_image product.primary_image eager=True %}`.
    """
    return responsive_img(
        item.image,
        renditions.CARD,
        alt=item.alt_text,
        sizes=CARD_SIZES,
        css_class="product-card__image",
        lazy=not eager,
    )


@register.simple_tag
def picture(image, group, *, alt="", sizes="100vw", css_class="", lazy=True, priority=False):
    """A responsive <img> in one of `catalog.renditions`' spec groups, by name.

    Usage: `{% picture item.image "GALLERY" alt=item.alt_text sizes="50vw" lazy=False %}`.
    """
    if image is None:
        return ""
    return responsive_img(
        image,
        renditions.GROUPS[group],
        alt=alt,
        sizes=sizes,
        css_class=css_class,
        lazy=lazy,
        priority=priority,
    )


@register.filter
def is_among_first(position, count) -> bool:
    """`forloop.counter|is_among_first:4`: whether a listing's item is one of its first `count`."""
    return bool(position and count) and int(position) <= int(count)
