"""The Khalti checkout run's own parts: a buyer following Khalti's page back to the shop, and
the target rows that judge the run."""

from __future__ import annotations

import pytest
import requests

from bench.buyers import Browser, Tally, pay
from bench.checkout import checkout_khalti_targets
from testing.payment_fakes import FakeProvider
from testing.payment_pages import KhaltiWithPage


class ShopReturn(FakeProvider):
    """Stands in for our server's return view: every return lands on the order page."""

    def __init__(self):
        super().__init__()
        self.returns: list[tuple[str, dict]] = []

    def respond(self, method, path, query, headers, body):
        self.returns.append((path, query))
        return 302, b"", {"Location": "/orders/1234/"}


@pytest.fixture
def shop():
    server = ShopReturn()
    yield server
    server.close()


@pytest.fixture
def khalti():
    fake = KhaltiWithPage()
    yield fake
    fake.close()


def _initiate(khalti: KhaltiWithPage, return_url: str) -> dict:
    return requests.post(
        f"{khalti.base_url}epayment/initiate/",
        json={
            "return_url": return_url,
            "website_url": return_url,
            "amount": 5000,
            "purchase_order_id": "1234",
        },
        headers={"Authorization": f"Key {khalti.secret_key}"},
        timeout=5,
    ).json()


def _browser(shop: ShopReturn) -> Browser:
    host, port = shop.server.server_address[:2]
    return Browser(host, port)


def test_a_buyer_sent_back_to_the_order_page_is_counted_paid(shop, khalti):
    started = _initiate(khalti, f"{shop.url}/orders/1234/pay/khalti/return/")
    tally = Tally()

    pay(_browser(shop), started["payment_url"], tally)

    assert (tally.paid, tally.payment_failures) == (1, 0)
    assert shop.returns[0][0] == "/orders/1234/pay/khalti/return/"
    assert shop.returns[0][1]["pidx"] == [started["pidx"]]


def test_a_payment_page_that_sends_no_one_back_is_a_payment_failure(shop, khalti):
    tally = Tally()

    pay(_browser(shop), f"{khalti.url}/pay/?pidx=unknown", tally)

    assert (tally.paid, tally.payment_failures) == (0, 1)
    assert shop.returns == []


def test_a_return_to_another_server_is_a_payment_failure(shop, khalti):
    started = _initiate(khalti, "http://127.0.0.1:9/orders/1234/pay/khalti/return/")
    tally = Tally()

    pay(_browser(shop), started["payment_url"], tally)

    assert (tally.paid, tally.payment_failures) == (0, 1)
    assert shop.returns == []


def _results(awaiting: int) -> dict:
    return {
        "checkout-khalti": {
            "orders_per_s": 120.0,
            "server_errors": 0,
            "other_responses": 0,
            "database": {
                "orders": 10,
                "oversold": 0,
                "consistent": True,
                "awaiting_payment": awaiting,
            },
        }
    }


def test_an_order_left_awaiting_payment_misses_the_khalti_target():
    rows = {row["name"]: row for row in checkout_khalti_targets(_results(awaiting=1))}

    assert rows["khalti checkout orders awaiting payment"]["ok"] is False
    assert rows["khalti checkout orders awaiting payment"]["value"] == "1 of 10"


def test_a_khalti_run_with_every_order_paid_meets_its_targets():
    assert all(row["ok"] for row in checkout_khalti_targets(_results(awaiting=0)))


def test_no_khalti_run_gives_no_rows():
    assert checkout_khalti_targets({"checkout": {}}) == []
