"""A composite index as the first principal component of a few variables (Küpper 2016).

Both of Küpper's indices – *Ländlichkeit* and *sozioökonomische Lage* – are the first
principal component of standardised variables over the Kreisregionen, rescaled to mean 0
and standard deviation 1. :func:`first_component` computes it with scikit-learn and
orients it so that it points in the direction the variables' documented signs give.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["ComponentIndex", "first_component"]


@dataclass(frozen=True)
class ComponentIndex:
    """The first principal component of a table, as an index.

    Attributes
    ----------
    score
        The index, mean 0 and standard deviation 1 (``ddof=1``) over the rows.
    loadings
        Correlation of each (transformed, standardised) variable with the component:
        eigenvector × √eigenvalue, the "component matrix" of the usual PCA reports.
    explained_variance
        Share of the total variance of the standardised variables the component explains.
    imputed
        Number of missing values per variable that were replaced by the variable's median.
    """

    score: pd.Series
    loadings: pd.Series
    explained_variance: float
    imputed: pd.Series = field(default_factory=lambda: pd.Series(dtype=int))


def first_component(table: pd.DataFrame, signs: Mapping[str, int]) -> ComponentIndex:
    """First principal component of the standardised columns of ``table``.

    Parameters
    ----------
    table
        One row per unit (e.g. Kreisregion), one column per (already transformed)
        variable. Missing values are replaced by the column's median (and counted).
    signs
        ``{column: +1 or -1}``: the direction in which each variable moves the index
        (e.g. for rurality, density -1 and farm-land share +1). The component is
        oriented so that ``sum(sign * loading) > 0``.

    Returns
    -------
    ComponentIndex

    Raises
    ------
    ValueError
        With fewer than two variables or three rows, or a column without variance.
    """
    from sklearn.decomposition import PCA  # deferred: slow to import
    from sklearn.preprocessing import StandardScaler

    if table.shape[1] < 2:
        raise ValueError(
            f"a principal component needs at least two variables, got {table.shape[1]}"
        )
    if table.shape[0] < 3:
        raise ValueError(f"a principal component needs at least three rows, got {table.shape[0]}")
    X = table.astype(np.float64).where(np.isfinite(table.astype(np.float64)))
    imputed = X.isna().sum()
    X = X.fillna(X.median())
    constant = [c for c in X.columns if not X[c].std() > 0]
    if constant:
        raise ValueError(
            f"variables without variance cannot enter the index: {', '.join(constant)}"
        )
    Z = StandardScaler().fit_transform(X.to_numpy())
    pca = PCA(n_components=1, svd_solver="full").fit(Z)
    raw = pca.transform(Z)[:, 0]
    # eigenvalue of the correlation matrix (sklearn's explained_variance_ uses n - 1 on
    # data scaled with n): its share of the trace times the number of variables
    eigenvalue = pca.explained_variance_ratio_[0] * Z.shape[1]
    loadings = pca.components_[0] * np.sqrt(eigenvalue)
    orientation = sum(signs.get(c, 0) * v for c, v in zip(X.columns, loadings, strict=True))
    if orientation < 0:
        raw, loadings = -raw, -loadings
    score = (raw - raw.mean()) / raw.std(ddof=1)
    return ComponentIndex(
        score=pd.Series(score, index=table.index),
        loadings=pd.Series(loadings, index=table.columns),
        explained_variance=float(pca.explained_variance_ratio_[0]),
        imputed=imputed.astype(int),
    )
