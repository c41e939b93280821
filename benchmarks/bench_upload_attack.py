"""Hostile uploads: what each costs, and a normal user's latency while eight are in flight.

The three shapes of the attack round (issue 14) are built in code
(:mod:`tests.badinput.hostile`) and written to a temporary ``bench`` folder:
a 10 KB XLSX declaring ``A1:XFD1048576`` with one cell at ``XFD1048576``, a 238 KB XLSX
with 5.5 million shared strings and a 4.7 MB CSV with 100,000 columns.

Figures (``python -m benchmarks --only upload``):

``upload_cpu_s.<shape>``, ``upload_peak_bytes.<shape>``
    CPU time and peak memory growth of :func:`geodata.readers.user_table.read_user_table`
    on one shape, each in a fresh interpreter (peak resident set after the call minus
    the resident set before it, ``VmHWM`` reset first); targets 2 s and 300 MB.
``load_under_upload_attack_p95_s``
    ``gunicorn app:server`` served as in ``bench_load`` (two workers, four threads). A
    separate process keeps eight uploads of the three shapes in flight for 60 s, each
    posted to the upload callback as the browser would and re-posted as soon as it is
    answered. Meanwhile one normal user (:class:`tests.app.loadclient.User`, think time
    1–3 s) moves weight sliders and picks districts; the figure is the p95 of that
    user's callback latency; target 0.5 s.
``load_upload_attack_baseline_p95_s``
    The same user in the same run without the attack (the peer; no target).
``upload_attack_uploads_per_s``
    Hostile uploads answered per second during the attack, refused with a message or
    told to retry (429, one upload per server process at a time, or the connection
    closed before the body was read); no target.
"""

from __future__ import annotations

import base64
import json
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

from benchmarks._registry import suite
from benchmarks.bench_load import ATLAS, REPO, _Http, served

#: Start-up on a busy two-core machine (the workers run the start-up analysis).
READY_TIMEOUT_S = 600
ATTACKERS = 8
ATTACK_S = 60.0
THINK_S = (1.0, 3.0)
SHAPES = ("xlsx_far_cell", "xlsx_shared_strings", "csv_wide")

