"""Load: 50 concurrent simulated users against ``gunicorn app:server`` on loopback.

The deployment object is served as in production (``gunicorn app:server``, two workers
with four threads each for a two-core machine, embedded atlas, debug off) on a free
loopback port and stopped in a ``finally``. Each simulated user
(:class:`tests.app.loadclient.User`, bodies built from ``/_dash-dependencies``) loads
the page (``/``, ``/_dash-layout``, ``/_dash-dependencies`` and the first render
callback), then makes 10 callback POSTs: weight changes (sliders → store, map
recolouring, profile) with random slider positions, so most are engine runs rather
than memo hits, alternating with district selections (profile, URL state). Users
arrive at five per second (Locust's "spawn rate"; all 50 are in within 10 s and then
active together). Before each action a user pauses 1–3 s (uniform; the "think time" of
Locust's ``between(1, 3)``), the time a person needs to look at the recoloured map.
The same users arriving the same way without any pause, which keeps 50 requests in
flight on two cores, are measured as well (``load_burst_*``, no target) to show the
saturated case.

Figures (``python -m benchmarks --only load``):

``load_requests_per_s``
    Completed HTTP requests (page loads and callbacks) per second of wall time, unit
    ``ratio`` (requests/s); no target, it depends on the machine.
``load_callback_p50_s``, ``load_callback_p95_s``
    Client-side latency of the interaction POSTs (loopback, queueing included) with
    think time; target for p95: 0.3 s.
``load_burst_callback_p95_s``, ``load_burst_requests_per_s``
    The same without think time (saturation); no target.
``load_error_share``
    Failed requests (exception, timeout or HTTP status other than 200/204) over all
    requests, unit ``ratio``. The runner reads a ``ratio`` target as a lower bound, so
    this has no target; anything above 0 is a failure to look at.
``load_rss_growth_bytes``
    Resident memory of the gunicorn workers (sum of ``VmRSS``) after the run minus
    after a warm-up (lazy start-up work done); target 50 MB. Part of the growth is the
    engine's bounded memo of results (16 weight settings per worker).

The client threads share the machine's cores with the server, so absolute figures are
pessimistic on a small or busy machine.
"""

from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks._registry import suite

REPO = Path(__file__).resolve().parents[1]
ATLAS = REPO / "geodata" / "data" / "atlas.gpkg"
USERS = 50
POSTS_PER_USER = 10
#: Users arriving per second (ramp-up, as Locust's spawn rate).
SPAWN_RATE = 5.0
#: Pause before each user action, seconds (uniform).
THINK_S = (1.0, 3.0)
KEEP_ALIVE_S = 10
WORKERS = 2
THREADS = 4
READY_TIMEOUT_S = 120
REQUEST_TIMEOUT_S = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return [int(p) for p in text.split()]
    except OSError:
        out = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(stat.parent.name))
        return out


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _idle(pids: list[int], seconds: float = 0.5) -> bool:
    """Whether every process used under 10 % of a core over ``seconds``."""
    before = {p: _cpu_ticks(p) for p in pids}
    time.sleep(seconds)
    hz = os.sysconf("SC_CLK_TCK")
    return all(_cpu_ticks(p) - before[p] < 0.1 * seconds * hz for p in pids)


def _rss_bytes(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


class _Http:
    """Transport for :class:`User`: one ``requests`` session, every request counted."""

    def __init__(self, base: str, counter: dict[str, int], lock: threading.Lock) -> None:
        import requests

        self.base = base
        self.session = requests.Session()
        self.session.headers["Accept-Encoding"] = "gzip, deflate, br"
        self.counter = counter
        self.lock = lock

    def _count(self, ok: bool) -> None:
        with self.lock:
            self.counter["requests"] += 1
            self.counter["errors"] += 0 if ok else 1

    def get(self, path: str) -> Any:
        try:
            response = self.session.get(self.base + path, timeout=REQUEST_TIMEOUT_S)
        except Exception:
            self._count(False)
            raise
        self._count(response.status_code == 200)
        response.raise_for_status()
        if "json" in response.headers.get("Content-Type", ""):
            return response.json()
        return response.content

    def post(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        try:
            response = self.session.post(self.base + path, json=body, timeout=REQUEST_TIMEOUT_S)
        except Exception:
            self._count(False)
            return 599, None
        self._count(response.status_code in (200, 204))
        return response.status_code, response.json() if response.status_code == 200 else None


def _start(port: int, log: Any) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "app:server", "-b", f"127.0.0.1:{port}"]
    command += ["--workers", str(WORKERS), "--threads", str(THREADS), "--timeout", "120"]
    # Idle connections must outlive the think time, or the client reuses a socket the
    # server has just closed (gunicorn's default keep-alive is 2 s).
    command += ["--keep-alive", str(KEEP_ALIVE_S)]
    # the app as shipped: no debug, the live Monte Carlo at its own number of draws
    env = {
        k: v for k, v in os.environ.items() if k not in ("POTENTIALS_DEBUG", "POTENTIALS_MC_DRAWS")
    }
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)


