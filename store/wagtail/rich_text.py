"""Rich text page links, resolved in one query per block instead of two."""

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler


class StorePageLinkHandler(PageLinkHandler):
    """Wagtail's handler loads each linked page's specific model only to ask for its URL.
    None of our page types computes its URL differently from `Page`, so the base rows (with
    just the fields URL routing reads) are enough."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Page]:
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = Page.objects.filter(id__in=ids).only(
            "id", "path", "depth", "url_path", "locale_id", "translation_key"
        )
        by_id = {str(page.id): page for page in pages}
        return [by_id.get(str(page_id)) for page_id in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        return [
            f'<a href="{escape(page.url)}">' if page else "<a>" for page in cls.get_many(attrs_list)
        ]
