"""Formatting and saving of benchmark results: one text report for people, one JSON for tools."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

# CPU used by processes outside the benchmark above which its timings are flagged as noisy.
NOISY_CORES = 0.25


def _fmt(value, spec: str = ".1f", missing: str = "-") -> str:
    return missing if value is None else format(value, spec)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _verdict(ok: bool | None) -> str:
    return {True: "PASS", False: "FAIL", None: "n/a"}[ok]


def render(results: dict) -> str:
    """The human-readable report, built from the same dict that is saved as JSON."""
    meta = results["meta"]
    lines = [
        f"Vantor benchmark, {meta['started']} ({meta['mode']} run)",
        f"  code:    commit {meta['commit']}",
        f"  machine: {meta['cpus']} cores, {meta['memory_gb']} GB; {meta['python']}",
        f"  stack:   Django {meta['django']}, Wagtail {meta['wagtail']}, gunicorn "
        f"{meta['gunicorn']} ({meta['workers']} sync workers, {meta['settings']})",
        f"           {meta['postgres']} (unix socket), cache and sessions: {meta['cache']}",
        f"  load:    {meta['wrk']}, {meta['connections']} connections, "
        f"{meta['duration_s']} s per URL after {meta['warmup_s']} s warm-up, loopback only",
        "",
    ]

    data = results.get("data")
    if data:
        lines.append("Demo data")
        for step in ("migrate", "load_demo_store", "collectstatic"):
            if step in data:
                item = data[step]
                rss = f", peak RSS {item['max_rss_mb']:.0f} MB" if "max_rss_mb" in item else ""
                status = "" if item.get("returncode", 0) == 0 else f"  EXIT {item['returncode']}"
                lines.append(f"  {item['command']:<42} {item['seconds']:8.1f} s{rss}{status}")
        store = results.get("urls")
        if store:
            lines.append(
                f"  store: {store['live_products']} live products in "
                f"{store['live_categories']} categories"
            )
        lines.append("")

    http = results.get("http")
    if http:
        lines.append(
            "Throughput and latency (ratio = page rps / mean rps of the two minimal view runs)"
        )
        lines.append(
            "  (CPU ms/req: server CPU, gunicorn + PostgreSQL + Redis, per request; cpu ratio: "
            "the ratio from that cost,\n   much less affected by other work on the machine; "
            "cores: CPU used by the server / wrk / everything else)"
        )
        lines.append(
            f"  {'page':<13} {'url':<44} {'status':>6} {'rps':>8} {'p50 ms':>8} "
            f"{'p99 ms':>8} {'errors':>6} {'ratio':>7}  {'target':<13} {'CPU ms/req':>10} "
            f"{'cpu ratio':>9}  cores"
        )
        for name, item in http.items():
            if "rps" not in item:
                lines.append(
                    f"  {name:<13} {item['url']:<44} {item.get('status', '-')!s:>6}  "
                    f"not measured: {item.get('error', '')}"
                )
                continue
            ratio = item.get("ratio")
            target = item.get("target_ratio")
            target_text = (
                f">= {target:.0%}  {_verdict(ratio >= target)}" if target and ratio else ""
            )
            cpu = item.get("cpu", {})
            cpu_text = "/".join(
                _fmt(cpu.get(key), ".2f")
                for key in ("services_cores", "load_generator_cores", "other_cores")
            )
            lines.append(
                f"  {name:<13} {item['url']:<44} {item['status']:>6} {item['rps']:>8.1f} "
                f"{item['p50_ms']:>8.2f} {item['p99_ms']:>8.2f} {item['error_count']:>6} "
                f"{_percent(ratio):>7}  {target_text:<13} "
                f"{_fmt(item.get('cpu_ms_per_request'), '.2f'):>10} "
                f"{_percent(item.get('cpu_ratio')):>9}  {cpu_text}"
            )
        busiest = max(item.get("cpu", {}).get("other_cores", 0) for item in http.values())
        if busiest > NOISY_CORES:
            lines.append(
                f"  WARNING: other processes used up to {busiest:.2f} of the "
                f"{meta['cpus']} cores during the load: rps, latency and the rps ratios are "
                "not reliable;\n  the CPU ms/req and cpu ratio columns are better guides "
                "(contention still inflates them somewhat)."
            )
        lines.append("")

    queries = results.get("queries")
    if queries:
        lines.append(
            "Queries per page (not under load; second request, first in brackets; "
            "time of that one in-process request and of its SQL)"
        )
        for name, item in queries.items():
            ok = item["queries"] <= results["limits"]["queries_per_page"]
            repeated = item.get("most_repeated")
            note = f"  (one statement x{repeated['count']})" if repeated else ""
            lines.append(
                f"  {name:<16} {item['url']:<44} {item['status']:>4} "
                f"{item['queries']:>4} ({item['first_queries']:>3})  "
                f"<= {results['limits']['queries_per_page']}  {_verdict(ok)}  "
                f"{item['ms']:7.1f} ms, SQL {item['sql_ms']:.1f} ms{note}"
            )
        lines.append("")

    memory = results.get("worker_memory")
    if memory:
        lines.append("Gunicorn worker memory after the run")
        for item in memory["workers"]:
            lines.append(
                f"  worker pid {item['pid']:<8} RSS {item['rss_mb']:7.1f} MB "
                f"(peak {item['peak_rss_mb']:.1f} MB)"
            )
        lines.append("")

    checks = results.get("targets", [])
    if checks:
        lines.append("Targets")
        for check in checks:
            lines.append(
                f"  {_verdict(check['ok']):<5} {check['name']:<40} {check['value']:<26} "
                f"target {check['target']}"
            )
        met = sum(1 for check in checks if check["ok"])
        lines.append(f"  {met} of {len(checks)} targets met")
        lines.append("")

    for error in results.get("errors", []):
        lines.append(f"ERROR in {error['scenario']}: {error['message']}")
    lines.append(f"Logs and this report: {results['meta']['output_dir']}")
    return "\n".join(lines) + "\n"


def save(results: dict, output_dir: Path) -> str:
    """Write report.json and report.txt, and copy them to latest.* one level up."""
    text = render(results)
    output_dir.mkdir(parents=True, exist_ok=True)
    (output_dir / "report.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    (output_dir / "report.txt").write_text(text)
    for name in ("json", "txt"):
        shutil.copy(output_dir / f"report.{name}", output_dir.parent / f"latest.{name}")
    return text
