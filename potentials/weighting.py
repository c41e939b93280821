"""Weights: from the framework, equal per indicator or domain, or from a PCA."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from potentials.errors import SpecificationError, WeightError
from potentials.framework import Framework
from potentials.spec import ScoringSpec, Weighting

__all__ = ["Weights", "pca_weights", "resolve_weights", "weight_shares"]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Weights:
    """Effective weights of a run.

    Attributes
    ----------
    codes
        Indicator codes, in framework order.
    domains
        Domain codes, in framework order.
    within
        Weight of each indicator within its domain (sums to 1 per domain).
    domain
        Weight of each domain in the composite (sums to 1).
    domain_index
        Position in ``domains`` of each indicator's domain.
    explained_variance
        Explained-variance ratio of every principal component (PCA weighting only).
    """

    codes: tuple[str, ...]
    domains: tuple[str, ...]
    within: Array
    domain: Array
    domain_index: NDArray[np.intp]
    explained_variance: pd.Series | None = None

    @property
    def effective(self) -> Array:
        """Each indicator's share of the composite (sums to 1)."""
        return self.within * self.domain[self.domain_index]

    def members(self) -> list[NDArray[np.intp]]:
        """Column indices of each domain's indicators."""
        return [np.flatnonzero(self.domain_index == j) for j in range(len(self.domains))]

    def table(self) -> pd.DataFrame:
        """Weights as a table: one row per domain and per indicator.

        Columns: ``level`` ("domain"/"indicator"), ``code``, ``domain``, ``weight``
        (share within the domain for indicators, share of the composite for domains)
        and ``effective`` (share of the composite).
        """
        rows = [
            {"level": "domain", "code": d, "domain": d, "weight": w, "effective": w}
            for d, w in zip(self.domains, self.domain, strict=True)
        ]
        rows += [
            {
                "level": "indicator",
                "code": c,
                "domain": self.domains[j],
                "weight": w,
                "effective": e,
            }
            for c, j, w, e in zip(
                self.codes, self.domain_index, self.within, self.effective, strict=True
            )
        ]
        return pd.DataFrame(rows)


def weight_shares(weights: Array, *, groups: NDArray[np.intp] | None = None) -> Array:
    """Turn relative weights into shares: of their total, or of their group's total.

    Dividing by the largest weight first keeps the sum finite for any finite input.

    Parameters
    ----------
    weights
        Relative weights (finite, >= 0).
    groups
        Group number of each weight (shares then sum to 1 within each group).

    Returns
    -------
    numpy.ndarray
        Shares; a group (or the whole) whose weights are all 0 keeps zeros.
    """
    w = np.asarray(weights, dtype=np.float64)
    if groups is None:
        groups = np.zeros(w.size, dtype=np.intp)
    out = np.zeros_like(w)
    for g in np.unique(groups):
        members = groups == g
        top = w[members].max(initial=0.0)
        if top > 0:
            scaled = w[members] / top
            out[members] = scaled / scaled.sum()
    return out


def pca_weights(normalised: Array, *, variance: float = 0.6) -> tuple[Array, Array]:
    """Derive indicator weights from a principal component analysis.

    Missing values are replaced by the column median, columns are standardised
    (:class:`sklearn.preprocessing.StandardScaler`) and all components are
    extracted (:class:`sklearn.decomposition.PCA`). The first ``m`` components whose
    cumulative explained variance reaches ``variance`` are kept (at least the
    first). An indicator's weight is the sum of its squared loadings on the kept
    components, each weighted by the component's share of the kept variance
    (after Nicoletti et al. 2000, OECD/JRC Handbook 2008); weights sum to 1.

    Parameters
    ----------
    normalised
        Normalised values ``(districts, indicators)``, NaN where missing.
    variance
        Cumulative explained-variance share to reach (0 < variance <= 1).

    Returns
    -------
    weights, explained_variance_ratio
        Weights per indicator and the explained-variance ratio of every component.
    """
    X = np.asarray(normalised, dtype=np.float64)
    medians = np.nanmedian(X, axis=0)
    X = np.where(np.isnan(X), np.nan_to_num(medians)[None, :], X)
    from sklearn.decomposition import PCA  # deferred: slow to import
    from sklearn.preprocessing import StandardScaler

    Z = StandardScaler().fit_transform(X)
    pca = PCA().fit(Z)
    ratio = pca.explained_variance_ratio_
    cumulative = np.cumsum(ratio)
    m = int(np.searchsorted(cumulative, variance - 1e-12) + 1)
    m = max(1, min(m, len(ratio)))
    share = ratio[:m] / ratio[:m].sum()
    weights = (pca.components_[:m] ** 2 * share[:, None]).sum(axis=0)
    return weights / weights.sum(), ratio


