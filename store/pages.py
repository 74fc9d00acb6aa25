"""Behaviour shared by every page type of the store."""

from .seo import ShareImage, meta_description
from .wagtail.view_restrictions import OneQueryViewRestrictionsMixin


class StorePageMixin(OneQueryViewRestrictionsMixin):
    """Mixed into each of our page models, before `Page`. Page types override the SEO methods
    to say what they are (store.seo prints what these return)."""

    og_type = "website"  # Open Graph type

    def get_meta_description(self) -> str:
        """The search description an editor wrote, else the page's intro."""
        return meta_description(self.search_description or getattr(self, "intro", ""))

    def get_share_image(self) -> ShareImage | None:
        """The image social networks show for this page; none by default."""
        return None

    def get_structured_data(self, request, origin: str) -> list[dict]:
        """schema.org JSON-LD objects describing this page; none by default."""
        return []
