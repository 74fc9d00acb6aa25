"""Read-side of search: products matching a query, their facets, promotions and editorial pages.

The text match is the search backend's job (one query, any backend: database, PostgreSQL
full-text, OpenSearch/Elasticsearch). Everything after it (facet filters, facet counts, sorting)
runs over the matched products' few facts fetched in two more queries, so a search costs the same
fixed number of queries whatever it matches.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from operator import attrgetter

from django.core.cache import cache
from django.db.models import Count, Q
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from catalog.models import CategoryPage, ProductPage, ProductTag
from catalog.selectors import live_products, with_card_data
from catalog.sorting import PRODUCT_SORTS, Sort
from store.models import StoreSettings
from store.price_bands import PriceBand, price_bands
from store.wagtail.search_backend import result_pks

# Products taken from the backend per query, best first; facet counts are over these.
MAX_MATCHES = 1000
MATCHES_CACHE_SECONDS = 120
INDEX_VERSION_KEY = "search:index-version"
EDITORIAL_RESULTS = 4
TAG_FACET_SIZE = 12
AUTOCOMPLETE_RESULTS = 6


# Search adds "relevance" on top of the listing sorts: only a query has one.
RELEVANCE = Sort("relevance", "Relevance", ())
SORTS: dict[str, Sort] = {RELEVANCE.key: RELEVANCE, **PRODUCT_SORTS}


@dataclass(frozen=True)
class Filters:
    """The shopper's facet choices, already validated (unknown values dropped)."""

    category: str = ""
    tags: tuple[str, ...] = ()
    price: str = ""
    in_stock: bool = False

    @property
    def active(self) -> bool:
        return bool(self.category or self.tags or self.price or self.in_stock)


@dataclass
class Candidate:
    """What filtering, counting and sorting need to know about one matching product."""

    pk: int
    path: str
    parent_path: str
    price: Decimal
    first_published_at: datetime | None
    is_featured: bool
    is_bestseller: bool
    in_stock: bool
    position: int
    exact: bool = False
    promoted: bool = False
    tags: set[str] = field(default_factory=set)


@dataclass
class FacetCounts:
    categories: list[tuple[CategoryPage, int]]
    tags: list[tuple[str, str, int]]  # slug, name, count
    prices: list[tuple[PriceBand, int]]
    in_stock: int


@dataclass
class ProductSearch:
    """The outcome of a product search: ids in display order, facet counts, known categories."""

    ids: list[int]
    facets: FacetCounts
    categories_by_slug: dict[str, CategoryPage]
    promoted_ids: list[int] = field(default_factory=list)
    capped: bool = False


def _live_categories() -> list[CategoryPage]:
    return list(
        CategoryPage.objects.live()
        .only("title", "slug", "path", "depth", "url_path")
        .order_by("path")
    )


def promotions_for(query: str) -> list[SearchPromotion]:
    """Editors' promotions for this query (Wagtail's search promotions), in their order."""
    if not query:
        return []
    return list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .filter(Q(page__isnull=True) | Q(page__live=True))
        .select_related("page")
        .order_by("sort_order")
    )


def index_version() -> int:
    """Bumped whenever a product is published, unpublished or deleted (see signals)."""
    return cache.get_or_set(INDEX_VERSION_KEY, 1, timeout=None)


def bump_index_version() -> None:
    try:
        cache.incr(INDEX_VERSION_KEY)
    except ValueError:
        cache.set(INDEX_VERSION_KEY, 2, timeout=None)


def matching_product_ids(query: str) -> list[int]:
    """Products matching `query`, most relevant first (at most MAX_MATCHES).

    Ranking every match is the costly part of a search, so the ranked ids are cached for a
    short while per query; callers still re-read the products with `live_products()`, so an
    unpublished product never shows, and publishing bumps the version in the key.
    """
    digest = hashlib.blake2b(normalise_query_string(query).encode()).hexdigest()
    key = f"search:ids:{index_version()}:{digest}"
    ids = cache.get(key)
    if ids is None:
        ids = result_pks(live_products().only("pk").search(query)[:MAX_MATCHES])
        cache.set(key, ids, MATCHES_CACHE_SECONDS)
    return ids


def _candidates(
    ids: list[int] | None, query: str, promoted: list[int]
) -> tuple[list[Candidate], dict[str, str]]:
    """Facts about the products with these ids (all live products when ids is None), and the
    names of their tags by slug."""
    products = live_products()
    tagged = ProductTag.objects.filter(content_object__live=True)
    if ids is not None:
        products = products.filter(pk__in=ids)
        tagged = tagged.filter(content_object_id__in=ids)
    position = {pk: index for index, pk in enumerate(ids or ())}
    folded = query.casefold()
    steplen = ProductPage.steplen
    candidates = {}
    rows = products.values_list(
        "pk",
        "path",
        "price",
        "first_published_at",
        "is_featured",
        "is_bestseller",
        "stock__quantity",
        "title",
    ).order_by("path")
    for index, (pk, path, price, published, featured, bestseller, quantity, title) in enumerate(
        rows
    ):
        candidates[pk] = Candidate(
            pk=pk,
            path=path,
            parent_path=path[:-steplen],
            price=price,
            first_published_at=published,
            is_featured=featured,
            is_bestseller=bestseller,
            in_stock=(quantity or 0) > 0,
            position=position.get(pk, index),
            exact=bool(folded) and " ".join(title.split()).casefold() == folded,
        )
    for pk in promoted:
        if pk in candidates:
            candidates[pk].promoted = True
    tag_names = {}
    for pk, slug, name in tagged.values_list("content_object_id", "tag__slug", "tag__name"):
        if pk in candidates:
            candidates[pk].tags.add(slug)
            tag_names[slug] = name
    return list(candidates.values()), tag_names


