"""Map geometry for a Germany-wide view: simplified as a coverage, rounded, as GeoJSON.

The districts are simplified together (:func:`shapely.coverage_simplify`) in a metric
projection so that shared borders stay shared and no slivers or gaps appear, then
rounded to a precision that suits the zoom of the whole country.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import shapely

#: Simplification tolerance in metres (about 1.5 pixels of a 640 px high map of Germany).
TOLERANCE_M = 2000.0
#: Decimal places of the rounded longitude/latitude (3 ≈ 100 m).
PRECISION = 3
_METRIC_CRS = "EPSG:3035"


def simplified_geometry(
    districts: gpd.GeoDataFrame, *, tolerance_m: float = TOLERANCE_M, precision: int = PRECISION
) -> gpd.GeoSeries:
    """Simplify district polygons as one coverage and round their coordinates.

    Parameters
    ----------
    districts
        Districts with polygon geometry in any CRS.
    tolerance_m
        Coverage simplification tolerance in metres.
    precision
        Decimal places kept of longitude and latitude.

    Returns
    -------
    geopandas.GeoSeries
        Simplified geometry in EPSG:4326, indexed like ``districts``.
    """
    metric = districts.geometry.to_crs(_METRIC_CRS)
    geoms = np.asarray(metric.values, dtype=object)
    try:
        simple = shapely.coverage_simplify(geoms, tolerance_m)
    except shapely.errors.GEOSException:  # not a valid coverage: simplify one by one
        simple = shapely.simplify(geoms, tolerance_m, preserve_topology=True)
    back = gpd.GeoSeries(simple, index=districts.index, crs=_METRIC_CRS).to_crs("EPSG:4326")
    factor = 10.0**precision
    rounded = shapely.transform(back.values, lambda xy: np.round(xy * factor) / factor)
    rounded = shapely.remove_repeated_points(rounded)
    # d3-geo (Plotly's geo) wants clockwise exterior rings, else a polygon fills the globe.
    rounded = shapely.orient_polygons(rounded, exterior_cw=True)
    return gpd.GeoSeries(rounded, index=districts.index, crs="EPSG:4326")


def _ring(coords: np.ndarray, precision: int) -> list[list[float]]:
    return np.round(coords[:, :2], precision).tolist()


def _polygon(poly: Any, precision: int) -> list[list[list[float]]]:
    rings = [poly.exterior, *poly.interiors]
    return [_ring(np.asarray(r.coords), precision) for r in rings]


def to_geojson(
    ids: list[str], geometry: gpd.GeoSeries, *, precision: int = PRECISION
) -> dict[str, Any]:
    """Build a minimal GeoJSON FeatureCollection: feature ``id`` = AGS, no properties.

    Parameters
    ----------
    ids
        Feature ids (AGS), in the order of ``geometry``.
    geometry
        Polygon or MultiPolygon geometry in EPSG:4326.
    precision
        Decimal places of the coordinates.

    Returns
    -------
    dict
        GeoJSON with one feature per district.
    """
    features = []
    for ags, geom in zip(ids, geometry, strict=True):
        if geom is None or geom.is_empty:
            continue
        if geom.geom_type == "Polygon":
            g = {"type": "Polygon", "coordinates": _polygon(geom, precision)}
        else:
            parts = [p for p in getattr(geom, "geoms", []) if p.geom_type == "Polygon"]
            g = {"type": "MultiPolygon", "coordinates": [_polygon(p, precision) for p in parts]}
        features.append({"type": "Feature", "id": ags, "geometry": g})
    return {"type": "FeatureCollection", "features": features}


def bounds(geometry: gpd.GeoSeries) -> tuple[float, float, float, float]:
    """Longitude/latitude bounds ``(minx, miny, maxx, maxy)`` of the geometry."""
    minx, miny, maxx, maxy = geometry.total_bounds
    return float(minx), float(miny), float(maxx), float(maxy)
