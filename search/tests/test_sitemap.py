"""Sitemap and robots.txt, for crawlers. (Each page's own metadata: store/tests/test_seo.py.)"""

from xml.etree import ElementTree

import pytest

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


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