def _passes(
    candidate: Candidate,
    filters: Filters,
    category_path: str | None,
    band: PriceBand | None,
    skip: str,
) -> bool:
    if skip != "category" and category_path is not None:
        if candidate.parent_path != category_path:
            return False
    if skip != "tags" and filters.tags and not candidate.tags.issuperset(filters.tags):
        return False
    if skip != "price" and band is not None and not band.contains(candidate.price):
        return False
    if skip != "in_stock" and filters.in_stock and not candidate.in_stock:
        return False
    return True


def _sort(candidates: list[Candidate], sort: str) -> None:
    if sort in PRODUCT_SORTS:
        PRODUCT_SORTS[sort].sort_in_memory(candidates, then=attrgetter("position"))
    else:
        # Relevance: pinned by an editor, then an exact title match, then the backend's order.
        candidates.sort(key=lambda c: (not c.promoted, not c.exact, c.position))


def store_price_bands(currency_code: str = "") -> tuple[PriceBand, ...]:
    """The price bands of the store's currency (the default store's when not given)."""
    return price_bands(currency_code or StoreSettings().currency_code)


def search_products(
    *,
    query: str,
    filters: Filters,
    sort: str = "relevance",
    promoted: list[int] = (),
    bands: tuple[PriceBand, ...] = (),
) -> ProductSearch:
    """Live products matching `query` (or all of them when there is no query), narrowed by
    `filters` and sorted, with the count each facet value would give if chosen. `bands` are
    the price bands of the store's currency (`store_price_bands()` when not given)."""
    promoted = list(promoted)
    bands = bands or store_price_bands()
    band = next((b for b in bands if b.key == filters.price), None)
    ids = None
    capped = False
    if query:
        matched = matching_product_ids(query)
        capped = len(matched) >= MAX_MATCHES
        exact = list(live_products().filter(title__iexact=query).values_list("pk", flat=True))
        ids = list(dict.fromkeys([*promoted, *exact, *matched]))
    candidates, tag_names = _candidates(ids, query, promoted) if ids is None or ids else ([], {})

    categories = _live_categories()
    by_slug = {category.slug: category for category in categories}
    by_path = {category.path: category for category in categories}
    category = by_slug.get(filters.category)
    category_path = category.path if category else None

    def narrowed(skip: str = "") -> list[Candidate]:
        return [c for c in candidates if _passes(c, filters, category_path, band, skip)]

    results = narrowed()
    category_counts = Counter(c.parent_path for c in narrowed("category"))
    tag_counts = Counter(slug for c in results for slug in c.tags)
    for slug in filters.tags:
        tag_counts.setdefault(slug, 0)
    by_price = narrowed("price")
    facets = FacetCounts(
        categories=[(by_path[path], n) for path, n in category_counts.items() if path in by_path],
        tags=[
            (slug, tag_names.get(slug, slug), n)
            for slug, n in sorted(tag_counts.items(), key=lambda item: (-item[1], item[0]))
            if n or slug in filters.tags
        ][: max(TAG_FACET_SIZE, len(filters.tags))],
        prices=[(b, sum(1 for c in by_price if b.contains(c.price))) for b in bands],
        in_stock=sum(1 for c in narrowed("in_stock") if c.in_stock),
    )
    facets.categories.sort(key=lambda item: item[0].path)
    _sort(results, sort)
    shown = {c.pk for c in results}
    return ProductSearch(
        ids=[c.pk for c in results],
        facets=facets,
        categories_by_slug=by_slug,
        promoted_ids=[pk for pk in promoted if pk in shown],
        capped=capped,
    )


def products_for_cards(ids: list[int]) -> list[ProductPage]:
    """Live products with these ids, in this order, ready for product cards (3 queries)."""
    if not ids:
        return []
    by_id = {p.pk: p for p in with_card_data(live_products().filter(pk__in=ids))}
    return [by_id[pk] for pk in ids if pk in by_id]


def editorial_pages(query: str, *, limit: int = EDITORIAL_RESULTS) -> list[Page]:
    """Live, public pages other than products matching `query` (stories, categories, home)."""
    if not query:
        return []
    pages = Page.objects.live().public().filter(depth__gt=1).not_type(ProductPage)
    return list(pages.search(query)[:limit])


def autocomplete_products(query: str, *, limit: int = AUTOCOMPLETE_RESULTS) -> list[ProductPage]:
    """Live products whose title or SKU starts like `query`, exact title first, card-ready."""
    matched = result_pks(live_products().only("pk").autocomplete(query)[:limit])
    return products_for_cards(matched)


def popular_tags(limit: int = TAG_FACET_SIZE) -> list[tuple[str, str, int]]:
    """The tags on most live products: suggestions when a search finds nothing."""
    rows = (
        ProductTag.objects.filter(content_object__live=True)
        .values("tag__slug", "tag__name")
        .annotate(products=Count("content_object_id"))
        .order_by("-products", "tag__name")[:limit]
    )
    return [(row["tag__slug"], row["tag__name"], row["products"]) for row in rows]
