"""Every editorial block renders through its template; shoppable blocks show live data."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from catalog.models import ProductPage
from catalog.tests.factories import ImageFactory
from home.blocks import (
    CallToActionBlock,
    CategoryGridBlock,
    EditorialStreamBlock,
    HeroBlock,
    ProductCarouselBlock,
)
from home.models import HomePage
from shop.models import StockRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(rf, store):
    return rf.get("/")


def render(block, raw, request):
    return block.render(block.to_python(raw), context={"request": request})


def test_hero_renders_heading_text_image_and_call_to_action(request_, store):
    image = ImageFactory()
    html = render(
        HeroBlock(),
        {
            "image": image.pk,
            "alt_text": "A bottle on linen",
            "heading": "Quiet luxury",
            "text": "Made in Kathmandu.",
            "cta": {"label": "Shop now", "page": store.shop.pk, "url": ""},
        },
        request_,
    )
    assert '<h1 class="hero__heading">Quiet luxury</h1>' in html
    assert 'alt="A bottle on linen"' in html
    assert f'href="{store.shop.url}">Shop now</a>' in html


def test_call_to_action_links_to_its_url(request_):
    html = render(
        CallToActionBlock(),
        {"heading": "Find your ritual", "text": "", "link": {"label": "Start", "url": "/quiz/"}},
        request_,
    )
    assert 'href="/quiz/">Start</a>' in html


def carousel(products, **value):
    return {"heading": "Loved", "source": "chosen", "products": [p.pk for p in products]} | value


def test_carousel_of_chosen_products_keeps_their_order(request_, store):
    first, second = store.products[3], store.products[0]
    html = render(ProductCarouselBlock(), carousel([first, second]), request_)
    assert html.index(first.title) < html.index(second.title)


def test_carousel_shows_the_live_price(request_, store):
    product = store.products[0]
    value = ProductCarouselBlock().to_python(carousel([product]))
    ProductPage.objects.filter(pk=product.pk).update(price=Decimal("3100.00"))
    html = ProductCarouselBlock().render(value, context={"request": request_})
    assert "Rs. 3,100.00" in html


def test_carousel_shows_a_sold_out_product_as_sold_out(request_, store):
    product = store.products[0]
    StockRecord.objects.filter(product=product).update(quantity=0)
    html = render(ProductCarouselBlock(), carousel([product]), request_)
    assert "Sold out" in html
    assert f"/cart/add/{product.pk}/" not in html


def test_carousel_leaves_out_unpublished_products(request_, store):
    hidden, shown = store.products[0], store.products[1]
    hidden.unpublish()
    html = render(ProductCarouselBlock(), carousel([hidden, shown]), request_)
    assert (hidden.title in html, shown.title in html) == (False, True)


@pytest.mark.parametrize(
    ("source", "flag"),
    [
        ("featured", "is_featured"),
        ("bestsellers", "is_bestseller"),
        ("new_arrivals", "is_new_arrival"),
    ],
)
def test_carousel_fills_itself_from_a_flag(request_, store, source, flag):
    ProductPage.objects.update(**{flag: False})
    chosen = store.products[2]
    ProductPage.objects.filter(pk=chosen.pk).update(**{flag: True})
    html = render(ProductCarouselBlock(), {"heading": "x", "source": source, "limit": 8}, request_)
    assert [p.title for p in store.products if p.title in html] == [chosen.title]


def test_carousel_shows_at_most_its_limit(request_, store):
    html = render(
        ProductCarouselBlock(), {"heading": "x", "source": "featured", "limit": 2}, request_
    )
    assert html.count('class="product-card"') == 2


NO_LINK = {"label": "", "page": None, "url": ""}


def test_carousel_without_a_view_all_link_validates(store):
    # The "View all" link is optional (required=False): leaving it empty must be allowed.
    block = ProductCarouselBlock()
    value = block.to_python({"heading": "x", "source": "featured", "limit": 8, "link": NO_LINK})
    block.clean(value)


def test_hero_without_a_call_to_action_validates(store):
    block = HeroBlock()
    raw = {"image": ImageFactory().pk, "alt_text": "", "heading": "Hi", "text": "", "cta": NO_LINK}
    block.clean(block.to_python(raw))


def test_chosen_carousel_without_products_is_refused(store):
    from wagtail.blocks import StructBlockValidationError

    block = ProductCarouselBlock()
    raw = {"heading": "x", "source": "chosen", "products": [], "limit": 8}
    raw["link"] = {"label": "All", "page": None, "url": "https://example.com/"}
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(raw))
    assert "products" in error.value.block_errors


def test_link_with_a_label_but_no_page_or_url_is_refused():
    from wagtail.blocks import StructBlockValidationError

    from home.blocks import LinkBlock

    block = LinkBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"label": "Go", "page": None, "url": ""}))
    assert "page" in error.value.block_errors


def test_category_grid_shows_every_live_category_by_default(request_, store):
    store.categories[1].unpublish()
    html = render(CategoryGridBlock(), {"heading": "Shop by category", "categories": []}, request_)
    assert f'href="{store.categories[0].url}"' in html
    assert f'href="{store.categories[1].url}"' not in html


def test_category_grid_shows_chosen_categories_in_chosen_order(request_, store):
    first, second = store.categories[1], store.categories[0]
    html = render(
        CategoryGridBlock(), {"heading": "", "categories": [first.pk, second.pk]}, request_
    )
    assert html.index(first.title) < html.index(second.title)


def test_homepage_renders_every_block_in_its_body(client, store):
    html = client.get(store.home.url).content.decode()
    assert "Quiet luxury for your skin" in html  # hero
    assert store.products[0].title in html  # featured carousel
    assert f'href="{store.categories[1].url}"' in html  # category grid
    assert "The one bottle I travel with." in html  # quote
    assert 'href="https://example.com/quiz/">Start</a>' in html  # call to action


@pytest.mark.parametrize("name", list(EditorialStreamBlock.base_blocks))
def test_every_editorial_block_has_a_template(name):
    assert EditorialStreamBlock.base_blocks[name].meta.template


def admin(client):
    user = get_user_model().objects.create_superuser(email="editor@example.com", password="x")
    client.force_login(user)


@pytest.mark.parametrize(
    "name", ["text", "quote", "product_carousel", "category_grid", "call_to_action"]
)
def test_editor_block_preview_renders(client, store, name):
    admin(client)
    block = HomePage._meta.get_field("body").stream_block.child_blocks[name]
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    assert response.content.decode().count("<") > 10
