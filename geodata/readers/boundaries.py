"""Reader of the BKG VG250 district layer (Kreise, ``KRS``).

Three shapes of the same layer occur in practice and all are read here:

* a shapefile (the 2019 re-publication has no ``.cpg`` although its DBF text is UTF-8),
* a GeoPackage,
* GeoJSON, including the 2016 npm quirk whose top level is a JSON *list* mixing
  ``Feature`` objects with nested ``FeatureCollection`` objects.

Only land parts (``GF == 4``) are kept, so each district is one row.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from geodata.errors import (
    DuplicateKeyError,
    EncodingError,
    GeometryError,
    MissingFileError,
    MissingHeaderError,
    NumericValueError,
    ReaderError,
)

__all__ = ["read_vg250"]

#: VG250 "Geofaktor": 4 = land with structure, 2 = water (Bodensee, coastal waters).
LAND_GEOFACTOR = 4

#: Generous lon/lat envelope around Germany; VG250 districts must lie inside it.
GERMANY_ENVELOPE = (3.0, 45.0, 18.0, 57.0)

#: Hamburg and Berlin are Länder and districts at once.
CITY_STATE_KEYS = frozenset({"02000", "11000"})

_GEOJSON_SUFFIXES = {".json", ".geojson"}
_MOJIBAKE = ("Ã", "Â")
_OUTPUT_COLUMNS = ["ags", "name", "kind", "nuts3", "wsk", "geometry"]


def read_vg250(path: str | Path, *, encoding: str | None = None) -> gpd.GeoDataFrame:
    """Read the VG250 Kreise layer and return one land polygon per district.

    Parameters
    ----------
    path
        Shapefile (``.shp``), GeoPackage or GeoJSON (``.json``/``.geojson``) of the
        BKG VG250 Kreise layer. GeoJSON may be a FeatureCollection or a JSON list of
        Features and nested FeatureCollections (the 2016 npm packaging).
    encoding
        Text encoding of the attribute table. ``None`` auto-detects: a shapefile whose
        names come out as UTF-8 mojibake (``LÃ¼beck``) is re-read as UTF-8.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``ags`` (5-digit key from ``RS``, else ``AGS``), ``name`` (``GEN``),
        ``kind`` (``BEZ``), ``nuts3`` (``NUTS``), ``wsk`` (ISO date of the last change)
        and ``geometry`` (valid Polygon/MultiPolygon, exterior rings counter-clockwise),
        in EPSG:4326, sorted by ``ags``. ``attrs["wsk_max"]`` holds the latest ``wsk``
        and ``attrs["source"]`` the file name.

    Raises
    ------
    MissingHeaderError
        If a required VG250 attribute is absent.
    DuplicateKeyError
        If two land parts share one district key.
    GeometryError
        If the CRS is missing or implausible for the coordinates, or a geometry is
        empty or cannot be repaired into a polygon.
    ReaderError
        For malformed keys, unreadable files or malformed GeoJSON.

    Notes
    -----
    Error ``line`` numbers are 1-based feature numbers in file order.
    """
    path = Path(path)
    if not path.exists():
        raise MissingFileError(
            path,
            what="boundary file",
            fix="place the VG250 download named in ../shared/raw/PROVENANCE.md there",
        )
    if path.suffix.lower() in _GEOJSON_SUFFIXES:
        frame = _read_geojson(path, encoding=encoding)
    else:
        frame = _read_ogr(path, encoding=encoding)
    return _tidy(frame, path)


def _read_ogr(path: Path, *, encoding: str | None) -> gpd.GeoDataFrame:
    """Read a shapefile or GeoPackage with pyogrio, detecting UTF-8 DBF text."""
    layer = _district_layer(path)
    frame = _ogr_frame(path, layer=layer, encoding=encoding)
    if encoding is None and _looks_like_mojibake(frame):
        frame = _ogr_frame(path, layer=layer, encoding="utf-8")
    # BKG GeoPackages may spell attribute names in lower case.
    return frame.rename(columns={c: c.upper() for c in frame.columns if c != frame.geometry.name})


def _district_layer(path: Path) -> str | None:
    """Pick the Kreise layer of a multi-layer dataset (``vg250_krs`` in BKG GeoPackages)."""
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    except pyogrio.errors.DataSourceError as error:
        raise ReaderError(path, f"not a readable vector dataset ({error})") from None
    if len(layers) <= 1:
        return None
    districts = [name for name in layers if name.lower().endswith("krs")]
    if len(districts) != 1:
        raise MissingHeaderError(
            path, f"cannot tell the Kreise layer among {', '.join(layers)} (expected '*krs')"
        )
    return districts[0]


def _ogr_frame(path: Path, *, layer: str | None, encoding: str | None) -> gpd.GeoDataFrame:
    try:
        with warnings.catch_warnings():
            # Winding order is normalised below anyway; GDAL's warning is noise here.
            warnings.filterwarnings("ignore", message=".*winding order.*")
            return gpd.read_file(path, layer=layer, encoding=encoding, engine="pyogrio")
    except pyogrio.errors.DataSourceError as error:
        raise ReaderError(path, f"not a readable vector dataset ({error})") from None
    except UnicodeDecodeError as error:
        raise EncodingError(path, f"attribute text does not decode: {error.reason}") from None


def _looks_like_mojibake(frame: pd.DataFrame) -> bool:
    """Return True when UTF-8 text was decoded as latin-1 (``Ã¼`` for ``ü``)."""
    for column in frame.columns:
        if column == frame.geometry.name or frame[column].dtype.kind not in "OUT":
            continue
        text = frame[column].dropna().astype(str)
        if text.str.contains("|".join(_MOJIBAKE), regex=True).any():
            return True
    return False


def _read_geojson(path: Path, *, encoding: str | None) -> gpd.GeoDataFrame:
    """Parse GeoJSON with :mod:`json` so that a top-level list can be flattened."""
    raw = path.read_bytes()
    try:
        text = raw.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as error:
        raise EncodingError(path, f"GeoJSON is not {encoding or 'UTF-8'}: {error.reason}") from None
    except LookupError:
        raise EncodingError(path, f"unknown encoding {encoding!r}") from None
    if not text.strip():
        raise ReaderError(path, "file is empty")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReaderError(path, f"not valid JSON: {error.msg}", line=error.lineno) from None
    features = list(_flatten(document, path))
    if not features:
        raise ReaderError(path, "GeoJSON holds no features")
    crs = _geojson_crs(document, path)
    for number, feature in enumerate(features, start=1):
        if feature.get("geometry") is None:
            raise GeometryError(path, "feature has no geometry", line=number)
        if not isinstance(feature.get("properties"), dict):
            raise MissingHeaderError(path, "feature has no properties object", line=number)
    try:
        return gpd.GeoDataFrame.from_features(features, crs=crs)
    except (TypeError, ValueError, KeyError, AttributeError, shapely.errors.ShapelyError) as error:
        raise GeometryError(path, f"malformed GeoJSON geometry: {error}") from None


def _flatten(item: Any, path: Path) -> Iterator[dict[str, Any]]:
    """Yield the Features of a Feature, FeatureCollection or (nested) list of them."""
    if isinstance(item, list):
        for element in item:
            yield from _flatten(element, path)
        return
    kind = item.get("type") if isinstance(item, dict) else None
    if kind == "Feature":
        yield item
    elif kind == "FeatureCollection" and isinstance(item.get("features"), list):
        yield from _flatten(item["features"], path)
    else:
        raise ReaderError(path, f"expected GeoJSON Feature or FeatureCollection, found {kind!r}")


def _geojson_crs(document: Any, path: Path) -> CRS:
    """Return the legacy ``crs`` member if present, else the RFC 7946 default WGS84."""
    member = document.get("crs") if isinstance(document, dict) else None
    if member is None:
        return CRS.from_epsg(4326)
    try:
        return CRS.from_user_input(member["properties"]["name"])
    except (KeyError, TypeError, CRSError):
        raise GeometryError(path, f"unreadable GeoJSON crs member {member!r}") from None


def _tidy(frame: gpd.GeoDataFrame, path: Path) -> gpd.GeoDataFrame:
    """Select land parts, build the output columns and check keys, CRS and geometry."""
    key_column = "RS" if "RS" in frame.columns else "AGS"
    for column in ("GF", key_column, "GEN", "BEZ", "NUTS", "WSK"):
        if column not in frame.columns:
            raise MissingHeaderError(path, "required VG250 attribute is absent", column=column)
    feature_numbers = np.arange(1, len(frame) + 1)
    geofactor = pd.to_numeric(frame["GF"], errors="coerce")
    bad = geofactor.isna()
    if bad.any():
        first = int(np.flatnonzero(bad.to_numpy())[0])
        raise NumericValueError(
            path,
            f"GF must be a number, found {frame['GF'].iloc[first]!r}",
            line=int(feature_numbers[first]),
            column="GF",
        )
    land = (geofactor == LAND_GEOFACTOR).to_numpy()
    frame, feature_numbers = frame.loc[land], feature_numbers[land]
    if frame.empty:
        raise ReaderError(path, f"no land parts (GF == {LAND_GEOFACTOR}) in the layer")

    keys = [
        _district_key(key, path, int(number))
        for key, number in zip(frame[key_column], feature_numbers, strict=True)
    ]
    duplicated = pd.Series(keys).duplicated(keep=False)
    if duplicated.any():
        repeated = sorted(set(pd.Series(keys)[duplicated]))
        raise DuplicateKeyError(
            path, f"district key(s) occur in more than one land part: {', '.join(repeated)}"
        )

    geometry = _repair(frame.geometry.to_numpy(), keys, path, feature_numbers)
    frame = frame.set_geometry(geometry)
    _check_crs(frame, path)
    result = gpd.GeoDataFrame(
        {
            "ags": keys,
            "name": frame["GEN"].astype(str).to_numpy(),
            "kind": frame["BEZ"].astype(str).to_numpy(),
            "nuts3": frame["NUTS"].astype(str).to_numpy(),
            "wsk": _iso_dates(frame["WSK"], path, feature_numbers),
        },
        geometry=geometry,
        crs=frame.crs,
    ).to_crs(4326)
    _check_envelope(result, path)
    result = result.sort_values("ags", ignore_index=True)[_OUTPUT_COLUMNS]
    result.attrs["wsk_max"] = max(result["wsk"])
    result.attrs["source"] = path.name
    return result


def _district_key(value: object, path: Path, number: int) -> str:
    """Return the 5-digit key of a district; VG250 always writes ``RS`` with 5 digits."""
    text = str(value).strip()
    if not (len(text) == 5 and text.isascii() and text.isdigit()):
        raise ReaderError(path, f"not a 5-digit district key: {value!r}", line=number)
    if text.endswith("000") and text not in CITY_STATE_KEYS:
        raise ReaderError(path, f"{text!r} is a Land key, not a district", line=number)
    return text


def _check_crs(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Reject a missing CRS and coordinates that cannot be in the declared CRS."""
    crs = frame.crs
    if crs is None:
        raise GeometryError(path, "no coordinate reference system (missing .prj or crs)")
    minx, miny, maxx, maxy = frame.total_bounds
    if not np.isfinite([minx, miny, maxx, maxy]).all():
        raise GeometryError(path, "coordinates are not finite")
    if crs.is_geographic:
        plausible = -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90
    else:
        area = crs.area_of_use
        try:
            lon_lat = (
                gpd.GeoSeries([shapely.box(minx, miny, maxx, maxy)], crs=crs)
                .to_crs(4326)
                .total_bounds
            )
        except Exception:  # any projection failure means implausible input
            lon_lat = np.array([np.nan] * 4)
        plausible = bool(np.isfinite(lon_lat).all())
        if plausible and area is not None:
            margin = 10.0
            plausible = (
                area.west - margin <= lon_lat[0]
                and lon_lat[2] <= area.east + margin
                and area.south - margin <= lon_lat[1]
                and lon_lat[3] <= area.north + margin
            )
    if not plausible:
        raise GeometryError(
            path,
            f"coordinates {minx:.6g}, {miny:.6g} … {maxx:.6g}, {maxy:.6g} are implausible "
            f"for the declared CRS {crs.to_string()}",
        )


