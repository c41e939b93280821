"""Thin adapter between the dashboard's small JSON state and the scoring engine.

The dashboard keeps weights as a JSON-friendly :class:`WeightSetting`
``{"domains": {code: w}, "indicators": {code: w}}``; this module checks it with the
engine's rule (:func:`potentials.spec.check_weight`, shares of the total), turns it
into a :class:`potentials.ScoringSpec`, and runs the engine *with* the Monte Carlo
for exactly those weights, memoised by the (immutable) setting, so every rank the
dashboard shows comes with its own interval. The memo holds pure function values,
never user state.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import replace
from typing import Any, TypedDict, TypeVar

import pandas as pd

import potentials
from potentials import Framework, Result, ScoringSpec, WeightError
from potentials.errors import UnknownCodeError
from potentials.weighting import resolve_weights

COMPOSITE = "composite"
DOMAIN_PREFIX = "domain_"
#: Monte-Carlo evaluations of every live run (6 blocks of 167 rows, Saltelli design).
LIVE_MC_DRAWS = 1002
#: Seed of the live Monte Carlo: the same weights always give the same interval.
MC_SEED = 0


#: Indicators whose favourable direction is a documented value choice a user may
#: reverse: a higher foreigners share counts as experience with immigration (the
#: framework's reading); reversed, it counts as integration need (Thünen WP 59, 2016).
REVERSIBLE = ("foreigners_share", "bev_ausl")


class WeightSetting(TypedDict):
    """The user's scoring choices of one page view.

    ``domains`` and ``indicators`` hold relative weights by code; ``directions`` the
    favourable direction (+1/-1) of the :data:`REVERSIBLE` indicators of the framework.
    """

    domains: dict[str, float]
    indicators: dict[str, float]
    directions: dict[str, int]


WeightKey = tuple[
    tuple[tuple[str, float], ...], tuple[tuple[str, float], ...], tuple[tuple[str, int], ...]
]


def default_weights(framework: Framework) -> WeightSetting:
    """Return the framework's own domain and indicator weights."""
    return {
        "domains": {d.code: float(d.weight) for d in framework.domains},
        "indicators": {i.code: float(i.weight) for i in framework.indicators},
        "directions": {i.code: int(i.direction) for i in reversible(framework)},
    }


def reversible(framework: Framework) -> list[Any]:
    """Return the framework's indicators whose direction a user may reverse."""
    return [i for i in framework.indicators if i.code in REVERSIBLE]


def with_directions(framework: Framework, directions: Mapping[str, int]) -> Framework:
    """Return the framework with these favourable directions (other indicators unchanged)."""
    changed = tuple(
        replace(i, direction=int(directions[i.code]))
        if i.code in directions and int(directions[i.code]) != i.direction
        else i
        for i in framework.indicators
    )
    return framework if changed == framework.indicators else replace(framework, indicators=changed)


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def parse_weights(framework: Framework, weights: Mapping[str, Any] | None) -> WeightSetting:
    """Read user weights against the framework (unchecked; see :func:`check_weights`).

    Unknown codes are dropped and missing codes take the framework's weight, so a
    shared URL from an older framework still opens; a value that is no number
    becomes NaN (and fails the check).
    """
    base = default_weights(framework)
    given: Mapping[str, Any] = weights or {}

    def read(part: str, defaults: dict[str, float]) -> dict[str, float]:
        values = given.get(part) or {}
        if not isinstance(values, Mapping):
            values = {}
        return {code: _number(values.get(code, default)) for code, default in defaults.items()}

    given_dirs = given.get("directions") or {}
    if not isinstance(given_dirs, Mapping):
        given_dirs = {}
    directions = {
        code: (-1 if str(given_dirs.get(code, default)) in ("-1", "-1.0") else 1)
        for code, default in base["directions"].items()
    }
    return {
        "domains": read("domains", base["domains"]),
        "indicators": read("indicators", base["indicators"]),
        "directions": directions,
    }


def spec_for(framework: Framework, weights: WeightSetting, **options: Any) -> ScoringSpec:
    """Build the engine specification for ``weights`` (zero-weight entries are kept as zero).

    Raises
    ------
    potentials.WeightError
        If a weight is out of bounds (:func:`potentials.spec.check_weight`).
    """
    framework = with_directions(framework, weights.get("directions") or {})
    spec = ScoringSpec(framework)
    base = default_weights(framework)
    changes: dict[str, Any] = dict(options)
    if weights["domains"] != base["domains"]:
        changes["domain_weights"] = dict(weights["domains"])
    if weights["indicators"] != base["indicators"]:
        changes["indicator_weights"] = dict(weights["indicators"])
    return replace(spec, **changes) if changes else spec


def check_weights(framework: Framework, weights: Mapping[str, Any] | None) -> WeightSetting:
    """Return the parsed weights if the engine can score them, else raise saying why.

    Raises
    ------
    potentials.WeightError
        With the engine's ``reason``: a weight out of bounds, or no positive weight
        left (all domains zero, or every weighted domain's indicators zero).
    """
    setting = parse_weights(framework, weights)
    resolve_weights(framework, spec_for(framework, setting))
    return setting


