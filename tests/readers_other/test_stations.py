"""Tests of the station readers on synthetic NDJSON/tarballs and on the real npm files.

The records written here are synthetic (shaped like db-stations / db-hafas-stations).
"""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geodata.errors import (
    DuplicateKeyError,
    EncodingError,
    GeometryError,
    MissingHeaderError,
    NumericValueError,
    ReaderError,
)
from geodata.readers import read_db_stations, read_hafas_stations

DB_RECORDS = [
    {
        "type": "station",
        "id": "8000410",
        "ril100": "MABG",
        "name": "Abensberg",
        "location": {"type": "location", "latitude": 48.819456, "longitude": 11.84662},
        "category": 6,
        "priceCategory": 6,
        "federalState": "Bayern",
        "productLine": {"productLine": "Zubringerbahnhof", "segment": "ländlicher Zubringer"},
    },
    {
        "type": "station",
        "id": "8000105",
        "ril100": "FF",
        "name": "Frankfurt (Main) Hbf",
        "location": {"latitude": 50.107145, "longitude": 8.663789},
        "category": 1,
        "priceCategory": 1,
        "federalState": "Hessen",
        "productLine": {"productLine": "Metropolbahnhof", "segment": "Großstadtknoten"},
    },
    {
        "type": "station",
        "id": "8000001",
        "ril100": "KA",
        "name": "Aachen Hbf",
        "location": {"latitude": 50.7678, "longitude": 6.091499},
        "category": 2,
        "federalState": "Nordrhein-Westfalen",
    },
]

PRODUCTS = [
    "nationalExpress",
    "national",
    "regionalExpress",
    "regional",
    "suburban",
    "subway",
    "tram",
    "bus",
    "taxi",
    "ferry",
]


def _products(*served: str) -> dict[str, bool]:
    return {name: name in served for name in PRODUCTS}


HAFAS_RECORDS = [
    {
        "id": "8000105",
        "name": "Frankfurt(Main)Hbf",
        "type": "station",
        "location": {"latitude": 50.107145, "longitude": 8.663789},
        "products": _products("nationalExpress", "national", "regional", "suburban", "bus"),
        "weight": 40353.6,
        "ifoptId": "de:06412:10",
    },
    {
        "id": "100001",
        "name": "Hauptwache, Frankfurt a.M.",
        "type": "stop",
        "location": {"latitude": 50.113964, "longitude": 8.679291},
        "products": _products("subway"),
        "weight": 0.2,
        "station": {"id": "8006692", "ifoptId": "de:06412:1"},
    },
    {
        "id": "8500010",
        "name": "Basel SBB",
        "type": "station",
        "location": {"latitude": 47.547408, "longitude": 7.589547},
        "products": _products("nationalExpress", "ferry"),
        "weight": 1.5,
    },
]


def _ndjson(path: Path, records: list[object]) -> Path:
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8"
    )
    return path


def _tarball(path: Path, payload: bytes, member: str = "package/full.ndjson") -> Path:
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo(member)
        info.size = len(payload)
        archive.addfile(info, io.BytesIO(payload))
    return path


def test_db_stations_exact_values(tmp_path: Path) -> None:
    result = read_db_stations(_ndjson(tmp_path / "full.ndjson", DB_RECORDS))
    assert result.columns.tolist() == [
        "id",
        "ril100",
        "name",
        "category",
        "price_category",
        "product_line",
        "segment",
        "federal_state",
        "geometry",
    ]
    assert result["id"].tolist() == ["8000410", "8000105", "8000001"]
    assert result["ril100"].tolist() == ["MABG", "FF", "KA"]
    assert result["category"].tolist() == [6, 1, 2]
    assert result["price_category"].tolist()[:2] == [6, 1]
    assert result["price_category"].isna().tolist() == [False, False, True]
    assert result["product_line"].tolist() == ["Zubringerbahnhof", "Metropolbahnhof", None]
    assert result["segment"].tolist() == ["ländlicher Zubringer", "Großstadtknoten", None]
    assert result["federal_state"].tolist() == ["Bayern", "Hessen", "Nordrhein-Westfalen"]
    assert result.crs.to_epsg() == 4326
    assert (result.geometry.x.tolist(), result.geometry.y.tolist()) == (
        [11.84662, 8.663789, 6.091499],
        [48.819456, 50.107145, 50.7678],
    )


