"""Throwaway services for the benchmark: PostgreSQL (the tests' cluster helper with production
durability), Redis and gunicorn.

Every service belongs to one run: its files live in that run's private temporary directory (the
cluster in its own, as in the tests), it runs in its own session, and it is stopped by its own
process id or pid file, never by name.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.processes import (
    ServiceError,
    children_of,
    free_port,
    http_get,
    memory_of,
    stop_process,
    tail,
)
from testing import postgres

WORKDIR_PREFIX = "vantor-bench-"
OWNER_FILE = "owner.pid"
# Durability stays at PostgreSQL's defaults, as in production: the load timing and the
# write-heavy checkout pay for fsync like the real thing would (the tests turn it off).
SERVER_OPTIONS = {
    "listen_addresses": "''",
    "max_connections": "100",
    "shared_buffers": "256MB",
}


# --- the working directory -------------------------------------------------------------------


def reap_orphans() -> list[Path]:
    """Stop and remove what earlier benchmark runs that were SIGKILLed left in the temp dir."""
    # Their clusters first: those are the tests' kind, found by the same owner-pid check.
    postgres.reap_orphans()
    reaped = []
    for root in Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}*"):
        try:
            owner = int((root / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        if postgres.pid_alive(owner):
            continue  # another benchmark is running right now
        for pid_file in (root / "gunicorn.pid", root / "redis.pid"):
            try:
                os.kill(int(pid_file.read_text()), signal.SIGKILL)
            except (OSError, ValueError):
                pass
        shutil.rmtree(root, ignore_errors=True)
        reaped.append(root)
    return reaped


def make_workdir() -> Path:
    """A private directory for the sockets, media and pid files of this run."""
    root = Path(tempfile.mkdtemp(prefix=WORKDIR_PREFIX))
    (root / OWNER_FILE).write_text(str(os.getpid()))
    return root


# --- PostgreSQL ------------------------------------------------------------------------------


@dataclass
class Postgres:
    """`testing.postgres.Cluster` with the benchmark's server options; its log kept on stop."""

    logdir: Path
    cluster: postgres.Cluster | None = None
    url: str = ""

    def version(self) -> str:
        result = subprocess.run(  # noqa: S603
            [str(postgres.bin_dir() / "postgres"), "--version"],
            capture_output=True,
            text=True,
            check=False,
        )
        # "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" -> "PostgreSQL 15.18"
        words = result.stdout.split()
        return f"PostgreSQL {words[2]}" if len(words) > 2 else result.stdout.strip()

    def start(self) -> None:
        try:
            self.cluster = postgres.Cluster(server_options=SERVER_OPTIONS, database="vantor_bench")
            self.url = self.cluster.start()
        except RuntimeError as error:  # PostgresNotFound, or initdb/pg_ctl/createdb failed
            self.stop()
            raise ServiceError(str(error)) from error

    def server_pid(self) -> int | None:
        return self.cluster.server_pid() if self.cluster else None

    def stop(self) -> None:
        if self.cluster is None:
            return
        # The cluster's directory goes with it: keep its log beside the report.
        if self.cluster.log.exists():
            shutil.copy(self.cluster.log, self.logdir / "postgres-server.log")
        self.cluster.stop()
        self.cluster = None


# --- Redis -----------------------------------------------------------------------------------


@dataclass
class Redis:
    """A throwaway Redis on a unix socket, persistence off (it only holds cache and sessions)."""

    workdir: Path
    logdir: Path
    proc: subprocess.Popen | None = None

    @staticmethod
    def binary() -> str:
        return shutil.which("redis-server") or "/usr/bin/redis-server"

    @staticmethod
    def available(python: Path) -> bool:
        """redis-server is installed, and the project's Python has the client Django needs."""
        if shutil.which("redis-server") is None:
            return False
        check = subprocess.run(  # noqa: S603
            [str(python), "-c", "import redis"], capture_output=True, check=False
        )
        return check.returncode == 0

    @property
    def socket(self) -> Path:
        return self.workdir / "redis.sock"

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    def version(self) -> str:
        result = subprocess.run(  # noqa: S603
            [self.binary(), "--version"],
            capture_output=True,
            text=True,
            check=False,
        )
        # "Redis server v=7.0.15 sha=... malloc=..." -> "Redis 7.0.15"
        for word in result.stdout.split():
            if word.startswith("v="):
                return f"Redis {word[2:]}"
        return "Redis"

    def start(self) -> None:
        log = self.logdir / "redis.log"
        self.proc = subprocess.Popen(  # noqa: S603
            [
                self.binary(),
                "--port",
                "0",
                "--unixsocket",
                str(self.socket),
                "--unixsocketperm",
                "700",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--logfile",
                str(log),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        (self.workdir / "redis.pid").write_text(str(self.proc.pid))
        deadline = time.monotonic() + 20
        while not self.ping():
            if self.proc.poll() is not None:
                raise ServiceError(f"redis-server exited {self.proc.returncode}:\n{tail(log)}")
            if time.monotonic() > deadline:
                raise ServiceError(f"redis-server did not answer within 20 s:\n{tail(log)}")
            time.sleep(0.1)

    def ping(self) -> bool:
        # A raw PING on the socket: the benchmark itself needs no Redis client library.
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(2)
                sock.connect(str(self.socket))
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None


# --- gunicorn --------------------------------------------------------------------------------


@dataclass
class Gunicorn:
    """The project's WSGI app under gunicorn, sync workers, bound to loopback."""

    python_bin: Path
    project_dir: Path
    workdir: Path
    logdir: Path
    env: dict[str, str]
    workers: int = 2
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = self.logdir / "gunicorn.log"
        args = [
            str(self.python_bin.parent / "gunicorn"),
            "vantor.wsgi:application",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--pid",
            str(self.workdir / "gunicorn.pid"),
            "--error-logfile",
            str(log),
            # No access log: writing a line per request would be part of what we measure.
            "--timeout",
            "120",
        ]
        self.proc = subprocess.Popen(  # noqa: S603
            args,
            cwd=self.project_dir,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise ServiceError(f"gunicorn exited {self.proc.returncode}:\n{tail(log)}")
            try:
                status, _, _ = http_get(f"{self.base_url}/healthz/", timeout=5)
                if status == 200 and len(self.worker_pids()) == self.workers:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise ServiceError(f"gunicorn did not serve /healthz/ within 60 s:\n{tail(log)}")
            time.sleep(0.2)

    def worker_pids(self) -> list[int]:
        return children_of(self.proc.pid) if self.proc else []

    def worker_memory(self) -> list[dict[str, float]]:
        result = []
        for pid in self.worker_pids():
            try:
                result.append({"pid": pid, **memory_of(pid)})
            except OSError:
                continue  # the worker exited between listing and reading
        return result

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc, grace=30)
            self.proc = None
