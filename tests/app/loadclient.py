"""A scripted dashboard user speaking Dash's HTTP protocol (no browser).

Request bodies are built from ``/_dash-dependencies`` and the rendered page, as the
Dash renderer builds them, so they stay correct when component ids or callback
signatures change. Transport-agnostic: give it ``get(path) -> json`` and
``post(path, body) -> (status, json)`` callables (Flask test client in tests, HTTP in
``benchmarks/bench_load.py``).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from layouts import ids

UPDATE = "/_dash-update-component"
Get = Callable[[str], Any]
Post = Callable[[str, dict[str, Any]], tuple[int, Any]]


def split_outputs(output: str) -> list[tuple[str, str]]:
    """``(id, property)`` of each output of a dependency's ``output`` string.

    Handles multi-output strings (``..a.b...c.d..``), ``@hash`` suffixes of
    ``allow_duplicate`` outputs (kept in the property, as the renderer sends them) and
    pattern-matching ids (JSON, containing dots only inside the id).
    """
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    out = []
    for part in parts:
        cid, _, prop = part.rpartition(".")
        out.append((cid, prop))
    return out


def find_callback(deps: list[dict[str, Any]], output: str, trigger: str | None = None) -> dict:
    """The dependency writing ``output`` (``id.prop``), optionally with input ``trigger``."""
    for dep in deps:
        outs = {f"{cid}.{prop.split('@')[0]}" for cid, prop in split_outputs(dep["output"])}
        ins = {f"{s['id']}.{s['property']}" for s in dep["inputs"]}
        if output in outs and (trigger is None or trigger in ins):
            return dep
    raise LookupError(f"no callback writes {output} (trigger {trigger})")


def _wildcard(cid: str) -> dict[str, Any] | None:
    if not cid.startswith("{"):
        return None
    return json.loads(cid)


def _concrete(pattern: dict[str, Any], code: str) -> dict[str, Any]:
    return {k: (code if isinstance(v, list) else v) for k, v in pattern.items()}


def request_body(dep: dict, values: dict[str, Any], changed: list[str]) -> dict[str, Any]:
    """The ``/_dash-update-component`` body for ``dep``.

    ``values`` maps ``"id.property"`` to the browser's value; for an ``ALL`` pattern
    id the key is ``"<type>.property"`` and the value a ``{code: value}`` mapping.
    """

    def items(specs: list[dict[str, Any]]) -> list[Any]:
        out: list[Any] = []
        for s in specs:
            pattern = _wildcard(s["id"])
            if pattern is None:
                out.append(
                    {
                        "id": s["id"],
                        "property": s["property"],
                        "value": values.get(f"{s['id']}.{s['property']}"),
                    }
                )
            else:
                given = values.get(f"{pattern['type']}.{s['property']}") or {}
                out.append(
                    [
                        {"id": _concrete(pattern, c), "property": s["property"], "value": v}
                        for c, v in given.items()
                    ]
                )
        return out

    outputs: list[Any] = []
    for cid, prop in split_outputs(dep["output"]):
        pattern = _wildcard(cid)
        if pattern is None:
            outputs.append({"id": cid, "property": prop})
        else:
            codes = values.get(f"{pattern['type']}.{prop.split('@')[0]}") or {}
            outputs.append([{"id": _concrete(pattern, c), "property": prop} for c in codes])
    multi = dep["output"].startswith("..")
    return {
        "output": dep["output"],
        "outputs": outputs if multi else outputs[0],
        "inputs": items(dep["inputs"]),
        "state": items(dep["state"]),
        "changedPropIds": changed,
    }


def walk(tree: Any) -> Iterator[dict[str, Any]]:
    """Every component (``{"props", "type", "namespace"}``) of a serialised tree."""
    if isinstance(tree, list):
        for node in tree:
            yield from walk(node)
    elif isinstance(tree, dict):
        if "props" in tree and "type" in tree:
            yield tree
            for value in tree["props"].values():
                yield from walk(value)
        else:
            for value in tree.values():
                yield from walk(value)


@dataclass
class User:
    """One simulated browser session: its own weights, district and stores.

    Attributes
    ----------
    get, post
        Transport callables (see module docstring).
    rng
        Random source of this user's choices.
    timings
        ``(label, seconds)`` of every callback POST after the page load.
    last
        The latest callback response by label (``weights``, ``map``, ``profile``, …).
    """

    get: Get
    post: Post
    rng: random.Random
    timings: list[tuple[str, float]] = field(default_factory=list)
    errors: int = 0
    deps: list[dict[str, Any]] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    last: dict[str, Any] = field(default_factory=dict)

    # -- page load -------------------------------------------------------------------
    def load(self, search: str = "") -> None:
        """Index, layout, dependencies and the first render (``url.search`` → body)."""
        self.get("/")
        self.get("/_dash-layout")
        self.deps = self.get("/_dash-dependencies")
        self.values = {f"{ids.URL}.search": search, f"{ids.LANG}.value": "de"}
        render = find_callback(self.deps, f"{ids.BODY}.children")
        status, payload = self.post(
            UPDATE, request_body(render, self.values, [f"{ids.URL}.search"])
        )
        if status != 200:
            raise RuntimeError(f"first render failed with {status}")
        response = payload["response"]
        state = response[ids.STATE]["data"]
        self.values[f"{ids.STATE}.data"] = state
        for node in walk(response[ids.BODY]["children"]):
            props, cid = node["props"], node["props"].get("id")
            if cid == ids.DISTRICT:
                self.districts = [o["value"] for o in props["options"]]
            elif isinstance(cid, dict) and cid.get("type") == ids.DOMAIN_WEIGHT:
                self.domains.append(cid["code"])
            elif isinstance(cid, dict) and cid.get("type") == ids.INDICATOR_WEIGHT:
                self.indicators.append(cid["code"])
            elif isinstance(cid, str) and "value" in props:
                self.values[f"{cid}.value"] = props["value"]
            elif isinstance(cid, str) and "data" in props:
                self.values[f"{cid}.data"] = props["data"]
        self.values[f"{ids.DISTRICT}.value"] = state.get("district")
        self.values[f"{ids.COMPARE_SELECT}.value"] = list(state.get("compare") or [])

    # -- interactions ----------------------------------------------------------------
    def _call(self, label: str, output: str, trigger: str) -> dict[str, Any] | None:
        dep = find_callback(self.deps, output, trigger)
        body = request_body(dep, self.values, [trigger])
        start = time.perf_counter()
        status, payload = self.post(UPDATE, body)
        self.timings.append((label, time.perf_counter() - start))
        if status not in (200, 204):
            self.errors += 1
            return None
        self.last[label] = (payload or {}).get("response", {})
        return self.last[label]

    def random_weights(self) -> dict[str, dict[str, float]]:
        """Slider positions: domain weights on the 0.05 grid in [0.25, 3]."""
        return {
            "domains": {d: round(self.rng.randrange(5, 61) * 0.05, 2) for d in self.domains},
            "indicators": dict.fromkeys(self.indicators, 1.0),
        }

    def change_weights(self, weights: dict[str, dict[str, float]] | None = None) -> int:
        """Move the sliders: sliders → store and map, then its intervals and the profile.

        Returns the number of POSTs made.
        """
        weights = weights or self.random_weights()
        self.values[f"{ids.DOMAIN_WEIGHT}.value"] = weights["domains"]
        self.values[f"{ids.INDICATOR_WEIGHT}.value"] = weights["indicators"]
        slider = json.dumps({"code": ["ALL"], "type": ids.DOMAIN_WEIGHT}, separators=(",", ":"))
        response = self._call("weights", f"{ids.SLIDER_WEIGHTS}.data", f"{slider}.value")
        if response:
            self._keep(response, (ids.CLASSES, "data"))
            # the browser copies the sliders' weights to the weights store after painting
            for value in (response.get(ids.SLIDER_WEIGHTS) or {}).values():
                self.values[f"{ids.WEIGHTS}.data"] = value
            self._keep(response, (ids.MAP_WRAP, "className"))
            if ids.MAP in response:
                self.last["map"] = response
        # the same map with its rank intervals (sent while the frame is marked stale)
        response = self._call("intervals", f"{ids.MAP}.figure", f"{ids.WEIGHTS}.data")
        if response and ids.MAP in response:
            self.last["map"] = response
            self._keep(response, (ids.MAP_WRAP, "className"))
        self._call("profile", f"{ids.PROFILE}.children", f"{ids.WEIGHTS}.data")
        return 3

    def _keep(self, response: dict[str, Any], *outputs: tuple[str, str]) -> None:
        """Remember the browser's new values of ``outputs`` from a callback response."""
        for cid, prop in outputs:
            for key, value in (response.get(cid) or {}).items():
                if key.split("@")[0] == prop:
                    self.values[f"{cid}.{prop}"] = value

    def select_district(self, ags: str | None = None) -> int:
        """Pick a district in the search field: profile and URL state. POSTs made."""
        self.values[f"{ids.DISTRICT}.value"] = ags or self.rng.choice(self.districts)
        self._call("profile", f"{ids.PROFILE}.children", f"{ids.DISTRICT}.value")
        response = self._call("state", f"{ids.STATE}.data", f"{ids.DISTRICT}.value")
        if response and ids.STATE in response:
            self.values[f"{ids.STATE}.data"] = response[ids.STATE]["data"]
        return 2

    def session(self, posts: int = 10, *, think: tuple[float, float] = (0.0, 0.0)) -> None:
        """Load the page, then alternate weight changes and district selections.

        ``think`` is the range of the pause (seconds, uniform) before each action, the
        time a person takes to look at the result; the POSTs one action triggers follow
        each other without a pause, as in the browser.
        """
        self.load()
        done = 0
        while done < posts:
            if think[1] > 0:
                time.sleep(self.rng.uniform(*think))
            done += self.change_weights() if done % 5 == 0 else self.select_district()
