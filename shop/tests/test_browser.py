"""A shopper's journey in a real browser (Debian's Chromium via Playwright) against a live
server: with JavaScript, without it, and an axe-core accessibility scan of each page.

Screenshots for the design review go to test-artifacts/ (git-ignored).
"""

from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
VIEWPORTS = {"mobile": (390, 844), "desktop": (1440, 900)}
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def live_store(transactional_db, live_server):
    from testing.storefront import build_storefront

    return build_storefront(categories=("Serums", "Cleansers"), products_per_category=3)


def new_page(browser, *, javascript=True, viewport="desktop"):
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": width, "height": height}
    )
    context.set_default_timeout(10_000)
    return context.new_page()


def shop_journey(page, base_url, store):
    """Home → category → product, add two, change to three on /cart/, then remove."""
    from playwright.sync_api import expect

    category, product = store.categories[0], store.products_of(store.categories[0])[0]
    count = page.locator("[data-cart-count]").first

    page.goto(base_url + "/")
    expect(page.locator("h1")).to_contain_text("Quiet luxury for your skin")
    page.locator(".site-nav").get_by_role("link", name=category.title).click()
    expect(page.locator("h1")).to_have_text(category.title)
    page.locator(".product-card__link", has_text=product.title).click()
    expect(page.locator("h1")).to_have_text(product.title)

    page.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Add to cart").click()
    expect(count).to_have_text("2")

    page.goto(base_url + "/cart/")
    line = page.locator(f'[data-cart-line="{product.pk}"]')
    expect(line).to_contain_text(product.title)
    line.get_by_label(f"Quantity of {product.title}").fill("3")
    line.get_by_role("button", name="Update").click()
    expect(page.locator('[data-total="subtotal"]')).to_have_text("Rs. 7,500.00")
    expect(count).to_have_text("3")

    page.locator(f'[data-cart-line="{product.pk}"]').get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Your cart is empty.")).to_be_visible()
    expect(count).to_have_text("0")


def test_shopper_buys_with_javascript(browser, live_server, live_store):
    page = new_page(browser, javascript=True)
    shop_journey(page, live_server.url, live_store)


def test_shopper_buys_without_javascript(browser, live_server, live_store):
    page = new_page(browser, javascript=False)
    shop_journey(page, live_server.url, live_store)


def shopper_pages(store) -> dict[str, str]:
    return {
        "home": "/",
        "category": store.categories[0].url,
        "product": store.products[0].url,
        "cart": "/cart/",
    }


@pytest.mark.parametrize("name", ["home", "category", "product", "cart"])
def test_page_has_no_serious_accessibility_violations(browser, live_server, live_store, name):
    from axe_playwright_python.sync_playwright import Axe

    page = new_page(browser)
    # A full cart, so the cart page shows its table and summary rather than the empty state.
    page.goto(live_server.url + live_store.products[0].url)
    page.get_by_role("button", name="Add to cart").click()
    page.locator("[data-cart-count]").first.filter(has_text="1").wait_for()

    page.goto(live_server.url + shopper_pages(live_store)[name])
    violations = [
        violation
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    details = [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in violations
    ]
    assert violations == [], details


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_screenshots_for_the_design_review(browser, live_server, live_store, viewport):
    ARTIFACTS.mkdir(exist_ok=True)
    page = new_page(browser, viewport=viewport)
    page.goto(live_server.url + live_store.products[0].url)
    page.get_by_role("button", name="Add to cart").click()
    page.locator("[data-cart-count]").first.filter(has_text="1").wait_for()
    for name, path in shopper_pages(live_store).items():
        response = page.goto(live_server.url + path)
        assert response.status == 200
        target = ARTIFACTS / f"{name}-{viewport}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 0
