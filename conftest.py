"""Fixtures shared by every app's tests: the storefront, a fresh cache, private media.

The database is a throwaway PostgreSQL cluster that the `testing.pytest_plugin` plugin starts.
"""

import os

import pytest
from django.test import override_settings
from wagtail.models import Site

from testing.postgres import use_test_cluster
from testing.storefront import Store, build_storefront

pytest_plugins = ["testing.pytest_plugin"]

# Playwright's sync API runs an event loop in the test thread; Django would refuse ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    # Whitenoise looks for collected static files the tests never collect.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request):
    """Tests use the plugin's PostgreSQL cluster, whatever the settings module guessed; then
    pytest-django gives each xdist worker its own test database, as it does by default."""
    from django.conf import settings

    use_test_cluster(settings)
    request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    """Uploaded images of a run go to a temporary directory, never into the project."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Store settings, navigation and site roots are cached; a test's rows are rolled back, so
    what it cached must go too."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium for a module's browser tests; each test opens its own page. Module
    scope: Playwright's sync API allows one running instance per thread."""
    from testing.browser import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the default storefront once; each test sees it and rolls its changes back."""
    with django_db_blocker.unblock():
        build_storefront()


@pytest.fixture
def store(db) -> Store:
    """The default storefront (two categories of three products), fetched fresh for this test.

    Transactional tests flush the database when they end, taking the session-built storefront
    with them, so a test that finds it gone (or is transactional itself) builds its own.
    """
    from django.db import connection

    from catalog.models import CatalogIndexPage, CategoryPage, ProductPage
    from home.models import HomePage

    # Non-transactional tests run inside an atomic block that is rolled back afterwards.
    transactional = not connection.in_atomic_block
    if transactional or not HomePage.objects.exists():
        return build_storefront()
    return Store(
        site=Site.objects.get(is_default_site=True),
        home=HomePage.objects.get(),
        shop=CatalogIndexPage.objects.get(),
        categories=list(CategoryPage.objects.order_by("path")),
        products=list(ProductPage.objects.order_by("path").select_related("stock")),
    )


@pytest.fixture
def build_store(db):
    """`build_store(categories=..., products_per_category=..., stock=...)`: a storefront of
    another shape, replacing the default one for this test."""
    return build_storefront
