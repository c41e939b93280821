"""The partial plotly.js bundle in ``assets/``: the right version, the trace types drawn."""

from __future__ import annotations

import re

import plotly.offline

from tests.conftest import REPO

BUNDLE = REPO / "assets" / "plotly-atlas.min.js"


def test_bundle_is_the_plotly_js_of_the_python_package():
    text = BUNDLE.read_text(encoding="utf-8")
    versions = set(re.findall(r'\.version="(\d+\.\d+\.\d+)"', text))
    assert plotly.offline.get_plotlyjs_version() in versions


def test_bundle_registers_every_trace_type_the_dashboard_draws():
    text = BUNDLE.read_text(encoding="utf-8")
    for trace in ("choropleth", "scattergeo", "bar", "box", "scatter"):
        assert f'name:"{trace}"' in text, trace
    assert "window.Plotly=" in text.replace(" ", "")


def test_index_loads_the_bundle(client):
    html = client.get("/").get_data(as_text=True)
    assert "plotly-atlas.min.js" in html
