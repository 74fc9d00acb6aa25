"""The editorial block library marketers compose the homepage and campaign pages from."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from catalog.blocks import ImageWithTextBlock, QuoteBlock, RichTextBlock, preview_image
from catalog.selectors import (
    categories_for_grid,
    product_ids_by_flag,
    product_ids_flagged,
    products_by_ids,
)

# Pages that links on the page being rendered point to, fetched together (see prefetch_link_pages).
_link_pages: ContextVar[dict | None] = ContextVar("link_pages", default=None)


class LinkPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser that takes its pages from `prefetch_link_pages` when they are there, so
    the links of a whole page cost one query rather than one per kind of block holding them."""

    def bulk_to_python(self, values):
        known = _link_pages.get()
        if known is not None and all(value in known for value in values if value):
            return [known.get(value) for value in values]
        return super().bulk_to_python(values)


def _link_page_ids(raw):
    """Page ids of every LinkBlock value (a dict with label, page and url) in raw stream data."""
    if isinstance(raw, dict):
        if {"label", "page", "url"} <= raw.keys() and isinstance(raw["page"], int):
            yield raw["page"]
        for value in raw.values():
            yield from _link_page_ids(value)
    elif isinstance(raw, list | tuple):
        for value in raw:
            yield from _link_page_ids(value)


@contextmanager
def prefetch_link_pages(stream):
    """Within this block, LinkBlocks of `stream` find their pages already fetched (one query)."""
    ids = set(_link_page_ids(list(stream.raw_data)))
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids)} if ids else {}
    token = _link_pages.set(pages)
    try:
        yield
    finally:
        _link_pages.reset(token)


class LinkBlock(blocks.StructBlock):
    """A call-to-action link: a page on the site, or a URL. Optional as a whole: left empty,
    nothing is shown; half filled in (a label without a target, or the reverse) is an error."""

    label = blocks.CharBlock(max_length=60, required=False)
    page = LinkPageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")

    class Meta:
        icon = "link"
        label = "Link"

    def clean(self, value):
        value = super().clean(value)
        has_target = bool(value.get("page") or value.get("url"))
        if value.get("label") and not has_target:
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or enter a URL.")}
            )
        if has_target and not value.get("label"):
            raise blocks.StructBlockValidationError(
                block_errors={"label": ValidationError("Give the link a label.")}
            )
        return value


class HeroBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=200, required=False, help_text="Leave empty if the image is only decoration."
    )
    heading = blocks.CharBlock(max_length=100)
    text = blocks.TextBlock(required=False, max_length=300)
    cta = LinkBlock(label="Call to action", required=False)

    class Meta:
        icon = "image"
        label = "Hero"
        preview_value = staticmethod(
            lambda: {
                "image": preview_image(),
                "alt_text": "",
                "heading": "Quiet skincare",
                "text": "Made slowly, in small batches, for skin that has had enough.",
                "cta": {
                    "label": "Shop the collection",
                    "page": None,
                    "url": "https://example.com/",
                },
            }
        )
        template = "home/blocks/hero.html"
        description = "A full-width image with a heading, one sentence and one call to action."


