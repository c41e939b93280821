"""The app through Flask's test client: layout, index, a real callback POST, compression."""

from __future__ import annotations

import gzip
import json
import re

import numpy as np
from loadclient import find_callback, request_body

from layouts import ids


def test_index_is_german_and_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="de">' in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert client.get("/assets/topojson/world_110m.json").status_code == 200


def test_index_leaves_out_the_babel_polyfill_but_brings_the_regenerator_runtime(client):
    html = client.get("/").get_data(as_text=True)
    assert "polyfill@" not in html
    scripts = re.findall(r'src="([^"]+)"', html)
    runtime = next(s for s in scripts if "regenerator-runtime.js" in s)
    # before the renderer starts, so lazily loaded components find it
    assert scripts.index(runtime) < next(i for i, s in enumerate(scripts) if "dash_renderer" in s)
    text = client.get(runtime.split("?")[0]).get_data(as_text=True)
    assert "regenerator-runtime v0.14.1 (MIT" in text and "globalThis.regeneratorRuntime" in text


def test_layout_is_the_shell(client):
    layout = client.get("/_dash-layout").get_json()
    text = json.dumps(layout)
    assert ids.URL in text and ids.BODY in text and ids.LANG in text


def test_weight_change_callback_returns_a_compressed_patch(client, app_data):
    fw = app_data.framework
    domains = {d.code: (2.0 if d.code == "labour" else float(d.weight)) for d in fw.domains}
    indicators = {i.code: float(i.weight) for i in fw.indicators}
    weights = {"domains": domains, "indicators": indicators}
    slider = json.dumps({"code": ["ALL"], "type": ids.DOMAIN_WEIGHT}, separators=(",", ":"))
    deps = client.get("/_dash-dependencies").get_json()
    values = {
        f"{ids.DOMAIN_WEIGHT}.value": domains,
        f"{ids.INDICATOR_WEIGHT}.value": indicators,
        f"{ids.MEASURE}.value": "composite",
        f"{ids.CLASS_METHOD}.value": "quantiles",
        f"{ids.CLASS_K}.value": 5,
        f"{ids.PALETTE}.value": "viridis",
        f"{ids.CLASSES}.data": [0] * 400,
        f"{ids.LANG}.value": "de",
    }
    dep = find_callback(deps, f"{ids.MAP}.figure", f"{slider}.value")
    body = request_body(dep, values, [f"{slider}.value"])
    response = client.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Accept-Encoding": "gzip"},
    )
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == "gzip"
    payload = json.loads(gzip.decompress(response.data))
    figure = next(v for k, v in payload["response"][ids.MAP].items() if k.startswith("figure"))
    assert figure["__dash_patch_update"] == "__dash_patch_update"
    ops = {tuple(op["location"]): op["params"]["value"] for op in figure["operations"]}
    expected = app_data.result(weights).scores["composite"].reindex(list(app_data.ags))
    ok = expected.notna().to_numpy()
    z = np.asarray(ops[("data", 0, "z")], dtype=float)
    np.testing.assert_allclose(z[ok], expected.to_numpy()[ok].round(3))
    message = next(iter(payload["response"][ids.MAP_MESSAGE].values()))
    assert "changed class" not in message
    assert "Kreisen haben die Klasse gewechselt" in message
    assert payload["response"][ids.SLIDER_WEIGHTS]["data"]["domains"]["labour"] == 2.0


def test_a_reversed_direction_reaches_the_views_through_the_weights_store(client, app_data):
    from layouts.engine import reversible

    (ind,) = reversible(app_data.framework)
    flipped = {"domains": {}, "indicators": {}, "directions": {ind.code: -1}}
    deps = client.get("/_dash-dependencies").get_json()
    dep = find_callback(deps, f"{ids.MAP}.figure", f"{ids.WEIGHTS}.data")
    values = {
        f"{ids.WEIGHTS}.data": flipped,
        f"{ids.MAP_WRAP}.className": "map-wrap stale",
        f"{ids.MEASURE}.value": "composite",
        f"{ids.CLASS_METHOD}.value": "quantiles",
        f"{ids.CLASS_K}.value": 5,
        f"{ids.PALETTE}.value": "viridis",
        f"{ids.LANG}.value": "de",
    }
    body = request_body(dep, values, [f"{ids.WEIGHTS}.data"])
    response = client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200
    figure = next(v for k, v in response.get_json()["response"][ids.MAP].items())
    ops = {tuple(op["location"]): op["params"]["value"] for op in figure["operations"]}
    order = list(app_data.ags)
    want = app_data.result(flipped).scores["composite"].reindex(order)
    default = app_data.result(None).scores["composite"].reindex(order)
    ok = want.notna().to_numpy()
    z = np.asarray(ops[("data", 0, "z")], dtype=float)
    np.testing.assert_allclose(z[ok], want.to_numpy()[ok].round(3))
    assert not np.allclose(z[ok], default.to_numpy()[ok].round(3))


def test_page_query_comes_from_the_apps_own_page_only():
    from layouts.routing import page_query

    host = "http://127.0.0.1:8050/"
    assert page_query("http://127.0.0.1:8050/?d=09162&lang=en", host, "/") == "?d=09162&lang=en"
    assert page_query("http://127.0.0.1:8050/", host, "/") == ""
    assert page_query(None, host, "/") is None
    assert page_query("http://evil.example/?d=09162", host, "/") is None
    assert page_query("http://127.0.0.1:8050/export/map.pdf?m=alq", host, "/") is None
    assert (
        page_query("http://127.0.0.1:8050/atlas/?d=1", "http://127.0.0.1:8050/", "/atlas/")
        == "?d=1"
    )


def test_the_layout_brings_the_body_of_the_page_that_asks_for_it(client, app_data):
    ags = app_data.ags[3]
    shared = client.get(
        "/_dash-layout", headers={"Referer": f"http://localhost/?d={ags}&lang=en"}
    ).get_json()
    text = json.dumps(shared, ensure_ascii=False)
    location = next(n for n in _nodes(shared) if n.get("props", {}).get("id") == ids.URL)
    # the location already holds the address, so the routing callback does not fire
    assert location["props"]["search"] == f"?d={ags}&lang=en"
    state = next(n for n in _nodes(shared) if n.get("props", {}).get("id") == ids.STATE)
    assert state["props"]["data"]["district"] == ags and state["props"]["data"]["lang"] == "en"
    assert ids.MAP in text and "Weights" in text
    # a request that names no page (or another site's) gets the shell, filled by callback
    bare = client.get("/_dash-layout").get_json()
    location = next(n for n in _nodes(bare) if n.get("props", {}).get("id") == ids.URL)
    assert "search" not in location["props"] and ids.MAP not in json.dumps(bare)
    other = client.get("/_dash-layout", headers={"Referer": "http://evil.example/?d=09162"})
    assert ids.MAP not in other.get_data(as_text=True)


def _nodes(tree):
    if isinstance(tree, list):
        for item in tree:
            yield from _nodes(item)
    elif isinstance(tree, dict):
        if "namespace" in tree:
            yield tree
            for value in (tree.get("props") or {}).values():
                yield from _nodes(value)
