"""A page's view restrictions in one query instead of Wagtail's two."""

from django.db.models import Q
from wagtail.models import PageViewRestriction


class OneQueryViewRestrictionsMixin:
    """Mixed into a page type, before `Page`: replaces `Page.get_view_restrictions`."""

    def get_view_restrictions(self):
        """The view restrictions on this page and its ancestors, in one query.

        Wagtail's version loads the ancestors first, then their restrictions (two queries on every
        page view). Ancestor paths are prefixes of our own path, so one query can match both a
        restricted page in the chain and the source page of an alias in the chain.
        """
        if self.alias_of_id:
            return super().get_view_restrictions()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()
