"""A shopper registers, orders while signed in and finds the order in their history, in
Debian's Chromium against a live server; and the account pages pass an axe scan."""

import pytest
from playwright.sync_api import expect

from shop.models import Order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING_IMPACTS = {"serious", "critical"}


def test_register_order_and_find_it_in_the_history(browser, live_server, store):
    product = store.products[0]
    page = browser.new_page(viewport={"width": 390, "height": 844})

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email address").fill("mira@example.com")
    page.get_by_label("First name").fill("Mira")
    page.get_by_label("Last name").fill("Shrestha")
    page.get_by_label("Password", exact=True).fill("quiet-rosewater-41")
    page.get_by_label("Confirm password").fill("quiet-rosewater-41")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Hello, Mira")).to_be_visible()

    page.goto(live_server.url + product.url)
    page.get_by_role("button", name="Add to cart").click()
    expect(page.locator("[data-messages]")).to_contain_text("Added")
    page.goto(live_server.url + "/cart/")
    page.get_by_role("link", name="Check out").click()
    # Signed in: who the shopper is is already filled in.
    expect(page.get_by_label("Email")).to_have_value("mira@example.com")
    page.get_by_label("Phone").fill("+977 9812345678")
    page.get_by_label("Address", exact=False).first.fill("Lazimpat 4")
    page.get_by_label("City").fill("Kathmandu")
    page.get_by_role("button", name="Place order").click()
    expect(page.get_by_role("heading", name="Thank you, Mira")).to_be_visible()

    order = Order.objects.get()
    assert order.user.email == "mira@example.com"
    page.goto(live_server.url + "/accounts/orders/")
    link = page.get_by_role("link", name=f"Order {order.short_number}")
    expect(link).to_be_visible()
    link.click()
    assert f"/orders/{order.order_number}/" in page.url
    expect(page.locator("main")).to_contain_text(product.title)

    # Signing out is a POST from the account menu; the history then needs signing in again.
    page.goto(live_server.url + "/accounts/orders/")
    page.get_by_role("button", name="Sign out").click()
    page.goto(live_server.url + "/accounts/orders/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert "next=/accounts/orders/" in page.url


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/register/"])
def test_account_forms_have_no_serious_accessibility_violations(browser, live_server, store, path):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(live_server.url + path)
    # With errors showing: the summary, messages by the fields and their ARIA links.
    page.locator("main button[type=submit]").first.click()
    expect(page.locator(".error-summary")).to_be_visible()

    violations = [
        violation
        for violation in Axe().run(page, context={"include": [["main"]]}).response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert violations == [], [(v["id"], v["help"]) for v in violations]
