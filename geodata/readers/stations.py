"""Readers of railway-station and public-transport-stop lists (newline-delimited JSON).

* :func:`read_db_stations` reads the npm package ``db-stations`` (``full.ndjson``):
  the 5 388 DB stations with their price category and product line.
* :func:`read_hafas_stations` streams the npm package ``db-hafas-stations``
  (``package/full.ndjson`` inside the ``.tgz``): 292 625 stations and stops with the
  products served (ICE … ferry). The file is 125 MB unpacked, so it is read line by
  line and only the needed fields are kept.
"""

from __future__ import annotations

import json
import math
import re
import tarfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.errors import (
    ArgumentError,
    DuplicateKeyError,
    EncodingError,
    GeometryError,
    MissingFileError,
    MissingHeaderError,
    NumericValueError,
    ReaderError,
)

__all__ = ["HAFAS_PRODUCTS", "read_db_stations", "read_hafas_stations"]

#: Output column -> key in the HAFAS ``products`` object, fastest service first.
HAFAS_PRODUCTS: dict[str, str] = {
    "national_express": "nationalExpress",
    "national": "national",
    "regional_express": "regionalExpress",
    "regional": "regional",
    "suburban": "suburban",
    "subway": "subway",
    "tram": "tram",
    "bus": "bus",
    "ferry": "ferry",
}

#: Member of the npm tarball that holds the full records.
HAFAS_MEMBER = "package/full.ndjson"

_IFOPT = re.compile(r"^de:(\d{5}):")
_HAFAS_TYPES = frozenset({"station", "stop"})
_ARCHIVE_SUFFIXES = (".tgz", ".tar.gz", ".tar")

Record = dict[str, Any]


def read_db_stations(path: str | Path) -> gpd.GeoDataFrame:
    """Read the DB station list of the npm package ``db-stations`` (``full.ndjson``).

    Parameters
    ----------
    path
        Newline-delimited JSON, one station per line (FPTF records from DB StaDa).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per station in file order with columns ``id`` (EVA number, str),
        ``ril100``, ``name``, ``category`` (DB price class 1–7, int), ``price_category``
        (nullable int), ``product_line`` (e.g. "Knotenbahnhof", or None), ``segment``
        (e.g. "ländlicher Zubringer", or None), ``federal_state`` and ``geometry``
        (Point, EPSG:4326).

    Raises
    ------
    ReaderError
        With the line number, for a line that is not a JSON object, a missing field
        (:class:`MissingHeaderError`), a non-numeric category or coordinate
        (:class:`NumericValueError`), missing or impossible coordinates
        (:class:`GeometryError`), a repeated id (:class:`DuplicateKeyError`),
        undecodable bytes (:class:`EncodingError`) or a file without stations.
    """
    path = Path(path)
    columns: dict[str, list[Any]] = {
        name: []
        for name in (
            "id",
            "ril100",
            "name",
            "category",
            "price_category",
            "product_line",
            "segment",
            "federal_state",
        )
    }
    lon: list[float] = []
    lat: list[float] = []
    first_line: dict[str, int] = {}
    with path.open("rb") as stream:
        for line, record in _records(stream, path):
            station_id = _required_text(record, "id", path, line)
            if station_id in first_line:
                raise DuplicateKeyError(
                    path,
                    f"station id {station_id} already on line {first_line[station_id]}",
                    line=line,
                )
            first_line[station_id] = line
            x, y = _coordinates(record, path, line, station_id)
            category = _integer(record.get("category"), "category", path, line)
            if category is None or not 1 <= category <= 7:
                raise NumericValueError(
                    path,
                    f"category must be an integer 1–7, found {record.get('category')!r}",
                    line=line,
                    column="category",
                )
            product = record.get("productLine")
            product = product if isinstance(product, dict) else {}
            columns["id"].append(station_id)
            columns["ril100"].append(_optional_text(record.get("ril100")))
            columns["name"].append(_required_text(record, "name", path, line))
            columns["category"].append(category)
            columns["price_category"].append(
                _integer(record.get("priceCategory"), "priceCategory", path, line)
            )
            columns["product_line"].append(_optional_text(product.get("productLine")))
            columns["segment"].append(_optional_text(product.get("segment")))
            columns["federal_state"].append(_optional_text(record.get("federalState")))
            lon.append(x)
            lat.append(y)
    if not lon:
        raise ReaderError(path, "file holds no stations")
    dtypes = {"id": "str", "name": "str", "category": "int64", "price_category": "Int64"}
    # object dtype keeps None for absent optional text (a str column would turn it to NaN)
    frame = pd.DataFrame(
        {
            name: pd.Series(values, dtype=dtypes.get(name, "object"))
            for name, values in columns.items()
        }
    )
    result = gpd.GeoDataFrame(frame, geometry=shapely.points(lon, lat), crs=4326)
    result.attrs["source"] = path.name
    return result


