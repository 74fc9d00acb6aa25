"""The shopper-page scenarios: demo data, throughput against the minimal view, worker memory
and queries per page, each with its rows for the target table.

- data: migrate, then `load_demo_store --products N`, timed, with its peak RSS; collectstatic.
- http: wrk from loopback against the minimal view /healthz/ and the homepage, a category page
  with a full page of cards and a product page; rps and p50/p99, and each page's rps as a share
  of the minimal view's.
- worker_memory: resident memory of each gunicorn worker after the load.
- queries: queries per shopper page, each requested once outside the load.
"""

from __future__ import annotations

import json
import time

from bench.load import require_wrk, run_wrk
from bench.processes import CpuMeter, ServiceError, http_get, run_measured
from bench.stack import PROJECT_DIR, Bench

# Targets from the performance brief.
LIMITS = {
    "load_demo_store_rss_mb": 1024,
    "worker_rss_mb": 200,
    "queries_per_page": 12,
}
# name -> (key in the discovered URLs, minimum share of the minimal view's rps)
PAGES: dict[str, tuple[str, float | None]] = {
    "minimal": ("healthz", None),
    "homepage": ("home", 0.05),
    "category": ("category", 0.05),
    "product": ("product", 0.10),
}


def _check(name: str, value: str, target: str, ok: bool) -> dict:
    return {"name": name, "value": value, "target": target, "ok": ok}


def scenario_data(bench: Bench) -> dict:
    """Schema, demo store and static files, each timed; the loader's peak RSS."""
    # Filled step by step, so an interrupted or failed run still reports what finished.
    result = bench.results["data"] = {}
    log = bench.output_dir / "load_demo_store.log"
    steps = [
        ("migrate", ["migrate", "--noinput"], 1800),
        ("load_demo_store", ["load_demo_store", "--products", str(bench.options.products)], 3600),
    ]
    for name, args, timeout in steps:
        print(f"  {' '.join(args)} ...", flush=True)
        measured = run_measured(
            [str(bench.python), "manage.py", *args],
            log=log,
            timeout=timeout,
            cwd=PROJECT_DIR,
            env=bench.django_env(),
        )
        result[name] = {
            "command": " ".join(args),
            "returncode": measured.returncode,
            "seconds": round(measured.seconds, 2),
            "max_rss_mb": round(measured.max_rss_mb, 1),
        }
        if measured.returncode != 0:
            raise ServiceError(f"{' '.join(args)} exited {measured.returncode}; see {log}")

    # Production serves static files through whitenoise's manifest storage, which needs them
    # collected (and the manifest written) before any template can render.
    start = time.monotonic()
    bench.manage("collectstatic", "--noinput", log="collectstatic.log")
    result["collectstatic"] = {
        "command": "collectstatic --noinput",
        "seconds": round(time.monotonic() - start, 2),
    }
    bench.urls = bench.probe("urls")
    bench.results["urls"] = bench.urls
    return result


def data_checks(results: dict) -> list[dict]:
    """The demo loader's peak memory."""
    load = results.get("data", {}).get("load_demo_store")
    if not load:
        return []
    limit = LIMITS["load_demo_store_rss_mb"]
    return [
        _check(
            "load_demo_store peak RSS",
            f"{load['max_rss_mb']:.0f} MB",
            f"< {limit} MB",
            load["returncode"] == 0 and load["max_rss_mb"] < limit,
        )
    ]


