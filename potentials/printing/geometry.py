"""District and Länder geometry for printed maps: projected, simplified, dissolved once."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

#: ETRS89 / UTM zone 32N, the projection of the official German boundary products.
SHEET_CRS = "EPSG:25832"
#: Simplification tolerance in metres (0.05 mm at the 1:5,000,000 of an A4 map of Germany).
TOLERANCE_M = 250.0


@dataclass(frozen=True)
class SheetGeometry:
    """Geometry of a printed map.

    Attributes
    ----------
    districts
        District polygons indexed by AGS, in :data:`SHEET_CRS` (metres).
    states
        Länder polygons indexed by Land name, dissolved from ``districts``.
    """

    districts: gpd.GeoSeries
    states: gpd.GeoSeries


def dissolve(geometry: gpd.GeoSeries, by: pd.Series) -> gpd.GeoSeries:
    """Merge polygons that share a group label (e.g. districts into Länder).

    Parameters
    ----------
    geometry
        Polygons forming a coverage (neighbours share their borders).
    by
        Group label of each polygon, aligned with ``geometry``.

    Returns
    -------
    geopandas.GeoSeries
        One (multi)polygon per group, indexed by the group label, in ``geometry``'s CRS.
    """
    frame = gpd.GeoDataFrame(
        {"group": by.to_numpy()}, geometry=geometry.to_numpy(), crs=geometry.crs
    )
    try:
        merged = frame.dissolve(by="group", method="coverage")
    except (shapely.errors.GEOSException, ValueError, TypeError):
        merged = frame.dissolve(by="group")  # not an exact coverage: the general union
    out = merged.geometry
    out.index = out.index.astype(str)
    return gpd.GeoSeries(out, crs=geometry.crs)


def sheet_geometry(
    districts: gpd.GeoDataFrame,
    *,
    state_column: str = "state",
    crs: str = SHEET_CRS,
    tolerance_m: float = TOLERANCE_M,
) -> SheetGeometry:
    """Project and simplify the districts as one coverage and dissolve them into Länder.

    Parameters
    ----------
    districts
        Districts with an ``ags`` column (or AGS index), polygon geometry and a Land column.
    state_column
        Column naming each district's Land.
    crs
        Metric projection of the sheet.
    tolerance_m
        Coverage simplification tolerance in metres.

    Returns
    -------
    SheetGeometry
    """
    frame = districts.set_index("ags") if "ags" in districts.columns else districts
    metric = frame.geometry.to_crs(crs)
    geoms = np.asarray(metric.values, dtype=object)
    try:
        simple = shapely.coverage_simplify(geoms, tolerance_m)
    except shapely.errors.GEOSException:  # not a valid coverage: simplify one by one
        simple = shapely.simplify(geoms, tolerance_m, preserve_topology=True)
    geometry = gpd.GeoSeries(simple, index=frame.index.astype(str), crs=crs)
    states = dissolve(geometry, frame[state_column].astype(str))
    return SheetGeometry(districts=geometry, states=states)