def _check_envelope(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Reject lon/lat outside Germany's surroundings (e.g. swapped axes)."""
    minx, miny, maxx, maxy = frame.total_bounds
    west, south, east, north = GERMANY_ENVELOPE
    if not (west <= minx and maxx <= east and south <= miny and maxy <= north):
        raise GeometryError(
            path,
            f"district outlines span lon {minx:.3f}…{maxx:.3f}, lat {miny:.3f}…{maxy:.3f}, "
            "outside Germany (swapped axes or wrong CRS?)",
        )


def _repair(
    geometries: np.ndarray, keys: list[str], path: Path, feature_numbers: np.ndarray
) -> np.ndarray:
    """Make geometries valid polygons with counter-clockwise exterior rings."""
    repaired = geometries.copy()
    for index, geometry in enumerate(geometries):
        number = int(feature_numbers[index])
        if geometry is None or shapely.is_empty(geometry):
            raise GeometryError(path, f"district {keys[index]} has an empty geometry", line=number)
        if not shapely.is_valid(geometry):
            geometry = _polygonal_part(shapely.make_valid(geometry))
        if geometry.geom_type not in ("Polygon", "MultiPolygon"):
            geometry = _polygonal_part(geometry)
        if geometry.is_empty:
            raise GeometryError(
                path, f"district {keys[index]} has no polygonal area after repair", line=number
            )
        repaired[index] = geometry
    return shapely.orient_polygons(repaired, exterior_cw=False)


def _polygonal_part(geometry: shapely.Geometry) -> shapely.Geometry:
    """Keep only the polygons of a (collection) geometry; may return an empty polygon."""
    parts = [
        part
        for part in shapely.get_parts(geometry)
        if part.geom_type in ("Polygon", "MultiPolygon") and not part.is_empty
    ]
    polygons = [p for part in parts for p in shapely.get_parts(part)]
    if not polygons:
        return shapely.Polygon()
    if len(polygons) == 1:
        return polygons[0]
    return shapely.MultiPolygon(polygons)


def _iso_dates(values: pd.Series, path: Path, feature_numbers: np.ndarray) -> list[str]:
    """Convert WSK (date, ``YYYY/MM/DD`` or ISO text) into ``YYYY-MM-DD`` strings."""
    dates = []
    for value, number in zip(values, feature_numbers, strict=True):
        stamp = pd.to_datetime(str(value).replace("/", "-")[:10], errors="coerce")
        if pd.isna(stamp):
            raise ReaderError(path, f"WSK is not a date: {value!r}", line=int(number), column="WSK")
        dates.append(stamp.strftime("%Y-%m-%d"))
    return dates
