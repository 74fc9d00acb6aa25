"""Read-side queries for the catalog. Each returns a queryset already shaped for its template,
so a listing costs a fixed number of queries however many products it shows."""

from collections.abc import Iterable, Sequence

from django.core.cache import cache
from django.db import connection
from django.db.models import CharField, Prefetch, QuerySet, Value
from wagtail.images import get_image_model

from . import renditions
from .models import CategoryPage, ProductGalleryImage, ProductPage

RELATED_PRODUCTS = 4


def _renditions_prefetch(lookup: str, specs: Sequence[str]) -> Prefetch:
    # Same attribute Wagtail's ImageQuerySet.prefetch_renditions fills, reached through a relation.
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        lookup,
        queryset=rendition_model.objects.filter(filter_spec__in=specs),
        to_attr="prefetched_renditions",
    )


def _gallery_prefetch(specs: Sequence[str]) -> Prefetch:
    """Gallery rows with their image (one query) and the image renditions (one more)."""
    gallery = (
        ProductGalleryImage.objects.order_by("-is_primary", "sort_order")
        .select_related("image")
        .prefetch_related(_renditions_prefetch("image__renditions", specs))
    )
    return Prefetch("gallery_images", queryset=gallery)


def with_card_data(products: QuerySet, specs: Sequence[str] = renditions.CARD) -> QuerySet:
    """Attach what a product card shows: stock, and primary image with renditions `specs`.

    Cards never show the four StreamFields, and loading them made the database sort wide rows
    (20 ms for a product page's related products among 1,400 siblings) and Python parse JSON
    for every card."""
    return (
        products.defer_streamfields()
        .select_related("stock")
        .prefetch_related(_gallery_prefetch(specs))
    )


def live_products() -> QuerySet:
    return ProductPage.objects.live()


def products_for_listing(
    *, category: CategoryPage | None = None, ordering: Iterable[str] = ()
) -> QuerySet:
    """Live products (of one category, if given) ready for product cards, in `ordering`."""
    products = live_products()
    if category is not None:
        products = products.child_of(category)
    return with_card_data(products.order_by(*ordering) if ordering else products)


def products_by_ids(
    ids: Iterable[int], specs: Sequence[str] = renditions.CARD
) -> dict[int, ProductPage]:
    """Live products by primary key, ready for cards (or other `specs`); missing or unpublished
    ids are absent."""
    ids = list(ids)
    if not ids:
        return {}
    products = with_card_data(live_products().filter(pk__in=ids), specs)
    return {product.pk: product for product in products}


PRODUCT_FLAGS = {"is_featured", "is_bestseller", "is_new_arrival"}


def product_ids_flagged(flag: str, *, limit: int) -> list[int]:
    """Ids of the newest live products with `flag` set (is_featured, is_bestseller…)."""
    return product_ids_by_flag({flag: limit})[flag]


def product_ids_by_flag(limits: dict[str, int]) -> dict[str, list[int]]:
    """For each flag, ids of the newest `limit` live products with it set: one query where the
    database can union limited queries (PostgreSQL), one query per flag elsewhere (SQLite)."""
    queries = []
    for flag, limit in limits.items():
        if flag not in PRODUCT_FLAGS:
            raise ValueError(f"Not a product flag: {flag}")
        products = live_products().filter(**{flag: True}).order_by("-first_published_at", "-pk")
        queries.append(
            products.annotate(source=Value(flag, output_field=CharField())).values_list(
                "source", "first_published_at", "pk"
            )[:limit]
        )
    if len(queries) > 1 and connection.features.supports_slicing_ordering_in_compound:
        rows = list(queries[0].union(*queries[1:], all=True))
    else:
        rows = [row for query in queries for row in query]
    # A union's rows come in no promised order: sort each flag's ids again.
    rows.sort(key=lambda row: (row[1] is not None, row[1], row[2]), reverse=True)
    found: dict[str, list[int]] = {flag: [] for flag in limits}
    for source, _, pk in rows:
        found[source].append(pk)
    return found


def related_products(product: ProductPage, *, limit: int = RELATED_PRODUCTS) -> list[ProductPage]:
    """Other live products of the same category, bestsellers first."""
    siblings = live_products().sibling_of(product, inclusive=False)
    return list(with_card_data(siblings.order_by("-is_bestseller", "-is_featured", "path"))[:limit])


def gallery_for_product(product: ProductPage) -> list[ProductGalleryImage]:
    """The product's gallery in order, with images and their gallery and thumbnail renditions."""
    return list(
        product.gallery_images.order_by("sort_order")
        .select_related("image")
        .prefetch_related(
            _renditions_prefetch("image__renditions", [*renditions.GALLERY, *renditions.THUMB])
        )
    )


def categories_for_grid(*, parent=None, ids: Iterable[int] | None = None) -> list[CategoryPage]:
    """Live categories (under `parent`, or the chosen `ids` in that order) with tile renditions."""
    categories = (
        CategoryPage.objects.live()
        .select_related("hero_image")
        .prefetch_related(_renditions_prefetch("hero_image__renditions", renditions.TILE))
    )
    if ids is not None:
        ids = list(ids)
        by_id = {category.pk: category for category in categories.filter(pk__in=ids)}
        return [by_id[pk] for pk in ids if pk in by_id]
    if parent is not None:
        categories = categories.child_of(parent)
    return list(categories.order_by("path"))


NAVIGATION_CACHE_KEY = "catalog:navigation:v1"
NAVIGATION_CACHE_SECONDS = 300


def navigation_categories() -> list[dict[str, str]]:
    """Live menu categories for the header and footer: `[{"title", "url"}]` in tree order.

    Cached, since every page shows it; catalog.signals clears it when a category is published,
    unpublished, moved or deleted (other processes' local-memory caches expire within minutes).
    """
    categories = cache.get(NAVIGATION_CACHE_KEY)
    if categories is None:
        pages = CategoryPage.objects.live().in_menu().order_by("path")
        categories = [{"title": page.title, "url": page.get_url()} for page in pages]
        cache.set(NAVIGATION_CACHE_KEY, categories, NAVIGATION_CACHE_SECONDS)
    return categories
