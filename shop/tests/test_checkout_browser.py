"""A shopper in a real browser (Debian's Chromium through Playwright) against a live server:
add to cart, check out as a guest, see the confirmation, with JavaScript on and off."""

import pytest
from playwright.sync_api import expect

from shop.models import Order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_guest_adds_to_cart_checks_out_and_sees_the_confirmation(
    browser,
    live_server,
    products,  # noqa: F811
    javascript,
):
    product = products[0]
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + product.url)
        page.get_by_role("button", name="Add to cart").click()
        if javascript:
            expect(page.locator("[data-messages]")).to_contain_text("Added")
        page.goto(live_server.url + "/cart/")
        page.get_by_role("link", name="Check out").click()
        expect(page.get_by_role("heading", name="Checkout", level=1)).to_be_visible()

        # Submitting with nothing filled in brings the form back with a summary of errors.
        page.get_by_role("button", name="Place order").click()
        expect(page.locator(".error-summary")).to_be_visible()

        page.get_by_label("Email").fill("guest@example.com")
        page.get_by_label("Phone").fill("+977 9812345678")
        page.get_by_label("First name").fill("Guest")
        page.get_by_label("Last name").fill("Shopper")
        page.get_by_label("Address", exact=False).first.fill("Lazimpat 4")
        page.get_by_label("City").fill("Kathmandu")
        expect(page.get_by_label("Country")).to_have_value("NP")
        expect(page.get_by_label("Cash on delivery")).to_be_checked()
        page.get_by_role("button", name="Place order").click()

        expect(page.get_by_role("heading", name="Thank you, Guest")).to_be_visible()
        order = Order.objects.get(email="guest@example.com")
        assert f"/orders/{order.order_number}/" in page.url
        expect(page.locator("main")).to_contain_text(product.title)
        expect(page.locator("main")).to_contain_text("Lazimpat 4")
        expect(page.locator("[data-cart-count]")).to_have_text("0")
    finally:
        context.close()
