"""Throwaway services for the benchmark: PostgreSQL, Redis and gunicorn, plus process helpers.

Every service lives in one private temporary directory, is started in its own session (so a
Ctrl-C in the terminal reaches the benchmark, which then stops the services in order, instead of
killing them halfway) and is stopped by its own process id or pid file, never by name.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from testing.postgres import pid_alive

PG_BIN = Path(os.environ.get("VANTOR_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_SUPERUSER = "postgres"
WORKDIR_PREFIX = "vantor-bench-"
OWNER_FILE = "owner.pid"


class ServiceError(RuntimeError):
    """A service could not be started, or a command it needs failed."""


# --- processes -------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres_user(args: list[str]) -> list[str]:
    # PostgreSQL's server tools refuse to run as root: drop to the postgres OS user when root.
    if os.geteuid() == 0:
        return ["runuser", "-u", PG_SUPERUSER, "--", *args]
    return args


def tail(path: Path, lines: int = 30) -> str:
    """The last lines of a log file, for error messages."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def run_checked(args: list[str], *, log: Path, timeout: float, **kwargs) -> None:
    """Run a short command to completion, its output appended to `log`; raise if it fails."""
    with log.open("a") as out:
        out.write(f"$ {' '.join(args)}\n")
        out.flush()
        result = subprocess.run(  # noqa: S603 - fixed argument lists built by this package
            args, stdout=out, stderr=subprocess.STDOUT, timeout=timeout, check=False, **kwargs
        )
    if result.returncode != 0:
        raise ServiceError(f"{' '.join(args)} exited {result.returncode}:\n{tail(log)}")


@dataclass
class Measured:
    """Wall time and peak memory of one finished command."""

    returncode: int
    seconds: float
    max_rss_mb: float


