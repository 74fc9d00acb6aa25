from django.utils.functional import SimpleLazyObject

from .selectors import navigation_categories


def navigation(request):
    """Header categories, fetched lazily so responses that never render the header pay nothing."""
    return {"nav_categories": SimpleLazyObject(navigation_categories)}
