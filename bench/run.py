"""`make bench`: load a demo store into a throwaway PostgreSQL, serve it with gunicorn the way
production does, and measure it.

    python bench/run.py                   # 10,000 products, 15 s of load per URL (~15 min)
    python bench/run.py --quick           # 500 products, 3 s per URL: a smoke run
    python bench/run.py --products 2000 --duration 10 --cache locmem

Scenarios, in order (each a function below; add new ones to SCENARIOS):

- data: migrate, then `load_demo_store --products N`, timed, with its peak RSS; collectstatic.
- http: wrk from loopback against the minimal view /healthz/ and the homepage, a category page
  with a full page of cards and a product page; rps and p50/p99, and each page's rps as a share
  of the minimal view's.
- search: search and autocomplete p50/p99 (bench/search.py).
- checkout: orders per second with 16 concurrent buyers of one hot product, oversells and 5xx
  counted from the database afterwards (bench/checkout.py).
- worker_memory: resident memory of each gunicorn worker after the load.
- queries: queries per shopper page, each requested once outside the load.
- profile (with --profile): a pyinstrument profile of each page, saved beside the report.

The report is printed and saved to bench-results/<time>/ (report.txt, report.json and the logs
of every service), with copies at bench-results/latest.{txt,json}. Exit status: 0 when every
target is met, 1 when one is missed, 2 when the benchmark itself failed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script (`python bench/run.py`): make the `bench` package importable.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import report  # noqa: E402
from bench.checkout import checkout_targets, scenario_checkout  # noqa: E402
from bench.load import LoadError, require_wrk, run_wrk, wrk_version  # noqa: E402
from bench.search import scenario_search, search_checks  # noqa: E402
from bench.services import (  # noqa: E402
    CpuMeter,
    Gunicorn,
    Postgres,
    Redis,
    ServiceError,
    http_get,
    make_workdir,
    reap_orphans,
    run_checked,
    run_measured,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = PROJECT_DIR / "bench-results"

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


@dataclass
class Options:
    products: int
    duration: float
    warmup: float
    connections: int
    workers: int
    cache: str
    keep: bool
    quick: bool
    profile: bool
    render: Path | None


@dataclass
class Bench:
    """Everything the scenarios share: options, services, environment and results so far."""

    options: Options
    workdir: Path
    output_dir: Path
    services: contextlib.ExitStack
    postgres: Postgres | None = None
    redis: Redis | None = None
    gunicorn: Gunicorn | None = None
    urls: dict = field(default_factory=dict)
    results: dict = field(default_factory=dict)
    # A fresh key per run: production settings refuse to start without one.
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))

    @property
    def python(self) -> Path:
        return Path(sys.executable)

    def django_env(self) -> dict[str, str]:
        """Production settings, pointed at the throwaway services, for every Django process."""
        env = {
            key: value
            for key, value in os.environ.items()
            # Nothing from the caller's shell may redirect the run to another database or cache.
            if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
        }
        env.update(
            DJANGO_SETTINGS_MODULE="vantor.settings.production",
            SECRET_KEY=self.secret_key,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            # Plain HTTP on loopback; the TLS redirect would turn every page into a 301.
            SECURE_SSL_REDIRECT="false",
            DATABASE_URL=self.postgres.url,
            # Demo images and their renditions go to the throwaway directory, not ./media.
            MEDIA_ROOT=str(self.workdir / "media"),
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        if self.redis is not None:
            env["REDIS_URL"] = self.redis.url
        return env

    def manage(self, *args: str, log: str, timeout: float = 600) -> None:
        run_checked(
            [str(self.python), "manage.py", *args],
            log=self.output_dir / log,
            timeout=timeout,
            cwd=PROJECT_DIR,
            env=self.django_env(),
        )

    def probe(self, *args: str) -> dict:
        """Run bench.probe inside Django and return the JSON it prints last."""
        log = self.output_dir / "probe.log"
        result = subprocess.run(  # noqa: S603
            [str(self.python), "-m", "bench.probe", *args],
            cwd=PROJECT_DIR,
            env=self.django_env(),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        with log.open("a") as out:
            out.write(f"$ bench.probe {args[0]}\n{result.stderr}\n")
        if result.returncode != 0:
            raise ServiceError(
                f"bench.probe {args[0]} exited {result.returncode}:\n" + result.stderr[-3000:]
            )
        return json.loads(result.stdout.strip().splitlines()[-1])

    def service_pids(self) -> list[int]:
        """Root pids of the processes under test: gunicorn, the postmaster, Redis."""
        return [
            self.gunicorn.proc.pid if self.gunicorn and self.gunicorn.proc else 0,
            (self.postgres.server_pid() if self.postgres else None) or 0,
            self.redis.proc.pid if self.redis and self.redis.proc else 0,
        ]

    def server(self) -> Gunicorn:
        """The gunicorn under test, started on first use and stopped with the other services."""
        if self.gunicorn is None:
            gunicorn = Gunicorn(
                python_bin=self.python,
                project_dir=PROJECT_DIR,
                workdir=self.workdir,
                logdir=self.output_dir,
                env=self.django_env(),
                workers=self.options.workers,
            )
            self.services.callback(gunicorn.stop)
            gunicorn.start()
            self.gunicorn = gunicorn
        return self.gunicorn


# --- scenarios -------------------------------------------------------------------------------


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


def scenario_worker_memory(bench: Bench) -> dict:
    """Resident memory of each gunicorn worker, read from /proc after the load."""
    return {"workers": bench.server().worker_memory()}


def scenario_queries(bench: Bench) -> dict:
    """Queries per shopper page, outside the load, against the same database."""
    return bench.probe("queries", json.dumps(bench.urls))


def scenario_profile(bench: Bench) -> dict:
    """With --profile: where a page's time goes, from pyinstrument, one file per page."""
    if not bench.options.profile:
        return {}
    return bench.probe("profile", json.dumps(bench.urls), str(bench.output_dir))


