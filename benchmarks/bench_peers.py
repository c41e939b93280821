"""Peers measured in the same run, on the same atlas: figures as ratios.

``patch_vs_full_figure_bytes_ratio``, ``patch_vs_full_figure_time_ratio``
    A weight change answered the usual Dash way (Plotly's sample apps): a new
    ``go.Choropleth`` figure with the district GeoJSON (the atlas's boundaries through
    geopandas' ``to_json``, ``featureidkey`` the feature id), built, validated and sent
    on every change, against this app's ``Patch`` (values, colours, hover data and
    colour bar only). Both start from the same engine result and the same map payload
    (classes, colours, hover text) and end in the JSON Dash sends; bytes are gzip
    level 6 of that JSON (what travels), time is the server time of building and
    serialising the response (``full_figure_change_bytes`` and ``_s``: the peer's own
    figures). Medians of 10 new weight settings (3 for the peer, seconds each).
``patch_vs_simplified_full_figure_bytes_ratio``
    The same peer given this app's simplified map geometry instead (no target): how much
    of the gain is the Patch alone.
``sobol_vs_salib_time_ratio``, ``sobol_salib_max_abs_diff``, ``sobol_salib_outside_ci``
    The same model (:func:`potentials.sensitivity.evaluate_design`: the engine's
    composite and ranks) and the same four factors (weights, normalisation,
    aggregation, missing data) analysed by SALib (Sobol' sequence, Saltelli's scheme
    with factor groups, ``SALib.analyze.sobol`` on each district's rank, 100
    bootstrap resamples, 95 %) and by :func:`potentials.sensitivity.monte_carlo`, each
    with ``N = 512`` base rows (3,072 evaluations). The pooled index of all districts
    (ours) is SALib's district indices weighted by the districts' rank variances; its
    95 % interval is the same weighting of SALib's district intervals (an upper bound
    of the pooled interval's half-width). ``sobol_salib_outside_ci`` counts the first-
    and total-order indices of ours outside that interval (target 0); the time ratio
    is SALib's time over ours for the whole analysis (sampling, evaluations, indices).
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import json
import statistics
import time
import warnings
from typing import Any

import numpy as np

from benchmarks._registry import stopwatch, suite

SOBOL_BASE_ROWS = 512
FIGURE_CHANGES = 10
PEER_CHANGES = 3


@functools.cache
def _scoring() -> tuple[Any, Any]:
    from potentials import ScoringSpec, load_framework, prepare
    from potentials.synthetic import synthetic_atlas

    try:
        from geodata.atlas import load_atlas

        atlas = load_atlas(kind="embedded")
    except (ImportError, FileNotFoundError):
        atlas = synthetic_atlas(400)  # SYNTHETIC stand-in when the atlas is not built
    framework = load_framework("thuenen2016", atlas=atlas)
    return prepare(atlas, framework), ScoringSpec(framework)


def _inputs(prepared: Any, spec: Any) -> dict[str, Any]:
    from potentials import run
    from potentials.weighting import resolve_weights

    flagged = run(prepared, spec).scores["flagged"].to_numpy(bool)
    return {
        "values": prepared.values,
        "present": prepared.present,
        "population": prepared.population,
        "weights": resolve_weights(spec.framework, spec),
        "spec": spec,
        "excluded": flagged,
    }


def salib_sobol(inputs: dict[str, Any], base_rows: int) -> tuple[Any, Any, Any]:
    """SALib's analysis of the ranks: pooled S1, ST and their 95 % half-widths per factor."""
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    from potentials.sensitivity import FACTORS, evaluate_design, salib_problem

    problem = salib_problem(inputs["weights"], inputs["spec"])
    design = sobol_sample.sample(problem, base_rows, calc_second_order=False, seed=1)
    ranks = evaluate_design(design, **inputs)
    groups = len(FACTORS)
    a = ranks[:: groups + 2]
    b = ranks[groups + 1 :: groups + 2]
    variance = np.concatenate([a, b]).var(axis=0)
    s1 = np.zeros((ranks.shape[1], groups))
    st, s1c, stc = np.zeros_like(s1), np.zeros_like(s1), np.zeros_like(s1)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for j in np.flatnonzero(variance > 0):
            out = sobol_analyze.analyze(
                problem, ranks[:, j], calc_second_order=False, num_resamples=100, seed=2
            )
            # SALib orders groups by first appearance: weights, then the three choices
            s1[j], st[j] = out["S1"], out["ST"]
            s1c[j], stc[j] = out["S1_conf"], out["ST_conf"]
    share = variance / variance.sum()

    def pooled(x: Any) -> Any:
        return np.nan_to_num(x).T @ share

    return (pooled(s1), pooled(st)), (pooled(s1c), pooled(stc)), design.shape[0]


