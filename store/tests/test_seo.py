"""Each page's description, canonical, social tags and JSON-LD, as page types declare them
(store.seo, StorePageMixin and the overrides on catalog and home pages)."""

import json
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest

from catalog.tests.factories import ProductPageFactory
from store.models import StoreSettings
from store.seo import absolute, json_for_script, meta_description

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(response.content.decode())]


def meta(response, attribute: str, name: str) -> str | None:
    match = re.search(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', response.content.decode()
    )
    return match.group(1) if match else None


@dataclass
class SeoCatalog:
    store: object
    serums: object
    products: dict

    def __getitem__(self, title):
        return self.products[title]


@pytest.fixture
def catalog(store):
    """The storefront with two products of known details in its first category, "Serums"."""
    serums = store.categories[0]
    products = {
        "Barrier Serum": ProductPageFactory(
            parent=serums,
            title="Barrier Serum",
            price=Decimal("5400.00"),
            stock=4,
            short_description="Comfort for dry, tight skin.",
            sku="VT-BAR-01",
        ),
        "Niacinamide Serum": ProductPageFactory(
            parent=serums, title="Niacinamide Serum", price=Decimal("3600.00"), stock=0
        ),
    }
    return SeoCatalog(store=store, serums=serums, products=products)


def test_product_page_metadata(client, catalog):
    product = catalog["Barrier Serum"]
    response = client.get(product.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<link rel="canonical" href="{product.full_url}">' in content
    assert meta(response, "name", "description") == "Comfort for dry, tight skin."
    assert meta(response, "property", "og:title") == "Barrier Serum"
    assert meta(response, "property", "og:type") == "product"
    assert meta(response, "property", "og:url") == product.full_url
    image = meta(response, "property", "og:image")
    assert image.startswith("http") and ".fill-960x1200" in image
    assert meta(response, "name", "twitter:card") == "summary_large_image"
    assert meta(response, "name", "twitter:image") == image


def test_product_json_ld_is_a_valid_product_with_an_offer(client, catalog):
    settings = StoreSettings.for_site(catalog.store.site)
    settings.currency_code = "USD"
    settings.save()
    product = catalog["Barrier Serum"]
    [data] = json_ld(client.get(product.url))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Product"
    assert data["name"] == "Barrier Serum"
    assert data["sku"] == "VT-BAR-01"
    assert data["brand"] == {"@type": "Brand", "name": settings.store_name}
    assert data["image"][0].startswith("http")
    offer = data["offers"]
    assert offer["@type"] == "Offer"
    assert offer["price"] == "5400.00"
    assert offer["priceCurrency"] == "USD"
    assert offer["availability"] == "https://schema.org/InStock"


def test_sold_out_product_offer_is_out_of_stock(client, catalog):
    [data] = json_ld(client.get(catalog["Niacinamide Serum"].url))
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_json_ld_cannot_be_broken_out_of_by_editor_text(client, catalog):
    product = catalog["Barrier Serum"]
    product.title = "</script><script>alert(1)</script> & Co"
    product.short_description = 'He said "hi" <!-- \u2028'
    product.save_revision().publish()
    response = client.get(product.url)
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    [data] = json_ld(response)
    assert data["name"] == "</script><script>alert(1)</script> & Co"
    assert data["description"].startswith('He said "hi" <!--')


def test_category_page_has_a_breadcrumb_list(client, catalog):
    response = client.get(catalog.serums.url)
    [data] = json_ld(response)
    assert data["@type"] == "BreadcrumbList"
    items = data["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3]
    assert [item["name"] for item in items][-1] == "Serums"
    assert items[-1]["item"] == catalog.serums.full_url
    assert all(item["item"].startswith("http") for item in items)
    assert ".fill-1200x800" in meta(response, "property", "og:image")


def test_home_page_shares_its_first_hero_image(client, catalog):
    response = client.get("/")
    assert response.status_code == 200
    assert ".fill-1600x900" in meta(response, "property", "og:image")
    assert meta(response, "property", "og:image:alt") == "A serum bottle on linen"
    assert f'<link rel="canonical" href="{catalog.store.home.full_url}">' in (
        response.content.decode()
    )


def test_search_description_wins_over_the_short_description(client, catalog):
    product = catalog["Barrier Serum"]
    product.search_description = "Written for search engines."
    product.save_revision().publish()
    response = client.get(product.url)
    assert meta(response, "name", "description") == "Written for search engines."


def test_meta_description_drops_tags_and_folds_whitespace():
    assert meta_description("<p>Soft\n\n  skin</p>") == "Soft skin"


def test_meta_description_is_at_most_160_characters():
    assert len(meta_description("word " * 100)) == 160


def test_absolute_keeps_full_urls_and_completes_paths():
    assert absolute("https://shop.example", "/serums/") == "https://shop.example/serums/"
    assert absolute("https://shop.example", "https://cdn.example/a.webp") == (
        "https://cdn.example/a.webp"
    )


def test_json_for_script_escapes_what_could_end_the_script():
    text = json_for_script({"name": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": "</script><!-- & \u2028"}


def test_pages_without_a_share_image_or_data_say_so(catalog):
    shop = catalog.store.shop.specific
    assert shop.get_share_image() is None
    assert shop.get_structured_data(None, "http://testserver") == []
