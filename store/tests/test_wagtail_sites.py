"""store.wagtail.sites: the cached site match gives Wagtail's own answer, without a query."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from store.wagtail.sites import CachedSiteMiddleware

pytestmark = pytest.mark.django_db

HOSTS = [
    ("localhost", "80"),  # the default site
    ("other.example", "8080"),  # a second site on its port
    ("other.example", "80"),  # its host on another port
    ("unknown.example", "80"),  # no site: the default one
    ("unknown.example", "8443"),
]


@pytest.fixture
def two_sites(store):
    return Site.objects.create(hostname="other.example", port=8080, root_page=store.shop)


def request_for(hostname: str, port: str):
    host = hostname if port == "80" else f"{hostname}:{port}"
    return RequestFactory().get("/", HTTP_HOST=host, SERVER_PORT=port)


def site_from_middleware(request):
    CachedSiteMiddleware(lambda request: HttpResponse())(request)
    return request._wagtail_site


@pytest.mark.parametrize(("hostname", "port"), HOSTS)
def test_same_site_as_wagtail_for_each_host_and_port(two_sites, hostname, port):
    wagtails = Site.find_for_request(request_for(hostname, port))
    assert site_from_middleware(request_for(hostname, port)) == wagtails  # database
    assert site_from_middleware(request_for(hostname, port)) == wagtails  # cache


@pytest.mark.parametrize(("hostname", "port"), HOSTS)
def test_a_cached_match_costs_no_query(two_sites, hostname, port):
    site_from_middleware(request_for(hostname, port))
    with CaptureQueriesContext(connection) as queries:
        site_from_middleware(request_for(hostname, port))
    assert len(queries) == 0
