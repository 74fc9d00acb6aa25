"""Routes a URL to a page some levels down in one query, instead of Wagtail's two per level."""

from django.apps import apps
from django.db.models import Subquery
from django.http import Http404
from wagtail.models import Page
from wagtail.url_routing import RouteResult


class OneQueryRoutingMixin:
    """Mixed into a page type, before `Page`: replaces `Page.route` for the descendants it
    declares, and falls back to it for everything else.

    `routed_descendants` maps a number of path components below this page (1 = a child) to the
    page model found at that depth ("app_label.ModelName"). A URL of that length resolves with
    one query on that model by `url_path`; the model's `route_select_related` names relations
    fetched in the same query, and each routed page carries `parent_title` for its breadcrumb.

    The resolved page's own `route()` and those of the pages between are not called: declare
    only models that keep Wagtail's routing, under parents that do too.
    """

    routed_descendants: dict[int, str] = {}

    def route(self, request, path_components):
        page = self.find_routed_descendant(path_components)
        if page is not None:
            return RouteResult(page)
        return super().route(request, path_components)

    def find_routed_descendant(self, path_components: list[str]):
        """The page of the declared model at these path components, or None when nothing of
        that model is there (the caller then lets Wagtail route). Raises Http404 for a match
        that is not live, as Wagtail does."""
        label = self.routed_descendants.get(len(path_components))
        if label is None or not all(path_components):
            return None
        model = apps.get_model(label)
        parent_url_path = self.url_path + "".join(f"{slug}/" for slug in path_components[:-1])
        page = (
            model.objects.filter(
                slug=path_components[-1], url_path=f"{parent_url_path}{path_components[-1]}/"
            )
            .annotate(
                parent_title=Subquery(
                    Page.objects.filter(url_path=parent_url_path).values("title")[:1]
                )
            )
            .select_related(*getattr(model, "route_select_related", ()))
            .first()
        )
        if page is not None and not page.live:
            raise Http404
        return page
