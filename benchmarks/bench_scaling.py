"""How the cost grows with the number of units, on SYNTHETIC atlases of 400 to 11,000 units.

400 is the districts, about 4,600 the municipal associations (Gemeindeverbände) and
about 11,000 the municipalities: the sizes of a municipal atlas. The atlases are
:func:`potentials.synthetic.synthetic_atlas` (random indicator values, square
polygons over Germany's bounding box, keys from 90001, labelled synthetic); they say
nothing about real places, only about the work per unit.

Figures, for ``n`` in 400, 4600 and 11000:

``score_<n>_s`` (``score_400_synthetic_s`` for 400)
    One engine run for new weights on a prepared atlas (what a weight change costs).
``mc_1000_<n>_s``
    The engine run with 1,000 Monte-Carlo draws (Sobol' design, ranks, intervals).
``patch_<n>_bytes``, ``patch_<n>_s``
    The map's Patch for a weight change (gzip level 6 of the JSON Dash sends) and the
    server time to build and serialise it.
``map_figure_<n>_bytes``
    The full first-load map figure, geometry included (uncompressed JSON); the
    squares have 5 vertices each, so this is a floor for real boundaries.
``*_growth_exponent``
    ``b`` in ``t ~ n^b`` between 400 and 11,000 units (1 = linear). Every step here is
    linear in ``n`` (matrix products, bincounts) except the ranking and the
    classification, ``n log n`` sorts, which show as an exponent a little above 1.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import math
import statistics
import sys
import time
from typing import Any

from benchmarks._registry import Unit, stopwatch, suite

SIZES = (400, 4600, 11000)
MC_DRAWS = 1000
RUNS = 5


@functools.cache
def _prepared(n: int) -> tuple[Any, Any, Any]:
    from potentials import ScoringSpec, load_framework, prepare
    from potentials.synthetic import synthetic_atlas

    atlas = synthetic_atlas(n, seed=0)
    framework = load_framework("thuenen2016", atlas=atlas)
    return atlas, prepare(atlas, framework), ScoringSpec(framework)


def _weights(spec: Any, i: int) -> Any:
    domains = {d.code: 0.5 + ((i + k) % 5) * 0.5 for k, d in enumerate(spec.framework.domains)}
    return dataclasses.replace(spec, domain_weights=domains)


def _score_name(n: int) -> str:
    # score_400_s is the real atlas's figure (benchmarks.bench_scoring)
    return "score_400_synthetic_s" if n == 400 else f"score_{n}_s"


def _growth(small: float, large: float) -> float:
    return math.log(large / small) / math.log(SIZES[-1] / SIZES[0])


def _figures() -> dict[str, tuple[Unit, float | None]]:
    targets = {"score_11000_s": 0.2, "mc_1000_11000_s": 2.0, "patch_11000_bytes": 150_000}
    out: dict[str, tuple[Unit, float | None]] = {}
    for n in SIZES:
        out[_score_name(n)] = ("s", targets.get(f"score_{n}_s"))
        out[f"mc_1000_{n}_s"] = ("s", targets.get(f"mc_1000_{n}_s"))
        out[f"patch_{n}_bytes"] = ("bytes", targets.get(f"patch_{n}_bytes"))
        out[f"patch_{n}_s"] = ("s", None)
        out[f"map_figure_{n}_bytes"] = ("bytes", None)
    for name in ("score", "mc_1000", "patch_bytes", "patch_time"):
        out[f"{name}_growth_exponent"] = ("exponent", None)
    return out


def _patch(n: int) -> tuple[float, float, float]:
    import plotly.io.json

    from layouts.data import build
    from layouts.mapfig import figure, map_payload, patch

    atlas, _, spec = _prepared(n)
    data = build(atlas, mc_draws=60)
    options: dict[str, Any] = {"method": "quantiles", "k": 5, "palette": "viridis", "lang": "de"}
    seconds, sizes = [], []
    for i in range(RUNS):
        weights = {"domains": dict(_weights(spec, i).domain_weights), "indicators": {}}
        result = data.result(weights)
        start = time.perf_counter()
        payload = map_payload(data, result, "composite", **options)
        body = plotly.io.json.to_json_plotly(patch(payload))
        seconds.append(time.perf_counter() - start)
        sizes.append(len(gzip.compress(body.encode(), 6)))
    payload = map_payload(data, data.result(None), "composite", **options)
    full = plotly.io.json.to_json_plotly(figure(data, payload, lang="de"))
    return statistics.median(sizes), statistics.median(seconds), float(len(full.encode()))


@suite(_figures(), repeat=1)
def bench_scaling() -> dict[str, float]:
    from potentials import run

    out: dict[str, float] = {}
    for n in SIZES:
        _, prepared, spec = _prepared(n)
        run(prepared, spec)  # warm
        times = []
        for i in range(RUNS):
            with stopwatch() as t:
                run(prepared, _weights(spec, i + 1))
            times.append(t[0])
        out[_score_name(n)] = statistics.median(times)
        with stopwatch() as t:
            run(prepared, dataclasses.replace(spec, mc_draws=MC_DRAWS, seed=1))
        out[f"mc_1000_{n}_s"] = t[0]
        size, seconds, full = _patch(n)
        out[f"patch_{n}_bytes"], out[f"patch_{n}_s"], out[f"map_figure_{n}_bytes"] = (
            size,
            seconds,
            full,
        )
        print(f"[bench_scaling] {n} SYNTHETIC units done", file=sys.stderr, flush=True)
    lo, hi = SIZES[0], SIZES[-1]
    out["score_growth_exponent"] = _growth(out[_score_name(lo)], out[_score_name(hi)])
    out["mc_1000_growth_exponent"] = _growth(out[f"mc_1000_{lo}_s"], out[f"mc_1000_{hi}_s"])
    out["patch_bytes_growth_exponent"] = _growth(out[f"patch_{lo}_bytes"], out[f"patch_{hi}_bytes"])
    out["patch_time_growth_exponent"] = _growth(out[f"patch_{lo}_s"], out[f"patch_{hi}_s"])
    return out
