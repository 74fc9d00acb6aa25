"""One benchmark run's stack: its options, its services and the Django environment they share.

`Bench` is what every scenario receives. `start_services` starts PostgreSQL (and Redis when
wanted) for it and registers their stopping, in order, on the run's ExitStack.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.processes import ServiceError, run_checked
from bench.services import Gunicorn, Postgres, Redis, make_workdir

PROJECT_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = PROJECT_DIR / "bench-results"


@dataclass
class Options:
    products: int
    duration: float
    warmup: float
    connections: int
    workers: int
    cache: str
    keep: bool = False
    quick: bool = False


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
    # Extra environment for every Django process (e.g. another task backend).
    extra_env: dict[str, str] = field(default_factory=dict)
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
            **self.extra_env,
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
        result = subprocess.run(  # noqa: S603
            [str(self.python), "-m", "bench.probe", *args],
            cwd=PROJECT_DIR,
            env=self.django_env(),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        with (self.output_dir / "probe.log").open("a") as out:
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


def output_dir(suffix: str = "") -> Path:
    """A new directory for this run's report and logs under bench-results/."""
    path = RESULTS_DIR / (datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + suffix)
    path.mkdir(parents=True)
    return path


def make_bench(options: Options, output_dir: Path, services: contextlib.ExitStack) -> Bench:
    """A Bench whose private working directory is removed when `services` closes."""
    workdir = make_workdir()
    if options.keep:
        print(f"keeping {workdir}")
    else:
        services.callback(shutil.rmtree, workdir, ignore_errors=True)
    return Bench(options=options, workdir=workdir, output_dir=output_dir, services=services)


def start_services(bench: Bench) -> None:
    """Start PostgreSQL and, if wanted, Redis; each is stopped when `bench.services` closes."""
    print("starting PostgreSQL ...", flush=True)
    bench.postgres = Postgres(logdir=bench.output_dir)
    bench.services.callback(bench.postgres.stop)
    bench.postgres.start()
    cache = bench.options.cache
    if cache == "redis" or (cache == "auto" and Redis.available(bench.python)):
        print("starting Redis ...", flush=True)
        bench.redis = Redis(workdir=bench.workdir, logdir=bench.output_dir)
        bench.services.callback(bench.redis.stop)
        bench.redis.start()
