"""Prepare an atlas for scoring: the spec-independent part of a run, done once.

:func:`prepare` resolves the framework against the atlas, extracts the indicator
matrix, applies transforms, winsorising and directions, and computes the
settlement typology and the rurality typology after Küpper (2016). The result is
immutable, so the dashboard can prepare once and call :func:`potentials.run` on every
weight change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from potentials.errors import FrameworkError, SpecificationError
from potentials.framework import Framework, Transform
from potentials.typology import SETTLEMENT_TYPE_METHOD, kuepper_typology, settlement_types

if TYPE_CHECKING:
    from geodata.atlas.model import Atlas

__all__ = ["Prepared", "prepare"]


@dataclass(frozen=True, eq=False)
class Prepared:
    """An atlas prepared for one framework.

    Attributes
    ----------
    framework
        The framework resolved against the atlas.
    districts
        District attributes indexed by ``ags`` (``name, kind, state, population,
        area_km2``; no geometry).
    raw
        Raw indicator values, ``ags`` × framework code, before any transform.
    values
        Transformed, winsorised and direction-applied values (higher = more
        favourable), shape ``(districts, indicators)``; NaN where missing.
    present
        Where a value is present.
    population
        Population of each district (weights of the German value).
    typology
        Per district: ``settlement_type``, ``kreisregion``, ``rurality``,
        ``socioeconomic``, ``rural_type``, ``population``, ``area_km2`` (see
        :func:`potentials.typology.kuepper_typology`).
    typology_notes
        How each typology variable was obtained (for the metadata).
    atlas_kind
        ``"embedded"`` or ``"full"``.
    requested
        The framework as passed to :func:`prepare` (before resolution).
    """

    framework: Framework
    districts: pd.DataFrame
    raw: pd.DataFrame
    values: NDArray[np.float64]
    present: NDArray[np.bool_]
    population: NDArray[np.float64]
    typology: pd.DataFrame
    typology_notes: dict[str, str] = field(default_factory=dict)
    atlas_kind: str = "embedded"
    requested: Framework | None = None

    def accepts(self, framework: Framework) -> bool:
        """Whether ``framework`` is the one this atlas was prepared for."""
        return framework == self.framework or framework == self.requested

    @property
    def ags(self) -> pd.Index:
        """District keys, in row order."""
        return self.districts.index


def prepare(atlas: Atlas, framework: Framework) -> Prepared:
    """Prepare ``atlas`` for scoring with ``framework``.

    Parameters
    ----------
    atlas
        The district atlas.
    framework
        The framework; resolved against the atlas unless it already is.

    Returns
    -------
    Prepared

    Raises
    ------
    FrameworkError
        If the framework cannot be resolved against the atlas.
    SpecificationError
        If a log-transformed indicator has values <= 0 (naming the districts).
    """
    requested = framework
    if framework.resolved_against is None:
        framework = framework.resolve(atlas)
    districts = pd.DataFrame(atlas.districts.drop(columns="geometry")).set_index("ags")
    wide = atlas.wide()
    absent = [c for c in framework.codes if c not in wide.columns]
    if absent:
        raise FrameworkError(
            [f"indicator {c!r} is not in the {atlas.kind} atlas" for c in absent],
            source=f"framework {framework.name!r} (resolved against a {framework.resolved_against} "
            "atlas; load it again with atlas=...)",
        )
    raw = wide.reindex(columns=list(framework.codes)).astype(np.float64)
    values = raw.to_numpy(dtype=np.float64, copy=True)
    problems = []
    for j, ind in enumerate(framework.indicators):
        col = values[:, j]
        if ind.transform is Transform.LOG:
            bad = np.flatnonzero(col <= 0)
            if bad.size:
                keys = ", ".join(raw.index[bad][:10])
                problems.append(
                    f"indicator {ind.code!r} is log-transformed but has values <= 0 in "
                    f"district(s) {keys}"
                )
                continue
            col = np.log(col)
        if ind.winsorise is not None and np.isfinite(col).any():
            low, high = np.nanquantile(col, ind.winsorise)
            col = np.clip(col, low, high)
        values[:, j] = col * ind.direction
    if problems:
        raise SpecificationError("; ".join(problems))
    values[~np.isfinite(values)] = np.nan
    present = ~np.isnan(values)
    population = pd.to_numeric(districts["population"], errors="coerce").to_numpy(np.float64)
    typology, notes = _typology(atlas, districts, wide)
    return Prepared(
        framework=framework,
        districts=districts,
        raw=raw,
        values=values,
        present=present,
        population=np.nan_to_num(population),
        typology=typology,
        typology_notes=notes,
        atlas_kind=str(getattr(atlas, "kind", "")),
        requested=requested,
    )


def _typology(
    atlas: Atlas, districts: pd.DataFrame, wide: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Settlement types and Küpper's typology per district, with the notes for the metadata."""
    typology = pd.DataFrame({"settlement_type": settlement_types(districts)})
    notes = {"settlement_type": SETTLEMENT_TYPE_METHOD}
    catalogue = getattr(atlas, "catalogue", None)
    years: dict[str, object] = {}
    if catalogue is not None and {"code", "year"} <= set(catalogue.columns):
        years = dict(zip(catalogue["code"], catalogue["year"], strict=True))
    try:
        kuepper = kuepper_typology(
            atlas.districts.set_index("ags"),
            wide,
            population_year=years.get("population"),
            years=years,
        )
    except ValueError as exc:  # e.g. an atlas of two districts: no principal component
        for column in ("kreisregion", "rurality", "socioeconomic", "rural_type"):
            typology[column] = None
        notes["rurality"] = f"not computed: {exc}"
    else:
        typology = typology.join(kuepper.districts)
        notes.update(kuepper.notes)
    typology["population"] = pd.to_numeric(districts["population"], errors="coerce")
    typology["area_km2"] = pd.to_numeric(districts["area_km2"], errors="coerce")
    return typology, notes
