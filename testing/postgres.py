"""A throwaway PostgreSQL cluster for the test suite.

The suite runs on PostgreSQL because the shop's guarantees (row locks at checkout, the CHECK on
stock) only hold there. `testing.pytest_plugin` calls `ensure_cluster()` when pytest starts,
before Django opens a connection: it starts a private cluster under /tmp (unix socket only,
trust auth, no durability), exports its URL as DATABASE_URL so child processes (pytest-xdist
workers, live servers) reuse it, and stops and deletes it when the process that started it exits.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import dj_database_url

PG_VERSION = "15"
DEFAULT_BIN_DIR = Path(f"/usr/lib/postgresql/{PG_VERSION}/bin")
SUPERUSER = "postgres"
DATABASE = "vantor"
OWNER_FILE = "owner.pid"
PORT = 5432  # Only names the socket file: the socket directory is private to this cluster.

# Speed over durability: the data is thrown away when the run ends.
SERVER_OPTIONS = {
    "listen_addresses": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "100",
    "shared_buffers": "128MB",
}


class PostgresNotFound(RuntimeError):
    pass


def bin_dir() -> Path:
    path = Path(os.environ.get("VANTOR_PG_BIN", DEFAULT_BIN_DIR))
    if not (path / "initdb").exists() or not (path / "pg_ctl").exists():
        raise PostgresNotFound(
            f"The tests run on PostgreSQL {PG_VERSION}, but initdb/pg_ctl were not found in "
            f"{path}. Install the server (Debian: `apt-get install -y postgresql`), point "
            "VANTOR_PG_BIN at its bin directory, or set DATABASE_URL to an existing server."
        )
    return path


def _as_owner(args: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root: drop to the postgres OS user when we are root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _run(args: list[str], log: Path | None = None) -> None:
    result = subprocess.run(_as_owner(args), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        details = result.stdout + result.stderr
        if log is not None and log.exists():
            details += "\n--- server log ---\n" + log.read_text(errors="replace")
        raise RuntimeError(f"{' '.join(args)} failed:\n{details}")


def database_url(socket_dir: Path, name: str = DATABASE) -> str:
    return f"postgres://{SUPERUSER}@{quote(str(socket_dir), safe='')}:{PORT}/{name}"


class Cluster:
    """One initdb'd, running cluster in a temporary directory.

    The tests use the defaults. The benchmark (`bench/`) passes its own `server_options`
    (production durability, a bigger cache) and database name: one cluster helper for both.
    """

    def __init__(
        self, *, server_options: dict[str, str] | None = None, database: str = DATABASE
    ) -> None:
        self.bin = bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="vantor-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.owner_pid = os.getpid()
        self.running = False
        self.server_options = SERVER_OPTIONS if server_options is None else server_options
        self.database = database

    def start(self) -> str:
        (self.root / OWNER_FILE).write_text(str(self.owner_pid))
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres", group="postgres")
        _run(
            [
                str(self.bin / "initdb"),
                "--pgdata",
                str(self.data),
                "--username",
                SUPERUSER,
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--locale",
                "C",
                "--no-sync",
            ]
        )
        options = " ".join(f"-c {key}={value}" for key, value in self.server_options.items())
        options += f" -c unix_socket_directories={self.root} -p {PORT}"
        _run(
            [
                str(self.bin / "pg_ctl"),
                "--pgdata",
                str(self.data),
                "--log",
                str(self.log),
                "--options",
                options,
                "--wait",
                "--timeout",
                "60",
                "start",
            ],
            log=self.log,
        )
        self.running = True
        _run(
            [
                str(self.bin / "createdb"),
                "--host",
                str(self.root),
                "--port",
                str(PORT),
                "--username",
                SUPERUSER,
                self.database,
            ]
        )
        return database_url(self.root, self.database)

    def server_pid(self) -> int | None:
        """The postmaster's pid (first line of postmaster.pid), whose children are backends."""
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def stop(self) -> None:
        # Only the process that started the cluster stops it (forked children inherit atexit).
        if os.getpid() != self.owner_pid:
            return
        if self.running:
            subprocess.run(  # noqa: S603
                _as_owner(
                    [str(self.bin / "pg_ctl"), "--pgdata", str(self.data), "-m", "immediate"]
                    + ["--wait", "stop"]
                ),
                capture_output=True,
                check=False,
            )
            self.running = False
        shutil.rmtree(self.root, ignore_errors=True)

    # `deploy.stack` stops and starts the server to show the site surviving a database outage.
    def pause(self) -> None:
        """Stop the server (fast shutdown), keeping its data for `resume()`."""
        _run([str(self.bin / "pg_ctl"), "--pgdata", str(self.data), "-m", "fast", "--wait", "stop"])

    def resume(self) -> None:
        """Start the server stopped by `pause()` again, with the options it had."""
        options = " ".join(f"-c {key}={value}" for key, value in SERVER_OPTIONS.items())
        options += f" -c unix_socket_directories={self.root} -p {PORT}"
        _run(
            [str(self.bin / "pg_ctl"), "--pgdata", str(self.data), "--log", str(self.log)]
            + ["--options", options, "--wait", "start"],
            log=self.log,
        )


def pid_alive(pid: int) -> bool:
    """Whether process `pid` exists (also when it belongs to another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap_orphans() -> None:
    """Stop and delete clusters left behind by runs that were killed before their atexit ran."""
    for root in Path(tempfile.gettempdir()).glob("vantor-pg-*"):
        try:
            owner = int((root / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        if pid_alive(owner):
            continue
        if (root / "data" / "postmaster.pid").exists():
            subprocess.run(  # noqa: S603
                _as_owner(
                    [str(bin_dir() / "pg_ctl"), "--pgdata", str(root / "data"), "-m", "immediate"]
                    + ["--wait", "stop"]
                ),
                capture_output=True,
                check=False,
            )
        shutil.rmtree(root, ignore_errors=True)


_cluster: Cluster | None = None


def ensure_cluster() -> str:
    """DATABASE_URL for the tests: the environment's, or a private cluster started now."""
    global _cluster
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    if _cluster is None:
        reap_orphans()
        cluster = Cluster()
        try:
            url = cluster.start()
        except BaseException:
            cluster.stop()
            raise
        _cluster = cluster
        atexit.register(cluster.stop)
        os.environ["DATABASE_URL"] = url
    return os.environ["DATABASE_URL"]


def use_test_cluster(settings) -> None:
    """Point the default database of `settings` at DATABASE_URL, in place (the connection
    handler holds the same dictionary, and nothing has connected yet)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        settings.DATABASES["default"].update(dj_database_url.parse(url))
