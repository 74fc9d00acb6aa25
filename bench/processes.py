"""Process helpers of the benchmark: run and measure commands, stop children, read /proc.

Every child is started in its own session (so a Ctrl-C in the terminal reaches the benchmark,
which then stops the services in order, instead of killing them halfway) and is stopped by its
own process id, never by name. No psutil: /proc is read directly.
"""

from __future__ import annotations

import os
import resource
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path


class ServiceError(RuntimeError):
    """A service could not be started, or a command it needs failed."""


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
