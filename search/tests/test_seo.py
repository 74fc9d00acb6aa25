"""Sitemap, robots.txt, and each page's description, canonical, social tags and JSON-LD."""

import json
import re
from xml.etree import ElementTree

import pytest

from store.models import StoreSettings

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(response.content.decode())]


def meta(response, attribute: str, name: str) -> str | None:
    match = re.search(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', response.content.decode()
    )
    return match.group(1) if match else None


def test_sitemap_lists_live_pages_only(client, catalog):
    catalog["Barrier Serum"].unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own response
    locations = [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    assert catalog["Vitamin C Serum"].full_url in locations
    assert catalog.serums.full_url in locations
    assert catalog.store.home.full_url in locations
    assert catalog["Barrier Serum"].full_url not in locations
    assert all(loc.startswith("http") for loc in locations)


def test_robots_txt_points_to_the_sitemap(client, catalog):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /checkout/" in text


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
