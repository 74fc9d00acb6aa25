"""`load_demo_store` builds a complete, valid store, and running it again adds nothing."""

from dataclasses import dataclass
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from catalog.models import CategoryPage, ProductGalleryImage, ProductPage
from demo import images
from demo.builder import ADMIN_EMAIL, WELCOME_TITLE
from demo.bulk import SKU_PREFIX
from demo.products import PRODUCTS
from home.blocks import EditorialStreamBlock
from home.models import HomePage, LandingPage
from shop.models import StockRecord
from store.models import StoreSettings

pytestmark = pytest.mark.django_db

GENERATED = 12
PASSWORD = "correct-horse-battery"


@dataclass
class Run:
    first_output: str
    second_output: str
    sizes_after_first: dict
    sizes_after_second: dict


def tiny_picture(*args, **kwargs):
    return Image.new("RGB", (40, 50), images.PAPER)


def fresh_wagtail_install() -> None:
    """What `migrate` leaves: the root, Wagtail's welcome page and a default site pointing at
    it. The shared test storefront is removed first (inside the module's transaction)."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for child in root.get_children():
        child.delete()
    welcome = root.add_child(instance=Page(title=WELCOME_TITLE, slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo_store", *args, stdout=out, verbosity=1)
    return out.getvalue()


def table_sizes() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "stock": StockRecord.objects.count(),
        "gallery": ProductGalleryImage.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
    }


@pytest.fixture(scope="module")
def run(django_db_setup, django_db_blocker):
    """Build the demo store twice, once for the module (building takes a while), inside a
    transaction rolled back at the end so other modules still see the shared storefront.
    Full-size drawing is tested separately; here tiny pictures keep it quick."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        for name in ("product_front", "texture_swatch", "lifestyle", "scene"):
            patch.setattr(images, name, tiny_picture)
        patch.setenv("DEMO_ADMIN_PASSWORD", PASSWORD)
        with transaction.atomic():
            fresh_wagtail_install()
            products = str(len(PRODUCTS) + GENERATED)
            first = load("--products", products)
            sizes = table_sizes()
            second = load("--products", products)
            yield Run(first, second, sizes, table_sizes())
            transaction.set_rollback(True)


def test_replaces_the_welcome_page_with_the_home_page_as_site_root(run):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    assert not Page.objects.filter(title=WELCOME_TITLE).exists()


def test_sets_up_store_settings_in_rupees(run):
    settings = StoreSettings.objects.get(site__is_default_site=True)
    assert (settings.currency_code, settings.currency_symbol) == ("NPR", "Rs.")
    assert (str(settings.flat_shipping_cost), str(settings.free_shipping_threshold)) == (
        "150.00",
        "5000.00",
    )


def test_categories_are_published_and_in_the_menu(run):
    assert CategoryPage.objects.live().filter(show_in_menus=True).count() >= 6


def test_one_product_is_an_unpublished_draft(run):
    draft = ProductPage.objects.get(live=False)
    assert draft.latest_revision_id is not None  # saved, published once, then unpublished


def test_exactly_one_product_is_sold_out_and_some_are_low(run):
    assert StockRecord.objects.filter(quantity=0).count() == 1
    assert StockRecord.objects.filter(quantity__gt=0, quantity__lte=5).exists()


def test_every_product_has_a_gallery_with_one_primary_image(run):
    for product in ProductPage.objects.prefetch_related("gallery_images"):
        gallery = list(product.gallery_images.all())
        assert 2 <= len(gallery) <= 3
        assert sum(item.is_primary for item in gallery) == 1
        assert all(item.alt_text for item in gallery)


def test_home_page_uses_every_editorial_block_validly(run):
    home = HomePage.objects.get()
    assert {child.block_type for child in home.body} == set(EditorialStreamBlock.base_blocks)
    home.body.stream_block.clean(home.body)  # raises if a link or image is missing


def test_campaign_page_features_chosen_products(run):
    landing = LandingPage.objects.get(slug="winter-ritual")
    carousel = next(c for c in landing.body if c.block_type == "product_carousel")
    assert carousel.value["source"] == "chosen"
    assert len(carousel.value["products"]) == 4


def test_running_twice_adds_nothing(run):
    assert run.sizes_after_second == run.sizes_after_first


def test_prints_the_admin_password_only_when_it_set_it(run):
    assert PASSWORD in run.first_output
    assert PASSWORD not in run.second_output
    assert get_user_model().objects.get(email=ADMIN_EMAIL).check_password(PASSWORD)


def test_generated_products_form_a_valid_tree(run):
    assert Page.find_problems() == ([], [], [], [], [])
    generated = ProductPage.objects.filter(sku__startswith=SKU_PREFIX)
    assert generated.live().count() == GENERATED
    product = generated.first()
    assert product.url_path == product.get_parent().url_path + product.slug + "/"


def test_generated_products_are_published_with_stock_and_revision(run):
    product = ProductPage.objects.filter(sku__startswith=SKU_PREFIX).last()
    assert product.live_revision_id == product.latest_revision_id
    assert product.latest_revision.as_object().sku == product.sku
    assert product.stock.quantity > 0


def test_generated_products_are_in_the_search_index(run):
    product = ProductPage.objects.filter(sku__startswith=SKU_PREFIX).first()
    assert product in ProductPage.objects.search(product.sku)


DROPPER = images.Container("dropper", "#C8A27A", images.INK)


# The drawing functions are taken at import, before the module fixture swaps them for tiny ones.
@pytest.mark.parametrize(
    ("draw", "arguments", "size"),
    [
        (
            images.product_front,
            ("Luminous Vitamin C Serum", "30 ml", DROPPER, "blush"),
            (1200, 1500),
        ),
        (images.texture_swatch, ("#F3E3C3", "blush", "seed"), (1200, 1500)),
        (images.lifestyle, ("Saffron Glow Oil", "30 ml", DROPPER, "sage", "seed"), (1200, 1500)),
        (images.scene, (images.HERO_SIZE, [DROPPER], "paper", "seed"), (2400, 1350)),
        (images.scene, (images.TILE_SIZE, [DROPPER], "sage", "seed"), (1200, 800)),
    ],
)
def test_pictures_are_drawn_at_their_designed_size(draw, arguments, size):
    assert draw(*arguments).size == size
