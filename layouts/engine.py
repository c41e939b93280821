"""Thin adapter between the dashboard's small JSON state and the scoring engine.

The dashboard keeps weights as a JSON-friendly mapping
``{"domains": {code: w}, "indicators": {code: w}}``; this module turns it into a
:class:`potentials.ScoringSpec`, runs the engine and memoises results by the
(immutable) weights, so callbacks of one page view share one run. The cache holds
pure function values, not user state.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

import potentials
from potentials.errors import UnknownCodeError

Weights = dict[str, dict[str, float]]
WeightKey = tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]

COMPOSITE = "composite"
DOMAIN_PREFIX = "domain_"


def default_weights(framework: Any) -> Weights:
    """Return the framework's own domain and indicator weights."""
    return {
        "domains": {d.code: float(d.weight) for d in framework.domains},
        "indicators": {i.code: float(i.weight) for i in framework.indicators},
    }


def clean_weights(framework: Any, weights: Mapping[str, Any] | None) -> Weights:
    """Validate user weights against the framework: known codes, finite, ≥ 0, rounded.

    Unknown codes are dropped and missing codes take the framework's weight, so a
    shared URL from an older framework still opens.
    """
    base = default_weights(framework)
    weights = weights or {}
    out: Weights = {}
    for part in ("domains", "indicators"):
        given = weights.get(part) or {}
        out[part] = {}
        for code, default in base[part].items():
            try:
                value = float(given.get(code, default))
            except (TypeError, ValueError):
                value = default
            if not math.isfinite(value) or value < 0:
                value = default
            out[part][code] = round(value, 3)
    return out


def preset_weights(framework: Any, preset: str) -> Weights:
    """Explicit weights of a preset: ``framework``, ``equal_domains`` or ``equal_indicators``.

    ``equal_domains`` gives every domain the same share (indicators equal within it);
    ``equal_indicators`` gives every indicator the same share of the composite, so a
    domain weighs as many indicators as it has. (PCA weights come from the engine, see
    :meth:`Scorer.pca_weights`.)
    """
    if preset == "equal_domains":
        return {
            "domains": {d.code: 1.0 for d in framework.domains},
            "indicators": {i.code: 1.0 for i in framework.indicators},
        }
    if preset == "equal_indicators":
        return {
            "domains": {
                d.code: float(len(framework.indicators_of(d.code))) for d in framework.domains
            },
            "indicators": {i.code: 1.0 for i in framework.indicators},
        }
    return default_weights(framework)


def weight_key(weights: Weights) -> WeightKey:
    """Hashable form of cleaned weights."""
    return (
        tuple(sorted(weights["domains"].items())),
        tuple(sorted(weights["indicators"].items())),
    )


def spec_for(framework: Any, weights: Weights, **options: Any) -> Any:
    """Build the engine specification for ``weights`` (zero-weight entries are kept as zero)."""
    spec = potentials.ScoringSpec(framework)
    base = default_weights(framework)
    changes: dict[str, Any] = dict(options)
    if weights["domains"] != base["domains"]:
        changes["domain_weights"] = dict(weights["domains"])
    if weights["indicators"] != base["indicators"]:
        changes["indicator_weights"] = dict(weights["indicators"])
    return replace(spec, **changes) if changes else spec


class Scorer:
    """Runs the engine for one atlas and framework, memoising by weights.

    Parameters
    ----------
    atlas
        The atlas shown by the app.
    framework
        The framework resolved against ``atlas``.
    cache_size
        How many weight settings to keep results for.
    """

    def __init__(self, atlas: Any, framework: Any, *, cache_size: int = 16) -> None:
        self.atlas = atlas
        self.framework = framework
        self.prepared = potentials.prepare(atlas, framework)
        self._run = functools.lru_cache(maxsize=cache_size)(self._run_uncached)

    def _run_uncached(self, key: WeightKey, mc_draws: int) -> Any:
        weights = {"domains": dict(key[0]), "indicators": dict(key[1])}
        spec = spec_for(self.framework, weights, mc_draws=mc_draws)
        return potentials.run(self.prepared, spec)

    def run(self, spec: Any) -> Any:
        """Run the engine for an arbitrary specification (not memoised)."""
        return potentials.run(self.prepared, spec)

    def result(self, weights: Mapping[str, Any] | None, *, mc_draws: int = 0) -> Any:
        """Return the engine result for (cleaned) ``weights``."""
        clean = clean_weights(self.framework, weights)
        return self._run(weight_key(clean), mc_draws)


def measure_values(result: Any, measure: str) -> pd.Series:
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


def scores_frame(result: Any) -> pd.DataFrame:
    """Return the result's score table (indexed by AGS)."""
    return result.scores