def resolve_weights(
    framework: Framework, spec: ScoringSpec, *, normalised: Array | None = None
) -> Weights:
    """Effective weights of ``spec`` for the (resolved) ``framework``.

    Parameters
    ----------
    framework
        The framework resolved against the atlas.
    spec
        The specification (weighting method and overrides).
    normalised
        Normalised indicator matrix; required for :attr:`Weighting.PCA`.

    Returns
    -------
    Weights

    Raises
    ------
    SpecificationError
        For overrides naming unknown indicators.
    WeightError
        For weights that leave the composite with zero total weight. A domain whose
        indicators all have weight 0 is left out of the composite (domain weight 0);
        its own score uses equal weights.
    """
    codes = framework.codes
    domains = framework.domain_codes
    domain_index = np.array([domains.index(i.domain) for i in framework.indicators], dtype=np.intp)
    counts = np.bincount(domain_index, minlength=len(domains)).astype(np.float64)
    explained = None
    if spec.weighting is Weighting.FRAMEWORK:
        within = np.array([i.weight for i in framework.indicators], dtype=np.float64)
        domain = np.array([d.weight for d in framework.domains], dtype=np.float64)
    elif spec.weighting is Weighting.EQUAL_INDICATORS:
        within = np.ones(len(codes))
        domain = counts.copy()
    elif spec.weighting is Weighting.EQUAL_DOMAINS:
        within = np.ones(len(codes))
        domain = np.ones(len(domains))
    else:
        if normalised is None:
            raise SpecificationError("PCA weighting needs the normalised indicator matrix")
        overall, ratio = pca_weights(normalised, variance=spec.pca_variance)
        within = overall.copy()
        domain = np.bincount(domain_index, weights=overall, minlength=len(domains)).astype(
            np.float64
        )
        explained = pd.Series(
            ratio, index=[f"PC{k + 1}" for k in range(len(ratio))], name="explained_variance"
        )
    if spec.indicator_weights:
        aliases = {i.proxy_of: i.code for i in framework.indicators if i.proxy_of}
        unknown = []
        for key, value in spec.indicator_weights.items():
            code = key if key in codes else aliases.get(key)
            if code is None:
                unknown.append(key)
            else:
                within[codes.index(code)] = value
        if unknown:
            raise SpecificationError(
                f"indicator_weights name indicator(s) not in the scored framework: "
                f"{', '.join(sorted(unknown))} (scored: {', '.join(codes)})"
            )
    if spec.domain_weights:
        for key, value in spec.domain_weights.items():
            domain[domains.index(key)] = value
    sums = np.bincount(domain_index, weights=within, minlength=len(domains))
    for j in np.flatnonzero(~(sums > 0)):
        # every indicator of the domain weighted 0: the user leaves the domain out of
        # the composite; its own score keeps equal indicator weights so it can be shown
        members = domain_index == j
        within[members] = 1.0
        domain[j] = 0.0
    if not domain.max(initial=0.0) > 0:
        left_out = [d for d, s in zip(domains, sums, strict=True) if not s > 0]
        detail = (
            f" (domains whose indicator weights are all zero count as 0: {', '.join(left_out)})"
            if left_out
            else ""
        )
        raise WeightError(
            f"all domain weights are zero{detail}; at least one must be positive",
            reason="all_zero",
        )
    return Weights(
        codes=codes,
        domains=domains,
        within=weight_shares(within, groups=domain_index),
        domain=weight_shares(domain),
        domain_index=domain_index,
        explained_variance=explained,
    )
