"""Kreisregionen: small kreisfreie Städte merged with the Landkreis around them.

Küpper (2016) computes the rurality typology for the BBSR's *Kreisregionen*:
kreisfreie Städte with fewer than 100,000 inhabitants are merged with the Landkreis
that surrounds them. The pairs are not a fixed list here but derived from the atlas:

* a kreisfreie Stadt is *small* if its population (the atlas' population column, whose
  reference date the caller states) is below ``min_city_population``;
* it joins the Landkreis with which it shares the **longest common boundary**; a city
  enclosed by one Landkreis shares its whole boundary with it, one on the edge of several
  (Speyer, Neumünster) joins the one it borders most;
* a small city that borders no Landkreis (only other cities) stays a Kreisregion of its
  own, and the notes say so.

The Kreisregion code is the AGS of the Landkreis (for a district that is not merged, its
own AGS).
"""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from potentials.typology.settlement import is_independent_city

__all__ = ["MIN_CITY_POPULATION", "kreisregion_pairs", "kreisregionen"]

#: Kreisfreie Städte below this population are merged (BBSR / Küpper 2016).
MIN_CITY_POPULATION = 100_000
#: Equal-area CRS (metres) in which boundary lengths are measured.
METRIC_CRS = "EPSG:3035"
#: Two districts share a boundary where they lie within this distance (metres); absorbs
#: the slivers of generalised boundaries.
BOUNDARY_TOLERANCE_M = 100.0


def kreisregion_pairs(
    districts: gpd.GeoDataFrame,
    *,
    min_city_population: float = MIN_CITY_POPULATION,
    tolerance_m: float = BOUNDARY_TOLERANCE_M,
) -> pd.DataFrame:
    """Which small kreisfreie Stadt joins which Landkreis, and why.

    Parameters
    ----------
    districts
        Districts indexed by ``ags`` with ``kind``, ``population`` and a geometry with a CRS.
    min_city_population
        Kreisfreie Städte with a population below this are merged.
    tolerance_m
        Distance (metres) within which two boundaries count as shared.

    Returns
    -------
    pandas.DataFrame
        One row per small kreisfreie Stadt (index ``ags``) with ``population``,
        ``landkreis`` (AGS, missing if it borders no Landkreis), ``shared_km`` (length of the
        common boundary), ``boundary_share`` (that length over the city's perimeter;
        1.0 = enclosed) and ``neighbours`` (number of Landkreise it borders).
    """
    if districts.crs is None:
        raise ValueError("districts need a coordinate reference system to measure boundaries")
    metric = districts.geometry.to_crs(METRIC_CRS)
    population = pd.to_numeric(districts["population"], errors="coerce")
    city = np.array([is_independent_city(k) for k in districts["kind"]], dtype=bool)
    small = city & (population.to_numpy(float) < min_city_population)
    landkreise = metric[~city]
    lk_geoms = landkreise.to_numpy()
    rows = []
    for ags in districts.index[small]:
        geom = metric.loc[ags]
        if geom is None or geom.is_empty:  # no boundary to share: stays on its own
            geom = shapely.Point()
        near = shapely.dwithin(lk_geoms, geom, tolerance_m)
        boundary = geom.boundary
        perimeter = boundary.length
        best, best_len, count = None, 0.0, int(near.sum())
        for key, lk in zip(landkreise.index[near], lk_geoms[near], strict=True):
            shared = shapely.intersection(boundary, lk.buffer(tolerance_m)).length
            if shared > best_len:
                best, best_len = str(key), shared
        rows.append(
            {
                "ags": ags,
                "population": float(population.loc[ags]),
                "landkreis": best,
                "shared_km": best_len / 1000.0,
                "boundary_share": min(best_len / perimeter, 1.0) if perimeter > 0 else np.nan,
                "neighbours": count,
            }
        )
    columns = ["ags", "population", "landkreis", "shared_km", "boundary_share", "neighbours"]
    return pd.DataFrame(rows, columns=columns).set_index("ags")


def kreisregionen(
    districts: gpd.GeoDataFrame,
    *,
    min_city_population: float = MIN_CITY_POPULATION,
    pairs: pd.DataFrame | None = None,
) -> pd.Series:
    """Kreisregion code of every district.

    Parameters
    ----------
    districts
        Districts indexed by ``ags`` with ``kind``, ``population`` and geometry.
    min_city_population
        Kreisfreie Städte with a population below this are merged.
    pairs
        The result of :func:`kreisregion_pairs` (computed if not given).

    Returns
    -------
    pandas.Series
        ``kreisregion`` code per district (same index): the AGS of the Landkreis a
        small city joins, else the district's own AGS.
    """
    if pairs is None:
        pairs = kreisregion_pairs(districts, min_city_population=min_city_population)
    code = pd.Series(districts.index.astype(str), index=districts.index, name="kreisregion")
    joined = pairs["landkreis"].dropna()
    code.loc[joined.index] = joined.to_numpy()
    return code


def describe_pairs(pairs: pd.DataFrame, names: pd.Series | None = None) -> Iterable[str]:
    """``"07318 → 07338"`` lines (with names when given) for the metadata."""
    for ags, row in pairs.sort_index().iterrows():
        target = row["landkreis"] if pd.notna(row["landkreis"]) else "(alone: no Landkreis)"
        if names is not None:
            yield f"{ags} {names.get(ags, '')} → {target} {names.get(target, '')}".strip()
        else:
            yield f"{ags} → {target}"
