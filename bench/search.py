"""Search scenario for `make bench`: latency of the search page and of autocomplete.

    python -m bench                      # every scenario, search included (10,000 products)
    python -m bench.search               # only the demo data and this scenario
    python -m bench.search --quick       # 500 products, 3 s per URL

Each URL is requested once (renditions, caches), warmed up, then driven by wrk with as many
connections as gunicorn has workers, so that p50/p99 are the time to answer a search rather
than time spent queueing for a worker. Repeating one URL answers the text match from the
short-lived cache of ranked ids (search/selectors.py), so the scenario ends with 150 distinct
queries asked once each, one at a time: the cost of a search nobody asked for recently.
Target: p99 under SEARCH_P99_MS.
"""

from __future__ import annotations

import statistics
import sys
from urllib.parse import urlencode

from bench.load import require_wrk, run_wrk
from bench.pages import data_checks, scenario_data
from bench.processes import http_get
from bench.runner import Scenario, run
from bench.stack import Bench

SEARCH_P99_MS = 50.0
# Distinct queries, each asked once in turn: every one misses the cache of ranked matches.
VOCABULARY = (
    "serum cream cleanser oil mask balm toner mist eye sun body lip dry oily sensitive "
    "combination vitamin niacinamide retinal ceramide hyaluronic rose tea clay spf calm glow"
).split()
UNCACHED_QUERIES = 150
# name -> path. Words the demo catalog is made of: broad, narrow, faceted, no match, typeahead.
SEARCH_URLS = {
    "search: broad word": "/search/?q=serum",
    "search: two words": "/search/?q=vitamin+c",
    "search: ingredient": "/search/?q=niacinamide",
    "search: with facets": (
        "/search/?q=serum&tag=dry-skin&price=2000-4000&in_stock=1&sort=price_asc"
    ),
    "search: page 3": "/search/?q=cream&page=3",
    "search: no match": "/search/?q=xylophone",
    "autocomplete: 2 chars": "/search/autocomplete/?q=se",
    "autocomplete: word": "/search/autocomplete/?q=hydra",
}


def scenario_search(bench: Bench) -> dict:
    """p50/p99 and rps of each search and autocomplete URL under wrk."""
    require_wrk()
    server = bench.server()
    options = bench.options
    connections = max(1, options.workers)
    results: dict[str, dict] = {}
    for name, path in SEARCH_URLS.items():
        entry: dict = {"url": path, "connections": connections}
        results[name] = entry
        url = server.base_url + path
        status, size, seconds = http_get(url, timeout=120)
        entry.update(status=status, first_request_s=round(seconds, 3), bytes=size)
        if status != 200:
            entry["error"] = f"GET returned {status}"
            print(f"  {name:<24} {path}: {status}, skipped", flush=True)
            continue
        if options.warmup:
            run_wrk(url, seconds=options.warmup, connections=connections)
        measured = run_wrk(url, seconds=options.duration, connections=connections)
        entry.update(measured.as_dict(), url=path)
        print(
            f"  {name:<24} {measured.rps:8.1f} rps  p50 {measured.p50_ms:6.2f} ms  "
            f"p99 {measured.p99_ms:6.2f} ms  errors {measured.error_count}",
            flush=True,
        )
    results["search: uncached, distinct"] = _uncached(server.base_url)
    return results


def _uncached_queries() -> list[str]:
    words = VOCABULARY
    pairs = [f"{a} {b}" for i, a in enumerate(words) for b in words[i + 1 :]]
    return (words + pairs)[:UNCACHED_QUERIES]


def _uncached(base_url: str) -> dict:
    """One request per distinct query, in turn, so that none is answered from the cache."""
    timings, errors = [], 0
    for query in _uncached_queries():
        status, _size, seconds = http_get(f"{base_url}/search/?{urlencode({'q': query})}")
        errors += status != 200
        timings.append(seconds * 1000)
    timings.sort()
    entry = {
        "url": f"/search/?q=<{len(timings)} distinct queries>",
        "requests": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 2),
        "max_ms": round(timings[-1], 2),
        "error_count": errors,
    }
    print(
        f"  {'search: uncached':<24} {len(timings)} queries, one at a time  "
        f"p50 {entry['p50_ms']:6.2f} ms  p99 {entry['p99_ms']:6.2f} ms  errors {errors}",
        flush=True,
    )
    return entry


def search_checks(results: dict) -> list[dict]:
    """One target per search URL: p99 under SEARCH_P99_MS with no errors."""
    checks = []
    for name, entry in results.get("search", {}).items():
        p99 = entry.get("p99_ms")
        checks.append(
            {
                "name": f"p99 {name}",
                "value": f"{p99:.1f} ms" if p99 is not None else entry.get("error", "-"),
                "target": f"< {SEARCH_P99_MS:.0f} ms",
                "ok": p99 is not None and p99 < SEARCH_P99_MS and entry.get("error_count", 1) == 0,
            }
        )
    return checks


def main(argv: list[str] | None = None) -> int:
    """The demo data and the search scenario only, with the same options and report."""
    return run(
        argv,
        [
            Scenario("data", scenario_data, data_checks, required=True),
            Scenario("search", scenario_search, search_checks),
        ],
        __doc__.split("\n\n")[0],
    )


if __name__ == "__main__":
    sys.exit(main())
