from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from catalog import renditions
from store.pages import StorePageMixin
from store.seo import ShareImage
from store.wagtail.routing import OneQueryRoutingMixin

from .blocks import EditorialStreamBlock, prefetch_carousel_products, prefetch_link_pages


class EditorialPageMixin(StorePageMixin):
    """Pages whose `body` is the editorial block library."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Convert every block now, with the pages its links point to fetched in one query,
        # and all product carousels sharing one fetch of card data.
        with prefetch_link_pages(self.body):
            prefetch_carousel_products(self.body)
        return context

    def get_share_image(self) -> ShareImage | None:
        """The first hero block's image, at the hero's large size."""
        for block in self.body:
            if block.block_type == "hero" and block.value.get("image"):
                image, alt = block.value["image"], block.value.get("alt_text") or ""
                return ShareImage(image, alt, renditions.HERO[1])
        return None


class HomePage(OneQueryRoutingMixin, EditorialPageMixin, Page):
    """The storefront's homepage, composed from the editorial block library."""

    body = StreamField(EditorialStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["catalog.CatalogIndexPage", "home.LandingPage"]
    max_count = 1

    # /shop/<category>/ and /shop/<category>/<product>/ resolve in one query.
    routed_descendants = {2: "catalog.CategoryPage", 3: "catalog.ProductPage"}


class LandingPage(EditorialPageMixin, Page):
    """A campaign or story page built from the same blocks as the homepage."""

    intro = models.TextField(blank=True, help_text="A standfirst under the title; optional.")
    show_title = models.BooleanField(
        default=True, help_text="Hide the title when the first block is a hero that carries it."
    )
    body = StreamField(EditorialStreamBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("show_title"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.LandingPage"]
    subpage_types = ["home.LandingPage"]
