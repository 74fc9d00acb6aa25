"""The caches that keep shopper pages to a fixed number of queries stay correct."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site
from wagtail.rich_text import expand_db_html


def test_site_match_is_cached_and_forgotten_when_a_site_changes(client, store):
    client.get("/")
    with CaptureQueriesContext(connection) as cached:
        client.get("/")
    assert not any('FROM "wagtailcore_site"' in query["sql"] for query in cached)

    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed"
    site.save()
    with CaptureQueriesContext(connection) as after_change:
        client.get("/")
    assert any('FROM "wagtailcore_site"' in query["sql"] for query in after_change)


def test_unknown_hosts_still_fall_back_to_the_default_site(client, store, settings):
    settings.ALLOWED_HOSTS = ["*"]
    response = client.get("/", HTTP_HOST="elsewhere.example")
    assert response.status_code == 200
    assert store.home.title in response.content.decode()


def test_rich_text_page_links_resolve_to_the_page_url_in_one_query(store):
    category = store.categories[0]
    url = category.url  # also warms Wagtail's cached site root paths
    html = f'<p><a linktype="page" id="{category.pk}">Serums</a></p>'
    with CaptureQueriesContext(connection) as queries:
        expanded = expand_db_html(html)
    assert f'<a href="{url}">Serums</a>' in expanded
    assert len(queries) == 1  # Wagtail's own handler takes two (base rows, then specific)


def test_rich_text_link_to_a_deleted_page_keeps_its_text(store):
    html = '<p><a linktype="page" id="987654">Gone</a></p>'
    assert "<a>Gone</a>" in expand_db_html(html)