class ProductCarouselBlock(blocks.StructBlock):
    """A row of product cards: chosen by hand, or filled automatically from a flag."""

    SOURCES = [
        ("chosen", "The products chosen below"),
        ("featured", "Featured products"),
        ("bestsellers", "Bestsellers"),
        ("new_arrivals", "New arrivals"),
    ]
    FLAG_FOR_SOURCE = {
        "featured": "is_featured",
        "bestsellers": "is_bestseller",
        "new_arrivals": "is_new_arrival",
    }

    heading = blocks.CharBlock(max_length=100)
    source = blocks.ChoiceBlock(choices=SOURCES, default="featured")
    products = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="catalog.ProductPage"),
        required=False,
        default=[],
        help_text="Used when the source is “chosen”.",
    )
    limit = blocks.IntegerBlock(default=8, min_value=1, max_value=24)
    link = LinkBlock(required=False, label="“View all” link")

    class Meta:
        icon = "list-ul"
        label = "Product carousel"
        template = "home/blocks/product_carousel.html"
        preview_value = {"heading": "Featured", "source": "featured", "limit": 4}
        description = "A row of products with live prices and availability."

    def clean(self, value):
        value = super().clean(value)
        if value["source"] == "chosen" and not value["products"]:
            raise blocks.StructBlockValidationError(
                block_errors={"products": ValidationError("Choose at least one product.")}
            )
        return value

    def limit_for(self, value) -> int:
        return value.get("limit") or 8

    def flag_for(self, value) -> str | None:
        """The product flag an automatic carousel shows; None for chosen products."""
        if value.get("source") == "chosen":
            return None
        return self.FLAG_FOR_SOURCE.get(value.get("source"), "is_featured")

    def product_ids(self, value) -> list[int]:
        """Ids of the products to show, in order (one small query for an automatic source)."""
        flag = self.flag_for(value)
        if flag is None:
            chosen = [product.pk for product in value.get("products") or [] if product]
            return chosen[: self.limit_for(value)]
        return product_ids_flagged(flag, limit=self.limit_for(value))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        products = getattr(value, "prefetched_products", None)
        if products is None:  # rendered alone, e.g. in the editor's block preview
            ids = self.product_ids(value)
            by_id = products_by_ids(ids)
            products = [by_id[pk] for pk in ids if pk in by_id]
        context["products"] = products
        return context


class CategoryGridBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=100, default="Shop by category")
    categories = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="catalog.CategoryPage"),
        required=False,
        default=[],
        help_text="Leave empty to show every category.",
    )

    class Meta:
        icon = "table"
        label = "Category grid"
        template = "home/blocks/category_grid.html"
        preview_value = {"heading": "Shop by category"}
        description = "Tiles linking to categories, with their images."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        chosen = [page.pk for page in value.get("categories") or [] if page]
        context["categories"] = categories_for_grid(ids=chosen) if chosen else categories_for_grid()
        return context


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=100)
    text = blocks.TextBlock(required=False, max_length=300)
    link = LinkBlock()

    def clean(self, value):
        value = super().clean(value)
        if not value["link"].get("label"):
            raise blocks.StructBlockValidationError(
                block_errors={"link": ValidationError("A call to action needs a link.")}
            )
        return value

    class Meta:
        icon = "pick"
        label = "Call to action"
        template = "home/blocks/call_to_action.html"
        preview_value = {
            "heading": "Find your ritual",
            "text": "Answer five questions and we will suggest a routine for your skin.",
            "link": {"label": "Start", "url": "https://example.com/"},
        }
        description = "A short invitation with one button."


class EditorialStreamBlock(blocks.StreamBlock):
    hero = HeroBlock()
    text = RichTextBlock()
    image_with_text = ImageWithTextBlock()
    quote = QuoteBlock()
    product_carousel = ProductCarouselBlock()
    category_grid = CategoryGridBlock()
    call_to_action = CallToActionBlock()


def prefetch_carousel_products(stream) -> None:
    """Fetch card data for every product carousel in `stream` at once, and hand each carousel
    its products (as `value.prefetched_products`), so a page with several carousels costs one
    query per automatic carousel plus one fetch of card data, not a full fetch per carousel."""
    carousels = [child for child in stream if child.block_type == "product_carousel"]
    if not carousels:
        return
    # Automatic carousels: the newest products of each flag, for all of them in one query.
    limits: dict[str, int] = {}
    for child in carousels:
        flag = child.block.flag_for(child.value)
        if flag:
            limits[flag] = max(limits.get(flag, 0), child.block.limit_for(child.value))
    flagged = product_ids_by_flag(limits) if limits else {}
    wanted = []
    for child in carousels:
        flag = child.block.flag_for(child.value)
        ids = (
            flagged[flag][: child.block.limit_for(child.value)]
            if flag
            else child.block.product_ids(child.value)
        )
        wanted.append((child.value, ids))
    by_id = products_by_ids({pk for _, ids in wanted for pk in ids})
    for value, ids in wanted:
        value.prefetched_products = [by_id[pk] for pk in ids if pk in by_id]