def run_measured(args: list[str], *, log: Path, timeout: float, **kwargs) -> Measured:
    """Run a command and measure its wall time and peak RSS (its own and its children's).

    os.wait4 returns the resource usage of exactly this child, unlike getrusage(RUSAGE_CHILDREN),
    which would mix in every other process this benchmark has waited for (initdb, pg_ctl...).
    """
    with log.open("a") as out:
        out.write(f"$ {' '.join(args)}\n")
        out.flush()
        start = time.monotonic()
        proc = subprocess.Popen(  # noqa: S603 - fixed argument lists built by this package
            args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
        try:
            status, usage = _wait4_with_timeout(proc.pid, timeout)
        except BaseException:
            # Ctrl-C or timeout: the child is in its own session, so it must be stopped here.
            _kill_group(proc.pid)
            proc.wait()
            raise
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measured(
        returncode=proc.returncode,
        seconds=time.monotonic() - start,
        max_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
    )


def _wait4_with_timeout(pid: int, timeout: float) -> tuple[int, resource.struct_rusage]:
    deadline = time.monotonic() + timeout
    while True:
        waited, status, usage = os.wait4(pid, os.WNOHANG)
        if waited == pid:
            return status, usage
        if time.monotonic() > deadline:
            raise TimeoutError(f"process {pid} still running after {timeout:.0f} s")
        time.sleep(0.2)


def _kill_group(pgid: int, sig: int = signal.SIGKILL) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def stop_process(proc: subprocess.Popen, *, grace: float = 20.0) -> None:
    """SIGTERM a child started in its own session, then SIGKILL its group if it lingers."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        _kill_group(proc.pid)
        proc.wait(timeout=10)


def children_of(pid: int) -> list[int]:
    """Process ids whose parent is `pid`, read from /proc (no psutil dependency)."""
    return sorted(child for child, (parent, _) in _process_table().items() if parent == pid)


def memory_of(pid: int) -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of a process, in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024  # reported in kB
    return {"rss_mb": values.get("VmRSS", 0.0), "peak_rss_mb": values.get("VmHWM", 0.0)}


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _process_table() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, CPU ticks used so far), for every process in /proc."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may contain spaces or parentheses: fields start after the last ")".
        fields = stat[stat.rfind(")") + 2 :].split()
        table[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    return table


def _machine_busy_ticks() -> int:
    # First line of /proc/stat: user nice system idle iowait irq softirq steal ...
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return sum(values) - values[3] - values[4]


class CpuMeter:
    """CPU used during a measurement by the services under test, by the load generator, and by
    everything else on the machine.

    The machine is shared (tests of other work may run beside the benchmark), so each result
    says how much of the two cores went elsewhere: a noisy figure is then recognisable.
    """

    def __init__(self, roots: list[int]) -> None:
        self.roots = [pid for pid in roots if pid]

    def _services_ticks(self) -> int:
        table = _process_table()
        children: dict[int, list[int]] = {}
        for pid, (parent, _) in table.items():
            children.setdefault(parent, []).append(pid)
        total, stack = 0, list(self.roots)
        while stack:
            pid = stack.pop()
            if pid in table:
                total += table[pid][1]
            stack.extend(children.get(pid, []))
        return total

    def __enter__(self) -> CpuMeter:
        self._start = (
            time.monotonic(),
            _machine_busy_ticks(),
            self._services_ticks(),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
        return self

    def __exit__(self, *exc) -> None:
        started, busy, services, children = self._start
        seconds = time.monotonic() - started
        now = resource.getrusage(resource.RUSAGE_CHILDREN)
        # Children waited for in between: the load generator.
        load = (now.ru_utime + now.ru_stime) - (children.ru_utime + children.ru_stime)
        busy_s = (_machine_busy_ticks() - busy) / CLOCK_TICKS
        services_s = (self._services_ticks() - services) / CLOCK_TICKS
        self.result = {
            "services_cores": round(services_s / seconds, 2),
            "load_generator_cores": round(load / seconds, 2),
            "other_cores": round(max(0.0, busy_s - services_s - load) / seconds, 2),
        }


def http_get(url: str, timeout: float = 30.0) -> tuple[int, int, float]:
    """Status, body size and seconds of one GET; HTTP errors are returned, not raised."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            body = response.read()
            return response.status, len(body), time.monotonic() - start
    except urllib.error.HTTPError as error:
        body = error.read()
        return error.code, len(body), time.monotonic() - start


# --- the working directory -------------------------------------------------------------------


def reap_orphans() -> list[Path]:
    """Stop and remove what earlier benchmark runs that were SIGKILLed left in the temp dir."""
    reaped = []
    for root in Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}*"):
        try:
            owner = int((root / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        if pid_alive(owner):
            continue  # another benchmark is running right now
        for pid_file in (root / "gunicorn.pid", root / "redis.pid"):
            try:
                os.kill(int(pid_file.read_text()), signal.SIGKILL)
            except (OSError, ValueError):
                pass
        if (root / "pg" / "data" / "postmaster.pid").exists():
            subprocess.run(  # noqa: S603
                as_postgres_user(
                    [str(PG_BIN / "pg_ctl"), "-D", str(root / "pg" / "data"), "-m", "immediate"]
                    + ["-w", "stop"]
                ),
                capture_output=True,
                check=False,
            )
        shutil.rmtree(root, ignore_errors=True)
        reaped.append(root)
    return reaped


def make_workdir() -> Path:
    """A private directory for the cluster, sockets, media and pid files of this run."""
    root = Path(tempfile.mkdtemp(prefix=WORKDIR_PREFIX))
    # The postgres user must traverse it to reach its own subdirectory.
    root.chmod(0o755)
    (root / OWNER_FILE).write_text(str(os.getpid()))
    return root


# --- PostgreSQL ------------------------------------------------------------------------------


@dataclass
class Postgres:
    """A throwaway PostgreSQL cluster: unix socket only, trust auth, default durability."""

    workdir: Path
    logdir: Path
    database: str = "vantor_bench"
    port: int = field(default_factory=free_port)
    running: bool = False

    @property
    def root(self) -> Path:
        return self.workdir / "pg"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def url(self) -> str:
        # The host is the socket directory, URL-encoded (dj-database-url decodes it); the port
        # only names the socket file.
        host = quote(str(self.root), safe="")
        return f"postgres://{PG_SUPERUSER}@{host}:{self.port}/{self.database}"

    def version(self) -> str:
        result = subprocess.run(  # noqa: S603
            [str(PG_BIN / "postgres"), "--version"], capture_output=True, text=True, check=False
        )
        # "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" -> "PostgreSQL 15.18"
        words = result.stdout.split()
        return f"PostgreSQL {words[2]}" if len(words) > 2 else result.stdout.strip()

    def start(self) -> None:
        if not (PG_BIN / "initdb").exists():
            raise ServiceError(
                f"PostgreSQL server binaries not found in {PG_BIN}: "
                "apt-get install -y postgresql-15 (or set VANTOR_PG_BIN)"
            )
        self.root.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.root, user=PG_SUPERUSER, group=PG_SUPERUSER)
        self.root.chmod(0o700)
        log = self.logdir / "postgres.log"
        run_checked(
            as_postgres_user(
                [str(PG_BIN / "initdb"), "-D", str(self.data), "-U", PG_SUPERUSER]
                + ["--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]
            ),
            log=log,
            timeout=120,
        )
        # Durability settings stay at their defaults, as in production: the load timing and
        # any write-heavy scenario pay for fsync like the real thing would.
        options = (
            f"-c listen_addresses='' -c unix_socket_directories={self.root} -p {self.port}"
            " -c max_connections=100 -c shared_buffers=256MB"
        )
        server_log = self.root / "server.log"
        run_checked(
            as_postgres_user(
                [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(server_log)]
                + ["-o", options, "-w", "-t", "60", "start"]
            ),
            log=log,
            timeout=90,
            start_new_session=True,
        )
        self.running = True
        run_checked(
            [str(PG_BIN / "createdb"), "-h", str(self.root), "-p", str(self.port)]
            + ["-U", PG_SUPERUSER, self.database],
            log=log,
            timeout=60,
        )

    def server_pid(self) -> int | None:
        """The postmaster's pid (first line of postmaster.pid), whose children are backends."""
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def stop(self) -> None:
        if not self.running:
            return
        log = self.logdir / "postgres.log"
        server_log = self.root / "server.log"
        for mode in ("fast", "immediate"):
            try:
                run_checked(
                    as_postgres_user(
                        [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w"]
                        + ["-t", "30", "stop"]
                    ),
                    log=log,
                    timeout=60,
                )
                break
            except (ServiceError, subprocess.TimeoutExpired):
                continue
        self.running = False
        if server_log.exists():
            shutil.copy(server_log, self.logdir / "postgres-server.log")


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
