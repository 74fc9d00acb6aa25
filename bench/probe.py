"""The Django side of the benchmark, run as `python -m bench.probe <command>` in a subprocess.

It runs with the same settings and database as the gunicorn under test, and prints one JSON
object on its last line of output:

- `urls`: real page URLs to benchmark (a category with a full page of cards, one of its
  products, products to put in a cart) and how many products and categories the store has.
- `queries '<urls json>'`: queries per shopper page, each page requested once with Django's test
  client under CaptureQueriesContext (which captures SQL even with DEBUG off), with the time of
  the request and of its SQL.
- `profile '<urls json>' <dir>`: a pyinstrument profile of a few warm requests to each page,
  saved as profile-<page>.txt and .html in <dir> (needs `pip install pyinstrument`).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vantor.settings.production")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from catalog.models import PRODUCTS_PER_PAGE, CategoryPage, ProductPage  # noqa: E402

PREFERRED_CATEGORY = "serums"
CART_ITEMS = 3
PROFILE_REPEATS = 10
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


def profile(urls: dict, output_dir: Path, repeats: int = PROFILE_REPEATS) -> dict:
    """Profile each page with pyinstrument over a few warm requests; save text and HTML."""
    from pyinstrument import Profiler  # optional: pip install pyinstrument

    results = {}
    for name, url in _pages(urls).items():
        if not url:
            continue
        client = Client(HTTP_HOST=HOST)
        client.get(url)  # warm: per-process caches, renditions
        profiler = Profiler(interval=0.0005)
        start = time.perf_counter()
        with profiler:
            for _ in range(repeats):
                client.get(url)
        elapsed = time.perf_counter() - start
        # The call tree through the project's own code (library frames folded), a flat list of
        # every function by its own time, the interactive HTML, and the raw session for other
        # views (`pyinstrument --load profile-<page>.pyisession -r text --show-all`).
        text = output_dir / f"profile-{name}.txt"
        text.write_text(profiler.output_text())
        flat = profiler.output_text(show_all=True, flat=True)
        (output_dir / f"profile-{name}-flat.txt").write_text(flat)
        (output_dir / f"profile-{name}.html").write_text(profiler.output_html())
        profiler.last_session.save(str(output_dir / f"profile-{name}.pyisession"))
        results[name] = {
            "url": url,
            "requests": repeats,
            "ms_per_request": round(elapsed / repeats * 1000, 1),
            "file": str(text),
        }
    return results


def main(argv: list[str]) -> None:
    command = argv[0] if argv else ""
    if command == "urls":
        result = discover()
    elif command == "queries" and len(argv) == 2:
        result = count_queries(json.loads(argv[1]))
    elif command == "profile" and len(argv) == 3:
        result = profile(json.loads(argv[1]), Path(argv[2]))
    else:
        raise SystemExit(
            "usage: python -m bench.probe urls | queries '<urls json>' "
            "| profile '<urls json>' <output dir>"
        )
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
