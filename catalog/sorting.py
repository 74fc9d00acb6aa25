"""The orders a shopper can list products in, shared by category pages and search.

Each sort has the key used in `?sort=` URLs, a label, and the queryset ordering of a listing.
Search adds "relevance" on top of these (it is only meaningful for a query) and sorts its
matched products in memory by the same keys.
"""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

# The database's tie-breakers, to keep a listing's pages stable; in memory the caller's
# tie-breaker (search: the backend's relevance order) is the better one.
TIE_BREAKERS = ("pk", "-pk")


@dataclass(frozen=True)
class Sort:
    key: str
    label: str
    ordering: tuple[str, ...]

    def sort_in_memory(self, items: list, *, then: Callable) -> None:
        """Sort `items` in place as `ordering` sorts a queryset, ties broken by `then(item)`.
        Each item has an attribute per ordered field; None sorts as the lowest value."""
        items.sort(key=then)
        # Stable sorts from the last field to the first: the first field decides.
        for field in reversed([f for f in self.ordering if f not in TIE_BREAKERS]):
            value = attrgetter(field.lstrip("-"))
            items.sort(
                key=lambda item: (value(item) is not None, value(item)),
                reverse=field.startswith("-"),
            )


FEATURED = Sort("featured", "Featured", ("-is_featured", "-is_bestseller", "path"))
NEWEST = Sort("newest", "Newest", ("-first_published_at", "-pk"))
PRICE_ASC = Sort("price_asc", "Price, low to high", ("price", "pk"))
PRICE_DESC = Sort("price_desc", "Price, high to low", ("-price", "-pk"))

PRODUCT_SORTS: dict[str, Sort] = {s.key: s for s in (FEATURED, NEWEST, PRICE_ASC, PRICE_DESC)}
DEFAULT_SORT = FEATURED.key


def sort_options(sorts: dict[str, Sort] = PRODUCT_SORTS) -> list[tuple[str, str]]:
    """(key, label) pairs for a sort menu, in menu order."""
    return [(s.key, s.label) for s in sorts.values()]
