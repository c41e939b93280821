"""Crafted callback values get a message or a fallback, never a 500 (SYNTHETIC atlas).

Every server-side callback is posted to ``/_dash-update-component`` as the Dash renderer
would, with one input or state replaced by a value no control produces: text where a
number belongs, a number where a method name belongs, a dict where a district key
belongs, 4000-digit numbers, a hand-edited store.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from loadclient import UPDATE, User, request_body

from layouts import ids

HUGE = 10**4000
CRAFTED: tuple[Any, ...] = (
    "abc",
    12345,
    {"ags": "09162"},
    [1, "x", None],
    HUGE,
    -HUGE,
    "9" * 4000,
    1e308,
    -1,
    True,
    None,
    # a hand-edited store: right shape, a domain and values the app does not know
    {
        "filename": "x.csv",
        "columns": ["K"],
        "values": {"K": {"90001": 1.0, "90002": 2.0}},
        "specs": [{"column": "K", "domain": "nope", "direction": 1, "weight": 1.0}],
    },
    {"domains": {"labour": "viel"}, "indicators": []},
)


def _user(client) -> User:
    def get(path: str) -> Any:
        response = client.get(path)
        assert response.status_code == 200, path
        return response.get_json() if response.is_json else response.data

    def post(path: str, body: dict) -> tuple[int, Any]:
        response = client.post(path, data=json.dumps(body), content_type="application/json")
        return response.status_code, response.get_json() if response.status_code == 200 else None

    return User(get, post, random.Random(5))


@pytest.fixture(scope="module")
def page(dash_app):
    client = dash_app.server.test_client()
    user = _user(client)
    user.load("?lang=de")
    return client, user


def _slots(dep: dict) -> list[str]:
    keys = []
    for spec in dep["inputs"] + dep["state"]:
        if spec["id"].startswith("{"):
            keys.append(f"{json.loads(spec['id'])['type']}.{spec['property']}")
        else:
            keys.append(f"{spec['id']}.{spec['property']}")
    return keys


def _post(client, user: User, dep: dict, key: str, value: Any) -> tuple[int, bytes]:
    values = dict(user.values)
    for spec in dep["inputs"]:
        if spec["property"] == "n_clicks":
            values[f"{spec['id']}.n_clicks"] = 1
    values[f"{ids.DOMAIN_WEIGHT}.value"] = dict.fromkeys(user.domains, 1.0)
    values[f"{ids.INDICATOR_WEIGHT}.value"] = dict.fromkeys(user.indicators, 1.0)
    patterns = {
        f"{json.loads(spec['id'])['type']}.{spec['property']}"
        for spec in dep["inputs"] + dep["state"]
        if spec["id"].startswith("{")
    }
    if key in patterns:  # every control of the pattern gets the crafted value
        codes = values.get(key) or {"0": None}
        values[key] = dict.fromkeys(codes, value)
    else:
        values[key] = value
    trigger = dep["inputs"][0]
    changed = [f"{trigger['id']}.{trigger['property']}"]
    body = request_body(dep, values, changed)
    response = client.post(UPDATE, data=json.dumps(body), content_type="application/json")
    return response.status_code, response.data


def test_no_crafted_value_gives_a_server_error(page):
    client, user = page
    failures = []
    for dep in user.deps:
        if dep.get("clientside_function"):
            continue
        for key in _slots(dep):
            for value in CRAFTED:
                status, data = _post(client, user, dep, key, value)
                if status not in (200, 204) or b"Traceback" in data:
                    shown = repr(value)[:30]
                    failures.append(f"{dep['output'][:60]} {key}={shown}: {status}")
    assert failures == [], "\n".join(failures)


def test_crafted_class_count_and_method_fall_back_to_the_defaults(page):
    from layouts.colours import DEFAULT_K

    client, user = page
    dep = next(
        d
        for d in user.deps
        if f"{ids.CLASSES}.data" in d["output"] and any(i["id"] == ids.CLASS_K for i in d["inputs"])
    )
    for key, value in ((f"{ids.CLASS_K}.value", "abc"), (f"{ids.CLASS_METHOD}.value", 7)):
        status, data = _post(client, user, dep, key, value)
        assert status == 200
        response = json.loads(data)["response"]
        classes = next(v for k, v in response[ids.CLASSES].items() if k.startswith("data"))
        assert max(classes) + 1 == DEFAULT_K  # quantiles (the default) in 5 classes


def test_inputs_checks_return_the_expected_types():
    from layouts import inputs

    assert inputs.number(HUGE) is None and inputs.number("1,5") is None
    assert inputs.number("2.5") == 2.5 and inputs.number(True) is None
    assert inputs.class_count("abc") == 5 and inputs.class_count(4) == 4
    assert inputs.method(3) == "quantiles" and inputs.method("fisher_jenks") == "fisher_jenks"
    assert inputs.district({"ags": "09162"}) is None and inputs.district("09162") == "09162"
    assert inputs.districts(["09162", 5, "x"]) == ["09162"]
    assert inputs.weights_store("abc") is None
    assert inputs.weights_store({"domains": {"labour": "2", "x": HUGE}}) == {
        "domains": {"labour": 2.0},
        "indicators": {},
        "directions": {},
    }
    # the favourable directions a user reversed survive the check; anything else is dropped
    crafted = {"directions": {"foreigners_share": -1, "a": 2, "b": True, "c": "-1", 5: 1}}
    assert inputs.weights_store(crafted)["directions"] == {"foreigners_share": -1, "c": -1}
    assert inputs.user_store(CRAFTED[-2])["specs"][0]["domain"] == "nope"  # shape only
    assert inputs.user_store({**CRAFTED[-2], "values": {"K": {"90001": HUGE}}}) is None
