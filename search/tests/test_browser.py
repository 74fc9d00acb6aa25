"""The header search box as a combobox, driven by keyboard in Debian's Chromium, and the same
form with JavaScript off."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_combobox_by_keyboard(browser, live_server, catalog):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(live_server.url + "/")
    box = page.locator("#site-search-q")
    listbox = page.locator("#site-search-listbox")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_attribute("aria-controls", "site-search-listbox")
    expect(box).to_have_attribute("aria-autocomplete", "list")

    # Reach the box from the keyboard, as a shopper would.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search-q":
            break
    assert page.evaluate("document.activeElement.id") == "site-search-q"

    page.keyboard.type("cl")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(3)  # two cleansers and "see all results"
    expect(page.locator("[data-search-status]")).to_have_text(re.compile(r"^2 suggestions"))

    page.keyboard.press("ArrowDown")
    first = options.nth(0)
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    page.keyboard.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(first).to_have_attribute("aria-selected", "false")
    page.keyboard.press("ArrowUp")
    expect(first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowUp")  # wraps to the last option
    expect(options.nth(2)).to_have_attribute("aria-selected", "true")

    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    assert box.get_attribute("aria-activedescendant") is None
    expect(box).to_have_value("cl")

    page.keyboard.press("ArrowDown")  # reopens on the first suggestion
    expect(listbox).to_be_visible()
    name = options.nth(0).inner_text().splitlines()[0]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/shop/cleansers/"))
    expect(page.locator("h1")).to_have_text(name)


def test_enter_without_a_choice_submits_the_search(browser, live_server, catalog):
    page = browser.new_page()
    page.goto(live_server.url + "/")
    page.locator("#site-search-q").fill("serum")
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=serum"))
    expect(page.locator(".product-card").first).to_be_visible()


def test_search_form_works_without_javascript(browser, live_server, catalog):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    box = page.locator("#site-search-q")
    assert box.get_attribute("role") is None  # a plain search box, nothing promised
    box.fill("barrier")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=barrier"))
    expect(page.get_by_role("heading", name="Barrier Serum")).to_be_visible()
    # Facets are links in a <details>, so they work without JavaScript too.
    page.locator(".search-filters__toggle").click()
    page.get_by_role("link", name=re.compile(r"^In stock")).click()
    page.wait_for_url(re.compile(r"in_stock=1"))
    context.close()


def test_no_serious_accessibility_violations_with_suggestions_open(browser, live_server, catalog):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.goto(live_server.url + "/search/?q=skin")
    page.locator("#site-search-q").fill("cl")
    expect(page.locator("#site-search-listbox")).to_be_visible()
    page.keyboard.press("ArrowDown")
    results = Axe().run(page, context={"include": [[".site-search"], [".search"]]})
    serious = [
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
