"""Checkout scenario: orders placed per second by concurrent buyers racing for one hot product,
on PostgreSQL against gunicorn, with oversells and server errors counted.

    python -m bench.checkout --quick                 # 32 products, 5 s of buying
    python -m bench.checkout --buyers 16 --duration 15 --stock 3000 --workers 2
    python -m bench.checkout --quick --emails queued   # emails left to a worker, as in production

`scenario_checkout(bench)` is one of `python -m bench`'s scenarios; `checkout_targets(results)`
gives its rows for the target table. Run on its own, it uses the same stack (the throwaway
PostgreSQL, gunicorn with production settings, the demo store) for this scenario only. The
database side (choosing the hot product, counting what was sold) is `bench.probe`'s.

Each buyer is a thread with its own session, doing what a browser does without JavaScript:
POST /cart/add/<hot>/ (one unit), GET /checkout/ (read the form's one-time token),
POST /checkout/ with an address. A 302 to /orders/… is an order; a 409 or a 302 to the cart is a
refusal (sold out); 5xx is a server error. The hot product starts with `--stock` units, fewer
than the buyers can take in the run, so the race for the last units is part of every run.
Afterwards the database says how many units were sold: more than the stock is an oversell.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bench.pages import scenario_data
from bench.stack import Bench, Options, make_bench, output_dir, start_services

TARGETS = {"orders_per_s": 100, "oversold": 0, "server_errors": 0}
DEFAULT_BUYERS = 16
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


# --- the load --------------------------------------------------------------------------------


@dataclass
class Tally:
    orders: int = 0
    refused: int = 0
    server_errors: int = 0
    other: int = 0
    transport_errors: int = 0
    place_latencies: list[float] = field(default_factory=list)
    order_times: list[float] = field(default_factory=list)
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


def buyer(host, port, product_id, deadline, tally: Tally, start: float) -> None:
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
                {**ADDRESS, "checkout_token": match.group(1), "csrfmiddlewaretoken": browser.csrf},
            )
            ended = time.monotonic()
            with tally.lock:
                tally.place_latencies.append(ended - began)
                if status == 302 and location.startswith("/orders/"):
                    tally.orders += 1
                    tally.order_times.append(ended - start)
                elif status in (302, 409):
                    tally.refused += 1
                elif status >= 500:
                    tally.server_errors += 1
                else:
                    tally.other += 1
            if status >= 500 or status not in (302, 409):
                tally.note(f"checkout POST {status}")
        except (OSError, http.client.HTTPException) as error:
            with tally.lock:
                tally.transport_errors += 1
            tally.note(f"{type(error).__name__}: {error}")


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_load(base_url: str, product_id: int, *, buyers: int, duration: float) -> dict:
    host, port = base_url.removeprefix("http://").split(":")
    tally = Tally()
    start = time.monotonic()
    deadline = start + duration
    threads = [
        threading.Thread(target=buyer, args=(host, int(port), product_id, deadline, tally, start))
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
        "buyers": buyers,
        "seconds": round(elapsed, 2),
        "selling_seconds": round(selling, 2),
        "orders": tally.orders,
        "orders_per_s": round(tally.orders / selling, 1) if selling else 0.0,
        "refused": tally.refused,
        "server_errors": tally.server_errors,
        "other_responses": tally.other,
        "transport_errors": tally.transport_errors,
        "place_p50_ms": round(_percentile(tally.place_latencies, 0.5) * 1000, 1),
        "place_p99_ms": round(_percentile(tally.place_latencies, 0.99) * 1000, 1),
        "samples": tally.samples,
    }


# --- the scenario ----------------------------------------------------------------------------


def scenario_checkout(
    bench: Bench, *, buyers: int = DEFAULT_BUYERS, stock: int | None = None
) -> dict:
    """Orders per second with `buyers` concurrent buyers of one hot product; oversells counted."""
    server = bench.server()
    duration = bench.options.duration
    # More stock than a 100 orders/s shop sells in 90 % of the run would keep the race for the
    # last units out of the run; this much sells out near the end at the target rate.
    stock = stock if stock is not None else max(50, int(TARGETS["orders_per_s"] * duration * 0.9))
    hot = bench.probe("checkout-prepare", str(stock))
    print(f"  {buyers} buyers, {duration:.0f} s, {stock} units of {hot['title']} ...", flush=True)
    load = run_load(server.base_url, hot["product_id"], buyers=buyers, duration=duration)
    database = bench.probe("checkout-verify", str(hot["product_id"]), str(stock))
    result = {"product": hot, **load, "database": database}
    print(
        f"  {load['orders']} orders, {load['orders_per_s']} orders/s, "
        f"{load['refused']} refused, {load['server_errors']} 5xx, "
        f"oversold {database['oversold']}, stock left {database['stock_left']}, "
        f"place p50 {load['place_p50_ms']} ms p99 {load['place_p99_ms']} ms",
        flush=True,
    )
    return result


def checkout_targets(results: dict) -> list[dict]:
    """Rows for the target table: orders per second, oversold units, server errors."""
    entry = results.get("checkout")
    if not entry:
        return []
    database = entry["database"]
    return [
        {
            "name": "checkout orders/s (one hot product)",
            "value": f"{entry['orders_per_s']}",
            "target": f">= {TARGETS['orders_per_s']}",
            "ok": entry["orders_per_s"] >= TARGETS["orders_per_s"],
        },
        {
            "name": "checkout oversold units",
            "value": str(database["oversold"]),
            "target": "0",
            "ok": database["oversold"] == 0 and database["consistent"],
        },
        {
            "name": "checkout server errors",
            "value": str(entry["server_errors"] + entry["other_responses"]),
            "target": "0",
            "ok": entry["server_errors"] == 0 and entry["other_responses"] == 0,
        },
    ]


# --- running on its own ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 s of buying")
    parser.add_argument("--products", type=int, default=32, help="demo store size")
    parser.add_argument("--duration", type=float, help="seconds of buying (default 15)")
    parser.add_argument("--buyers", type=int, default=DEFAULT_BUYERS)
    parser.add_argument("--stock", type=int, help="units of the hot product")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--cache", choices=("auto", "redis", "locmem"), default="auto")
    parser.add_argument(
        "--emails",
        choices=("inline", "queued"),
        default="inline",
        help="inline: the immediate task backend sends both emails inside the request (the "
        "default settings); queued: tasks are only enqueued, as with a worker in production",
    )
    args = parser.parse_args(argv)
    options = Options(
        products=args.products,
        duration=args.duration or (5 if args.quick else 15),
        warmup=0,
        connections=args.buyers,
        workers=args.workers,
        cache=args.cache,
        quick=args.quick,
    )
    with contextlib.ExitStack() as services:
        bench = make_bench(options, output_dir("-checkout"), services)
        if args.emails == "queued":
            # Stand-in for a queue whose worker runs elsewhere: enqueue, do not run.
            bench.extra_env["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
        start_services(bench)
        print("data:", flush=True)
        scenario_data(bench)
        print("checkout:", flush=True)
        result = scenario_checkout(bench, buyers=args.buyers, stock=args.stock)
        result.update(
            workers=args.workers,
            cache="redis" if bench.redis else "locmem",
            emails=args.emails,
            cpus=os.cpu_count(),
        )
        bench.results["checkout"] = result
    saved = bench.output_dir / "checkout.json"
    saved.write_text(json.dumps(bench.results, indent=2))
    checks = checkout_targets(bench.results)
    for check in checks:
        mark = "ok  " if check["ok"] else "MISS"
        print(f"{mark} {check['name']}: {check['value']} (target {check['target']})")
    print(f"saved {saved}")
    return 0 if all(check["ok"] for check in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