@suite(
    {
        "sobol_vs_salib_time_ratio": ("ratio", 1.0),
        "sobol_salib_max_abs_diff": ("ratio", None),
        "sobol_salib_outside_ci": ("count", 0),
    },
    repeat=1,
)
def bench_sobol_vs_salib() -> dict[str, float]:
    from potentials.sensitivity import FACTORS, monte_carlo

    prepared, spec = _scoring()
    spec = dataclasses.replace(spec, mc_draws=(len(FACTORS) + 2) * SOBOL_BASE_ROWS, seed=1)
    inputs = _inputs(prepared, spec)
    with stopwatch() as t_salib:
        (s1, st), (s1c, stc), _ = salib_sobol(inputs, SOBOL_BASE_ROWS)
    with stopwatch() as t_ours:
        ours = monte_carlo(**inputs, index=prepared.ags).sensitivity
    first = ours.loc[list(FACTORS), "first_order"].to_numpy(float)
    total = ours.loc[list(FACTORS), "total_order"].to_numpy(float)
    diff = np.concatenate([np.abs(first - s1), np.abs(total - st)])
    conf = np.concatenate([s1c, stc])
    return {
        "sobol_vs_salib_time_ratio": t_salib[0] / t_ours[0],
        "sobol_salib_max_abs_diff": float(diff.max()),
        "sobol_salib_outside_ci": float((diff > conf + 1e-12).sum()),
    }


def _to_json(obj: Any) -> bytes:
    import plotly.io.json

    return plotly.io.json.to_json_plotly(obj).encode()


def district_geojson(data: Any) -> dict[str, Any]:
    """The atlas's district boundaries as GeoJSON, as the sample apps build it (geopandas)."""
    districts = data.atlas.districts.set_index("ags").loc[list(data.ags)]
    return json.loads(districts[["geometry"]].to_crs("EPSG:4326").to_json())


def full_figure(
    data: Any, payload: Any, lang: str, geojson: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The usual Dash answer to a change: a new figure with its GeoJSON, validated by plotly.

    ``geojson`` defaults to :func:`district_geojson`, rebuilt on every call.
    """
    import plotly.graph_objects as go

    minx, miny, maxx, maxy = data.bounds
    fig = go.Figure(
        go.Choropleth(
            geojson=district_geojson(data) if geojson is None else geojson,
            locations=list(data.ags),
            z=payload.z,
            zmin=payload.zmin,
            zmax=payload.zmax,
            colorscale=payload.colorscale,
            text=[str(data.names[a]) for a in data.ags],
            customdata=payload.customdata,
            hovertemplate=payload.hovertemplate,
            marker={"line": {"width": 0.3, "color": "#ffffff"}},
            colorbar={
                "tickvals": payload.tickvals,
                "ticktext": payload.ticktext,
                "title": {"text": payload.colorbar_title},
            },
        )
    )
    fig.update_geos(
        visible=False,
        fitbounds="locations",
        lonaxis_range=[minx, maxx],
        lataxis_range=[miny, maxy],
    )
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=640, meta={"lang": lang})
    return fig.to_plotly_json()


@suite(
    {
        "patch_vs_full_figure_bytes_ratio": ("ratio", 40.0),
        "patch_vs_full_figure_time_ratio": ("ratio", 10.0),
        "full_figure_change_bytes": ("bytes", None),
        "full_figure_change_s": ("s", None),
        "patch_vs_simplified_full_figure_bytes_ratio": ("ratio", None),
    },
    repeat=1,
)
def bench_patch_vs_full() -> dict[str, float]:
    from benchmarks.bench_dashboard import _app
    from layouts import data as appdata
    from layouts.mapfig import map_payload, patch

    _app()
    data = appdata.get()
    rng = np.random.default_rng(3)
    ours_s: list[float] = []
    full_s: list[float] = []
    ours_b: list[int] = []
    full_b: list[int] = []
    lean_b: list[int] = []
    simplified = json.loads(json.dumps(dict(data.geojson)))
    for _ in range(FIGURE_CHANGES):
        weights = {
            "domains": {
                d.code: round(float(rng.uniform(0.25, 3.0)), 2) for d in data.framework.domains
            },
            "indicators": {},
        }
        result = data.result(weights)  # shared by both, not timed
        options: dict[str, Any] = {
            "method": "quantiles",
            "k": 5,
            "palette": "viridis",
            "lang": "de",
        }
        start = time.perf_counter()
        body = _to_json(patch(map_payload(data, result, "composite", **options)))
        ours_s.append(time.perf_counter() - start)
        ours_b.append(len(gzip.compress(body, 6)))
        if len(full_s) == PEER_CHANGES:  # the peer takes seconds: fewer runs of it
            continue
        start = time.perf_counter()
        payload = map_payload(data, result, "composite", **options)
        full = _to_json(full_figure(data, payload, "de"))
        full_s.append(time.perf_counter() - start)
        full_b.append(len(gzip.compress(full, 6)))
        lean = _to_json(full_figure(data, payload, "de", geojson=simplified))
        lean_b.append(len(gzip.compress(lean, 6)))
    return {
        "patch_vs_full_figure_bytes_ratio": statistics.median(full_b) / statistics.median(ours_b),
        "patch_vs_full_figure_time_ratio": statistics.median(full_s) / statistics.median(ours_s),
        "full_figure_change_bytes": statistics.median(full_b),
        "patch_vs_simplified_full_figure_bytes_ratio": statistics.median(lean_b)
        / statistics.median(ours_b),
        "full_figure_change_s": statistics.median(full_s),
    }
