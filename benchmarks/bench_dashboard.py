"""Dashboard figures: weight-change callback time and bytes, map figure size.

The first load is measured in Chromium against gunicorn (:mod:`benchmarks.bench_browser`).

Uses the real atlas (``geodata.atlas.load_atlas``) when it is present and the
SYNTHETIC atlas of :mod:`potentials.synthetic` otherwise. The app is created once per
process (Dash attaches ``@dash.callback`` callbacks to the first app).
"""

from __future__ import annotations

import functools
import gzip
import json
from typing import Any

import numpy as np
import plotly.utils

from benchmarks._registry import stopwatch, suite

MC_DRAWS = 200
CHROMIUM = "/usr/bin/chromium"
#: What Chromium sends; Flask-Compress then prefers Brotli.
BROWSER_ENCODINGS = "gzip, deflate, br, zstd"


@functools.cache
def _app() -> Any:
    from layouts import data as appdata

    try:
        from geodata.atlas import load_atlas

        atlas = load_atlas()
    except (ImportError, FileNotFoundError):
        from potentials.synthetic import synthetic_atlas

        atlas = synthetic_atlas(400, seed=0)
    appdata.configure(atlas, mc_draws=MC_DRAWS)
    from layouts.app_factory import create_app

    return create_app()


def _request(client: Any, values: dict[str, Any]) -> dict[str, Any]:
    from tests.app.loadclient import find_callback, request_body

    deps = client.get("/_dash-dependencies").get_json()
    dep = find_callback(deps, "map-graph.figure", "weights-store.data")
    return request_body(dep, values, ["weights-store.data"])


_rng = np.random.default_rng(0)


def _weight_change() -> tuple[float, int]:
    app = _app()
    from layouts import data as appdata

    data = appdata.get()
    client = app.server.test_client()
    # new weights every run, so no memoised result is reused
    weights = {
        "domains": {
            d.code: round(float(_rng.uniform(0.25, 3.0)), 2) for d in data.framework.domains
        },
        "indicators": {},
    }
    body = json.dumps(
        _request(
            client,
            {
                "weights-store.data": weights,
                "measure-select.value": "composite",
                "class-method.value": "quantiles",
                "class-k.value": 5,
                "palette.value": "viridis",
                "classes-store.data": [0] * len(data.ags),
                "lang-switch.value": "de",
            },
        )
    )
    with stopwatch() as t:
        response = client.post(
            "/_dash-update-component",
            data=body,
            content_type="application/json",
            headers={"Accept-Encoding": BROWSER_ENCODINGS},
        )
    assert response.status_code == 200, response.data[:300]
    size = len(response.data)
    if not response.headers.get("Content-Encoding"):
        size = len(gzip.compress(response.data))
    return t[0], size


@suite(
    {"weight_callback_server_s": ("s", 0.05), "weight_change_bytes": ("bytes", 30000)},
    repeat=15,
)
def bench_weight_change() -> dict[str, float]:
    seconds, size = _weight_change()
    return {"weight_callback_server_s": seconds, "weight_change_bytes": float(size)}


@suite({"map_figure_bytes": ("bytes", 300000)}, repeat=1)
def bench_map_figure() -> dict[str, float]:
    _app()
    from layouts import data as appdata
    from layouts.mapfig import figure, map_payload

    data = appdata.get()
    payload = map_payload(
        data, data.result(None), "composite", method="quantiles", k=5, palette="viridis", lang="de"
    )
    fig = figure(data, payload, lang="de")
    text = json.dumps(fig, cls=plotly.utils.PlotlyJSONEncoder, separators=(",", ":"))
    return {"map_figure_bytes": float(len(text.encode()))}