def read_hafas_stations(
    path: str | Path, *, bbox: tuple[float, float, float, float] | None = None
) -> gpd.GeoDataFrame:
    """Stream the stations and stops of the npm package ``db-hafas-stations``.

    Parameters
    ----------
    path
        The npm tarball (``.tgz``; ``package/full.ndjson`` is streamed out of it) or
        an unpacked ``full.ndjson``.
    bbox
        Optional ``(minx, miny, maxx, maxy)`` in degrees; records outside are dropped
        while reading. Passing Germany's box is the caller's job.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per record in file order with columns ``id``, ``name``, ``type``
        ("station" or "stop"), one bool per product (:data:`HAFAS_PRODUCTS`:
        ``national_express`` = ICE, ``national`` = IC/EC, … ``ferry``), ``weight``
        (HAFAS importance, float, NaN if absent), ``ags_hint`` (5-digit district key
        from the record's own ``ifoptId`` ``de:<AGS5>:<n>``, else None) and
        ``geometry`` (Point, EPSG:4326). ``attrs["records_read"]`` counts all records
        before the ``bbox`` filter.

    Raises
    ------
    ReaderError
        With the line number, for a line that is not a JSON object, a missing field,
        an unknown ``type``, non-numeric or missing coordinates, undecodable bytes, a
        damaged archive or a file without records.

    Notes
    -----
    Stops carry their parent station's ``ifoptId`` only inside a nested object; that
    key is not inherited, because a stop may lie in a neighbouring district.
    """
    path = Path(path)
    if bbox is not None:
        minx, miny, maxx, maxy = (float(value) for value in bbox)
        if not (minx <= maxx and miny <= maxy):
            raise ArgumentError(f"bbox must be (minx, miny, maxx, maxy), got {bbox!r}")
    ids: list[str] = []
    names: list[str] = []
    types: list[str] = []
    flags: dict[str, list[bool]] = {column: [] for column in HAFAS_PRODUCTS}
    weights: list[float] = []
    hints: list[str | None] = []
    lon: list[float] = []
    lat: list[float] = []
    records_read = 0
    with _open_ndjson(path) as stream:
        for line, record in _records(stream, path):
            records_read += 1
            station_id = _required_text(record, "id", path, line)
            x, y = _coordinates(record, path, line, station_id)
            if bbox is not None and not (minx <= x <= maxx and miny <= y <= maxy):
                continue
            kind = record.get("type")
            if kind not in _HAFAS_TYPES:
                raise ReaderError(
                    path, f"type must be 'station' or 'stop', found {kind!r}", line=line
                )
            products = record.get("products")
            if not isinstance(products, dict):
                raise MissingHeaderError(
                    path, "record has no products object", line=line, column="products"
                )
            for column, key in HAFAS_PRODUCTS.items():
                flags[column].append(products.get(key) is True)
            ids.append(station_id)
            names.append(_required_text(record, "name", path, line))
            types.append(kind)
            weights.append(_float(record.get("weight"), "weight", path, line))
            match = _IFOPT.match(str(record.get("ifoptId") or ""))
            hints.append(match.group(1) if match else None)
            lon.append(x)
            lat.append(y)
    if records_read == 0:
        raise ReaderError(path, "file holds no stations")
    frame = pd.DataFrame(
        {
            "id": pd.Series(ids, dtype="str"),
            "name": pd.Series(names, dtype="str"),
            "type": pd.Series(types, dtype="str"),
            **{column: np.array(values, dtype=bool) for column, values in flags.items()},
            "weight": np.array(weights, dtype="float64"),
            "ags_hint": pd.Series(hints, dtype="object"),
        }
    )
    result = gpd.GeoDataFrame(
        frame, geometry=shapely.points(np.array(lon), np.array(lat)), crs=4326
    )
    result.attrs["records_read"] = records_read
    result.attrs["source"] = path.name
    return result


