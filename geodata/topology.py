"""Boundary simplification that keeps a coverage a coverage, and checks for gaps and overlaps.

Simplifying each district on its own moves shared borders differently on each
side and opens slivers between neighbours. :func:`simplify_coverage` simplifies
all districts together with GEOS' coverage simplifier, so every shared edge is
simplified once and stays shared. :func:`coverage_overlaps` and
:func:`coverage_gaps` measure what remains of slivers, in km².
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.errors import ArgumentError

__all__ = [
    "DEFAULT_TOLERANCE_M",
    "METRIC_CRS",
    "coverage_gaps",
    "coverage_overlaps",
    "simplify_coverage",
]

#: ETRS89 / UTM zone 32N: metres, the official projected CRS for Germany-wide data.
METRIC_CRS = "EPSG:25832"

#: Simplification tolerance (m) of the embedded atlas: fine enough for district maps
#: at national and state scale, coarse enough to keep the GeoPackage small.
DEFAULT_TOLERANCE_M = 200.0


def simplify_coverage(
    gdf: gpd.GeoDataFrame,
    *,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    metric_crs: str = METRIC_CRS,
    decimals: int | None = 6,
    clean: bool = True,
) -> gpd.GeoDataFrame:
    """Simplify polygons that tile an area, keeping shared borders shared.

    The coverage is first cleaned (``shapely.coverage_clean``): official boundaries
    are not always noded exactly, and an edge the two neighbours draw slightly
    differently would otherwise be simplified twice and open slivers.

    Parameters
    ----------
    gdf
        A polygonal coverage (neighbours share edges, no overlaps), any CRS.
    tolerance_m
        Simplification tolerance in metres (Visvalingam–Whyatt, as GEOS uses it).
    metric_crs
        Projected CRS in which the tolerance is applied.
    decimals
        Round output coordinates to this many decimals (6 ≈ 0.1 m in degrees);
        ``None`` keeps them as they are.
    clean
        Node the coverage before simplifying (recommended for official boundaries).

    Returns
    -------
    geopandas.GeoDataFrame
        A copy of ``gdf`` with simplified, valid geometries in the input CRS.

    Raises
    ------
    ValueError
        If ``gdf`` has no CRS or ``tolerance_m`` is negative.
    """
    if gdf.crs is None:
        raise ArgumentError(
            "simplify_coverage needs a CRS to apply a tolerance in metres; set one with set_crs"
        )
    if tolerance_m < 0:
        raise ArgumentError(f"tolerance must be >= 0 m, got {tolerance_m}")
    metric = gdf.geometry.to_crs(metric_crs)
    geometries = shapely.coverage_clean(metric.values) if clean else metric.values
    simplified = shapely.coverage_simplify(geometries, tolerance_m)
    back = gpd.GeoSeries(simplified, index=gdf.index, crs=metric_crs).to_crs(gdf.crs)
    geometries = back.values
    if decimals is not None:
        geometries = shapely.set_precision(geometries, 10.0**-decimals, mode="pointwise")
    geometries = shapely.make_valid(geometries)
    geometries = shapely.orient_polygons(_polygonal(geometries))
    out = gdf.copy()
    out[gdf.geometry.name] = geometries
    return out


def _polygonal(geometries: np.ndarray) -> np.ndarray:
    """Drop lines/points that ``make_valid`` may leave next to the polygons."""
    result = []
    for geometry in geometries:
        if geometry.geom_type == "GeometryCollection":
            parts = [g for g in geometry.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
            geometry = shapely.union_all(parts)
        result.append(geometry)
    return np.asarray(result, dtype=object)


def coverage_overlaps(
    gdf: gpd.GeoDataFrame, *, key: str = "ags", metric_crs: str = METRIC_CRS
) -> pd.DataFrame:
    """Area shared by each pair of neighbouring polygons.

    Parameters
    ----------
    gdf
        Polygons meant to tile an area without overlaps.
    key
        Column naming each polygon.
    metric_crs
        CRS in which areas are measured.

    Returns
    -------
    pandas.DataFrame
        ``left, right, area_km2`` for every pair whose interiors overlap, largest first.
    """
    metric = gdf.to_crs(metric_crs)
    geoms = metric.geometry.values
    left, right = metric.sindex.query(geoms, predicate="intersects")
    pairs = left < right
    left, right = left[pairs], right[pairs]
    areas = shapely.area(shapely.intersection(geoms[left], geoms[right])) / 1e6
    keys = metric[key].to_numpy()
    table = pd.DataFrame({"left": keys[left], "right": keys[right], "area_km2": areas})
    return table[table["area_km2"] > 0].sort_values("area_km2", ascending=False, ignore_index=True)


def coverage_gaps(gdf: gpd.GeoDataFrame, *, metric_crs: str = METRIC_CRS) -> pd.Series:
    """Areas (km²) of holes enclosed by the coverage, i.e. gaps between neighbours.

    Holes of the union are gaps no polygon covers; the outer boundary is not a gap.

    Parameters
    ----------
    gdf
        Polygons meant to tile an area without gaps.
    metric_crs
        CRS in which areas are measured.

    Returns
    -------
    pandas.Series
        One area per hole, largest first (empty when there is none).
    """
    union = shapely.union_all(gdf.to_crs(metric_crs).geometry.values)
    polygons = shapely.get_parts(union)
    areas = [
        shapely.Polygon(ring).area / 1e6
        for polygon in polygons
        for ring in shapely.get_interior_ring(
            polygon, range(shapely.get_num_interior_rings(polygon))
        )
    ]
    return pd.Series(sorted(areas, reverse=True), dtype=float, name="area_km2")
