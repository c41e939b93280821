"""Uncertainty and sensitivity analysis of the ranks (after Saisana, Saltelli & Tarantola 2005).

Four groups of assumptions ("factors") are varied at once:

``weights``
    Every indicator weight (within its domain) and every domain weight is multiplied
    by an independent draw from U(1 - perturbation, 1 + perturbation) and the
    weights renormalised. The centre is the spec's effective weights (for PCA
    weighting: derived once, from the spec's normalisation).
``normalisation``
    One of ``spec.normalisations`` (uniformly).
``aggregation``
    One of ``spec.aggregations``.
``missing``
    One of ``spec.missing_policies``.

Design (Saltelli et al. 2010): two independent sample matrices ``A`` and ``B`` of
``N = mc_draws // 6`` rows each and, for each factor ``i``, ``A_B^(i)`` (``A`` with
the columns of factor ``i`` taken from ``B``), i.e. ``6 N <= mc_draws`` model
evaluations. Every row of every matrix is a valid random draw of the assumptions,
so the **rank intervals** (median, 5th and 95th percentile per district) use all
evaluations (a blend identical to ``A`` — a factor without alternatives — is not
evaluated again and not counted twice). The **sensitivity indices** of the rank
``Y`` of each district use

* first order (Saltelli 2010): ``S_i = mean(Y_B (Y_ABi - Y_A)) / V``,
* total order (Jansen 1999): ``S_Ti = mean((Y_A - Y_ABi)^2) / (2 V)``,

with ``V`` the variance of ``Y`` over ``A`` and ``B``; numerators and variances are
summed over districts before dividing, i.e. the indices are the share of the
total rank variance of all districts (a variance-weighted average of the district
indices, stable where single districts barely move). An assumption whose
alternatives are identical leaves ``Y_ABi == Y_A`` and gets exactly 0.
Districts flagged for low coverage are not ranked and not counted.

Why not SALib (measured, ``python -m benchmarks peers``): on the same model and
factors (:func:`salib_problem`, :func:`evaluate_design`), SALib's Sobol' sampling and
``SALib.analyze.sobol`` give first- and total-order indices that agree with these
within SALib's 95 % intervals (largest difference 0.015 on the embedded atlas,
``N = 512``). But SALib analyses one scalar output per call, with a bootstrap for the
intervals: the pooled indices of 400 district ranks take 400 calls, 12.5 s against
0.7 s for this whole analysis (sampling, 3,072 evaluations, indices and rank
intervals; ``sobol_vs_salib_time_ratio`` about 20-30). The dashboard recomputes the
analysis for a user's weights on request, so the vectorised estimator stays; SALib
remains the reference it is checked against.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from threadpoolctl import ThreadpoolController

from potentials._engine import (
    aggregation_inputs,
    composite_scores,
    normalised_matrix,
    rank_descending,
)
from potentials.spec import Aggregation, ScoringSpec
from potentials.weighting import Weights

__all__ = [
    "FACTORS",
    "ROBUSTNESS_CLASSES",
    "MonteCarlo",
    "classify_robustness",
    "evaluate_design",
    "monte_carlo",
    "salib_problem",
    "sobol_indices",
]

Array = NDArray[np.float64]

FACTORS = ("weights", "normalisation", "aggregation", "missing")
ROBUSTNESS_CLASSES = ("robust_high", "robust_low", "weight_dependent", "middle")
_CHUNK = 4096


@functools.cache
def _threadpools() -> ThreadpoolController:
    """Return the loaded BLAS libraries, inspected once (each look costs ~5 ms, as a run)."""
    return ThreadpoolController()


@dataclass(frozen=True)
class MonteCarlo:
    """Outcome of the Monte Carlo.

    Attributes
    ----------
    ranks
        Per district (index ``ags``): ``rank_median``, ``rank_p05``, ``rank_p95``,
        and the composite's ``composite_p05``, ``composite_p95`` over the draws with
        the spec's normalisation and aggregation.
    sensitivity
        Per factor: ``first_order``, ``total_order``, ``mean_abs_rank_shift`` (mean
        absolute rank change when only this factor changes) and ``alternatives``.
    evaluations
        Number of model evaluations (``6 * base_rows``).
    base_rows
        Rows ``N`` of each of the sample matrices ``A`` and ``B``.
    """

    ranks: pd.DataFrame
    sensitivity: pd.DataFrame
    evaluations: int
    base_rows: int


@dataclass(frozen=True)
class _Sample:
    indicator_factor: Array  # (N, p)
    domain_factor: Array  # (N, d)
    normalisation: NDArray[np.intp]  # (N,)
    aggregation: NDArray[np.intp]
    missing: NDArray[np.intp]

    def columns(self, factor: str) -> tuple[NDArray[np.generic], ...]:
        if factor == "weights":
            return (self.indicator_factor, self.domain_factor)
        return (getattr(self, factor),)

    def with_factor_from(self, factor: str, other: _Sample) -> _Sample:
        fields = dict(vars(self))
        if factor == "weights":
            fields["indicator_factor"] = other.indicator_factor
            fields["domain_factor"] = other.domain_factor
        else:
            fields[factor] = getattr(other, factor)
        return _Sample(**fields)

    @staticmethod
    def concat(parts: list[_Sample]) -> _Sample:
        return _Sample(
            **{k: np.concatenate([getattr(s, k) for s in parts]) for k in vars(parts[0])}
        )


def _draw(rng: np.random.Generator, rows: int, p: int, d: int, spec: ScoringSpec) -> _Sample:
    low, high = 1.0 - spec.perturbation, 1.0 + spec.perturbation
    return _Sample(
        indicator_factor=rng.uniform(low, high, size=(rows, p)),
        domain_factor=rng.uniform(low, high, size=(rows, d)),
        normalisation=rng.integers(0, len(spec.normalisations), size=rows),
        aggregation=rng.integers(0, len(spec.aggregations), size=rows),
        missing=rng.integers(0, len(spec.missing_policies), size=rows),
    )


def _composites(
    sample: _Sample,
    *,
    values: Array,
    present: NDArray[np.bool_],
    population: Array,
    weights: Weights,
    spec: ScoringSpec,
) -> Array:
    """Composite scores ``(rows, districts)`` for every row of ``sample``."""
    members = weights.members()
    rows = sample.normalisation.shape[0]
    out = np.empty((rows, values.shape[0]))
    within = weights.within[None, :] * sample.indicator_factor
    sums = np.stack([within[:, m].sum(axis=1) for m in members], axis=1)
    within = within / sums[:, weights.domain_index]
    domain = weights.domain[None, :] * sample.domain_factor
    domain = domain / domain.sum(axis=1, keepdims=True)
    normalised_cache: dict[int, Array] = {}
    combos = np.stack([sample.normalisation, sample.aggregation, sample.missing], axis=1)
    for combo in np.unique(combos, axis=0):
        k_norm, k_agg, k_miss = (int(c) for c in combo)
        rows_here = np.flatnonzero((combos == combo).all(axis=1))
        if k_norm not in normalised_cache:
            normalised_cache[k_norm] = normalised_matrix(
                values, method=spec.normalisations[k_norm], population=population
            )
        geometric = spec.aggregations[k_agg] is Aggregation.GEOMETRIC
        V, M = aggregation_inputs(
            normalised_cache[k_norm],
            present,
            missing=spec.missing_policies[k_miss],
            geometric=geometric,
        )
        for start in range(0, rows_here.size, _CHUNK):
            chunk = rows_here[start : start + _CHUNK]
            out[chunk] = composite_scores(
                V, M, within[chunk], domain[chunk], weights.domain_index, geometric=geometric
            )
    return out


def _draw_ranks(scores: Array, excluded: NDArray[np.bool_]) -> Array:
    """Ranks ``(draws, ranked districts)`` of the composite scores of each draw.

    Districts excluded by the spec are left out; a district unscorable in some draw
    only (e.g. imputed in the spec, not in the draw) takes the last place there.
    """
    scores[:, excluded] = np.nan
    keep = ~excluded
    ranks = rank_descending(scores)[:, keep]
    ranks[np.isnan(ranks)] = keep.sum()
    return ranks


def monte_carlo(
    *,
    values: Array,
    present: NDArray[np.bool_],
    population: Array,
    weights: Weights,
    spec: ScoringSpec,
    excluded: NDArray[np.bool_],
    index: pd.Index,
) -> MonteCarlo:
    """Run the uncertainty and sensitivity analysis of ``spec``.

    Parameters
    ----------
    values
        Direction-applied indicator values ``(districts, indicators)``.
    present
        Where values are present.
    population
        District population (weights of the German value).
    weights
        The effective weights of ``spec`` (the centre of the perturbation).
    spec
        The specification (``mc_draws``, ``seed``, ``perturbation``, alternatives).
    excluded
        Districts not ranked (flagged for low coverage).
    index
        District keys for the output.

    Returns
    -------
    MonteCarlo
    """
    # Thousands of small matrix products: BLAS threads cost more than they gain
    # (and stall badly on a busy machine), so the Monte Carlo runs on one.
    with _threadpools().limit(limits=1, user_api="blas"):
        return _monte_carlo(
            values=values,
            present=present,
            population=population,
            weights=weights,
            spec=spec,
            excluded=excluded,
            index=index,
        )


def _monte_carlo(
    *,
    values: Array,
    present: NDArray[np.bool_],
    population: Array,
    weights: Weights,
    spec: ScoringSpec,
    excluded: NDArray[np.bool_],
    index: pd.Index,
) -> MonteCarlo:
    rng = np.random.default_rng(spec.seed)
    base = spec.mc_draws // (len(FACTORS) + 2)
    p, d = len(weights.codes), len(weights.domains)
    A = _draw(rng, base, p, d, spec)
    B = _draw(rng, base, p, d, spec)
    blends = [A.with_factor_from(f, B) for f in FACTORS]
    # a blend identical to A (factor without alternatives) need not be evaluated again
    needed = [
        f
        for f, blend in zip(FACTORS, blends, strict=True)
        if not all(
            np.array_equal(a, b) for a, b in zip(A.columns(f), blend.columns(f), strict=True)
        )
    ]
    evaluated = _Sample.concat(
        [A, B, *(b for f, b in zip(FACTORS, blends, strict=True) if f in needed)]
    )
    scores = _composites(
        evaluated,
        values=values,
        present=present,
        population=population,
        weights=weights,
        spec=spec,
    )
    ranks = _draw_ranks(scores, excluded)
    keep = ~excluded
    y_a, y_b = ranks[:base], ranks[base : 2 * base]
    y_ab = {}
    offset = 2 * base
    for f in FACTORS:
        if f in needed:
            y_ab[f] = ranks[offset : offset + base]
            offset += base
        else:
            y_ab[f] = y_a
    summary = pd.DataFrame(
        np.nan, index=index, columns=["rank_median", "rank_p05", "rank_p95"], dtype=float
    )
    if keep.any():
        summary.loc[index[keep], :] = rank_quantiles(ranks, (0.5, 0.05, 0.95))
    summary[["composite_p05", "composite_p95"]] = _score_bounds(scores[: 2 * base], evaluated, spec)
    ya, yb = y_a, y_b
    variance = float(np.concatenate([ya, yb], axis=0).var(axis=0).sum())
    options = {
        "weights": spec.perturbation,
        "normalisation": len(spec.normalisations),
        "aggregation": len(spec.aggregations),
        "missing": len(spec.missing_policies),
    }
    rows = []
    for f in FACTORS:
        yab = y_ab[f]
        first, total = sobol_indices(ya, yb, yab, variance=variance)
        rows.append(
            {
                "factor": f,
                "first_order": first,
                "total_order": total,
                "mean_abs_rank_shift": float(np.abs(ya - yab).mean()) if ya.size else 0.0,
                "alternatives": options[f],
            }
        )
    sensitivity = pd.DataFrame(rows).set_index("factor")
    return MonteCarlo(
        ranks=summary,
        sensitivity=sensitivity,
        evaluations=int(scores.shape[0]),
        base_rows=base,
    )


def _score_bounds(scores: Array, sample: _Sample, spec: ScoringSpec) -> Array:
    """5 % and 95 % quantiles of the composite over the independent draws ``A`` and ``B``.

    Scores are comparable only on one scale, so only draws with the spec's own
    normalisation and aggregation count (all draws where these are not among the
    alternatives); the weights and the missing-value rule vary.
    """
    same = np.ones(scores.shape[0], dtype=bool)
    for drawn, options, chosen in (
        (sample.normalisation, spec.normalisations, spec.normalisation),
        (sample.aggregation, spec.aggregations, spec.aggregation),
    ):
        if chosen in options:
            same &= drawn[: scores.shape[0]] == options.index(chosen)
    if same.any():
        scores = scores[same]
    bounds = np.full((scores.shape[1], 2), np.nan)
    valid = np.isfinite(scores)
    complete = valid.all(axis=0)
    partial = valid.any(axis=0) & ~complete
    # np.quantile is vectorised; nanquantile loops over columns in Python, so it is
    # kept for the few districts with a missing draw
    if complete.any():
        bounds[complete] = np.quantile(scores[:, complete], (0.05, 0.95), axis=0).T
    if partial.any():
        bounds[partial] = np.nanquantile(scores[:, partial], (0.05, 0.95), axis=0).T
    return bounds


def salib_problem(weights: Weights, spec: ScoringSpec) -> dict[str, object]:
    """Describe the four factors as a SALib problem (to check this module against SALib).

    Columns: one multiplier per indicator weight and per domain weight, in
    ``U(1 - perturbation, 1 + perturbation)`` (group ``weights``), then the choices of
    normalisation, aggregation and missing-data policy as ``U(0, 1)`` read by
    :func:`evaluate_design` as an index into the spec's alternatives.
    """
    low, high = 1.0 - spec.perturbation, 1.0 + spec.perturbation
    p, d = len(weights.codes), len(weights.domains)
    names = [f"w_{c}" for c in weights.codes] + [f"w_domain_{c}" for c in weights.domains]
    return {
        "num_vars": p + d + 3,
        "names": [*names, "normalisation", "aggregation", "missing"],
        "bounds": [[low, high]] * (p + d) + [[0.0, 1.0]] * 3,
        "groups": ["weights"] * (p + d) + ["normalisation", "aggregation", "missing"],
    }


def evaluate_design(
    design: Array,
    *,
    values: Array,
    present: NDArray[np.bool_],
    population: Array,
    weights: Weights,
    spec: ScoringSpec,
    excluded: NDArray[np.bool_],
) -> Array:
    """Ranks ``(rows, ranked districts)`` for the rows of a :func:`salib_problem` design.

    The model is the one :func:`monte_carlo` evaluates (same weights, alternatives and
    ranking), so that an external sampler and estimator can be run on it.
    """
    p, d = len(weights.codes), len(weights.domains)

    def choice(column: Array, options: int) -> NDArray[np.intp]:
        return np.minimum((column * options).astype(np.intp), options - 1)

    sample = _Sample(
        indicator_factor=design[:, :p],
        domain_factor=design[:, p : p + d],
        normalisation=choice(design[:, p + d], len(spec.normalisations)),
        aggregation=choice(design[:, p + d + 1], len(spec.aggregations)),
        missing=choice(design[:, p + d + 2], len(spec.missing_policies)),
    )
    with _threadpools().limit(limits=1, user_api="blas"):
        scores = _composites(
            sample,
            values=values,
            present=present,
            population=population,
            weights=weights,
            spec=spec,
        )
    return _draw_ranks(scores, excluded)


def sobol_indices(
    y_a: Array, y_b: Array, y_ab: Array, *, variance: float | None = None
) -> tuple[float, float]:
    """First- and total-order index of one factor, pooled over output columns.

    ``S = mean(Y_B (Y_ABi - Y_A)) / V`` (Saltelli 2010) and
    ``S_T = mean((Y_A - Y_ABi)^2) / (2 V)`` (Jansen 1999), numerators and variances
    ``V`` (over ``A`` and ``B``) summed over the columns before dividing. With one
    column these are the estimators of ``SALib.analyze.sobol``.

    Parameters
    ----------
    y_a, y_b, y_ab
        Outputs ``(N, columns)`` on ``A``, ``B`` and ``A`` with the factor from ``B``.
    variance
        The summed variance of ``y_a`` and ``y_b`` if already known (the same for every
        factor).

    Returns
    -------
    tuple of float
        ``(first_order, total_order)``; both 0 where the output does not vary.
    """
    if variance is None:
        variance = float(np.concatenate([y_a, y_b], axis=0).var(axis=0).sum())
    if not variance > 0:
        return 0.0, 0.0
    first = (y_b * (y_ab - y_a)).mean(axis=0).sum()
    total = 0.5 * ((y_a - y_ab) ** 2).mean(axis=0).sum()
    return float(first / variance), float(total / variance)


def rank_quantiles(ranks: Array, quantiles: tuple[float, ...]) -> Array:
    """Quantiles of the ranks per district that occurred in the draws.

    The ``q`` quantile is the smallest rank ``r`` whose share of draws with rank
    ``<= r`` reaches ``q`` (``numpy.quantile(..., method="inverted_cdf")``), so
    quantiles are ranks that occurred. A partial sort of each district's draws
    (``O(draws x districts)``; a rank histogram would be ``O(districts^2)``, a gigabyte
    at 11,000 units).

    Parameters
    ----------
    ranks
        Array ``(draws, districts)`` of ranks ``1..n``.
    quantiles
        Quantiles in ``[0, 1]``.

    Returns
    -------
    numpy.ndarray
        ``(districts, len(quantiles))`` ranks.
    """
    draws, k = ranks.shape
    out = np.empty((k, len(quantiles)))
    if draws == 0:
        out[:] = np.nan
        return out
    # the smallest m with m + 1 >= q * draws is the (m + 1)-th smallest draw
    positions = [min(max(int(np.ceil(q * draws)) - 1, 0), draws - 1) for q in quantiles]
    ordered = np.partition(ranks, sorted(set(positions)), axis=0)
    for j, m in enumerate(positions):
        out[:, j] = ordered[m]
    return out


def classify_robustness(
    rank_p05: pd.Series, rank_p95: pd.Series, *, n_ranked: int | None = None
) -> pd.Series:
    """Classify districts by their Monte Carlo rank interval.

    With ``n`` ranked districts and ``q = ceil(n / 5)`` (a quintile):

    * ``robust_high``: ``rank_p95 <= q`` — even the pessimistic rank is in the top quintile;
    * ``robust_low``: ``rank_p05 > n - q`` — even the optimistic rank is in the bottom
      quintile;
    * ``weight_dependent``: otherwise, if the interval is wider than two quintiles
      (``rank_p95 - rank_p05 > 2 q``): the place depends on the assumptions;
    * ``middle``: otherwise.

    Unranked districts get ``None``.

    Parameters
    ----------
    rank_p05, rank_p95
        5th and 95th percentile ranks (1 = most favourable).
    n_ranked
        Number of ranked districts (default: the non-missing ``rank_p05``).

    Returns
    -------
    pandas.Series
        One of :data:`ROBUSTNESS_CLASSES` (or None) per district.
    """
    lo = rank_p05.to_numpy(float)
    hi = rank_p95.reindex(rank_p05.index).to_numpy(float)
    n = int(np.isfinite(lo).sum()) if n_ranked is None else n_ranked
    q = int(np.ceil(n / 5))
    with np.errstate(invalid="ignore"):
        labels = np.select(
            [hi <= q, lo > n - q, hi - lo > 2 * q, np.isfinite(lo) & np.isfinite(hi)],
            list(ROBUSTNESS_CLASSES),
            default="",
        )
    out = pd.Series(labels, index=rank_p05.index, name="robustness", dtype=object)
    return out.where(out != "", None)
