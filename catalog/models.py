from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MinValueValidator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from store.models import StoreSettings
from store.pages import StorePageMixin
from store.seo import ShareImage, absolute, breadcrumb_json_ld, meta_description, share_image
from store.wagtail.routing import OneQueryRoutingMixin

from . import renditions
from .blocks import ProductContentBlock
from .panels import StockPanel
from .sorting import DEFAULT_SORT, PRODUCT_SORTS, sort_options

PRODUCTS_PER_PAGE = 24


def primary_of(gallery_images):
    """The gallery image flagged primary, else the first, else None."""
    images = list(gallery_images)
    return next((item for item in images if item.is_primary), images[0] if images else None)


class CatalogIndexPage(OneQueryRoutingMixin, StorePageMixin, Page):
    """The shop's front door (`/shop/`): lists the categories."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalog.CategoryPage"]
    max_count_per_parent = 1
    # /shop/<category>/ and /shop/<category>/<product>/ resolve in one query.
    routed_descendants = {1: "catalog.CategoryPage", 2: "catalog.ProductPage"}

    def get_context(self, request, *args, **kwargs):
        from .selectors import categories_for_grid

        context = super().get_context(request, *args, **kwargs)
        context["categories"] = categories_for_grid(parent=self)
        return context


class CategoryPage(StorePageMixin, Page):
    """A category (Serums, Cleansers…) listing its live products with sorting and pagination."""

    intro = models.TextField(blank=True, help_text="One or two sentences under the title.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_alt_text = models.CharField(max_length=200, blank=True)
    description = StreamField(ProductContentBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt_text")], "Hero"),
        FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["catalog.CatalogIndexPage"]
    subpage_types = ["catalog.ProductPage"]
    route_select_related = ("hero_image",)

    def get_share_image(self) -> ShareImage | None:
        if self.hero_image is None:
            return None
        return ShareImage(self.hero_image, self.hero_alt_text, renditions.TILE[-1])

    def get_structured_data(self, request, origin: str) -> list[dict]:
        return [breadcrumb_json_ld(self, request, origin)]

    def get_context(self, request, *args, **kwargs):
        from .selectors import products_for_listing

        context = super().get_context(request, *args, **kwargs)
        sort = request.GET.get("sort", DEFAULT_SORT)
        if sort not in PRODUCT_SORTS:
            sort = DEFAULT_SORT
        products = products_for_listing(category=self, ordering=PRODUCT_SORTS[sort].ordering)
        paginator = Paginator(products, PRODUCTS_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        context.update(
            products=page.object_list,
            page_obj=page,
            sort=sort,
            sort_options=sort_options(),
        )
        return context


class ProductTag(TaggedItemBase):
    content_object = ParentalKey(
        "catalog.ProductPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ProductPage(StorePageMixin, Page):
    """A product. Its stock is not here: it lives in `shop.StockRecord`, outside revisions."""

    sku = models.CharField("SKU", max_length=64, unique=True)
    short_description = models.CharField(max_length=300, blank=True)
    price = models.DecimalField(
        max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    compare_at_price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="The former price, shown struck through when higher than the price.",
    )
    size = models.CharField("size / volume", max_length=40, blank=True, help_text="e.g. 30 ml")
    is_featured = models.BooleanField("featured", default=False)
    is_bestseller = models.BooleanField("bestseller", default=False)
    is_new_arrival = models.BooleanField("new arrival", default=False)
    tags = ClusterTaggableManager(
        through=ProductTag,
        blank=True,
        help_text="Skin types and concerns, e.g. dry skin, dullness.",
    )

    description = StreamField(ProductContentBlock(), blank=True)
    benefits = StreamField(ProductContentBlock(), blank=True)
    ingredients = StreamField(ProductContentBlock(), blank=True)
    how_to_use = StreamField(ProductContentBlock(), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("sku"), FieldPanel("size")]),
                FieldRowPanel([FieldPanel("price"), FieldPanel("compare_at_price")]),
                FieldPanel("short_description"),
                StockPanel(heading="Stock"),
            ],
            "Product",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("is_featured"),
                        FieldPanel("is_bestseller"),
                        FieldPanel("is_new_arrival"),
                    ]
                ),
                FieldPanel("tags"),
            ],
            "Merchandising",
        ),
        InlinePanel("gallery_images", label="Gallery images", min_num=1),
        FieldPanel("description"),
        FieldPanel("benefits"),
        FieldPanel("ingredients"),
        FieldPanel("how_to_use"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("sku", boost=3),
        index.AutocompleteField("sku"),
        index.SearchField("short_description", boost=2),
        index.SearchField("description"),
        index.SearchField("benefits"),
        index.SearchField("ingredients"),
        index.SearchField("how_to_use"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.FilterField("price"),
        index.FilterField("is_featured"),
        index.FilterField("is_bestseller"),
        index.FilterField("is_new_arrival"),
    ]

    parent_page_types = ["catalog.CategoryPage"]
    subpage_types = []
    route_select_related = ("stock",)
    og_type = "product"

    class Meta:
        indexes = [
            models.Index(fields=["price"], name="product_price_idx"),
            models.Index(fields=["is_featured"], name="product_featured_idx"),
            models.Index(fields=["is_bestseller"], name="product_bestseller_idx"),
            models.Index(fields=["is_new_arrival"], name="product_new_idx"),
        ]

    def clean(self):
        super().clean()
        if self.compare_at_price is not None and self.price is not None:
            if self.compare_at_price <= self.price:
                raise ValidationError(
                    {"compare_at_price": "The compare-at price must be higher than the price."}
                )

    # Inventory (shop.StockRecord reaches us through the reverse one-to-one "stock").
    @property
    def stock_quantity(self) -> int:
        try:
            return self.stock.quantity
        except ObjectDoesNotExist:
            return 0

    @property
    def in_stock(self) -> bool:
        return self.stock_quantity > 0

    @property
    def on_sale(self) -> bool:
        return self.compare_at_price is not None and self.compare_at_price > self.price

    @property
    def flag(self) -> str:
        """One merchandising flag at most, in order of importance."""
        if self.on_sale:
            return "Sale"
        if self.is_new_arrival:
            return "New"
        if self.is_bestseller:
            return "Bestseller"
        return ""

    def category_crumb(self, request=None) -> tuple[str, str]:
        """(title, url) of the category, from the routing query's annotation when it ran."""
        title = getattr(self, "parent_title", None)
        if title is None:
            parent = self.get_parent()
            return parent.title, parent.get_url(request)
        return title, self.get_url(request).rstrip("/").rsplit("/", 1)[0] + "/"

    @property
    def primary_image(self):
        """The gallery image flagged primary, else the first; uses prefetched rows if present."""
        return primary_of(self.gallery_images.all())

    # Search engines and social networks (store.seo prints these).
    def get_meta_description(self) -> str:
        return meta_description(self.search_description or self.short_description)

    def get_share_image(self) -> ShareImage | None:
        # The gallery the page view fetched, renditions included: no query of its own.
        gallery = getattr(self, "_gallery", None)
        primary = primary_of(gallery if gallery is not None else self.gallery_images.all())
        if primary is None:
            return None
        return ShareImage(primary.image, primary.alt_text, renditions.GALLERY[-1])

    def get_structured_data(self, request, origin: str) -> list[dict]:
        """A schema.org Product with one Offer, from the product and the store's settings."""
        store = StoreSettings.for_request(request) if request is not None else StoreSettings()
        url = absolute(origin, self.get_url(request))
        data = {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": self.title,
            "sku": self.sku,
            "url": url,
            "description": self.get_meta_description(),
            "brand": {"@type": "Brand", "name": store.store_name},
            "offers": {
                "@type": "Offer",
                "url": url,
                "price": f"{self.price:.2f}",
                "priceCurrency": store.currency_code,
                "availability": "https://schema.org/InStock"
                if self.in_stock
                else "https://schema.org/OutOfStock",
                "itemCondition": "https://schema.org/NewCondition",
            },
        }
        image = share_image(self, origin)
        if image:
            data["image"] = [image["url"]]
        if self.size:
            data["size"] = self.size
        return [data]

    def get_context(self, request, *args, **kwargs):
        from .selectors import gallery_for_product, related_products

        context = super().get_context(request, *args, **kwargs)
        context["category_title"], context["category_url"] = self.category_crumb(request)
        context["gallery"] = self._gallery = gallery_for_product(self)
        context["related_products"] = related_products(self)
        context["max_quantity"] = min(self.stock_quantity, settings.CART_MAX_QUANTITY_PER_LINE)
        return context


class ProductGalleryImage(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(
        max_length=200, help_text="Describe the image for people who cannot see it."
    )
    caption = models.CharField(max_length=200, blank=True)
    is_primary = models.BooleanField(
        "primary image", default=False, help_text="Shown on product cards and in search results."
    )

    panels = [
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldPanel("caption"),
        FieldPanel("is_primary"),
    ]

    def __str__(self):
        return self.alt_text