def weights_problem(framework: Framework, weights: Mapping[str, Any] | None) -> WeightError | None:
    """Return why ``weights`` cannot be scored, or None if they can."""
    try:
        check_weights(framework, weights)
    except WeightError as err:
        return err
    return None


def clean_weights(framework: Framework, weights: Mapping[str, Any] | None) -> WeightSetting:
    """Return checked weights, or the framework's weights if these cannot be scored."""
    try:
        return check_weights(framework, weights)
    except WeightError:
        return default_weights(framework)


def weight_key(weights: WeightSetting) -> WeightKey:
    """Hashable form of parsed weights."""
    return (
        tuple(sorted(weights["domains"].items())),
        tuple(sorted(weights["indicators"].items())),
        tuple(sorted((weights.get("directions") or {}).items())),
    )


T = TypeVar("T")


class BoundedMemo:
    """A small per-process LRU that computes each key once, even when requests race.

    Parameters
    ----------
    size
        How many values to keep (the least recently used goes first).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._pending: dict[Hashable, threading.Lock] = {}

    def __len__(self) -> int:
        return len(self._items)

    def peek(self, key: Hashable) -> Any:
        """Return the value for ``key`` if it is held (None otherwise), computing nothing."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return the value for ``key``, computing it with ``compute`` if absent."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:
            with self._lock:
                if key in self._items:
                    return self._items[key]
            try:
                value = compute()
                with self._lock:
                    self._items[key] = value
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
            finally:
                with self._lock:
                    self._pending.pop(key, None)
        return value


class Scorer:
    """Runs the engine for one atlas and framework, memoising by weights.

    Every result carries the Monte-Carlo rank intervals for its own weights.

    Parameters
    ----------
    atlas
        The atlas shown by the app.
    framework
        The framework resolved against ``atlas``.
    mc_draws
        Monte-Carlo evaluations per weight setting (0: no intervals, tests only).
    cache_size
        How many weight settings to keep results for (per worker process).
    """

    def __init__(
        self,
        atlas: Any,
        framework: Framework,
        *,
        mc_draws: int = LIVE_MC_DRAWS,
        cache_size: int = 32,
    ) -> None:
        self.atlas = atlas
        self.framework = framework
        self.mc_draws = int(mc_draws)
        self.prepared = potentials.prepare(atlas, framework)
        self._variants: dict[tuple[tuple[str, int], ...], Any] = {}
        self._variant_lock = threading.Lock()
        self._memo = BoundedMemo(cache_size)
        self._points = BoundedMemo(cache_size)

    def prepared_for(self, framework: Framework) -> Any:
        """Return the atlas prepared for ``framework`` (the framework or a direction variant)."""
        if framework == self.framework:
            return self.prepared
        key = tuple((i.code, int(i.direction)) for i in reversible(framework))
        with self._variant_lock:
            if key not in self._variants:
                self._variants[key] = potentials.prepare(self.atlas, framework)
            return self._variants[key]

    def run(self, spec: ScoringSpec) -> Result:
        """Run the engine for an arbitrary specification (not memoised)."""
        return potentials.run(self.prepared_for(spec.framework), spec)

    def result(self, weights: Mapping[str, Any] | None) -> Result:
        """Return the engine result, with rank intervals, for ``weights``.

        Raises
        ------
        potentials.WeightError
            If the weights cannot be scored (see :func:`check_weights`).
        """
        setting = check_weights(self.framework, weights)

        def compute() -> Result:
            spec = spec_for(self.framework, setting, mc_draws=self.mc_draws, seed=MC_SEED)
            return self.run(spec)

        return self._memo.get(weight_key(setting), compute)

    def provisional(self, weights: Mapping[str, Any] | None) -> Result:
        """Return the result with intervals if it is at hand, else the scores alone at once.

        The scores, classes and ranks of the two are the same (the Monte Carlo adds
        only the intervals), so the map can be recoloured before the intervals are
        computed; :func:`draws_of` tells which one came back.

        Raises
        ------
        potentials.WeightError
            If the weights cannot be scored (see :func:`check_weights`).
        """
        setting = check_weights(self.framework, weights)
        key = weight_key(setting)
        held = self._memo.peek(key)
        if held is not None:
            return held
        return self._points.get(key, lambda: self.run(spec_for(self.framework, setting)))


def draws_of(result: Result) -> int:
    """Monte-Carlo evaluations behind a result's rank intervals (0 without)."""
    try:
        return int(result.metadata.get("mc_evaluations", 0))
    except ValueError:
        return 0


def measure_values(result: Result, measure: str) -> pd.Series:
    """Values of one measure by AGS: ``composite``, ``domain_<code>`` or an indicator code."""
    scores = result.scores
    if measure == COMPOSITE or measure.startswith(DOMAIN_PREFIX):
        if measure in scores.columns:
            return scores[measure].astype(float)
    raw = result.raw
    if measure in raw.columns:
        return raw[measure].astype(float).reindex(scores.index)
    raise UnknownCodeError(f"unknown measure {measure!r}")


def is_score(measure: str) -> bool:
    """Whether the measure is a (unitless) score rather than a raw indicator."""
    return measure == COMPOSITE or measure.startswith(DOMAIN_PREFIX)


def scores_frame(result: Result) -> pd.DataFrame:
    """Return the result's score table (indexed by AGS)."""
    return result.scores
