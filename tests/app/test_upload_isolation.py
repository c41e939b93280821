"""Two concurrent sessions with different uploads each see only their own indicator.

Both speak Dash's HTTP protocol (:mod:`loadclient`); the uploads are SYNTHETIC
columns computed from the AGS. Each response is checked against
:func:`potentials.run` on :func:`potentials.extra.with_user_indicators` with that
session's own upload.
"""

from __future__ import annotations

import base64
import json
import random
import threading
from typing import Any

import numpy as np
import pytest
from loadclient import User, find_callback, request_body

import potentials
from geodata.readers.user_table import read_uploaded_contents
from layouts import ids
from layouts.i18n import fmt_number
from potentials.extra import user_code, user_spec, with_user_indicators

SESSIONS = {
    "A": {"column": "Kurse A", "mod": 97, "domain": "labour", "direction": 1},
    "B": {"column": "Wohnraum B", "mod": 53, "domain": "housing", "direction": -1},
}


def value(name: str, ags: str) -> float:
    """SYNTHETIC value of session ``name``'s upload for a district."""
    return float(int(ags) % SESSIONS[name]["mod"]) + 0.25


def contents(name: str, order: list[str]) -> str:
    column = SESSIONS[name]["column"]
    rows = "\n".join(f"{a},{value(name, a)}" for a in order)
    return "data:text/csv;base64," + base64.b64encode(f"ags,{column}\n{rows}\n".encode()).decode()


def _user(client, seed: int) -> User:
    def get(path: str) -> Any:
        response = client.get(path)
        assert response.status_code == 200, path
        return response.get_json() if response.is_json else response.data

    def post(path: str, body: dict) -> tuple[int, Any]:
        response = client.post(path, data=json.dumps(body), content_type="application/json")
        return response.status_code, response.get_json() if response.status_code == 200 else None

    return User(get, post, random.Random(seed))


def _prop(response: dict, cid: str, prop: str) -> Any:
    """A response value whether or not its output carries an ``@hash`` (allow_duplicate)."""
    props = response[cid]
    return next(v for k, v in props.items() if k.split("@")[0] == prop)


def _post(user: User, output: str, trigger: str) -> dict:
    dep = find_callback(user.deps, output, trigger)
    status, payload = user.post(
        "/_dash-update-component", request_body(dep, user.values, [trigger])
    )
    assert status == 200, (output, trigger, status)
    return payload["response"]


def upload_and_apply(user: User, name: str, order: list[str]) -> dict:
    """Upload the session's file, fill the form and press apply (as the browser would)."""
    s = SESSIONS[name]
    user.values[f"{ids.UPLOAD}.contents"] = contents(name, order)
    user.values[f"{ids.UPLOAD}.filename"] = f"{name}.csv"
    response = _post(user, f"{ids.UPLOAD_PENDING}.data", f"{ids.UPLOAD}.contents")
    user.values[f"{ids.UPLOAD_PENDING}.data"] = _prop(response, ids.UPLOAD_PENDING, "data")
    user.values[f"{ids.UPLOAD_DOMAIN}.value"] = {0: s["domain"]}
    user.values[f"{ids.UPLOAD_DIRECTION}.value"] = {0: s["direction"]}
    user.values[f"{ids.UPLOAD_WEIGHT}.value"] = {0: 1}
    user.values[f"{ids.UPLOAD_APPLY}.n_clicks"] = 1
    response = _post(user, f"{ids.USER}.data", f"{ids.UPLOAD_APPLY}.n_clicks")
    user.values[f"{ids.USER}.data"] = _prop(response, ids.USER, "data")
    user.values[f"{ids.WEIGHTS}.data"] = _prop(response, ids.WEIGHTS, "data")
    return response


def _expected(app_data: Any, name: str) -> Any:
    s = SESSIONS[name]
    order = list(app_data.ags)
    table = read_uploaded_contents(
        contents(name, order), filename=f"{name}.csv", districts=app_data.atlas.districts
    )
    spec = user_spec(s["column"], domain=s["domain"], direction=s["direction"])
    atlas, fw = with_user_indicators(app_data.atlas, app_data.framework, table, [spec])
    return potentials.run(atlas, potentials.ScoringSpec(fw)).scores["composite"].reindex(order)


