"""Runs a list of scenarios on one throwaway stack and writes the report.

`python -m bench` runs them all (bench/__main__.py); `python -m bench.search` only the demo data
and search. Each scenario's result is stored under its name; a failing scenario is reported and
the later ones still run, unless it is required for them. The report is printed and saved to
bench-results/<time>/ (report.txt, report.json and the logs of every service), with copies at
bench-results/latest.{txt,json}. Exit status: 0 when every target is met, 1 when one is missed,
2 when the benchmark itself failed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import signal
import subprocess
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from bench import report
from bench.load import LoadError, wrk_version
from bench.pages import LIMITS
from bench.processes import ServiceError
from bench.services import reap_orphans
from bench.stack import PROJECT_DIR, Bench, Options, make_bench, output_dir, start_services


@dataclass
class Scenario:
    name: str
    run: Callable[[Bench], dict]
    # Rows for the target table from all results so far (see pages._check for their shape).
    checks: Callable[[dict], list[dict]]
    required: bool = False


def parse_args(argv: list[str] | None, description: str) -> Options:
    parser = argparse.ArgumentParser(description=description)
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
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
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


def _run_scenarios(bench: Bench, scenarios: list[Scenario], errors: list[dict]) -> None:
    for scenario in scenarios:
        print(f"{scenario.name}:", flush=True)
        try:
            bench.results[scenario.name] = scenario.run(bench)
        except (ServiceError, LoadError, subprocess.TimeoutExpired, TimeoutError) as error:
            errors.append({"scenario": scenario.name, "message": str(error)})
            print(f"  failed: {error}", flush=True)
            if scenario.required:
                return
        except Exception as error:
            # A bug in a scenario: report it with its traceback and go on.
            errors.append(
                {"scenario": scenario.name, "message": f"{type(error).__name__}: {error}"}
            )
            traceback.print_exc()
            if scenario.required:
                return


def run(argv: list[str] | None, scenarios: list[Scenario], description: str = "") -> int:
    """Parse the options, start the stack, run `scenarios` in order, save the report."""
    options = parse_args(argv, description or (__doc__ or "").split("\n\n")[0])
    signal.signal(signal.SIGTERM, _terminate)
    for path in reap_orphans():
        print(f"removed a stale benchmark directory: {path}")
    errors: list[dict] = []
    with contextlib.ExitStack() as services:
        bench = make_bench(options, output_dir(), services)
        try:
            start_services(bench)
            bench.results["meta"] = metadata_for(bench)
            bench.results["limits"] = LIMITS
            _run_scenarios(bench, scenarios, errors)
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
            bench.results["targets"] = [
                check for scenario in scenarios for check in scenario.checks(bench.results)
            ]
            print("\n" + report.save(bench.results, bench.output_dir), flush=True)
    if errors:
        return 2
    return 0 if all(check["ok"] for check in bench.results["targets"]) else 1
