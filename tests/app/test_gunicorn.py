"""The deployable app: ``gunicorn app:server`` on loopback answers its layout and a callback.

This serves the real embedded atlas (``geodata/data/atlas.gpkg``), as a deployment would.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from layouts import ids
from tests.conftest import REPO, require

ATLAS = REPO / "geodata" / "data" / "atlas.gpkg"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(port: int) -> subprocess.Popen:
    env = {**os.environ, "POTENTIALS_MC_DRAWS": "50"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "app:server", "-b", f"127.0.0.1:{port}"]
    command += ["--workers", "1", "--threads", "4", "--timeout", "120"]
    return subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def gunicorn_url():
    require(ATLAS.exists(), f"the embedded atlas {ATLAS} is not built")
    port = _free_port()
    proc = _start(port)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                pytest.fail(f"gunicorn exited with {proc.returncode}:\n{out[-3000:]}")
            try:
                if requests.get(f"{url}/_dash-layout", timeout=5).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                pass
            if time.monotonic() > deadline:
                pytest.fail("gunicorn did not answer within 120 s")
            time.sleep(0.5)
        yield url
    finally:
        _stop(proc)


def test_a_worker_serves_the_page_scripts_before_it_has_rendered_the_page(client):
    # Dash learns which component scripts it may serve while rendering the index page;
    # a worker whose first request is a script (another worker sent the page) must
    # still serve it. The script list comes from the test app's page, not the worker's.
    require(ATLAS.exists(), f"the embedded atlas {ATLAS} is not built")
    page = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+)"', page)
    assert any("dash_ag_grid" in src for src in scripts)
    port = _free_port()
    proc = _start(port)
    try:
        deadline = time.monotonic() + 120
        while True:  # wait for the socket without sending the worker a request
            if proc.poll() is not None:
                pytest.fail(f"gunicorn exited with {proc.returncode}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("gunicorn did not listen within 120 s")
                time.sleep(0.2)
        # the worker's first requests: all scripts at once, as a browser asks for them
        with ThreadPoolExecutor(len(scripts)) as pool:
            urls = [f"http://127.0.0.1:{port}{src}" for src in scripts]
            codes = list(pool.map(lambda u: requests.get(u, timeout=120).status_code, urls))
        assert codes == [200] * len(scripts), dict(zip(scripts, codes, strict=True))
    finally:
        _stop(proc)


def test_gunicorn_serves_layout_and_answers_a_callback(gunicorn_url):
    layout = requests.get(f"{gunicorn_url}/_dash-layout", timeout=10)
    assert layout.status_code == 200
    assert ids.BODY in layout.text and ids.LANG in layout.text
    assert layout.headers.get("Content-Encoding") in ("gzip", "br")
    deps = requests.get(f"{gunicorn_url}/_dash-dependencies", timeout=10).json()
    render = next(d for d in deps if f"{ids.BODY}.children" in d["output"])
    body = {
        "output": render["output"],
        "outputs": [
            {"id": o.split(".")[0], "property": o.split(".")[1]}
            for o in render["output"].strip(".").split("...")
        ],
        "inputs": [
            {"id": ids.URL, "property": "search", "value": "?lang=en&d=09162"},
            {"id": ids.LANG, "property": "value", "value": "de"},
        ],
        # every state of the callback (current state, the session's own indicators): empty
        "state": [
            {"id": s["id"], "property": s["property"], "value": None} for s in render["state"]
        ],
        "changedPropIds": [f"{ids.URL}.search"],
    }
    response = requests.post(
        f"{gunicorn_url}/_dash-update-component", data=json.dumps(body),
        headers={"Content-Type": "application/json"}, timeout=60,
    )  # fmt: skip
    assert response.status_code == 200
    answer = response.json()["response"]
    assert answer[ids.STATE]["data"]["district"] == "09162"
    assert answer[ids.LANG]["value"] == "en"
    body_text = json.dumps(answer[ids.BODY]["children"], ensure_ascii=False)
    # the search lists the city with its kind, apart from the Landkreis München
    assert "München (kreisfreie Stadt)" in body_text and "München (Landkreis)" in body_text
