"""Thousands of generated products, inserted in bulk for listing, sorting and search benchmarks.

Saving Wagtail pages one at a time (`add_child`, a revision, a publish, a search update each)
costs tens of milliseconds a page; 10,000 would take many minutes. Here each chunk of products
is a handful of multi-row inserts: the `wagtailcore_page` rows with tree paths we compute, the
`catalog_productpage` rows, a revision each, stock, gallery and tags, then one search-index
update. Each chunk commits on its own, so an interrupted run leaves a valid tree behind.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from tqdm import tqdm
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backends

from catalog.models import CategoryPage, ProductGalleryImage, ProductPage, ProductTag
from shop.models import StockRecord

from . import streams
from .catalog_copy import (
    ACTIVES,
    CATEGORIES,
    CONCERNS,
    FORMATS,
    INGREDIENTS,
    MOODS,
    SIZES,
    SKIN_TYPES,
)
from .library import Picture

SKU_PREFIX = "VNT-GEN-"
CHUNK_SIZE = 500
INGREDIENT_NAMES = tuple(INGREDIENTS)


def batched(iterable, size: int):
    """`itertools.batched` arrived in Python 3.12; we support 3.11."""
    iterator = iter(iterable)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


def generated_sku(number: int) -> str:
    return f"{SKU_PREFIX}{number:06d}"


@dataclass
class Generated:
    """A generated product with the rows that go in the tables beside it."""

    product: ProductPage
    gallery: list[ProductGalleryImage]
    tags: list[ProductTag]
    stock: int


def _price(rng: random.Random) -> tuple[Decimal, Decimal | None]:
    """A price from Rs. 1,200 to Rs. 9,900 in hundreds; about one in seven on sale."""
    price = Decimal(rng.randrange(12, 100) * 100)
    if rng.random() < 0.15:
        return price, (price * Decimal(rng.choice(("1.15", "1.2", "1.3")))).quantize(Decimal("1"))
    return price, None


def _stock(rng: random.Random) -> int:
    # Never 0: the demo has exactly one sold-out product, among the hand-written ones.
    return rng.randint(1, 5) if rng.random() < 0.05 else rng.randint(10, 80)


def describe(number: int, category_slug: str) -> dict:
    """The words and numbers of generated product `number`, the same on every run."""
    rng = random.Random(number)
    name = f"{rng.choice(MOODS)} {rng.choice(ACTIVES)} {rng.choice(FORMATS[category_slug])}"
    price, compare_at = _price(rng)
    ingredients = tuple(rng.sample(INGREDIENT_NAMES, 3))
    tags = [rng.choice(SKIN_TYPES), *rng.sample(CONCERNS, rng.randint(1, 2))]
    published = timezone.now() - timedelta(days=rng.randint(1, 720), minutes=rng.randint(0, 1440))
    return {
        "name": name,
        "size": rng.choice(SIZES[category_slug]),
        "price": price,
        "compare_at_price": compare_at,
        "ingredients": ingredients,
        "tags": tags,
        "published": published,
        "flags": (rng.random() < 0.1, rng.random() < 0.1, rng.random() < 0.1),
        "stock": _stock(rng),
        # A front shot first (pool pictures 0–2), then a texture or lifestyle shot or two (3–5).
        "gallery": [rng.randrange(3), *rng.sample(range(3, 6), rng.choice((1, 2)))],
    }


def build(
    number: int, category: CategoryPage, path: str, pool, tags_by_name, content_type
) -> Generated:
    """An unsaved product with every page field set as if Wagtail had published it."""
    copy = next(c for c in CATEGORIES if c.slug == category.slug)
    facts = describe(number, category.slug)
    name, sku = facts["name"], generated_sku(number)
    slug = f"{slugify(name)}-{number}"
    short = f"{name}: {INGREDIENTS[facts['ingredients'][0]].rstrip('.').lower()}."
    featured, bestseller, new = facts["flags"]
    product = ProductPage(
        title=name,
        draft_title=name,
        slug=slug,
        path=path,
        depth=category.depth + 1,
        numchild=0,
        url_path=f"{category.url_path}{slug}/",
        locale_id=category.locale_id,
        content_type=content_type,
        live=True,
        has_unpublished_changes=False,
        first_published_at=facts["published"],
        last_published_at=facts["published"],
        latest_revision_created_at=facts["published"],
        search_description=short,
        translation_key=uuid.uuid4(),
        sku=sku,
        size=facts["size"],
        price=facts["price"],
        compare_at_price=facts["compare_at_price"],
        short_description=short,
        is_featured=featured,
        is_bestseller=bestseller,
        is_new_arrival=new,
        description=[
            streams.block(
                "text",
                streams.paragraphs(
                    short,
                    f"A {copy.title.lower()} formula made in small batches, with "
                    f"{', '.join(facts['ingredients'][:-1]).lower()} and "
                    f"{facts['ingredients'][-1].lower()}.",
                ),
            )
        ],
        benefits=streams.product_benefits(
            tuple(INGREDIENTS[ingredient] for ingredient in facts["ingredients"])
        ),
        ingredients=streams.product_ingredients(facts["ingredients"]),
        how_to_use=streams.product_how_to_use(copy.how_to_use),
    )
    pictures: list[Picture] = [pool[category.slug][i] for i in facts["gallery"]]
    gallery = [
        ProductGalleryImage(
            image_id=picture.image.pk,
            alt_text=f"{name}: {picture.alt_text[0].lower()}{picture.alt_text[1:]}",
            is_primary=(order == 0),
            sort_order=order,
        )
        for order, picture in enumerate(pictures)
    ]
    tags = [ProductTag(tag=tags_by_name[tag]) for tag in facts["tags"]]
    # Held in memory by modelcluster, so the revision can serialize them without a query.
    product.gallery_images = gallery
    product.tagged_items = tags
    product.wagtail_admin_comments = []
    return Generated(product, gallery, tags, facts["stock"])


class TreeSlots:
    """Hands out the next free treebeard path under each category."""

    def __init__(self, categories: list[CategoryPage]):
        self.next_position = {}
        for category in categories:
            last = (
                Page.objects.filter(path__startswith=category.path, depth=category.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.next_position[category.pk] = (
                Page._str2int(last[-Page.steplen :]) + 1 if last else 1
            )

    def take(self, category: CategoryPage) -> str:
        position = self.next_position[category.pk]
        self.next_position[category.pk] = position + 1
        return Page._get_path(category.path, category.depth + 1, position)


def _insert_product_rows(products: list[ProductPage]) -> None:
    """Insert the page rows, then the product rows under the same ids.

    `bulk_create` refuses multi-table models, so the parent rows go in as plain `Page`s and
    the child rows through the manager's `_insert` (what `save_base` itself uses), batched.
    """
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    pages = Page.objects.bulk_create(
        [Page(**{f.attname: getattr(p, f.attname) for f in page_fields}) for p in products]
    )
    for product, page in zip(products, pages, strict=True):
        product.page_ptr_id = product.id = page.id
    fields = ProductPage._meta.local_concrete_fields
    batch = max(1, connection.ops.bulk_batch_size(fields, products))
    for rows in batched(products, batch):
        ProductPage._base_manager._insert(list(rows), fields=fields)


def _insert_revisions(products: list[ProductPage], content_types) -> None:
    """One revision per product, marked live and latest, as a publish would leave it."""
    Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_types["product"],
                base_content_type=content_types["page"],
                object_id=str(product.pk),
                content=product.serializable_data(),
                created_at=product.last_published_at,
                object_str=product.title,
            )
            for product in products
        ]
    )
    # One UPDATE with a subquery (on Revision's object index) beats a CASE per row.
    revision = Revision.objects.filter(
        base_content_type=content_types["page"],
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    ).order_by("-pk")
    Page.objects.filter(pk__in=[p.pk for p in products]).update(
        latest_revision_id=Subquery(revision.values("pk")[:1])
    )
    Page.objects.filter(pk__in=[p.pk for p in products]).update(
        live_revision_id=F("latest_revision_id")
    )


def _insert_relations(items: list[Generated]) -> None:
    """Stock, gallery and tags; the gallery and tag rows get their ids for the revisions."""
    StockRecord.objects.bulk_create(
        [StockRecord(product_id=item.product.pk, quantity=item.stock) for item in items]
    )
    for item in items:
        for row in item.gallery:
            row.page_id = item.product.pk
        for row in item.tags:
            row.content_object_id = item.product.pk
    ProductGalleryImage.objects.bulk_create([row for item in items for row in item.gallery])
    ProductTag.objects.bulk_create([row for item in items for row in item.tags])


def _tags_by_name() -> dict[str, Tag]:
    """Every skin type and concern as a tag, created once, by name."""
    tags = {}
    for name in (*SKIN_TYPES, *CONCERNS):
        tags[name] = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(
            name=name, slug=slugify(name)
        )
    return tags


def _update_search_index(products: list[ProductPage]) -> None:
    """Index the new products in one go. They are indexed from memory: their tags are held by
    modelcluster with the `Tag` objects attached, so indexing costs no query per product."""
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(ProductPage, products)


def _refresh_numchild(categories: list[CategoryPage]) -> None:
    for category in categories:
        count = Page.objects.filter(
            path__startswith=category.path, depth=category.depth + 1
        ).count()
        Page.objects.filter(pk=category.pk).update(numchild=count)


def _insert_chunk(numbers, categories, slots, pool, tags_by_name, content_types) -> None:
    items = []
    for number in numbers:
        category = categories[number % len(categories)]
        items.append(
            build(
                number, category, slots.take(category), pool, tags_by_name, content_types["product"]
            )
        )
    products = [item.product for item in items]
    with transaction.atomic():
        _insert_product_rows(products)
        _insert_relations(items)
        _insert_revisions(products, content_types)
        _refresh_numchild(categories)
        _update_search_index(products)


def add_generated_products(
    count: int, categories: list[CategoryPage], pool, *, progress: bool = True
) -> int:
    """Make sure generated products 0…count-1 exist; returns how many this run added."""
    existing = set(
        ProductPage.objects.filter(sku__startswith=SKU_PREFIX).values_list("sku", flat=True)
    )
    missing = [n for n in range(count) if generated_sku(n) not in existing]
    if not missing:
        return 0
    categories = [CategoryPage.objects.get(pk=c.pk) for c in categories]  # fresh paths
    slots = TreeSlots(categories)
    tags_by_name = _tags_by_name()
    content_types = {
        "product": ContentType.objects.get_for_model(ProductPage),
        "page": ContentType.objects.get_for_model(Page),
    }
    with tqdm(total=len(missing), unit="product", disable=not progress) as bar:
        for numbers in batched(missing, CHUNK_SIZE):
            _insert_chunk(numbers, categories, slots, pool, tags_by_name, content_types)
            bar.update(len(numbers))
    return len(missing)