_COST = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path
    import pandas as pd
    from geodata.readers.user_table import read_user_table

    path = Path(sys.argv[1])
    districts = pd.read_csv(sys.argv[2], dtype=str, keep_default_na=False)
    data = path.read_bytes()

    def status(key):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1]) * 1024
        return 0

    Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM)
    before = status("VmRSS:")
    start = resource.getrusage(resource.RUSAGE_SELF)
    table = read_user_table(data, filename=path.name, districts=districts)
    end = resource.getrusage(resource.RUSAGE_SELF)
    cpu = end.ru_utime + end.ru_stime - start.ru_utime - start.ru_stime
    print(json.dumps({"cpu": cpu, "peak": status("VmHWM:") - before,
                      "codes": [p.code for p in table.errors]}))
    """
)

_ATTACK = textwrap.dedent(
    """
    import json, sys, threading, time
    from pathlib import Path
    import requests

    base, folder = sys.argv[1], Path(sys.argv[2])
    seconds, threads = float(sys.argv[3]), int(sys.argv[4])
    bodies = [p.read_bytes() for p in sorted(folder.glob("*.body.json"))]
    counts = {"done": 0, "ok": 0, "busy": 0, "reset": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def attack(i):
        session = requests.Session()
        n = i
        while time.monotonic() < stop:
            body = bodies[n % len(bodies)]
            n += 1
            try:
                r = session.post(base + "/_dash-update-component", data=body,
                                 headers={"Content-Type": "application/json"}, timeout=120)
                ok = r.status_code == 200 and b"upload-errors" in r.content
                busy = r.status_code == 429
                reset = False
            except requests.ConnectionError:  # refused before the body was read
                ok = busy = False
                reset = True
            with lock:
                counts["done"] += 1
                counts["ok"] += ok
                counts["busy"] += busy
                counts["reset"] += reset

    workers = [threading.Thread(target=attack, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(json.dumps(counts))
    """
)


def _shape_files(folder: Path) -> dict[str, Path]:
    from tests.badinput import hostile

    paths = {}
    for key, (name, data) in hostile.shapes().items():
        path = folder / f"{key}-{name}"
        path.write_bytes(data)
        paths[key] = path
    return paths


def _cost(path: Path) -> dict[str, Any]:
    districts = REPO / "tests" / "fixtures" / "userdata" / "districts_400.csv"
    out = subprocess.run(
        [sys.executable, "-c", _COST, str(path), str(districts)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        timeout=600,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _upload_bodies(base: str, paths: dict[str, Path], folder: Path) -> None:
    """Write the upload callback's request body for each shape (as the browser sends it)."""
    import requests

    from layouts import ids
    from tests.app.loadclient import find_callback, request_body

    deps = requests.get(f"{base}/_dash-dependencies", timeout=30).json()
    dep = find_callback(deps, f"{ids.UPLOAD_PENDING}.data", f"{ids.UPLOAD}.contents")
    for key, path in paths.items():
        media = "text/csv" if path.suffix == ".csv" else "application/octet-stream"
        url = f"data:{media};base64," + base64.b64encode(path.read_bytes()).decode()
        values = {
            f"{ids.UPLOAD}.contents": url,
            f"{ids.UPLOAD}.filename": path.name,
            f"{ids.LANG}.value": "de",
        }
        body = request_body(dep, values, [f"{ids.UPLOAD}.contents"])
        (folder / f"{key}.body.json").write_text(json.dumps(body), encoding="utf-8")


def _normal_user(base: str, seconds: float, seed: int) -> list[float]:
    """Callback latencies of one user with think time, sessions repeated for ``seconds``."""
    import threading

    from tests.app.loadclient import User

    counter = {"requests": 0, "errors": 0}
    lock = threading.Lock()
    latencies: list[float] = []
    stop = time.monotonic() + seconds
    rng = random.Random(seed)
    while time.monotonic() < stop:
        http = _Http(base, counter, lock)
        user = User(http.get, http.post, random.Random(rng.random()))
        user.load()
        done = 0
        while time.monotonic() < stop:
            time.sleep(user.rng.uniform(*THINK_S))
            done += user.change_weights() if done % 5 == 0 else user.select_district()
        latencies.extend(s for _, s in user.timings)
    return latencies


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


@suite(
    {
        **{f"upload_cpu_s.{s}": ("s", 2.0) for s in SHAPES},
        **{f"upload_peak_bytes.{s}": ("bytes", 300_000_000) for s in SHAPES},
        "load_under_upload_attack_p95_s": ("s", 0.5),
        "load_upload_attack_baseline_p95_s": ("s", None),
        "upload_attack_uploads_per_s": ("ratio", None),
    },
    repeat=1,
)
def bench_upload_attack() -> dict[str, float]:
    if not ATLAS.exists():
        raise FileNotFoundError(f"the embedded atlas {ATLAS} is not built")
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bench"
        folder.mkdir()
        paths = _shape_files(folder)
        for key, path in paths.items():
            cost = _cost(path)
            out[f"upload_cpu_s.{key}"] = cost["cpu"]
            out[f"upload_peak_bytes.{key}"] = float(cost["peak"])
        with served(ready_timeout_s=READY_TIMEOUT_S) as (base, _):
            _upload_bodies(base, paths, folder)
            baseline = _normal_user(base, ATTACK_S / 2, seed=1)
            attack = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    _ATTACK,
                    base,
                    str(folder),
                    str(ATTACK_S),
                    str(ATTACKERS),
                ],
                stdout=subprocess.PIPE,
                text=True,
                cwd=REPO,
            )
            try:
                time.sleep(2.0)  # the eight uploads are in flight
                attacked = _normal_user(base, ATTACK_S - 4.0, seed=2)
                report, _ = attack.communicate(timeout=ATTACK_S + 180)
            finally:
                if attack.poll() is None:
                    attack.kill()
                    attack.wait(timeout=10)
    counts = json.loads(report.strip().splitlines()[-1])
    out["load_under_upload_attack_p95_s"] = _p95(attacked)
    out["load_upload_attack_baseline_p95_s"] = _p95(baseline)
    out["upload_attack_uploads_per_s"] = counts["done"] / ATTACK_S
    if counts["ok"] + counts["busy"] + counts["reset"] < counts["done"]:
        raise RuntimeError(f"hostile uploads not refused with a message: {counts}")
    return out
