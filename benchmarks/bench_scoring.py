"""Scoring engine: one run (dashboard path), Monte Carlo, GeoPackage export.

Measured on the embedded atlas (``geodata.atlas.load_atlas``); if it is not built
yet, on a clearly labelled SYNTHETIC 400-district atlas (random numbers).
"""

from __future__ import annotations

import dataclasses
import functools
import sys
import tempfile
from pathlib import Path

from benchmarks._registry import stopwatch, suite


@functools.lru_cache(maxsize=1)
def _setup():
    from potentials import ScoringSpec, load_framework, prepare

    try:
        from geodata.atlas import load_atlas

        atlas = load_atlas(kind="embedded")
    except (ImportError, FileNotFoundError):
        from potentials.synthetic import synthetic_atlas

        print("bench_scoring: embedded atlas absent, using a SYNTHETIC atlas", file=sys.stderr)
        atlas = synthetic_atlas(400)
    framework = load_framework("thuenen2016", atlas=atlas)
    return atlas, prepare(atlas, framework), ScoringSpec(framework)


@suite({"score_400_s": ("s", 0.05), "score_400_cold_s": ("s", 0.25)}, repeat=15)
def bench_score():
    """``run`` on a prepared atlas (every weight change) and from the raw atlas."""
    from potentials import run

    atlas, prepared, spec = _setup()
    changed = dataclasses.replace(spec, domain_weights={"labour": 2.0, "access": 0.5})
    with stopwatch() as warm:
        run(prepared, changed)
    with stopwatch() as cold:
        run(atlas, spec)
    return {"score_400_s": warm[0], "score_400_cold_s": cold[0]}


@suite({"mc_10000_s": ("s", 2.0)}, repeat=3)
def bench_monte_carlo():
    """10,000 Monte Carlo evaluations over weights, normalisation, aggregation, missing data."""
    from potentials import run

    _, prepared, spec = _setup()
    with stopwatch() as t:
        run(prepared, dataclasses.replace(spec, mc_draws=10_000, seed=1))
    return {"mc_10000_s": t[0]}


@suite({"export_gpkg_s": ("s", 1.0)}, repeat=3)
def bench_export():
    """GeoPackage with districts, metadata, OGC metadata record and QGIS style."""
    from potentials import run
    from potentials.export import write_geopackage

    atlas, prepared, spec = _setup()
    result = run(prepared, dataclasses.replace(spec, mc_draws=600))
    with tempfile.TemporaryDirectory() as folder:
        with stopwatch() as t:
            write_geopackage(result, atlas, Path(folder) / "scored.gpkg")
    return {"export_gpkg_s": t[0]}


_live_calls = iter(range(1, 10**9))
_LIVE: dict = {}


@suite({"mc_live_1000_s": ("s", 0.1)}, repeat=9)
def bench_mc_live():
    """The dashboard's live run for a new weight setting: score + Monte Carlo (>= 1,000 draws).

    What a planner waits for after moving a slider (each repeat uses weights not seen
    before, so the memo never answers).
    """
    from layouts.engine import LIVE_MC_DRAWS, Scorer

    atlas, _, spec = _setup()
    if "scorer" not in _LIVE:
        _LIVE["scorer"] = Scorer(atlas, spec.framework, mc_draws=LIVE_MC_DRAWS)
    scorer = _LIVE["scorer"]
    step = next(_live_calls)
    weights = {"domains": {"labour": 1.0 + step / 100, "access": 0.5}}
    with stopwatch() as t:
        result = scorer.result(weights)
    assert int(result.metadata["mc_evaluations"]) >= 1000
    return {"mc_live_1000_s": t[0]}
