"""The product card: one component for every listing (categories, carousels, search, related).

Rendered in Python rather than with an include: a category page shows 24 cards, and the template
engine's include and tag overhead made the cards half of the page's CPU. The markup is kept here
in one place, in the order it appears on the page.
"""

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from store.money import format_money
from store.wagtail.renditions import responsive_img

from . import renditions

CARD_SIZES = "(min-width: 1100px) 22vw, (min-width: 700px) 30vw, 46vw"
_ID_PLACEHOLDER = 918273645


def availability_of(product, threshold: int) -> dict:
    """("in_stock" | "low" | "sold_out", words for shoppers) for `product`."""
    quantity = product.stock_quantity
    if quantity <= 0:
        return {"state": "sold_out", "label": "Sold out", "quantity": 0}
    if quantity <= threshold:
        return {"state": "low", "label": f"Only {quantity} left", "quantity": quantity}
    return {"state": "in_stock", "label": "In stock", "quantity": quantity}


class CardRenderer:
    """Renders cards for one request; per-request work (CSRF token, URLs) is done once."""

    def __init__(self, request, store):
        self.request = request
        self.symbol = store.currency_symbol
        self.threshold = store.low_stock_threshold
        self.csrf_input = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        )
        # Reverse once, then fill in each product's id.
        self.add_url = reverse("shop:cart_add", args=[_ID_PLACEHOLDER]).replace(
            str(_ID_PLACEHOLDER), "{}"
        )

    def price(self, product) -> SafeString:
        now = format_money(product.price, self.symbol)
        if product.on_sale:
            return format_html(
                '<p class="price price--sale"><span class="visually-hidden">Sale price</span>'
                ' <span class="price__now">{}</span>'
                '<span class="visually-hidden">, was</span> <s class="price__was">{}</s></p>',
                now,
                format_money(product.compare_at_price, self.symbol),
            )
        return format_html('<p class="price"><span class="price__now">{}</span></p>', now)

    def media(self, product, eager: bool) -> SafeString:
        item = product.primary_image
        if item is None:
            image = format_html('<div class="product-card__placeholder" aria-hidden="true"></div>')
        else:
            image = responsive_img(
                item.image,
                renditions.CARD,
                alt=item.alt_text,
                sizes=CARD_SIZES,
                css_class="product-card__image",
                lazy=not eager,
            )
        flag = format_html('<span class="flag">{}</span>', product.flag) if product.flag else ""
        return format_html('<div class="product-card__media">{}{}</div>', image, flag)

    def add_form(self, product) -> SafeString:
        return format_html(
            '<form class="product-card__add" method="post" action="{}" data-cart-form>{}'
            '<input type="hidden" name="quantity" value="1">'
            '<button type="submit" class="button button--secondary button--small">'
            'Add<span class="visually-hidden"> {}</span> to cart</button></form>',
            self.add_url.format(product.pk),
            self.csrf_input,
            product.title,
        )

    def card(self, product, *, eager: bool = False) -> SafeString:
        stock = availability_of(product, self.threshold)
        size = (
            format_html('<p class="product-card__size muted">{}</p>', product.size)
            if product.size
            else ""
        )
        return format_html(
            '<article class="product-card">'
            '<a class="product-card__link" href="{}">{}<h3 class="product-card__name">{}</h3></a>'
            "{}{}"
            '<p class="availability availability--{}">'
            '<span class="availability__dot" aria-hidden="true"></span>{}</p>'
            "{}</article>",
            product.get_url(self.request),
            self.media(product, eager),
            product.title,
            size,
            self.price(product),
            stock["state"],
            stock["label"],
            self.add_form(product) if stock["quantity"] else "",
        )

    def cards(self, products, *, eager_count: int = 0, item_class: str = "") -> SafeString:
        """`<li>` per product, the first `eager_count` images loaded eagerly."""
        return format_html_join(
            "",
            '<li class="{}">{}</li>',
            (
                (item_class, self.card(product, eager=index < eager_count))
                for index, product in enumerate(products)
            ),
        )
