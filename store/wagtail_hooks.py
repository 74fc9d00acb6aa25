from wagtail import hooks

from .wagtail.rich_text import StorePageLinkHandler


# After Wagtail's own registration of the "page" link type, which this replaces.
@hooks.register("register_rich_text_features", order=1000)
def register_store_page_links(features):
    features.register_link_type(StorePageLinkHandler)
