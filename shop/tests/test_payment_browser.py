# ruff: noqa: F401, F811 -- fixtures are imported by name, then requested as arguments
"""Paying online in a real browser (Debian's Chromium through Playwright) against a live server
and the providers' fakes, with JavaScript on and off: Khalti's redirect and eSewa's signed
form, back to a paid order; and an axe-core scan of the new pages."""

import pytest
from playwright.sync_api import expect

from shop.models import Order, OrderStatus
from shop.tests.payment_fixtures import esewa, khalti

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def page_for(browser):
    contexts = []

    def make(javascript=True):
        context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": 390, "height": 844}
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def check_out(page, live_server, product, method_label):
    """Add `product`, fill the checkout as a guest, choose `method_label` and place the order."""
    page.goto(live_server.url + product.url)
    page.get_by_role("button", name="Add to cart").click()
    page.locator("[data-cart-count]").first.filter(has_text="1").wait_for()
    page.goto(live_server.url + "/checkout/")
    page.get_by_label("Email").fill("payer@example.com")
    page.get_by_label("Phone").fill("+977 9812345678")
    page.get_by_label("First name").fill("Sita")
    page.get_by_label("Last name").fill("Payer")
    page.get_by_label("Address", exact=False).first.fill("Lazimpat 4")
    page.get_by_label("City").fill("Kathmandu")
    page.get_by_label(method_label, exact=False).first.check()
    page.get_by_role("button", name="Place order").click()


def assert_no_blocking_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    violations = [
        violation
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    details = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in violations]
    assert violations == [], details


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_khalti_checkout_goes_to_khalti_and_comes_back_paid(
    page_for, live_server, products, khalti, javascript
):
    page = page_for(javascript)
    check_out(page, live_server, products[0], "Khalti")
    expect(page.locator("[data-payment-state]")).to_have_attribute("data-payment-state", "paid")
    order = Order.objects.get(email="payer@example.com")
    assert order.is_paid and order.status == OrderStatus.PENDING
    assert f"/orders/{order.order_number}/" in page.url


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_esewa_checkout_posts_the_signed_form_and_comes_back_paid(
    page_for, live_server, products, esewa, javascript
):
    page = page_for(javascript)
    check_out(page, live_server, products[0], "eSewa")
    if not javascript:
        page.get_by_role("button", name="Continue to eSewa").click()
    expect(page.locator("[data-payment-state]")).to_have_attribute("data-payment-state", "paid")
    order = Order.objects.get(email="payer@example.com")
    assert order.is_paid and order.payments.get().provider == "esewa"


def test_esewa_redirect_page_is_accessible(page_for, live_server, products, esewa):
    # axe needs JavaScript; the page's own auto-submit is held back so it stays to be scanned.
    page = page_for()
    page.route("**/payment-redirect.js", lambda route: route.abort())
    check_out(page, live_server, products[0], "eSewa")
    expect(page.get_by_role("button", name="Continue to eSewa")).to_be_visible()
    assert_no_blocking_violations(page)


def test_failed_payment_page_is_accessible_and_offers_both_ways_on(
    page_for, live_server, products, khalti
):
    khalti.mode = "down"
    page = page_for()
    check_out(page, live_server, products[0], "Khalti")
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    expect(page.get_by_role("button", name="Pay on delivery instead")).to_be_visible()
    assert_no_blocking_violations(page)
    khalti.mode = "up"
    page.get_by_role("button", name="Try again").click()
    expect(page.locator("[data-payment-state]")).to_have_attribute("data-payment-state", "paid")


def test_checkout_with_payment_methods_is_accessible(
    page_for, live_server, products, khalti, esewa
):
    page = page_for()
    page.goto(live_server.url + products[0].url)
    page.get_by_role("button", name="Add to cart").click()
    page.locator("[data-cart-count]").first.filter(has_text="1").wait_for()
    page.goto(live_server.url + "/checkout/")
    expect(page.get_by_label("Khalti", exact=False).first).to_be_visible()
    assert_no_blocking_violations(page)
