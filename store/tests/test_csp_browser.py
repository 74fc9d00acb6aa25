"""The storefront runs in Chromium under its strict Content-Security-Policy: no page breaks a
rule (every script, style, font and image comes from our own origin, nothing inline)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_shopper_pages_break_no_content_security_policy_rule(browser, live_server, store):
    product, category = store.products[0], store.categories[0]
    page = browser.new_page(viewport={"width": 390, "height": 844})
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + product.url)
    page.get_by_role("button", name="Add to cart").first.click()
    for url in ("/", category.url, "/cart/", "/checkout/", "/search/?q=serum", "/accounts/login/"):
        response = page.goto(live_server.url + url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    assert violations == []

    # The control: an inline script is refused, and the refusal is seen.
    page.evaluate(
        "s => { const el = document.createElement('script'); el.textContent = s; "
        "document.body.append(el); }",
        "window.injected = true",
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected") is None
    assert any("script-src" in text for text in violations)
