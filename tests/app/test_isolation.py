"""Sessions do not leak into each other: no shared mutable state, concurrent users.

User choices travel in the request (``dcc.Store``), never in a module. The first test
snapshots every module-level container of ``layouts`` and the prepared app data, fires
every server-side callback, and checks nothing changed (same object, same content).
The second runs two sessions concurrently with different weights and checks each
response against :func:`potentials.run` for that session's own weights.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import pickle
import pkgutil
import random
import threading
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
import pytest
from loadclient import UPDATE, User, request_body, split_outputs

import layouts
import potentials
from layouts import ids
from layouts.engine import default_weights
from layouts.i18n import fmt_number

MUTABLE = (dict, list, set, bytearray, MappingProxyType, pd.DataFrame, pd.Series, np.ndarray)


def _digest(obj: Any) -> str:
    return hashlib.sha256(pickle.dumps(obj, protocol=5)).hexdigest()


def fingerprint(value: Any, depth: int = 0) -> Any:
    """Content of a value, comparable with ``==`` (objects by identity below containers)."""
    if isinstance(value, str | bytes | int | float | bool | type(None)):
        return value
    if isinstance(value, pd.DataFrame | pd.Series):
        try:
            hashed = pd.util.hash_pandas_object(value, index=True).to_numpy()
            content = hashlib.sha256(hashed.tobytes()).hexdigest()
        except TypeError:  # unhashable cells (geometry, lists)
            content = _digest(value)
        names = list(value.columns) if isinstance(value, pd.DataFrame) else value.name
        return ("pandas", value.shape, repr(names), content)
    if isinstance(value, np.ndarray):
        return ("ndarray", value.shape, str(value.dtype), _digest(value))
    if depth > 6:
        return ("deep", type(value).__name__, id(value))
    if isinstance(value, dict | MappingProxyType):
        return (
            "map",
            tuple(sorted((repr(k), fingerprint(v, depth + 1)) for k, v in value.items())),
        )
    if isinstance(value, list | tuple):
        return ("seq", type(value).__name__, tuple(fingerprint(v, depth + 1) for v in value))
    if isinstance(value, set | frozenset | bytearray):
        return ("set", type(value).__name__, tuple(sorted(map(repr, value))))
    return ("object", type(value).__name__, id(value))


def _module_state() -> dict[str, tuple[int, Any]]:
    state: dict[str, tuple[int, Any]] = {}
    for info in pkgutil.iter_modules(layouts.__path__):
        module = importlib.import_module(f"layouts.{info.name}")
        for name, value in vars(module).items():
            if not name.startswith("__") and isinstance(value, MUTABLE):
                state[f"layouts.{info.name}.{name}"] = (id(value), fingerprint(value))
    return state


def _data_state(data: Any) -> dict[str, tuple[int, Any]]:
    """The prepared data every session shares (read-only by design)."""
    parts = {
        f"AppData.{f.name}": getattr(data, f.name)
        for f in dataclasses.fields(data)
        if isinstance(getattr(data, f.name), (*MUTABLE, tuple))
    }
    parts["AppData.baseline.scores"] = data.baseline.scores
    parts["AppData.baseline.raw"] = data.baseline.raw
    parts["AppData.atlas.indicators"] = data.atlas.indicators
    parts["AppData.atlas.catalogue"] = data.atlas.catalogue
    default = data.result(None)
    parts["result(None).scores"] = default.scores
    parts["result(None).normalised"] = default.normalised
    state = {k: (id(v), fingerprint(v)) for k, v in parts.items()}
    districts = data.atlas.districts  # derived views: compared by content only
    state["AppData.atlas.districts"] = (id(districts), None)
    state["AppData.atlas.districts[attributes]"] = (
        0,
        fingerprint(districts.drop(columns="geometry")),
    )
    state["AppData.atlas.districts[geometry]"] = (0, fingerprint(districts.geometry.to_wkb()))
    return state


def _fire_every_callback(client, user: User) -> list[int]:
    """POST each server-side callback, in each view, with values from the rendered page."""
    statuses = []
    views = ("map", "compare", "types", "uncertainty", "export")
    for dep in user.deps:
        if dep.get("clientside_function"):
            continue
        for view in views:
            values = {**user.values, f"{ids.VIEW}.value": view}
            for spec in dep["inputs"]:
                if spec["property"] == "n_clicks":
                    values[f"{spec['id']}.n_clicks"] = 1
            trigger = dep["inputs"][0]
            changed = [f"{trigger['id']}.{trigger['property']}"]
            if trigger["id"].startswith("{"):
                changed = [f"{json.dumps({'code': user.domains[0], 'type': ids.DOMAIN_WEIGHT})}"]
            body = request_body(dep, values, changed)
            response = client.post(UPDATE, data=json.dumps(body), content_type="application/json")
            statuses.append(response.status_code)
            assert response.status_code in (200, 204), (dep["output"], view, response.data[:300])
    return statuses


def _user(client, seed: int) -> User:
    def get(path: str) -> Any:
        response = client.get(path)
        assert response.status_code == 200, path
        return response.get_json() if response.is_json else response.data

    def post(path: str, body: dict) -> tuple[int, Any]:
        response = client.post(path, data=json.dumps(body), content_type="application/json")
        return response.status_code, response.get_json() if response.status_code == 200 else None

    return User(get, post, random.Random(seed))


def test_fingerprint_sees_a_mutation():
    value = {"a": [1, 2], "frame": pd.DataFrame({"x": [1.0, 2.0]})}
    before = fingerprint(value)
    value["frame"].iloc[0, 0] = 5.0
    assert fingerprint(value) != before
    value = {"a": [1, 2]}
    before = fingerprint(value)
    value["a"].append(3)
    assert fingerprint(value) != before


def test_callbacks_leave_module_state_and_shared_data_unchanged(dash_app, app_data):
    client = dash_app.server.test_client()
    user = _user(client, seed=3)
    user.load("?lang=en&w=labour:2.5")  # page load first: the memo of the default exists
    before_modules, before_data = _module_state(), _data_state(app_data)
    # the check sees real state: translation tables, configs, the data layer's holders
    assert len(before_modules) >= 8
    assert {"layouts.map_view.GRAPH_CONFIG", "layouts.weights.PRESETS"} <= before_modules.keys()
    assert any(k.startswith("layouts.data.") for k in before_modules)

    user.session(posts=10)
    for _ in range(2):
        user.change_weights()
    user.select_district(app_data.ags[7])
    statuses = _fire_every_callback(client, user)
    assert statuses.count(200) >= 15
    assert user.errors == 0

    after_modules, after_data = _module_state(), _data_state(app_data)
    assert after_modules.keys() == before_modules.keys()
    changed = [k for k in before_modules if before_modules[k] != after_modules[k]]
    assert changed == [], f"module state changed by callbacks: {changed}"
    changed = [k for k in before_data if before_data[k] != after_data[k]]
    assert changed == [], f"shared app data changed by callbacks: {changed}"


WEIGHT_SETS = {
    "A": [
        {"labour": 3.0, "prosperity": 0.25, "housing": 0.25},
        {"labour": 2.5, "prosperity": 0.5, "housing": 0.25},
    ],
    "B": [
        {"labour": 0.25, "social": 3.0, "integration": 2.0},
        {"labour": 0.5, "social": 2.75, "integration": 2.0},
    ],
}


def _full(framework: Any, domains: dict[str, float]) -> dict[str, dict[str, float]]:
    return {
        "domains": {d.code: domains.get(d.code, 1.0) for d in framework.domains},
        "indicators": {i.code: 1.0 for i in framework.indicators},
        "directions": default_weights(framework)["directions"],
    }


def _expected_composite(app_data: Any, weights: dict[str, dict[str, float]]) -> pd.Series:
    spec = dataclasses.replace(
        potentials.ScoringSpec(app_data.framework),
        domain_weights=weights["domains"],
        indicator_weights=weights["indicators"],
        mc_draws=0,
    )
    return potentials.run(app_data.atlas, spec).scores["composite"]


@pytest.mark.slow
def test_two_concurrent_sessions_each_see_only_their_own_weights(dash_app, app_data):
    fw = app_data.framework
    order = list(app_data.ags)
    expected = {
        (name, i): _expected_composite(app_data, _full(fw, w))
        for name, sets in WEIGHT_SETS.items()
        for i, w in enumerate(sets)
    }
    # the weight sets really give different maps and profile values
    assert not np.allclose(expected["A", 0].reindex(order), expected["B", 0].reindex(order))
    # a district whose shown composite differs under all four settings
    district = next(
        a
        for a in order
        if len({fmt_number(e[a], "de") for e in expected.values()}) == len(expected)
    )

    rounds = 12
    barrier = threading.Barrier(2)
    failures: list[str] = []
    checked = {"A": 0, "B": 0}

    def run(name: str) -> None:
        try:
            user = _user(dash_app.server.test_client(), seed=ord(name))
            user.load()
            user.select_district(district)
            barrier.wait(timeout=60)
            for r in range(rounds):
                i = r % 2
                weights = _full(fw, WEIGHT_SETS[name][i])
                user.change_weights(weights)
                want = expected[name, i].reindex(order)
                store = user.last["weights"][ids.SLIDER_WEIGHTS]["data"]
                if store != weights:
                    failures.append(f"{name}{r}: weights store {store}")
                ops = user.last["map"][ids.MAP]["figure"]["operations"]
                z = next(op["params"]["value"] for op in ops if op["location"] == ["data", 0, "z"])
                ok = want.notna().to_numpy()
                if not np.allclose(np.asarray(z, dtype=float)[ok], want.to_numpy()[ok].round(3)):
                    failures.append(f"{name}{r}: map values of another weight setting")
                profile = json.dumps(user.last["profile"][ids.PROFILE]["children"])
                shown = fmt_number(want[district], "de")
                if f'"{shown}"' not in profile:
                    failures.append(f"{name}{r}: profile does not show composite {shown}")
                checked[name] += 1
        except Exception as exc:  # reported below
            failures.append(f"{name}: {exc!r}")

    threads = [threading.Thread(target=run, args=(n,)) for n in WEIGHT_SETS]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert failures == []
    assert checked == {"A": rounds, "B": rounds}


def test_split_outputs_handles_duplicates_and_patterns():
    out = '..state-store.data@ab12...{"code":["ALL"],"type":"domain-weight"}.value..'
    assert split_outputs(out) == [
        ("state-store", "data@ab12"),
        ('{"code":["ALL"],"type":"domain-weight"}', "value"),
    ]
    assert split_outputs("profile-panel.children") == [("profile-panel", "children")]
