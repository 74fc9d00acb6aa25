"""Finds the Wagtail site for a request from the cache instead of the database."""

from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

SITE_CACHE_SECONDS = 300
SITE_KEYS_KEY = "vantor:site-keys"


def _key(hostname: str, port) -> str:
    return f"vantor:site:{hostname}:{port}"


def forget_sites() -> None:
    """Drop every cached host → site match (store.signals calls this when a Site changes)."""
    cache.delete_many([*(cache.get(SITE_KEYS_KEY) or ()), SITE_KEYS_KEY])


class CachedSiteMiddleware:
    """Every Wagtail page view starts with a query to match the host to a Site. Sites change
    rarely (in the admin, which clears this cache), so the match is cached per host and port;
    Wagtail's `Site.find_for_request` then reuses it from the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The raw host, as Wagtail matches it (ALLOWED_HOSTS is CommonMiddleware's job).
        hostname = split_domain_port(request._get_raw_host())[0]
        key = _key(hostname, request.get_port())
        site = cache.get(key)
        if site is None:
            site = Site.find_for_request(request)
            if site is not None:
                cache.set(key, site, SITE_CACHE_SECONDS)
                keys = set(cache.get(SITE_KEYS_KEY) or ()) | {key}
                cache.set(SITE_KEYS_KEY, keys, SITE_CACHE_SECONDS)
        request._wagtail_site = site
        return self.get_response(request)
