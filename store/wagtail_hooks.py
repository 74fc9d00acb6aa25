from django.apps import apps
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .task_results import task_results_viewset
from .wagtail.rich_text import StorePageLinkHandler


# After Wagtail's own registration of the "page" link type, which this replaces.
@hooks.register("register_rich_text_features", order=1000)
def register_store_page_links(features):
    features.register_link_type(StorePageLinkHandler)


if apps.is_installed("django_tasks_db"):
    register_snippet(task_results_viewset())
