"""The Django side of the benchmark, run as `python -m bench.probe <command>` in a subprocess.

It runs with the same settings and database as the gunicorn under test, and prints one JSON
object on its last line of output:

- `urls`: real page URLs to benchmark (a category with a full page of cards, one of its
  products, products to put in a cart) and how many products and categories the store has.
- `queries '<urls json>'`: queries per shopper page, each page requested once with Django's test
  client under CaptureQueriesContext (which captures SQL even with DEBUG off), with the time of
  the request and of its SQL.
- `checkout-prepare <stock>`: pick the checkout scenario's hot product (the first live one),
  give it <stock> units and forget past orders.
- `checkout-verify <product id> <stock>`: what the database says was sold of it, whether
  that is more than there was, and how many orders are paid or still awaiting payment.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections import Counter
from urllib.parse import urlsplit

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vantor.settings.production")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Q, Sum  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from catalog.models import PRODUCTS_PER_PAGE, CategoryPage, ProductPage  # noqa: E402
from shop.models import Order, OrderItem, OrderStatus, StockRecord  # noqa: E402

PREFERRED_CATEGORY = "serums"
CART_ITEMS = 3
HOST = "127.0.0.1"
# Literals removed, so that one statement repeated with different ids reads as a repeat.
LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+\b")


def _path(page) -> str:
    # get_url() is relative with a single site, absolute with several; keep the path either way.
    return urlsplit(page.get_url()).path


def discover() -> dict:
    """The category to benchmark: 'serums' if it fills a page of cards, else the fullest one."""
    counts = {
        category: ProductPage.objects.live().child_of(category).count()
        for category in CategoryPage.objects.live().order_by("path")
    }
    if not counts:
        raise SystemExit("the store has no live categories: did load_demo_store run?")
    full = [c for c, n in counts.items() if n >= PRODUCTS_PER_PAGE]
    preferred = [c for c in full if c.slug == PREFERRED_CATEGORY]
    category = (preferred or full or [max(counts, key=counts.get)])[0]
    products = ProductPage.objects.live().child_of(category).order_by("path")
    product = products.first()
    in_stock = list(products.filter(stock__quantity__gt=0).values_list("pk", flat=True)[:10])
    return {
        "home": "/",
        "category": _path(category),
        "category_products": counts[category],
        "category_cards": min(counts[category], PRODUCTS_PER_PAGE),
        "product": _path(product) if product else None,
        "cart_product_ids": in_stock[-CART_ITEMS:],
        "live_products": ProductPage.objects.live().count(),
        "live_categories": len(counts),
    }


def _measure(client: Client, url: str) -> dict:
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    elapsed = time.perf_counter() - start
    statements = [query["sql"] for query in captured.captured_queries]
    sql_seconds = sum(float(query["time"]) for query in captured.captured_queries)
    shapes = Counter(LITERALS.sub("?", sql) for sql in statements)
    shape, repeats = shapes.most_common(1)[0] if shapes else ("", 0)
    return {
        "status": response.status_code,
        "queries": len(statements),
        "bytes": len(response.content),
        # One request, in-process, no load: where a page's time goes, database or Python.
        "ms": round(elapsed * 1000, 1),
        "sql_ms": round(sql_seconds * 1000, 1),
        # From FROM on: the column lists of Wagtail's page queries all look alike.
        "most_repeated": (
            {"count": repeats, "sql": shape[max(0, shape.find(" FROM ")) :][:400]}
            if repeats > 1
            else None
        ),
        "sql": [
            {"ms": round(float(query["time"]) * 1000, 1), "sql": query["sql"][:4000]}
            for query in captured.captured_queries
        ],
    }


def count_queries(urls: dict) -> dict:
    """Queries of each page for a new visitor, and of the cart page holding a few products.

    Each page is requested twice and the second request counts: the first may also pay for
    one-off work (per-process caches, renditions generated on first use) that a busy server
    does once. Both are reported.
    """
    pages = {**_pages(urls), "cart (empty)": "/cart/"}
    results = {}
    for name, url in pages.items():
        if not url:
            continue
        client = Client(HTTP_HOST=HOST)
        first = _measure(client, url)
        results[name] = {"url": url, "first_queries": first["queries"], **_measure(client, url)}

    # A shopper with a cart: the session now exists, so every page also loads it.
    client = Client(HTTP_HOST=HOST)
    for product_id in urls["cart_product_ids"]:
        client.post(f"/cart/add/{product_id}/", {"quantity": "1"})
    first = _measure(client, "/cart/")
    results[f"cart ({len(urls['cart_product_ids'])} items)"] = {
        "url": "/cart/",
        "first_queries": first["queries"],
        **_measure(client, "/cart/"),
    }
    return results


def _pages(urls: dict) -> dict[str, str]:
    return {
        "home": urls["home"],
        "category": urls["category"],
        "product": urls["product"],
        "search": "/search/?q=serum",
    }


def checkout_prepare(stock: int) -> dict:
    """Pick the hot product (the first live one), give it `stock` units, forget past orders."""
    product = ProductPage.objects.live().order_by("pk").first()
    Order.objects.all().delete()
    StockRecord.objects.update_or_create(product=product, defaults={"quantity": stock})
    return {"product_id": product.pk, "title": product.title, "stock": stock}


def checkout_verify(product_id: int, stock: int) -> dict:
    """What the database says was sold, whether that is more than there was, and how many
    orders are paid (`is_paid`: online payments verified) or still awaiting payment."""
    sold = OrderItem.objects.filter(product_id=product_id).aggregate(units=Sum("quantity"))
    units = sold["units"] or 0
    left = StockRecord.objects.get(product_id=product_id).quantity
    orders = Order.objects.aggregate(
        n=Count("pk"),
        paid=Count("pk", filter=Q(is_paid=True)),
        awaiting=Count("pk", filter=Q(status=OrderStatus.AWAITING_PAYMENT)),
    )
    return {
        "orders": orders["n"],
        "paid_orders": orders["paid"],
        "awaiting_payment": orders["awaiting"],
        "units_sold": units,
        "stock_left": left,
        "oversold": max(0, units - stock),
        "consistent": left == stock - units and left >= 0,
    }


def main(argv: list[str]) -> None:
    command = argv[0] if argv else ""
    if command == "urls":
        result = discover()
    elif command == "queries" and len(argv) == 2:
        result = count_queries(json.loads(argv[1]))
    elif command == "checkout-prepare" and len(argv) == 2:
        result = checkout_prepare(int(argv[1]))
    elif command == "checkout-verify" and len(argv) == 3:
        result = checkout_verify(int(argv[1]), int(argv[2]))
    else:
        raise SystemExit(
            "usage: python -m bench.probe urls | queries '<urls json>' "
            "| checkout-prepare <stock> | checkout-verify <product id> <stock>"
        )
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