def _hafas_lines() -> bytes:
    return ("\n".join(json.dumps(r) for r in HAFAS_RECORDS) + "\n").encode()


@pytest.mark.parametrize("packed", [True, False])
def test_hafas_stations_from_tarball_or_plain_file(tmp_path: Path, packed: bool) -> None:
    if packed:
        path = _tarball(tmp_path / "db-hafas-stations-2.0.0.tgz", _hafas_lines())
    else:
        path = tmp_path / "full.ndjson"
        path.write_bytes(_hafas_lines())
    result = read_hafas_stations(path)
    assert result.columns.tolist() == [
        "id",
        "name",
        "type",
        "national_express",
        "national",
        "regional_express",
        "regional",
        "suburban",
        "subway",
        "tram",
        "bus",
        "ferry",
        "weight",
        "ags_hint",
        "geometry",
    ]
    assert result["id"].tolist() == ["8000105", "100001", "8500010"]
    assert result["type"].tolist() == ["station", "stop", "station"]
    assert result["national_express"].tolist() == [True, False, True]
    assert result["national"].tolist() == [True, False, False]
    assert result["subway"].tolist() == [False, True, False]
    assert result["ferry"].tolist() == [False, False, True]
    assert result["bus"].tolist() == [True, False, False]
    assert result["weight"].tolist() == [40353.6, 0.2, 1.5]
    # the stop does not inherit its parent station's ifoptId
    assert result["ags_hint"].tolist() == ["06412", None, None]
    assert result.geometry.y.tolist() == [50.107145, 50.113964, 47.547408]
    assert result.attrs["records_read"] == 3


def test_hafas_bbox_drops_points_outside(tmp_path: Path) -> None:
    path = _tarball(tmp_path / "h.tgz", _hafas_lines())
    result = read_hafas_stations(path, bbox=(5.87, 47.6, 15.04, 55.06))
    assert result["id"].tolist() == ["8000105", "100001"]
    assert result.attrs["records_read"] == 3


def test_hafas_rejects_inverted_bbox(tmp_path: Path) -> None:
    path = _tarball(tmp_path / "h.tgz", _hafas_lines())
    with pytest.raises(ValueError, match="bbox"):
        read_hafas_stations(path, bbox=(15.0, 47.0, 5.0, 55.0))


def test_invalid_json_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "full.ndjson"
    lines = [json.dumps(DB_RECORDS[0]), '{"id": "8000105", "name": ', json.dumps(DB_RECORDS[2])]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ReaderError, match="line 2: line is not valid JSON"):
        read_db_stations(path)


def test_station_without_coordinates(tmp_path: Path) -> None:
    records = [DB_RECORDS[0], {**DB_RECORDS[1], "location": {"type": "location"}}]
    with pytest.raises(GeometryError, match="line 2: station 8000105 has no coordinates"):
        read_db_stations(_ndjson(tmp_path / "s.ndjson", records))


def test_text_coordinate_is_a_numeric_error(tmp_path: Path) -> None:
    record = {**HAFAS_RECORDS[0], "location": {"latitude": "50,1", "longitude": 8.6}}
    with pytest.raises(NumericValueError, match="column 'latitude'"):
        read_hafas_stations(_ndjson(tmp_path / "s.ndjson", [record]))


def test_impossible_coordinate(tmp_path: Path) -> None:
    record = {**DB_RECORDS[0], "location": {"latitude": 148.8, "longitude": 11.8}}
    with pytest.raises(GeometryError, match="impossible coordinates"):
        read_db_stations(_ndjson(tmp_path / "s.ndjson", [record]))


def test_duplicate_station_id(tmp_path: Path) -> None:
    with pytest.raises(DuplicateKeyError, match="line 3: station id 8000410 already on line 1"):
        read_db_stations(
            _ndjson(tmp_path / "s.ndjson", [DB_RECORDS[0], DB_RECORDS[1], DB_RECORDS[0]])
        )


