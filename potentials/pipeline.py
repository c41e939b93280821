"""``run(atlas, spec) -> Result``: one scoring run, a pure function of its inputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from potentials._engine import (
    aggregation_inputs,
    composite_scores,
    domain_scores,
    normalised_matrix,
    rank_descending,
)
from potentials.diagnostics import Diagnostics, diagnose
from potentials.errors import SpecificationError
from potentials.framework import Framework
from potentials.prepare import Prepared, prepare
from potentials.sensitivity import classify_robustness, monte_carlo
from potentials.spec import Aggregation, ScoringSpec, Weighting
from potentials.weighting import Weights, resolve_weights

if TYPE_CHECKING:
    from geodata.atlas.model import Atlas

__all__ = ["TYPOLOGY_COLUMNS", "Result", "run"]

#: Typology columns of every result's district table (see :func:`potentials.prepare`).
TYPOLOGY_COLUMNS = (
    "settlement_type",
    "kreisregion",
    "rurality",
    "socioeconomic",
    "rural_type",
    "population",
    "area_km2",
)


@dataclass(frozen=True, eq=False)
class Result:
    """Outcome of a scoring run; carries the specification it was computed from.

    Attributes
    ----------
    spec
        The scoring specification.
    framework
        The framework as resolved against the atlas (codes actually used, proxies).
    scores
        One row per district (index ``ags``): ``name``, ``composite``, ``rank``
        (1 = most favourable conditions), ``coverage``, ``flagged``,
        ``domain_<code>`` per domain, the typology columns
        (:data:`TYPOLOGY_COLUMNS`: ``settlement_type``, ``kreisregion``, ``rurality``,
        ``socioeconomic``, ``rural_type``, ``population``, ``area_km2``) and, with Monte
        Carlo, ``rank_median``, ``rank_p05``,
        ``rank_p95``, ``robustness``.
    raw
        Raw indicator values (``ags`` × code).
    normalised
        Normalised values (``ags`` × code), direction applied: higher = more favourable.
    weights
        Effective weights: one row per domain and indicator (see
        :meth:`potentials.weighting.Weights.table`).
    diagnostics
        Correlations, Cronbach's alpha, first-component shares, double counting.
    sensitivity
        Per factor ``first_order``, ``total_order``, ``mean_abs_rank_shift``; None
        without Monte Carlo.
    explained_variance
        Explained-variance ratio per principal component (PCA weighting only).
    metadata
        Items describing the run (typology approximations, Monte Carlo size, atlas).
    """

    spec: ScoringSpec
    framework: Framework
    scores: pd.DataFrame
    raw: pd.DataFrame
    normalised: pd.DataFrame
    weights: pd.DataFrame
    sensitivity: pd.DataFrame | None = None
    explained_variance: pd.Series | None = None
    metadata: dict[str, str] = field(default_factory=dict)

    @cached_property
    def diagnostics(self) -> Diagnostics:
        """Correlations, Cronbach's alpha, first-component shares, double counting.

        Computed on first access (the dashboard's fast path does not need them).
        """
        return diagnose(self.normalised, self.framework)

    @property
    def domain_columns(self) -> list[str]:
        """Names of the domain score columns, in framework order."""
        return [f"domain_{d}" for d in self.framework.domain_codes]

    @property
    def proxies(self) -> dict[str, str]:
        """``{code used: preferred code}`` for every proxy indicator."""
        return {i.code: i.proxy_of for i in self.framework.indicators if i.proxy_of}


def run(atlas: Atlas | Prepared, spec: ScoringSpec) -> Result:
    """Score every district under ``spec``.

    Steps: resolve the framework against the atlas; transform, winsorise and apply
    directions (higher = more favourable); normalise; weight; aggregate indicators
    into domain scores and domains into the composite (missing values per
    ``spec.missing``); flag districts whose coverage is below ``spec.min_coverage``
    (composite NaN, no rank); rank (1 = most favourable); typology; diagnostics;
    and, if ``spec.mc_draws > 0``, the Monte Carlo uncertainty and sensitivity
    analysis.

    Parameters
    ----------
    atlas
        The district atlas, or the result of :func:`potentials.prepare` for the
        same framework (faster when scoring repeatedly).
    spec
        The scoring specification.

    Returns
    -------
    Result

    Raises
    ------
    FrameworkError
        If the framework cannot be resolved against the atlas.
    SpecificationError
        If weights or options are inconsistent with the framework.
    """
    if isinstance(atlas, Prepared):
        prepared = atlas
        if not prepared.accepts(spec.framework):
            raise SpecificationError(
                f"the atlas was prepared for another framework ({prepared.framework.name!r}) "
                f"than the spec's ({spec.framework.name!r}); call prepare() with it again"
            )
    else:
        prepared = prepare(atlas, spec.framework)
    framework = prepared.framework
    codes = list(framework.codes)
    index = prepared.ags
    normalised = normalised_matrix(
        prepared.values, method=spec.normalisation, population=prepared.population
    )
    weights = _weights(framework, spec, normalised)
    geometric = spec.aggregation is Aggregation.GEOMETRIC
    V, M = aggregation_inputs(
        normalised, prepared.present, missing=spec.missing, geometric=geometric
    )
    composite = composite_scores(
        V,
        M,
        weights.within[None, :],
        weights.domain[None, :],
        weights.domain_index,
        geometric=geometric,
    )[0]
    domains = domain_scores(V, M, weights.within, weights.members(), geometric=geometric)
    coverage = prepared.present.astype(np.float64) @ weights.effective
    # a tiny tolerance so that "exactly at the threshold" is not flagged by rounding
    flagged = (coverage < spec.min_coverage - 1e-12) | np.isnan(composite)
    composite = np.where(flagged, np.nan, composite)
    rank = rank_descending(composite[None, :])[0]

    scores = pd.DataFrame(
        {
            "name": prepared.districts["name"].to_numpy(),
            "composite": composite,
            "rank": rank,
            "coverage": coverage,
            "flagged": flagged,
        },
        index=index,
    )
    for code, values in zip(framework.domain_codes, domains, strict=True):
        scores[f"domain_{code}"] = values
    for column in TYPOLOGY_COLUMNS:
        scores[column] = prepared.typology[column].to_numpy()

    metadata = {f"typology.{k}": v for k, v in prepared.typology_notes.items()}
    metadata["atlas_kind"] = prepared.atlas_kind
    metadata["districts_flagged"] = str(int(flagged.sum()))
    sensitivity = None
    if spec.mc_draws > 0:
        mc = monte_carlo(
            values=prepared.values,
            present=prepared.present,
            population=prepared.population,
            weights=weights,
            spec=spec,
            excluded=flagged,
            index=index,
        )
        scores = scores.join(mc.ranks)
        scores["robustness"] = classify_robustness(scores["rank_p05"], scores["rank_p95"])
        sensitivity = mc.sensitivity
        metadata["mc_evaluations"] = str(mc.evaluations)
        metadata["mc_base_rows"] = str(mc.base_rows)

    normalised_frame = pd.DataFrame(normalised, index=index, columns=codes)
    return Result(
        spec=spec,
        framework=framework,
        scores=scores,
        raw=prepared.raw,
        normalised=normalised_frame,
        weights=weights.table(),
        sensitivity=sensitivity,
        explained_variance=weights.explained_variance,
        metadata=metadata,
    )


def _weights(framework: Framework, spec: ScoringSpec, normalised: np.ndarray) -> Weights:
    return resolve_weights(
        framework, spec, normalised=normalised if spec.weighting is Weighting.PCA else None
    )
