from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import EditorialStreamBlock


class HomePage(Page):
    """The storefront's homepage, composed from the editorial block library."""

    body = StreamField(EditorialStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["catalog.CatalogIndexPage", "home.LandingPage"]
    max_count = 1


class LandingPage(Page):
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
