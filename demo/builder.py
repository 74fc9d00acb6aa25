"""Builds the demo store's pages, settings and admin user. Every step looks before it creates,
so running the builder again adds only what is missing."""

import os
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page, Site

from catalog.models import CatalogIndexPage, CategoryPage, ProductGalleryImage, ProductPage
from home.models import HomePage, LandingPage
from shop.models import StockRecord
from store.models import StoreSettings

from . import library, streams
from .catalog_copy import CATEGORIES, ProductCopy
from .products import DRAFT_PRODUCT, LOW_STOCK, PRODUCTS, SOLD_OUT_SKU

ADMIN_EMAIL = "admin@vantor.example"
WELCOME_TITLE = "Welcome to your new Wagtail site!"
WINTER_RITUAL_SKUS = ("VNT-SRM-011", "VNT-MST-012", "VNT-MST-016", "VNT-MSK-018")


@dataclass
class Report:
    """What a run created and skipped, for the command's summary."""

    created: list[str]
    skipped: list[str]

    def made(self, what: str) -> None:
        self.created.append(what)

    def kept(self, what: str) -> None:
        self.skipped.append(what)


def default_site() -> Site:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    return site


def ensure_home(report: Report) -> HomePage:
    """The HomePage as the default site's root, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is not None:
        report.kept("home page")
        return home
    root = Page.get_first_root_node()
    site = default_site()
    welcome = Page.objects.filter(
        depth=2, title=WELCOME_TITLE, content_type=ContentType.objects.get_for_model(Page)
    ).first()
    if welcome is not None:
        # A site pointing at the welcome page would be deleted with it (on_delete=CASCADE).
        Site.objects.filter(root_page=welcome).update(root_page=root)
        welcome.delete()
    home = root.add_child(
        instance=HomePage(
            title="Home",
            slug="home",
            seo_title="Vantor — skincare, slowly made",
            search_description="Small-batch skincare from the Himalayas.",
        )
    )
    site.root_page = home
    site.hostname, site.port, site.site_name = "localhost", 80, "Vantor"
    site.is_default_site = True
    site.save()
    report.made("home page")
    return home


def ensure_store_settings(site: Site, report: Report) -> StoreSettings:
    """Store settings for the site; values staff have since changed are left alone."""
    settings, created = StoreSettings.objects.get_or_create(
        site=site,
        defaults={
            "store_name": "Vantor",
            "contact_email": "hello@vantor.example",
            "currency_code": "NPR",
            "currency_symbol": "Rs.",
            "flat_shipping_cost": Decimal("150.00"),
            "free_shipping_threshold": Decimal("5000.00"),
            "tax_rate": Decimal("13.00"),
            "low_stock_threshold": 5,
        },
    )
    (report.made if created else report.kept)("store settings")
    return settings


def publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def ensure_shop(home: HomePage, report: Report) -> CatalogIndexPage:
    shop = CatalogIndexPage.objects.child_of(home).filter(slug="shop").first()
    if shop is not None:
        report.kept("shop")
        return shop
    shop = home.add_child(
        instance=CatalogIndexPage(
            title="Shop",
            slug="shop",
            intro="Every Vantor formula, by what it does for your skin.",
            show_in_menus=True,
        )
    )
    report.made("shop")
    return publish(shop)


def ensure_categories(shop: CatalogIndexPage, report: Report) -> dict[str, CategoryPage]:
    """One category page per entry in the copy, in the order the copy lists them."""
    existing = {page.slug: page for page in CategoryPage.objects.child_of(shop)}
    categories = {}
    for copy in CATEGORIES:
        if copy.slug in existing:
            categories[copy.slug] = existing[copy.slug]
            continue
        tile = library.category_tile(copy)
        page = shop.add_child(
            instance=CategoryPage(
                title=copy.title,
                slug=copy.slug,
                intro=copy.intro,
                hero_image=tile.image,
                hero_alt_text=tile.alt_text,
                description=streams.category_description(copy),
                show_in_menus=True,
                search_description=copy.intro,
            )
        )
        categories[copy.slug] = publish(page)
    made = len(categories) - len(existing.keys() & categories.keys())
    report.made(f"{made} categories") if made else report.kept("categories")
    return categories


def stock_for(copy: ProductCopy, index: int) -> int:
    """Healthy stock for most, a few running low, exactly one sold out."""
    if copy.sku == SOLD_OUT_SKU:
        return 0
    if copy.sku in LOW_STOCK:
        return LOW_STOCK[copy.sku]
    return 10 + (index * 37) % 71  # spread over 10–80 without randomness


def build_product(copy: ProductCopy, index: int) -> ProductPage:
    """An unsaved product page with its gallery and tags, ready for `add_child`."""
    category = next(c for c in CATEGORIES if c.slug == copy.category)
    pictures = library.product_pictures(copy, category, index)
    product = ProductPage(
        title=copy.name,
        slug=product_slug(copy.name),
        sku=copy.sku,
        size=copy.size,
        price=Decimal(copy.price),
        compare_at_price=Decimal(copy.compare_at_price) if copy.compare_at_price else None,
        short_description=copy.short_description,
        search_description=copy.short_description,
        is_featured="f" in copy.flags,
        is_bestseller="b" in copy.flags,
        is_new_arrival="n" in copy.flags,
        description=streams.product_description(copy, pictures[2]),
        benefits=streams.product_benefits(copy.benefits),
        ingredients=streams.product_ingredients(copy.ingredients),
        how_to_use=streams.product_how_to_use(copy.how_to_use or category.how_to_use),
    )
    product.gallery_images = [
        ProductGalleryImage(
            image=picture.image,
            alt_text=picture.alt_text,
            is_primary=(order == 0),
            sort_order=order,
        )
        for order, picture in enumerate(pictures)
    ]
    product.tags.add(*copy.tags)
    return product


def product_slug(name: str) -> str:
    return slugify(name.replace("&", "and"))


def ensure_products(categories: dict[str, CategoryPage], report: Report) -> None:
    """The hand-written products, published, with stock; and the one unpublished draft."""
    existing = set(ProductPage.objects.values_list("sku", flat=True))
    made = 0
    for index, copy in enumerate(PRODUCTS):
        if copy.sku in existing:
            continue
        product = categories[copy.category].add_child(instance=build_product(copy, index))
        publish(product)
        # The post_save signal gave it an empty stock record; inventory is set apart from content.
        StockRecord.objects.filter(product=product).update(quantity=stock_for(copy, index))
        made += 1
    if DRAFT_PRODUCT.sku not in existing:
        draft = categories[DRAFT_PRODUCT.category].add_child(
            instance=build_product(DRAFT_PRODUCT, len(PRODUCTS))
        )
        publish(draft)
        draft.unpublish()
        # Stock waits for the launch; only one product in the demo is sold out.
        StockRecord.objects.filter(product=draft).update(quantity=24)
        made += 1
    report.made(f"{made} products") if made else report.kept("products")


def ensure_landing(home, shop, categories, report: Report) -> LandingPage:
    """ "The Winter Ritual" campaign, with a carousel of hand-chosen products."""
    landing = LandingPage.objects.child_of(home).filter(slug="winter-ritual").first()
    if landing is not None:
        report.kept("landing page")
        return landing
    by_sku = ProductPage.objects.in_bulk(WINTER_RITUAL_SKUS, field_name="sku")
    hero = library.hero(
        "Hero · The Winter Ritual",
        ("dropper", "jar", "jar", "pump"),
        "dusk",
        "A facial oil, two jars of cream and a body oil on stone plinths in winter light",
    )
    story = library.story(
        "Story · Layering", "sage", "A dropper bottle of serum beside an open jar of cream"
    )
    landing = home.add_child(
        instance=LandingPage(
            title="The Winter Ritual",
            slug="winter-ritual",
            intro="A four-step routine for skin that the cold leaves dry.",
            show_title=False,
            body=streams.landing_body(
                hero=hero,
                story=story,
                products=[by_sku[sku] for sku in WINTER_RITUAL_SKUS if sku in by_sku],
                shop=shop,
                moisturisers=categories["moisturisers"],
            ),
        )
    )
    report.made("landing page")
    return publish(landing)


def ensure_home_body(home, shop, categories, landing, report: Report) -> None:
    """Compose the homepage from every editorial block, once; later edits are kept."""
    if home.body:
        report.kept("home page content")
        return
    hero = library.hero(
        "Hero · Skincare, slowly made",
        ("pump", "dropper", "jar", "tube", "dropper"),
        "blush",
        "A row of Vantor bottles, jars and tubes on stone plinths in soft morning light",
    )
    story = library.story(
        "Story · Our studio", "clay", "An amber serum bottle and a jar of cream on a stone shelf"
    )
    home.body = streams.home_body(
        hero=hero, story=story, shop=shop, serums=categories["serums"], landing=landing
    )
    publish(home)
    report.made("home page content")


@transaction.atomic
def build_site(report: Report) -> dict[str, CategoryPage]:
    """Settings, home, shop, categories, hand-written products and the campaign page."""
    home = ensure_home(report)
    ensure_store_settings(Site.objects.get(root_page=home), report)
    shop = ensure_shop(home, report)
    categories = ensure_categories(shop, report)
    ensure_products(categories, report)
    landing = ensure_landing(home, shop, categories, report)
    ensure_home_body(home, shop, categories, landing, report)
    return categories


def ensure_admin(report: Report) -> str | None:
    """The demo superuser; returns the password only when this run set it."""
    User = get_user_model()
    if User.objects.filter(email__iexact=ADMIN_EMAIL).exists():
        report.kept(f"admin user {ADMIN_EMAIL}")
        return None
    password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
    User.objects.create_superuser(email=ADMIN_EMAIL, password=password, first_name="Vantor")
    report.made(f"admin user {ADMIN_EMAIL}")
    return password
