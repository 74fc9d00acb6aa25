"""Snippet choosers for records staff may not all see.

Wagtail's snippet chooser lists a model's rows to anyone who can reach the admin: it asks the
permission policy only whether the user may *add* one. Orders (names, addresses) and stock
levels are for the groups that may view or change them, so their choosers ask that first.
"""

from django.core.exceptions import PermissionDenied
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

SEE = ["view", "change"]


class RequireViewPermission:
    """Refuse the view unless the model's permission policy lets the user view or change it."""

    def dispatch(self, request, *args, **kwargs):
        if not self.get_permission_policy().user_has_any_permission(request.user, SEE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RecordChooseView(RequireViewPermission, ChooseView):
    pass


class RecordChooseResultsView(RequireViewPermission, ChooseResultsView):
    pass


class RecordChosenView(RequireViewPermission, SnippetChosenView):
    pass


class RecordChosenMultipleView(RequireViewPermission, SnippetChosenMultipleView):
    pass


class RecordChooserViewSet(SnippetChooserViewSet):
    choose_view_class = RecordChooseView
    choose_results_view_class = RecordChooseResultsView
    chosen_view_class = RecordChosenView
    chosen_multiple_view_class = RecordChosenMultipleView
