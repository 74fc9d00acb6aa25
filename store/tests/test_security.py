"""Security headers: the storefront's strict policy, the admin's own, payment origins only
where checkout hands the shopper over, Permissions-Policy, and private pages kept private."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from store.security import payment_origins

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"


def directives(response) -> dict[str, list[str]]:
    policy = {}
    for part in response[CSP].split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


def test_storefront_pages_allow_only_our_own_scripts_and_styles(client, store, settings):
    policy = directives(client.get("/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", settings.ERROR_PAGE_STYLE_HASH]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_payment_providers_are_allowed_only_on_the_pages_that_send_shoppers_there(client, store):
    product = store.products[0]
    client.post(f"/cart/add/{product.pk}/", {"quantity": "1"})
    checkout = directives(client.get("/checkout/"))["form-action"]
    home = directives(client.get("/"))["form-action"]
    assert home == ["'self'"]
    assert "'self'" in checkout
    assert "https://pay.khalti.com" in checkout
    assert "https://rc-epay.esewa.com.np" in checkout
    assert set(payment_origins()) <= set(checkout)


def test_configured_provider_urls_are_payment_origins(settings):
    settings.KHALTI_BASE_URL = "http://127.0.0.1:8711/api/v2/"
    assert "http://127.0.0.1:8711" in payment_origins()


def test_the_admin_gets_its_own_policy(client, store):
    policy = directives(client.get("/admin/login/"))
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_every_page_carries_a_permissions_policy(client, store):
    # (The health probes answer before the middleware stack: they are for load balancers.)
    for url in ("/", "/cart/", "/search/?q=serum", "/admin/login/"):
        assert "camera=()" in client.get(url)["Permissions-Policy"]


@pytest.mark.parametrize("url", ["/cart/", "/accounts/login/"])
def test_the_shoppers_own_pages_are_private(client, store, url):
    assert "private" in client.get(url)["Cache-Control"]


def test_a_catalog_page_for_an_anonymous_shopper_is_not_marked_private(client, store):
    assert "private" not in client.get("/").get("Cache-Control", "")


def test_every_page_for_a_signed_in_shopper_is_private(client, store):
    user = get_user_model().objects.create_user(email="asha@example.com", password="x" * 12)
    client.force_login(user)
    assert "private" in client.get("/")["Cache-Control"]


@pytest.mark.parametrize("name", ["500.html", "503.html"])
def test_the_error_pages_inline_style_is_the_one_the_policy_allows(settings, name):
    html = (Path(settings.BASE_DIR) / "templates" / name).read_text()
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert len(styles) == 1
    assert f"'sha256-{digest}'" == settings.ERROR_PAGE_STYLE_HASH
