"""Fixtures of the dashboard tests: one SYNTHETIC atlas and one app per test process.

The atlas is :func:`potentials.synthetic.synthetic_atlas` (random numbers, AGS 90001…,
labelled synthetic); it is handed to the data layer with ``layouts.data.configure``
before the app is created, so these tests never depend on the real atlas file.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from layouts import data as appdata
from tests.conftest import require

MC_DRAWS = 60


@pytest.fixture(scope="session")
def synthetic():
    from potentials.synthetic import synthetic_atlas

    return synthetic_atlas(400, seed=7, missing_share=0.01)


@pytest.fixture(scope="session")
def app_data(synthetic) -> appdata.AppData:
    appdata.configure(synthetic, mc_draws=MC_DRAWS)
    return appdata.get()


@pytest.fixture(scope="session")
def dash_app(app_data):
    from layouts.app_factory import create_app

    return create_app()


@pytest.fixture()
def client(dash_app):
    return dash_app.server.test_client()


@pytest.fixture(scope="session")
def live_server(dash_app) -> Iterator[str]:
    """The app served by werkzeug in a background thread on a free loopback port."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, dash_app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


#: Debian's Chromium and the flags it needs on a machine with a closed network.
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    """One Chromium for this module's tests (closed at its end, so that other modules may
    start their own Playwright: two sync Playwright instances cannot share a thread)."""
    require(Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