@contextmanager
def served(*, ready_timeout_s: float = READY_TIMEOUT_S) -> Iterator[tuple[str, subprocess.Popen]]:
    """``gunicorn app:server`` on a free loopback port: ``(base URL, process)``, stopped on exit."""
    if not ATLAS.exists():
        raise FileNotFoundError(f"the embedded atlas {ATLAS} is not built")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile("w+") as log:
        proc = _start(port, log)
        try:
            _wait_ready(proc, base, log, timeout_s=ready_timeout_s)
            yield base, proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _wait_ready(
    proc: subprocess.Popen, base: str, log: Any, *, timeout_s: float = READY_TIMEOUT_S
) -> None:
    import requests

    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn exited with {proc.returncode}:\n{log.read()[-3000:]}")
        try:
            if requests.get(f"{base}/_dash-layout", timeout=5).status_code == 200:
                # one worker answers; the others are ready once they stop computing
                workers = _children(proc.pid)
                if len(workers) >= WORKERS and _idle(workers):
                    return
        except (requests.ConnectionError, requests.Timeout):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn did not answer within {timeout_s} s")
        time.sleep(0.3)


def _run_users(
    base: str, n: int, seed: int, think: tuple[float, float] = (0.0, 0.0)
) -> tuple[list[float], dict[str, int], float]:
    from tests.app.loadclient import User

    counter = {"requests": 0, "errors": 0}
    lock = threading.Lock()
    latencies: list[float] = []
    failures: list[BaseException] = []

    def one(i: int) -> None:
        http = _Http(base, counter, lock)
        user = User(http.get, http.post, random.Random(seed * 1000 + i))
        try:
            time.sleep(i / SPAWN_RATE)
            user.session(posts=POSTS_PER_USER, think=think)
        except Exception as exc:  # counted; the run goes on
            failures.append(exc)
        with lock:
            latencies.extend(seconds for _, seconds in user.timings)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    wall = time.perf_counter() - start
    counter["failed_users"] = len(failures)
    return latencies, counter, wall


@suite(
    {
        "load_requests_per_s": ("ratio", None),
        "load_callback_p50_s": ("s", None),
        "load_callback_p95_s": ("s", 0.3),
        "load_error_share": ("ratio", None),
        "load_rss_growth_bytes": ("bytes", 50_000_000),
        "load_burst_requests_per_s": ("ratio", None),
        "load_burst_callback_p95_s": ("s", None),
    },
    repeat=1,
)
def bench_load() -> dict[str, float]:
    with served() as (base, proc):
        _run_users(base, 4, seed=0)  # warm-up: first-request set-up in the workers
        workers = _children(proc.pid)
        before = _rss_bytes(workers)
        latencies, counter, wall = _run_users(base, USERS, seed=1, think=THINK_S)
        burst, burst_counter, burst_wall = _run_users(base, USERS, seed=2)
        after = _rss_bytes(workers)
    quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
    expected = 2 * USERS * (4 + POSTS_PER_USER)  # both runs
    done = counter["requests"] + burst_counter["requests"]
    errors = counter["errors"] + burst_counter["errors"] + max(0, expected - done)
    return {
        "load_requests_per_s": counter["requests"] / wall,
        "load_callback_p50_s": statistics.median(latencies),
        "load_callback_p95_s": quantiles[94],
        "load_error_share": errors / max(expected, done),
        "load_rss_growth_bytes": float(after - before),
        "load_burst_requests_per_s": burst_counter["requests"] / burst_wall,
        "load_burst_callback_p95_s": statistics.quantiles(burst, n=100, method="inclusive")[94],
    }
