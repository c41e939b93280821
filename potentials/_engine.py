"""Vectorised core shared by a single run and the Monte Carlo: normalise, aggregate, rank.

Everything here works on numpy arrays ``(districts, indicators)`` and on batches of
weight vectors ``(draws, indicators)``, so one run is a batch of one draw and the
Monte Carlo evaluates thousands of draws with a few matrix products.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from potentials.normalise import Normalisation, make_normaliser
from potentials.spec import MissingPolicy

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


def composite_scores(
    V: Array,
    M: Array,
    within: Array,
    domain_weights: Array,
    domain_index: NDArray[np.intp],
    *,
    geometric: bool,
) -> Array:
    """Composite scores for a batch of weight draws.

    Districts sharing a pattern of present values share the renormalised weights,
    so the composite of each pattern's districts is one matrix product of their
    values with that pattern's effective weights (``within x domain``, renormalised
    over the indicators and domains present).

    Parameters
    ----------
    V, M
        Values and mask from :func:`aggregation_inputs`, shape ``(n, p)``.
    within
        Indicator weights within their domain, shape ``(B, p)``.
    domain_weights
        Domain weights, shape ``(B, d)``.
    domain_index
        Domain (column of ``domain_weights``) of each indicator, shape ``(p,)``.
    geometric
        Whether ``V`` holds logs (geometric mean) or values (arithmetic mean).

    Returns
    -------
    numpy.ndarray
        ``(B, n)`` composite scores, one row per draw; NaN where no domain is present.
    """
    n, B = V.shape[0], within.shape[0]
    d = domain_weights.shape[1]
    patterns, inverse = missingness_patterns(M > 0)
    onehot = _onehot(domain_index, d)
    composite = np.empty((B, n))
    for g, pattern in enumerate(patterns):
        w = within * pattern[None, :]
        den = w @ onehot  # (B, d): present weight per domain
        dw = np.where(den > 0, domain_weights, 0.0)
        total = dw.sum(axis=1)
        with np.errstate(all="ignore"):
            effective = w * (dw / np.where(den > 0, den, 1.0))[:, domain_index]
            effective /= np.where(total > 0, total, 1.0)[:, None]
        rows = slice(None) if len(patterns) == 1 else inverse == g
        out = effective @ V[rows].T  # (B, districts of this pattern)
        out[total <= 0, :] = np.nan
        if geometric:
            np.exp(out, out=out)
        if len(patterns) == 1:
            return out
        composite[:, rows] = out
    return composite


def missingness_patterns(
    present: NDArray[np.bool_],
) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
    """Distinct rows of ``present`` and the pattern number of every row."""
    if present.shape[1] <= 62:
        # one integer per row is much faster to unique than rows of booleans
        codes = present.astype(np.int64) @ (np.int64(1) << np.arange(present.shape[1]))
        _, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
        return present[first], inverse.ravel()
    patterns, inverse = np.unique(present, axis=0, return_inverse=True)
    return patterns, inverse.ravel()


def _onehot(index: NDArray[np.intp], d: int) -> Array:
    onehot = np.zeros((index.size, d))
    onehot[np.arange(index.size), index] = 1.0
    return onehot


def domain_scores(
    V: Array,
    M: Array,
    within: Array,
    domain_members: list[NDArray[np.intp]],
    *,
    geometric: bool,
) -> list[Array]:
    """Domain scores for one weight vector: weighted means over the indicators present.

    Parameters
    ----------
    V, M
        Values and mask from :func:`aggregation_inputs`, shape ``(n, p)``.
    within
        Indicator weights within their domain, shape ``(p,)``.
    domain_members
        Column indices of each domain's indicators.
    geometric
        Whether ``V`` holds logs (geometric mean) or values (arithmetic mean).

    Returns
    -------
    list of numpy.ndarray
        One ``(n,)`` array per domain; NaN where no indicator of the domain is present.
    """
    scores = []
    for members in domain_members:
        w = within[members]
        num = V[:, members] @ w
        den = M[:, members] @ w
        with np.errstate(all="ignore"):
            score = np.where(den > 0, num / den, np.nan)
        scores.append(np.exp(score) if geometric else score)
    return scores


def rank_descending(scores: Array) -> Array:
    """Rank each row, 1 = highest score; ties share the lowest rank; NaN stays NaN.

    Parameters
    ----------
    scores
        Array ``(B, n)``: ``B`` draws of ``n`` district scores.

    Returns
    -------
    numpy.ndarray
        Float ranks of the same shape (equal to ``scipy.stats.rankdata(-x, "min")``
        on the non-missing values of each row).
    """
    missing = np.isnan(scores)
    key = np.where(missing, np.inf, -scores)
    B, n = key.shape
    order = np.argsort(key, axis=1)
    ordered = np.take_along_axis(key, order, axis=1)
    starts = np.ones((B, n), dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    position = np.where(starts, np.arange(n, dtype=np.int32)[None, :], np.int32(0))
    first = np.maximum.accumulate(position, axis=1)
    first += 1
    ranks = np.empty((B, n))
    np.put_along_axis(ranks, order, first, axis=1)
    ranks[missing] = np.nan
    return ranks