def _load_page(bench: Bench, name: str, path: str | None, target: float | None) -> dict:
    """Check one URL answers 200, warm it up, then measure it under wrk."""
    options = bench.options
    entry: dict = {"url": path or "-", "target_ratio": target}
    if not path:
        entry["error"] = "no such page in the demo store"
        return entry
    url = bench.server().base_url + path
    # The first request may generate renditions or fill caches: not part of the steady state.
    status, size, seconds = http_get(url, timeout=120)
    entry.update(status=status, first_request_s=round(seconds, 3), bytes=size)
    if status != 200:
        entry["error"] = f"GET returned {status}"
        print(f"  {name:<13} {path}: {status}, skipped", flush=True)
        return entry
    print(f"  {name:<13} {path}: warm-up {options.warmup:.0f} s, load ...", flush=True)
    if options.warmup:
        run_wrk(url, seconds=options.warmup, connections=options.connections)
    with CpuMeter(bench.service_pids()) as cpu:
        measured = run_wrk(url, seconds=options.duration, connections=options.connections)
    entry.update(measured.as_dict(), url=path, cpu=cpu.result)
    if measured.requests:
        # Server CPU (gunicorn, PostgreSQL, Redis) per request: it moves much less than rps
        # when other work on the machine takes cores away from the benchmark.
        entry["cpu_ms_per_request"] = round(
            cpu.result["services_cores"] * measured.seconds * 1000 / measured.requests, 3
        )
    print(
        f"  {name:<13} {measured.rps:8.1f} rps  p50 {measured.p50_ms:.2f} ms  "
        f"p99 {measured.p99_ms:.2f} ms  (CPU: services {cpu.result['services_cores']}, "
        f"wrk {cpu.result['load_generator_cores']}, others {cpu.result['other_cores']} cores)",
        flush=True,
    )
    return entry


def scenario_http(bench: Bench) -> dict:
    """rps and latency per page under a fixed-time wrk load, beside the minimal view.

    The minimal view is measured first and again last, and the ratios use the mean of the
    two, so that a drift in the machine's speed during the run (it is shared) shows and is
    partly averaged out.
    """
    require_wrk()
    bench.server()
    urls = {**bench.urls, "healthz": "/healthz/"}
    results = {
        name: _load_page(bench, name, urls.get(key), target)
        for name, (key, target) in PAGES.items()
    }
    results["minimal (end)"] = _load_page(bench, "minimal (end)", "/healthz/", None)
    minimal = [results[name] for name in ("minimal", "minimal (end)")]
    rps = [entry["rps"] for entry in minimal if entry.get("rps")]
    cpu = [entry["cpu_ms_per_request"] for entry in minimal if entry.get("cpu_ms_per_request")]
    for entry in results.values():
        if rps and "rps" in entry:
            entry["ratio"] = round(entry["rps"] / (sum(rps) / len(rps)), 4)
        if cpu and entry.get("cpu_ms_per_request"):
            # The same ratio from CPU cost: what the rps ratio would be on an idle machine
            # where the server is CPU-bound.
            entry["cpu_ratio"] = round((sum(cpu) / len(cpu)) / entry["cpu_ms_per_request"], 4)
    return results


def http_checks(results: dict) -> list[dict]:
    """Each page's rps as a share of the minimal view's, against its target share."""
    checks = []
    for name, entry in results.get("http", {}).items():
        target = entry.get("target_ratio")
        if target is None:
            continue
        ratio = entry.get("ratio")
        cpu_ratio = entry.get("cpu_ratio")
        value = f"{ratio:.1%}" if ratio is not None else entry.get("error", "not measured")
        if cpu_ratio is not None:
            value += f" (by CPU {cpu_ratio:.1%})"
        checks.append(
            _check(
                f"{name} rps / minimal rps",
                value,
                f">= {target:.0%}",
                ratio is not None and ratio >= target and entry.get("error_count", 1) == 0,
            )
        )
    return checks


def scenario_worker_memory(bench: Bench) -> dict:
    """Resident memory of each gunicorn worker, read from /proc after the load."""
    return {"workers": bench.server().worker_memory()}


def worker_memory_checks(results: dict) -> list[dict]:
    """Each worker's resident memory under the limit."""
    limit = LIMITS["worker_rss_mb"]
    return [
        _check(
            f"worker {worker['pid']} RSS",
            f"{worker['rss_mb']:.1f} MB (peak {worker['peak_rss_mb']:.0f})",
            f"< {limit} MB",
            worker["rss_mb"] < limit,
        )
        for worker in results.get("worker_memory", {}).get("workers", [])
    ]


def scenario_queries(bench: Bench) -> dict:
    """Queries per shopper page, outside the load, against the same database."""
    return bench.probe("queries", json.dumps(bench.urls))


def queries_checks(results: dict) -> list[dict]:
    """Each shopper page's query count under the limit, with a 200."""
    limit = LIMITS["queries_per_page"]
    return [
        _check(
            f"queries: {name}",
            f"{entry['queries']} (HTTP {entry['status']})",
            f"<= {limit}",
            entry["status"] == 200 and entry["queries"] <= limit,
        )
        for name, entry in results.get("queries", {}).items()
    ]
