"""The checkout scenario's buyers: threads doing what a browser does without JavaScript, and
what they got, tallied (see bench/checkout.py for the scenario).

Each buyer, with a new session per purchase: POST /cart/add/<hot>/ (one unit), GET /checkout/
(the form's one-time token), POST /checkout/ with an address and the payment method. With an
online method the POST answers a 302 to the provider's page: the buyer GETs it (no cookies of
ours go there) and follows its redirect back to our return URL, where our server asks the
provider what happened; a 302 from there to /orders/… is a paid order.
"""

from __future__ import annotations

import http.client
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

ADDRESS = {
    "email": "bench@example.com",
    "first_name": "Bench",
    "last_name": "Buyer",
    "phone": "+977 9800000000",
    "address_line1": "Durbar Marg 1",
    "address_line2": "",
    "city": "Kathmandu",
    "state_province": "Bagmati",
    "postal_code": "44600",
    "country": "NP",
    "notes": "",
    "payment_method": "cod",
}
TOKEN = re.compile(r'name="checkout_token" value="([^"]+)"')


@dataclass
class Tally:
    orders: int = 0
    # Online payments only: the return from the provider's page landed on the order page.
    paid: int = 0
    payment_failures: int = 0
    refused: int = 0
    server_errors: int = 0
    other: int = 0
    transport_errors: int = 0
    place_latencies: list[float] = field(default_factory=list)
    order_times: list[float] = field(default_factory=list)
    pay_latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    samples: list[str] = field(default_factory=list)

    def note(self, what: str) -> None:
        with self.lock:
            if len(self.samples) < 5:
                self.samples.append(what)


class Browser:
    """One shopper's session over keep-alive-less HTTP/1.1 (gunicorn's sync workers close)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.csrf = secrets.token_hex(16)  # the double-submit cookie may be chosen by the client
        self.cookies = {"csrftoken": self.csrf}

    def request(self, method: str, path: str, data: dict | None = None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        body = urlencode(data) if data is not None else None
        head = {
            "Host": f"{self.host}:{self.port}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Referer": f"http://{self.host}:{self.port}/checkout/",
            **(headers or {}),
        }
        if body is not None:
            head["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=head)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            return response.status, response.getheader("Location", ""), text
        finally:
            connection.close()


def provider_page(url: str) -> tuple[int, str]:
    """GET the provider's hosted page (another server: none of our cookies go there); its
    status and where it sends the shopper."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("GET", f"{parts.path}?{parts.query}")
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location", "")
    finally:
        connection.close()


def pay(browser: Browser, payment_url: str, tally: Tally) -> None:
    """The provider's page, then its redirect back to our return URL, where our server asks the
    provider what happened: a 302 from there to the order page is a paid order."""
    status, back = provider_page(payment_url)
    target = urlsplit(back)
    if status != 302 or (target.hostname, target.port) != (browser.host, browser.port):
        with tally.lock:
            tally.payment_failures += 1
        tally.note(f"payment page {status} {back[:100]}")
        return
    began = time.monotonic()
    status, location, _ = browser.request("GET", f"{target.path}?{target.query}")
    ended = time.monotonic()
    returned = status == 302 and location.startswith("/orders/")
    with tally.lock:
        tally.pay_latencies.append(ended - began)
        if returned:
            tally.paid += 1
        elif status >= 500:
            tally.server_errors += 1
        else:
            tally.payment_failures += 1
    if not returned:
        tally.note(f"payment return {status}")


def buyer(host, port, product_id, deadline, tally: Tally, start: float, payment: str) -> None:
    while time.monotonic() < deadline:
        browser = Browser(host, port)
        try:
            status, _, text = browser.request(
                "POST",
                f"/cart/add/{product_id}/",
                {"quantity": "1", "csrfmiddlewaretoken": browser.csrf},
                {"Accept": "application/json"},
            )
            if status >= 500:
                with tally.lock:
                    tally.server_errors += 1
                tally.note(f"add {status}")
                continue
            if status != 200:
                # Sold out already: the shop refused to add it.
                with tally.lock:
                    tally.refused += 1
                continue
            status, _, text = browser.request("GET", "/checkout/")
            match = TOKEN.search(text) if status == 200 else None
            if match is None:
                with tally.lock:
                    if status >= 500:
                        tally.server_errors += 1
                    elif status == 302:
                        tally.refused += 1  # sold out between adding and checking out
                    else:
                        tally.other += 1
                tally.note(f"checkout GET {status}")
                continue
            began = time.monotonic()
            status, location, _ = browser.request(
                "POST",
                "/checkout/",
                {
                    **ADDRESS,
                    "payment_method": payment,
                    "checkout_token": match.group(1),
                    "csrfmiddlewaretoken": browser.csrf,
                },
            )
            ended = time.monotonic()
            # Placed, to be paid on the provider's page (an absolute URL on another server).
            online = status == 302 and location.startswith("http://")
            with tally.lock:
                tally.place_latencies.append(ended - began)
                if online or (status == 302 and location.startswith("/orders/")):
                    tally.orders += 1
                    tally.order_times.append(ended - start)
                    if payment != "cod" and not online:
                        tally.payment_failures += 1  # placed, but the provider never asked
                elif status in (302, 409):
                    tally.refused += 1
                elif status >= 500:
                    tally.server_errors += 1
                else:
                    tally.other += 1
            if status >= 500 or status not in (302, 409):
                tally.note(f"checkout POST {status}")
            if online:
                pay(browser, location, tally)
        except (OSError, http.client.HTTPException) as error:
            with tally.lock:
                tally.transport_errors += 1
            tally.note(f"{type(error).__name__}: {error}")


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_load(
    base_url: str, product_id: int, *, buyers: int, duration: float, payment: str = "cod"
) -> dict:
    host, port = base_url.removeprefix("http://").split(":")
    tally = Tally()
    start = time.monotonic()
    deadline = start + duration
    threads = [
        threading.Thread(
            target=buyer,
            args=(host, int(port), product_id, deadline, tally, start, payment),
        )
        for _ in range(buyers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    # Orders per second while there was stock to sell: up to the last order, or the whole run.
    selling = tally.order_times[-1] if tally.order_times else elapsed
    return {
        "payment": payment,
        "buyers": buyers,
        "seconds": round(elapsed, 2),
        "selling_seconds": round(selling, 2),
        "orders": tally.orders,
        "orders_per_s": round(tally.orders / selling, 1) if selling else 0.0,
        "paid": tally.paid,
        "payment_failures": tally.payment_failures,
        "refused": tally.refused,
        "server_errors": tally.server_errors,
        "other_responses": tally.other,
        "transport_errors": tally.transport_errors,
        "place_p50_ms": round(_percentile(tally.place_latencies, 0.5) * 1000, 1),
        "place_p99_ms": round(_percentile(tally.place_latencies, 0.99) * 1000, 1),
        # Online payments: our return view, with its lookup at the provider.
        "return_p50_ms": round(_percentile(tally.pay_latencies, 0.5) * 1000, 1),
        "return_p99_ms": round(_percentile(tally.pay_latencies, 0.99) * 1000, 1),
        "samples": tally.samples,
    }