# Each scenario's result is stored under its name. A failing scenario is reported, and the
# later ones still run unless marked as required for them.
SCENARIOS: list[tuple[str, Callable[[Bench], dict], bool]] = [
    ("data", scenario_data, True),
    ("http", scenario_http, False),
    ("search", scenario_search, False),
    ("checkout", scenario_checkout, False),
    ("worker_memory", scenario_worker_memory, False),
    ("queries", scenario_queries, False),
    ("profile", scenario_profile, False),
]


# --- targets ---------------------------------------------------------------------------------


def check_targets(results: dict) -> list[dict]:
    """Each target of the brief, with the measured value and whether it is met."""
    checks = []

    def add(name: str, value: str, target: str, ok: bool) -> None:
        checks.append({"name": name, "value": value, "target": target, "ok": ok})

    load = results.get("data", {}).get("load_demo_store")
    if load:
        add(
            "load_demo_store peak RSS",
            f"{load['max_rss_mb']:.0f} MB",
            f"< {LIMITS['load_demo_store_rss_mb']} MB",
            load["returncode"] == 0 and load["max_rss_mb"] < LIMITS["load_demo_store_rss_mb"],
        )
    for name, entry in results.get("http", {}).items():
        target = entry.get("target_ratio")
        if target is None:
            continue
        ratio = entry.get("ratio")
        cpu_ratio = entry.get("cpu_ratio")
        value = f"{ratio:.1%}" if ratio is not None else entry.get("error", "not measured")
        if cpu_ratio is not None:
            value += f" (by CPU {cpu_ratio:.1%})"
        add(
            f"{name} rps / minimal rps",
            value,
            f">= {target:.0%}",
            ratio is not None and ratio >= target and entry.get("error_count", 1) == 0,
        )
    for name, entry in results.get("queries", {}).items():
        add(
            f"queries: {name}",
            f"{entry['queries']} (HTTP {entry['status']})",
            f"<= {LIMITS['queries_per_page']}",
            entry["status"] == 200 and entry["queries"] <= LIMITS["queries_per_page"],
        )
    checks.extend(search_checks(results))
    checks.extend(checkout_targets(results))
    for worker in results.get("worker_memory", {}).get("workers", []):
        add(
            f"worker {worker['pid']} RSS",
            f"{worker['rss_mb']:.1f} MB (peak {worker['peak_rss_mb']:.0f})",
            f"< {LIMITS['worker_rss_mb']} MB",
            worker["rss_mb"] < LIMITS["worker_rss_mb"],
        )
    return checks