@contextmanager
def _open_ndjson(path: Path) -> Iterator[IO[bytes]]:
    """Open a plain NDJSON file or stream :data:`HAFAS_MEMBER` out of an npm tarball."""
    if not path.name.lower().endswith(_ARCHIVE_SUFFIXES):
        with path.open("rb") as stream:
            yield stream
        return
    if not path.exists():
        raise MissingFileError(
            path,
            what="station file",
            fix="place the stations download named in ../shared/raw/PROVENANCE.md there",
        )
    try:
        archive = tarfile.open(path, mode="r:*")
    except (tarfile.TarError, zlib.error, EOFError, OSError) as error:
        raise EncodingError(path, f"not a (gzip) tar archive ({error})") from None
    with archive:
        try:
            member = archive.extractfile(HAFAS_MEMBER)
        except KeyError:
            raise MissingHeaderError(path, f"archive has no member {HAFAS_MEMBER!r}") from None
        except (tarfile.TarError, zlib.error, EOFError, OSError) as error:
            raise ReaderError(path, f"damaged archive ({error})") from None
        if member is None:
            raise ReaderError(path, f"{HAFAS_MEMBER!r} in the archive is not a regular file")
        with member:
            yield member


def _records(stream: IO[bytes], path: Path) -> Iterator[tuple[int, Record]]:
    """Yield ``(line number, JSON object)`` per non-blank line of a byte stream."""
    number = 0
    lines = iter(stream)
    while True:
        try:
            raw = next(lines, None)
        except (tarfile.TarError, zlib.error, EOFError, OSError) as error:
            raise ReaderError(
                path, f"damaged or truncated archive ({error})", line=number
            ) from None
        if raw is None:
            return
        number += 1
        if not raw.strip():
            continue
        if b"\x00" in raw:
            raise EncodingError(path, "line holds NUL bytes (binary file?)", line=number)
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise EncodingError(path, f"line is not UTF-8 ({error.reason})", line=number) from None
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            raise ReaderError(
                path, f"line is not valid JSON ({error.msg} at column {error.colno})", line=number
            ) from None
        except RecursionError:
            raise ReaderError(path, "line nests JSON too deeply", line=number) from None
        if not isinstance(record, dict):
            raise ReaderError(
                path, f"line is a JSON {type(record).__name__}, not an object", line=number
            )
        yield number, record


def _required_text(record: Record, field: str, path: Path, line: int) -> str:
    value = record.get(field)
    if isinstance(value, bool) or not isinstance(value, str | int) or str(value).strip() == "":
        raise MissingHeaderError(
            path, f"record has no usable {field!r} (found {value!r})", line=line, column=field
        )
    return str(value)


def _optional_text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _integer(value: Any, field: str, path: Path, line: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise NumericValueError(path, f"expected an integer, found {value!r}", line=line, column=field)


def _float(value: Any, field: str, path: Path, line: int) -> float:
    if value is None:
        return math.nan
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if math.isfinite(number):
            return number
    raise NumericValueError(path, f"expected a number, found {value!r}", line=line, column=field)


def _coordinates(record: Record, path: Path, line: int, station_id: str) -> tuple[float, float]:
    """Return ``(lon, lat)`` of ``record["location"]``, checked for range."""
    location = record.get("location")
    if (
        not isinstance(location, dict)
        or location.get("latitude") is None
        or (location.get("longitude") is None)
    ):
        raise GeometryError(path, f"station {station_id} has no coordinates", line=line)
    lat = _float(location["latitude"], "latitude", path, line)
    lon = _float(location["longitude"], "longitude", path, line)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise GeometryError(
            path, f"station {station_id} has impossible coordinates {lat}, {lon}", line=line
        )
    return lon, lat
