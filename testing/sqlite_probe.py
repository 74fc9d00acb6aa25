"""Drives the store on SQLite (the `make run` default) in a process of its own and prints what
it saw as JSON. `vantor/tests/test_sqlite.py` runs it; the suite itself runs on PostgreSQL.

    python -m testing.sqlite_probe /tmp/probe.sqlite3
"""

import json
import os
import re
import sys
import threading

HOSTILE_QUERIES = (
    '"""',
    "\"'><svg onload=alert(1)>",
    "NEAR(serum",
    "serum OR",
    "*",
    "-",
    "a" * 5000,
    "\x00",
    "'; DROP TABLE catalog_productpage; --",
)
BUYERS = 6


def main(path: str) -> dict:
    os.environ["DJANGO_SETTINGS_MODULE"] = "vantor.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from shop.tests.helpers import ADDRESS
    from testing.storefront import build_storefront

    setup_test_environment()
    call_command("migrate", verbosity=0)
    store = build_storefront(categories=("Serums",), products_per_category=2, stock=BUYERS)
    product = store.products[0]
    seen: dict = {"search": {}, "autocomplete": {}, "cart": {}}

    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    for query in HOSTILE_QUERIES:
        seen["search"][query[:40]] = client.get("/search/", {"q": query}).status_code
        seen["autocomplete"][query[:40]] = client.get(
            "/search/autocomplete/", {"q": query}
        ).status_code
    # An ordinary search still finds the product (its index was built when it was published).
    call_command("update_index", verbosity=0)
    found = client.get("/search/", {"q": f'"{product.title}"'}).content.decode()
    seen["found_by_title"] = product.title in found
    for raw in (str(2**63), str(2**64), "9" * 30):
        seen["cart"][raw] = client.post(f"/cart/add/{raw}/", {"quantity": "1"}).status_code
    seen["cart"]["huge quantity"] = client.post(
        f"/cart/add/{product.pk}/", {"quantity": "9" * 30}
    ).status_code

    # Buyers racing for the same product, each on its own connection (a thread each).
    outcomes: list[int] = []
    barrier = threading.Barrier(BUYERS)

    def buy():
        from django.db import connection

        buyer = Client(HTTP_HOST="localhost", raise_request_exception=False)
        buyer.post(f"/cart/add/{product.pk}/", {"quantity": "1"})
        # From the HTML: the test client's captured context is shared between threads.
        page = buyer.get("/checkout/").content.decode()
        token = re.search(r'name="checkout_token" value="([^"]+)"', page).group(1)
        barrier.wait()
        response = buyer.post("/checkout/", {**ADDRESS, "checkout_token": token})
        outcomes.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=buy) for _ in range(BUYERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    from shop.models import Order, StockRecord

    seen["checkout"] = {
        "statuses": sorted(outcomes),
        "orders": Order.objects.count(),
        "stock_left": StockRecord.objects.get(product_id=product.pk).quantity,
    }
    return seen


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