# --- running ---------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="500 products, 3 s per URL")
    parser.add_argument("--products", type=int, help="demo store size (default 10000)")
    parser.add_argument("--duration", type=float, help="seconds of load per URL (default 15)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up per URL (default 3)")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--cache",
        choices=("auto", "redis", "locmem"),
        default="auto",
        help="auto: Redis when redis-server is installed, else local memory",
    )
    parser.add_argument(
        "--render",
        metavar="REPORT_JSON",
        type=Path,
        help="only print the text report of an earlier run's report.json",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile each page with pyinstrument (pip install pyinstrument)",
    )
    args = parser.parse_args(argv)
    quick = args.quick
    return Options(
        products=args.products or (500 if quick else 10_000),
        duration=args.duration or (3 if quick else 15),
        warmup=args.warmup if args.warmup is not None else (1 if quick else 3),
        connections=args.connections,
        workers=args.workers,
        cache=args.cache,
        keep=args.keep,
        quick=quick,
        profile=args.profile,
        render=args.render,
    )


def _git_commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" with uncommitted changes" if git("status", "--porcelain") else "")


def _memory_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024 / 1024, 1)
    return 0.0


def metadata_for(bench: Bench) -> dict:
    options = bench.options
    return {
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "mode": "quick" if options.quick else "full",
        "commit": _git_commit(),
        "cpus": os.cpu_count(),
        "memory_gb": _memory_gb(),
        "python": f"Python {platform.python_version()}",
        "django": metadata.version("django"),
        "wagtail": metadata.version("wagtail"),
        "gunicorn": metadata.version("gunicorn"),
        "settings": "vantor.settings.production, DEBUG off",
        "workers": options.workers,
        "postgres": bench.postgres.version() if bench.postgres else "",
        "cache": (
            bench.redis.version() if bench.redis else "local memory (sessions in the database)"
        ),
        "wrk": wrk_version(),
        "products": options.products,
        "connections": options.connections,
        "duration_s": options.duration,
        "warmup_s": options.warmup,
        "output_dir": str(bench.output_dir.relative_to(PROJECT_DIR)),
    }


def _terminate(signum, frame):
    # SIGTERM (e.g. from a CI timeout) unwinds like Ctrl-C, so the services are stopped.
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    if options.render:
        print(report.render(json.loads(options.render.read_text())), end="")
        return 0
    signal.signal(signal.SIGTERM, _terminate)
    for path in reap_orphans():
        print(f"removed a stale benchmark directory: {path}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    output_dir = RESULTS_DIR / stamp
    output_dir.mkdir(parents=True)
    workdir = make_workdir()
    errors: list[dict] = []
    with contextlib.ExitStack() as services:
        bench = Bench(options=options, workdir=workdir, output_dir=output_dir, services=services)
        if not options.keep:
            services.callback(shutil.rmtree, workdir, ignore_errors=True)
        else:
            print(f"keeping {workdir}")
        try:
            print("starting PostgreSQL ...", flush=True)
            bench.postgres = Postgres(workdir=workdir, logdir=output_dir)
            services.callback(bench.postgres.stop)
            bench.postgres.start()
            use_redis = options.cache == "redis" or (
                options.cache == "auto" and Redis.available(bench.python)
            )
            if use_redis:
                print("starting Redis ...", flush=True)
                bench.redis = Redis(workdir=workdir, logdir=output_dir)
                services.callback(bench.redis.stop)
                bench.redis.start()
            bench.results["meta"] = metadata_for(bench)
            bench.results["limits"] = LIMITS
            for name, scenario, required in SCENARIOS:
                print(f"{name}:", flush=True)
                try:
                    bench.results[name] = scenario(bench)
                except (ServiceError, LoadError, subprocess.TimeoutExpired, TimeoutError) as error:
                    errors.append({"scenario": name, "message": str(error)})
                    print(f"  failed: {error}", flush=True)
                    if required:
                        break
                except Exception as error:
                    # A bug in a scenario: report it with its traceback and go on.
                    errors.append({"scenario": name, "message": f"{type(error).__name__}: {error}"})
                    traceback.print_exc()
                    if required:
                        break
        except KeyboardInterrupt:
            errors.append({"scenario": "run", "message": "interrupted"})
            print("\ninterrupted: stopping services ...", flush=True)
        except Exception as error:
            # Whatever broke, the services below are still stopped and the report written.
            errors.append({"scenario": "run", "message": f"{type(error).__name__}: {error}"})
            traceback.print_exc()
        finally:
            bench.results.setdefault("meta", metadata_for(bench))
            bench.results.setdefault("limits", LIMITS)
            bench.results["errors"] = errors
            bench.results["targets"] = check_targets(bench.results)
            print("\n" + report.save(bench.results, output_dir), flush=True)
    if errors:
        return 2
    return 0 if all(check["ok"] for check in bench.results["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
