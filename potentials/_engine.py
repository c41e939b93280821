"""Vectorised core shared by a single run and the Monte Carlo: normalise, aggregate, rank.

Everything here works on numpy arrays ``(districts, indicators)`` and on batches of
weight vectors ``(draws, indicators)``, so one run is a batch of one draw and the
Monte Carlo evaluates thousands of draws with a few matrix products.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from potentials.normalise import Normalisation, make_normaliser
from potentials.spec import Aggregation, MissingPolicy

Array = NDArray[np.float64]


def normalised_matrix(
    values: Array, *, method: Normalisation, population: Array | None = None
) -> Array:
    """Normalise direction-applied ``values`` column by column (NaN stays NaN)."""
    return make_normaliser(method).fit_transform(values, sample_weight=population)


def aggregation_inputs(
    normalised: Array, present: NDArray[np.bool_], *, missing: MissingPolicy, geometric: bool
) -> tuple[Array, Array]:
    """Values and mask the aggregation multiplies with the weights.

    Returns ``(V, M)``: ``V`` holds the (log-shifted, for geometric) values with 0
    where missing, ``M`` is 1.0 where a value takes part, 0.0 where not.
    """
    values = normalised.copy()
    if geometric:
        # v - min + 1 >= 1 keeps the differences and makes the log defined
        with np.errstate(all="ignore"):
            low = np.nanmin(np.where(present, values, np.inf), axis=0)
        low = np.where(np.isfinite(low), low, 0.0)
        values = values - low + 1.0
    if missing is MissingPolicy.MEDIAN_IMPUTE:
        masked = np.where(present, values, np.nan)
        with np.errstate(all="ignore"):
            medians = np.nanmedian(masked, axis=0) if masked.shape[0] else masked[:0].sum(0)
        values = np.where(present, values, medians[None, :])
        mask = np.isfinite(values)
    else:
        mask = present.copy()
    if geometric:
        with np.errstate(all="ignore"):
            values = np.log(values)
    values = np.where(mask, values, 0.0)
    return values, mask.astype(np.float64)


def evaluate(
    V: Array,
    M: Array,
    within: Array,
    domain_weights: Array,
    domain_members: list[NDArray[np.intp]],
    *,
    geometric: bool,
    keep_domains: bool = False,
) -> tuple[Array, list[Array]]:
    """Composite scores for a batch of weight draws.

    Parameters
    ----------
    V, M
        Values and mask from :func:`aggregation_inputs`, shape ``(n, p)``.
    within
        Indicator weights within their domain, shape ``(B, p)``.
    domain_weights
        Domain weights, shape ``(B, d)``.
    domain_members
        Column indices of each domain's indicators.
    geometric
        Whether ``V`` holds logs (geometric mean) or values (arithmetic mean).
    keep_domains
        Return the domain scores too (each ``(n, B)``).

    Returns
    -------
    composite, domains
        ``(n, B)`` composite scores (NaN where no domain is present) and the list of
        domain scores (empty unless ``keep_domains``).
    """
    n = V.shape[0]
    B = within.shape[0]
    total = np.zeros((n, B))
    weight_present = np.zeros((n, B))
    domains: list[Array] = []
    for j, members in enumerate(domain_members):
        w = within[:, members].T  # (k, B)
        num = V[:, members] @ w
        den = M[:, members] @ w
        with np.errstate(all="ignore"):
            score = num / den  # NaN where no indicator of the domain is present
        present = den > 0
        score = np.where(present, score, 0.0)
        dw = domain_weights[:, j][None, :]
        total += score * dw * present
        weight_present += dw * present
        if keep_domains:
            kept = np.where(present, score, np.nan)
            domains.append(np.exp(kept) if geometric else kept)
    with np.errstate(all="ignore"):
        composite = np.where(weight_present > 0, total / weight_present, np.nan)
    if geometric:
        composite = np.exp(composite)
    return composite, domains


def rank_descending(scores: Array) -> Array:
    """Rank each column, 1 = highest score; ties share the lowest rank; NaN stays NaN.

    Parameters
    ----------
    scores
        Array ``(n, B)``.

    Returns
    -------
    numpy.ndarray
        Float ranks of the same shape (equal to ``scipy.stats.rankdata(-x, "min")``
        on the non-missing values of each column).
    """
    # work on (B, n) rows: sorting contiguous rows is much faster than columns
    key = np.ascontiguousarray(np.where(np.isnan(scores), np.inf, -scores).T)
    B, n = key.shape
    order = np.argsort(key, axis=1, kind="stable")
    ordered = np.take_along_axis(key, order, axis=1)
    starts = np.ones((B, n), dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    position = np.where(starts, np.arange(n)[None, :], 0)
    first = np.maximum.accumulate(position, axis=1).astype(np.float64) + 1.0
    ranks = np.empty((B, n))
    np.put_along_axis(ranks, order, first, axis=1)
    ranks = ranks.T
    ranks[np.isnan(scores)] = np.nan
    return ranks


AGGREGATIONS = tuple(Aggregation)
