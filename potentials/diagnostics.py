"""Statistical coherence of a framework: correlations, Cronbach's alpha, PCA, double counting."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from potentials.framework import Framework

__all__ = ["Diagnostics", "cronbach_alpha", "diagnose", "first_component_share"]

#: Indicator pairs correlating more strongly than this (in absolute value) are flagged.
DOUBLE_COUNTING_THRESHOLD = 0.9


@dataclass(frozen=True)
class Diagnostics:
    """Diagnostics of the normalised indicators of one run.

    Attributes
    ----------
    correlation
        Pearson correlation matrix of the normalised indicators (pairwise complete).
    cronbach_alpha
        Cronbach's alpha per domain (NaN for domains with a single indicator).
    first_component_share
        Share of variance explained by the first principal component, overall
        (``"all"``) and per domain.
    double_counting
        Pairs ``a, b, r`` of indicators with ``|r| > 0.9``.
    """

    correlation: pd.DataFrame
    cronbach_alpha: pd.Series
    first_component_share: pd.Series
    double_counting: pd.DataFrame


def cronbach_alpha(items: ArrayLike) -> float:
    """Cronbach's alpha of the columns of ``items`` (rows with a missing value dropped).

    ``alpha = k / (k - 1) * (1 - sum(var(item)) / var(sum of items))`` with sample
    variances (``ddof=1``).

    Parameters
    ----------
    items
        Array ``(observations, k)`` with ``k >= 2``.

    Returns
    -------
    float
        Alpha; NaN with fewer than two items or two complete rows, or zero total variance.
    """
    X = np.asarray(items, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] < 2:
        return float("nan")
    X = X[~np.isnan(X).any(axis=1)]
    if X.shape[0] < 2:
        return float("nan")
    k = X.shape[1]
    total = X.sum(axis=1).var(ddof=1)
    if not total > 0:
        return float("nan")
    return float(k / (k - 1) * (1.0 - X.var(axis=0, ddof=1).sum() / total))


def first_component_share(values: ArrayLike) -> float:
    """Share of variance of the first principal component of standardised columns.

    Missing values are replaced by the column median before standardising.

    Parameters
    ----------
    values
        Array ``(observations, variables)``.

    Returns
    -------
    float
        Explained-variance ratio of the first component (1.0 for a single column).
    """
    X = np.asarray(values, dtype=np.float64)
    if X.shape[1] == 1:
        return 1.0
    medians = np.nanmedian(X, axis=0)
    X = np.where(np.isnan(X), np.nan_to_num(medians)[None, :], X)
    from sklearn.decomposition import PCA  # deferred: slow to import
    from sklearn.preprocessing import StandardScaler

    Z = StandardScaler().fit_transform(X)
    if not np.any(Z):
        return float("nan")
    return float(PCA(n_components=1).fit(Z).explained_variance_ratio_[0])


def diagnose(normalised: pd.DataFrame, framework: Framework) -> Diagnostics:
    """Diagnostics of normalised indicators grouped by the framework's domains.

    Parameters
    ----------
    normalised
        District × indicator table of normalised values (direction applied).
    framework
        The resolved framework (gives each indicator's domain).

    Returns
    -------
    Diagnostics
    """
    correlation = normalised.corr()
    alpha = {}
    share = {"all": first_component_share(normalised.to_numpy())}
    for domain in framework.domain_codes:
        codes = [i.code for i in framework.indicators_of(domain) if i.code in normalised]
        alpha[domain] = cronbach_alpha(normalised[codes].to_numpy()) if codes else np.nan
        share[domain] = first_component_share(normalised[codes].to_numpy()) if codes else np.nan
    r = correlation.to_numpy()
    a, b = np.triu_indices_from(r, k=1)
    strong = np.abs(r[a, b]) > DOUBLE_COUNTING_THRESHOLD
    pairs = pd.DataFrame(
        {
            "a": correlation.index[a[strong]],
            "b": correlation.columns[b[strong]],
            "r": r[a, b][strong],
        }
    )
    return Diagnostics(
        correlation=correlation,
        cronbach_alpha=pd.Series(alpha, name="cronbach_alpha", dtype=float),
        first_component_share=pd.Series(share, name="first_component_share", dtype=float),
        double_counting=pairs,
    )
