"""Factories for the catalog: images made with Pillow in memory, and the catalog page types."""

from decimal import Decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.images import get_image_model
from wagtail.models import Collection

from catalog.models import CatalogIndexPage, CategoryPage, ProductGalleryImage, ProductPage
from shop.models import StockRecord


class ImageFactory(DjangoModelFactory):
    """A small JPEG generated in memory, filed in the root collection."""

    title = factory.Sequence(lambda n: f"Product shot {n}")
    file = factory.django.ImageField(width=48, height=60, color="#c9a27e", format="JPEG")
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = get_image_model()


class CatalogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Shop"
    slug = "shop"
    intro = "Every formula we make."

    class Meta:
        model = CatalogIndexPage


class CategoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Category {n}")
    intro = "Formulas for one step of the ritual."
    hero_image = factory.SubFactory(ImageFactory)
    hero_alt_text = "Bottles on a stone shelf"
    show_in_menus = True

    class Meta:
        model = CategoryPage


class ProductPageFactory(wagtail_factories.PageFactory):
    """A live product. `stock=` sets its StockRecord (10 units unless given); `gallery=` how many
    gallery images it gets (1 unless given), the first one primary."""

    title = factory.Sequence(lambda n: f"Product {n}")
    sku = factory.Sequence(lambda n: f"VT-{n:05d}")
    price = Decimal("2500.00")
    short_description = "A light serum for every skin."
    size = "30 ml"

    class Meta:
        model = ProductPage
        skip_postgeneration_save = True

    @factory.post_generation
    def stock(obj, create, extracted, **kwargs):
        if not create:
            return
        # The post_save signal made the record (0 units) and cached it on obj.
        record, _ = StockRecord.objects.get_or_create(product=obj)
        record.quantity = 10 if extracted is None else extracted
        record.save()
        obj.stock = record

    @factory.post_generation
    def gallery(obj, create, extracted, **kwargs):
        if not create:
            return
        for position in range(1 if extracted is None else extracted):
            ProductGalleryImage.objects.create(
                page=obj,
                image=ImageFactory(),
                alt_text=f"{obj.title}, view {position + 1}",
                is_primary=position == 0,
                sort_order=position,
            )