def _z(response: dict) -> np.ndarray:
    ops = _prop(response, ids.MAP, "figure")["operations"]
    z = next(op["params"]["value"] for op in ops if op["location"] == ["data", 0, "z"])
    return np.asarray(z, dtype=float)


@pytest.mark.slow
def test_two_concurrent_sessions_with_different_uploads_see_only_their_own(dash_app, app_data):
    order = list(app_data.ags)
    expected = {name: _expected(app_data, name) for name in SESSIONS}
    assert not np.allclose(expected["A"].fillna(0), expected["B"].fillna(0))
    district = order[123]
    rounds = 6
    barrier = threading.Barrier(2)
    failures: list[str] = []
    checked = dict.fromkeys(SESSIONS, 0)

    def run(name: str) -> None:
        other = next(n for n in SESSIONS if n != name)
        own_code, other_code = (user_code(SESSIONS[n]["column"]) for n in (name, other))
        try:
            user = _user(dash_app.server.test_client(), seed=ord(name))
            user.load()
            barrier.wait(timeout=60)
            for r in range(rounds):
                response = upload_and_apply(user, name, order)
                measures = {o["value"] for o in _prop(response, ids.MEASURE, "options")}
                if own_code not in measures or other_code in measures:
                    failures.append(f"{name}{r}: measures {sorted(measures)[-3:]}")
                # the composite on the map: own upload only
                user.values[f"{ids.MEASURE}.value"] = "composite"
                z = _z(_post(user, f"{ids.MAP}.figure", f"{ids.MEASURE}.value"))
                want = expected[name]
                ok = want.notna().to_numpy()
                if not np.allclose(z[ok], want.to_numpy()[ok].round(3)):
                    failures.append(f"{name}{r}: composite of another upload")
                # the own indicator drawn with the uploaded values
                user.values[f"{ids.MEASURE}.value"] = own_code
                z = _z(_post(user, f"{ids.MAP}.figure", f"{ids.MEASURE}.value"))
                if z[order.index(district)] != pytest.approx(value(name, district)):
                    failures.append(f"{name}{r}: map value {z[order.index(district)]}")
                # the profile: own indicator and composite, never the other's
                user.values[f"{ids.DISTRICT}.value"] = district
                profile = json.dumps(
                    _post(user, f"{ids.PROFILE}.children", f"{ids.DISTRICT}.value"),
                    ensure_ascii=False,
                )
                if SESSIONS[name]["column"] not in profile:
                    failures.append(f"{name}{r}: own indicator missing in the profile")
                if SESSIONS[other]["column"] in profile:
                    failures.append(f"{name}{r}: the other session's indicator in the profile")
                if f'"{fmt_number(want[district], "de")}"' not in profile:
                    failures.append(f"{name}{r}: profile composite")
                checked[name] += 1
        except Exception as exc:  # reported below
            failures.append(f"{name}: {exc!r}")

    threads = [threading.Thread(target=run, args=(n,)) for n in SESSIONS]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert failures == []
    assert checked == dict.fromkeys(SESSIONS, rounds)


def test_the_server_keeps_no_upload(dash_app, app_data):
    """After an upload, a fresh session sees the shared framework only."""
    order = list(app_data.ags)
    first = _user(dash_app.server.test_client(), seed=1)
    first.load()
    upload_and_apply(first, "A", order)
    fresh = _user(dash_app.server.test_client(), seed=2)
    fresh.load()
    code = user_code(SESSIONS["A"]["column"])
    assert code not in fresh.indicators
    fresh.values[f"{ids.MEASURE}.value"] = "composite"
    z = _z(_post(fresh, f"{ids.MAP}.figure", f"{ids.MEASURE}.value"))
    base = app_data.result(None).scores["composite"].reindex(order)
    ok = base.notna().to_numpy()
    assert np.allclose(z[ok], base.to_numpy()[ok].round(3))
