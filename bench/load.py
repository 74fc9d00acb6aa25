"""HTTP load from loopback with wrk: requests per second and latency percentiles for one URL."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

SUMMARY_SCRIPT = Path(__file__).with_name("wrk_summary.lua")
MARKER = "WRK_JSON "


class LoadError(RuntimeError):
    """wrk is missing or did not produce a summary."""


@dataclass
class LoadResult:
    url: str
    connections: int
    seconds: float
    requests: int
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float
    errors: dict[str, int]
    bytes_per_response: float

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def as_dict(self) -> dict:
        return {**asdict(self), "error_count": self.error_count}


def wrk_version() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        return ""
    # `wrk --version` prints the version then the usage, and exits non-zero.
    result = subprocess.run(  # noqa: S603
        [wrk, "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    # First line: "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer"
    first = (result.stdout + result.stderr).splitlines()[0]
    return first.split(" [")[0].strip()


def require_wrk() -> str:
    """The path of wrk, or a LoadError that says how to install it."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise LoadError("wrk is not installed: apt-get install -y wrk")
    return wrk


def run_wrk(url: str, *, seconds: float, connections: int = 4, threads: int = 1) -> LoadResult:
    """Drive `url` with a fixed number of connections for a fixed time.

    One wrk thread is plenty for a few thousand requests per second and leaves more of the two
    cores to the server; the latency timeout is raised from wrk's 2 s so that slow responses are
    counted in the percentiles rather than dropped as timeouts.
    """
    args = [
        require_wrk(),
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        "--timeout=30s",
        "--latency",
        f"--script={SUMMARY_SCRIPT}",
        url,
    ]
    result = subprocess.run(  # noqa: S603
        args, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith(MARKER)), None)
    if result.returncode != 0 or line is None:
        raise LoadError(f"wrk failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    data = json.loads(line[len(MARKER) :])
    duration = data["duration_us"] / 1e6
    latency = data["latency_us"]
    requests = data["requests"]
    return LoadResult(
        url=url,
        connections=connections,
        seconds=round(duration, 3),
        requests=requests,
        rps=round(requests / duration, 1) if duration else 0.0,
        p50_ms=latency["p50"] / 1000,
        p90_ms=latency["p90"] / 1000,
        p99_ms=latency["p99"] / 1000,
        max_ms=latency["max"] / 1000,
        mean_ms=round(latency["mean"] / 1000, 3),
        errors=data["errors"],
        bytes_per_response=round(data["bytes"] / requests, 1) if requests else 0.0,
    )