@pytest.mark.parametrize("category", [0, 8, "4", 4.5, None])
def test_bad_category(tmp_path: Path, category: object) -> None:
    record = {**DB_RECORDS[0], "category": category}
    with pytest.raises(NumericValueError, match="column 'category'"):
        read_db_stations(_ndjson(tmp_path / "s.ndjson", [record]))


def test_missing_name(tmp_path: Path) -> None:
    record = {key: value for key, value in DB_RECORDS[0].items() if key != "name"}
    with pytest.raises(MissingHeaderError, match="column 'name'"):
        read_db_stations(_ndjson(tmp_path / "s.ndjson", [record]))


def test_unknown_hafas_type(tmp_path: Path) -> None:
    record = {**HAFAS_RECORDS[0], "type": "platform"}
    with pytest.raises(ReaderError, match="type must be"):
        read_hafas_stations(_ndjson(tmp_path / "s.ndjson", [record]))


def test_json_array_line_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="line 1: line is a JSON list"):
        read_hafas_stations(_ndjson(tmp_path / "s.ndjson", [[1, 2]]))


@pytest.mark.parametrize("content", [b"", b"\n\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "s.ndjson"
    path.write_bytes(content)
    with pytest.raises(ReaderError, match="no stations"):
        read_db_stations(path)
    with pytest.raises(ReaderError, match="no stations"):
        read_hafas_stations(path)


def test_latin1_bytes_are_an_encoding_error(tmp_path: Path) -> None:
    path = tmp_path / "s.ndjson"
    path.write_bytes(json.dumps(DB_RECORDS[0], ensure_ascii=False).encode("latin-1"))
    with pytest.raises(EncodingError, match="line 1: line is not UTF-8"):
        read_db_stations(path)


def test_tarball_without_member(tmp_path: Path) -> None:
    path = _tarball(tmp_path / "h.tgz", _hafas_lines(), member="package/data.ndjson")
    with pytest.raises(MissingHeaderError, match=r"package/full\.ndjson"):
        read_hafas_stations(path)


def test_truncated_tarball(tmp_path: Path) -> None:
    whole = _tarball(tmp_path / "whole.tgz", _hafas_lines() * 50).read_bytes()
    path = tmp_path / "h.tgz"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ReaderError, match=r"h\.tgz"):
        read_hafas_stations(path)


def test_not_a_tarball(tmp_path: Path) -> None:
    path = tmp_path / "h.tgz"
    path.write_bytes(b"plain text, not gzip")
    with pytest.raises(EncodingError, match="not a"):
        read_hafas_stations(path)


FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
VALID_LINE = json.dumps(DB_RECORDS[0]).encode()


@FUZZ
@given(
    st.binary(max_size=300)
    | st.builds(
        lambda a, b: VALID_LINE[:a] + b + VALID_LINE[a:],
        st.integers(0, len(VALID_LINE)),
        st.binary(max_size=8),
    )
)
def test_any_bytes_parse_or_raise_reader_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fuzz.ndjson"
    path.write_bytes(content)
    for reader in (read_db_stations, read_hafas_stations):
        try:
            result = reader(path)
        except ReaderError:
            continue
        assert len(result) >= 1


@pytest.mark.realdata
def test_real_db_stations(raw_dir: Path) -> None:
    result = read_db_stations(raw_dir / "db-stations" / "full.ndjson")
    assert len(result) == 5388
    assert result["id"].is_unique
    assert result["category"].value_counts().sort_index().tolist() == [
        24,
        84,
        275,
        641,
        973,
        2496,
        895,
    ]
    assert (result["product_line"] == "Metropolbahnhof").sum() == 18
    assert result.total_bounds[0] > 5.5 and result.total_bounds[2] < 15.5


@pytest.mark.realdata
@pytest.mark.slow
def test_real_hafas_stations(raw_dir: Path) -> None:
    result = read_hafas_stations(raw_dir / "db-hafas-stations" / "db-hafas-stations-2.0.0.tgz")
    assert len(result) == 292625
    assert result["type"].value_counts().to_dict() == {"station": 247180, "stop": 45445}
    assert int(result["national_express"].sum()) == 611
    assert int(result["national"].sum()) == 1405
    assert int(result["bus"].sum()) == 250264
    assert int(result["ags_hint"].notna().sum()) == 5433
    assert result["ags_hint"].dropna().str.fullmatch(r"\d{5}").all()
