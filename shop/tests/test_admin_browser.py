"""Staff ship an order from the Wagtail admin in Debian's Chromium against a live server."""

# ruff: noqa: F401, F811 -- fixtures are imported by name, then requested as arguments
import pytest
from playwright.sync_api import expect, sync_playwright
from wagtail.models import ModelLogEntry

from shop.models import Order
from shop.tests.helpers import PASSWORD, make_order, make_user, staff_in_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fulfilment_staff_ship_an_order(browser, live_server, store, make_order, staff_in_group):
    staff = staff_in_group("Fulfilment")
    order = make_order([(store.products[0], 2)], status="processing", first_name="Kiran")
    page = browser.new_page(viewport={"width": 1440, "height": 900})

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Email address").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Orders", exact=True).first.click()
    page.get_by_role("link", name=order.short_number).click()
    expect(page.locator("main")).to_contain_text("Kiran")
    expect(page.locator("[data-order-status]")).to_have_text("Processing")

    page.get_by_role("button", name="Mark shipped").click()

    expect(page.locator("[data-order-status]")).to_have_text("Shipped")
    expect(page.get_by_text(f"Order {order.short_number} is now shipped.")).to_be_visible()
    expect(page.get_by_role("button", name="Mark delivered")).to_be_visible()
    expect(page.get_by_role("button", name="Cancel order")).to_have_count(0)
    order.refresh_from_db()
    assert order.status == "shipped" and order.shipped_at is not None
    assert ModelLogEntry.objects.get(action="shop.order.status").user_id == staff.pk
