"""Tests of :func:`geodata.readers.read_vg250` on synthetic layers and the real VG250 files.

All fixtures built here are synthetic (made-up squares near Lübeck), not BKG data.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon, mapping

from geodata.errors import (
    DuplicateKeyError,
    EncodingError,
    GeometryError,
    MissingHeaderError,
    ReaderError,
)
from geodata.readers import read_vg250

# Counter-clockwise (positive area) and clockwise squares of 0.1° near Lübeck.
CCW = Polygon([(10.6, 53.8), (10.7, 53.8), (10.7, 53.9), (10.6, 53.9)])
CW = Polygon([(10.8, 53.8), (10.8, 53.9), (10.9, 53.9), (10.9, 53.8)])
WATER = Polygon([(10.9, 54.0), (11.0, 54.0), (11.0, 54.1), (10.9, 54.1)])
BOWTIE = Polygon([(10.0, 53.0), (10.2, 53.2), (10.2, 53.0), (10.0, 53.2)])


def _props(rs: str, gen: str, bez: str, gf: int = 4, wsk: str = "2006/02/01") -> dict:
    return {
        "GF": gf,
        "RS": rs,
        "AGS": rs,
        "GEN": gen,
        "BEZ": bez,
        "NUTS": "DEF0" + rs[-1],
        "WSK": wsk,
    }


def _feature(geometry: Polygon, **props: object) -> dict:
    return {"type": "Feature", "properties": _props(**props), "geometry": mapping(geometry)}


def _write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _frame(rows: list[tuple[Polygon, dict]], crs: object = 4326) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame([p for _, p in rows], geometry=[g for g, _ in rows], crs=crs)


def test_shapefile_without_cpg_reads_utf8_names(tmp_path: Path) -> None:
    frame = _frame(
        [
            (CCW, _props("01003", "Lübeck", "Kreisfreie Stadt", wsk="2006-02-01")),
            (CW, _props("01062", "Stormarn", "Kreis", wsk="2011-07-01")),
            (WATER, _props("01003", "Lübeck", "Kreisfreie Stadt", gf=2)),
        ]
    )
    target = tmp_path / "VG250_KRS.shp"
    frame.to_file(target, encoding="utf-8")
    target.with_suffix(".cpg").unlink(missing_ok=True)

    result = read_vg250(target)

    assert list(result.columns) == ["ags", "name", "kind", "nuts3", "wsk", "geometry"]
    assert result["ags"].tolist() == ["01003", "01062"]
    assert result["name"].tolist() == ["Lübeck", "Stormarn"]
    assert result["kind"].tolist() == ["Kreisfreie Stadt", "Kreis"]
    assert result["wsk"].tolist() == ["2006-02-01", "2011-07-01"]
    assert result.attrs["wsk_max"] == "2011-07-01"
    assert result.crs.to_epsg() == 4326


def test_explicit_encoding_is_respected_and_wrong_encoding_is_an_error(tmp_path: Path) -> None:
    document = [_feature(CCW, rs="01003", gen="Lübeck", bez="Kreisfreie Stadt")]
    target = tmp_path / "k.json"
    target.write_bytes(json.dumps(document, ensure_ascii=False).encode("latin-1"))
    assert read_vg250(target, encoding="latin-1")["name"].iloc[0] == "Lübeck"
    with pytest.raises(EncodingError, match=r"k\.json"):
        read_vg250(target)


def test_nested_geojson_list_is_flattened_and_water_dropped(tmp_path: Path) -> None:
    document = [
        _feature(CCW, rs="07314", gen="Ludwigshafen am Rhein", bez="Kreisfreie Stadt"),
        {
            "type": "FeatureCollection",
            "features": [
                _feature(CW, rs="07338", gen="Rhein-Pfalz-Kreis", bez="Landkreis"),
                _feature(WATER, rs="07338", gen="Rhein-Pfalz-Kreis", bez="Landkreis", gf=2),
            ],
        },
    ]
    result = read_vg250(_write_json(tmp_path / "kreise.geo.json", document))
    assert result["ags"].tolist() == ["07314", "07338"]
    assert result["name"].tolist() == ["Ludwigshafen am Rhein", "Rhein-Pfalz-Kreis"]
    assert result.loc[1, "geometry"].equals(CW)  # same shape, water part not merged in


def test_clockwise_exterior_comes_out_counter_clockwise(tmp_path: Path) -> None:
    assert not CW.exterior.is_ccw
    document = {
        "type": "FeatureCollection",
        "features": [_feature(CW, rs="01062", gen="Stormarn", bez="Kreis")],
    }
    geometry = read_vg250(_write_json(tmp_path / "k.geojson", document)).geometry.iloc[0]
    assert geometry.exterior.is_ccw
    assert geometry.area == pytest.approx(CW.area)


def test_self_intersecting_polygon_is_repaired_to_polygons(tmp_path: Path) -> None:
    document = [_feature(BOWTIE, rs="03101", gen="Braunschweig", bez="Kreisfreie Stadt")]
    geometry = read_vg250(_write_json(tmp_path / "k.json", document)).geometry.iloc[0]
    assert geometry.is_valid
    assert geometry.geom_type == "MultiPolygon"
    assert len(geometry.geoms) == 2
    assert geometry.area == pytest.approx(0.02)  # two triangles of 0.2 × 0.1 / 2


def test_projected_crs_is_transformed_to_wgs84(tmp_path: Path) -> None:
    projected = gpd.GeoSeries([CCW], crs=4326).to_crs(25832).iloc[0]
    document = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
        "features": [_feature(projected, rs="01003", gen="Lübeck", bez="Kreisfreie Stadt")],
    }
    result = read_vg250(_write_json(tmp_path / "k.geojson", document))
    assert result.crs.to_epsg() == 4326
    assert result.total_bounds == pytest.approx([10.6, 53.8, 10.7, 53.9], abs=1e-6)


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_missing_crs_is_a_geometry_error(tmp_path: Path) -> None:
    target = tmp_path / "krs.shp"
    _frame([(CCW, _props("01003", "Lübeck", "Kreisfreie Stadt"))], crs=None).to_file(target)
    target.with_suffix(".prj").unlink(missing_ok=True)
    with pytest.raises(GeometryError, match="no coordinate reference system"):
        read_vg250(target)


def test_metres_labelled_as_degrees_are_rejected(tmp_path: Path) -> None:
    projected = gpd.GeoSeries([CCW], crs=4326).to_crs(25832).iloc[0]
    document = [_feature(projected, rs="01003", gen="Lübeck", bez="Kreisfreie Stadt")]
    with pytest.raises(GeometryError, match="implausible for the declared CRS"):
        read_vg250(_write_json(tmp_path / "k.json", document))


def test_multi_layer_geopackage_uses_the_krs_layer(tmp_path: Path) -> None:
    target = tmp_path / "vg250.gpkg"
    utm = gpd.GeoSeries([CW], crs=4326).to_crs(25832).iloc[0]
    states = _frame([(CCW, _props("01000", "Schleswig-Holstein", "Land"))])
    states.to_file(target, layer="vg250_lan")
    districts = _frame([(utm, _props("01062", "Stormarn", "Kreis"))], crs=25832)
    districts.columns = [c.lower() if c != "geometry" else c for c in districts.columns]
    districts.set_geometry("geometry").to_file(target, layer="vg250_krs")

    result = read_vg250(target)

    assert result["ags"].tolist() == ["01062"]
    assert result["name"].tolist() == ["Stormarn"]
    assert result.crs.to_epsg() == 4326
    assert result.total_bounds == pytest.approx([10.8, 53.8, 10.9, 53.9], abs=1e-6)
    assert result.geometry.iloc[0].exterior.is_ccw


def test_geopackage_without_krs_layer_is_ambiguous(tmp_path: Path) -> None:
    target = tmp_path / "vg250.gpkg"
    for layer in ("vg250_lan", "vg250_rbz"):
        _frame([(CCW, _props("01003", "Lübeck", "Kreisfreie Stadt"))]).to_file(target, layer=layer)
    with pytest.raises(MissingHeaderError, match="cannot tell the Kreise layer"):
        read_vg250(target)


def test_degrees_labelled_as_utm_are_rejected(tmp_path: Path) -> None:
    target = tmp_path / "krs.gpkg"
    _frame([(CCW, _props("01003", "Lübeck", "Kreisfreie Stadt"))], crs=25832).to_file(target)
    with pytest.raises(GeometryError, match="implausible"):
        read_vg250(target)


def test_swapped_axes_are_rejected(tmp_path: Path) -> None:
    swapped = shapely.transform(CCW, lambda xy: xy[:, ::-1])
    document = [_feature(swapped, rs="01003", gen="Lübeck", bez="Kreisfreie Stadt")]
    with pytest.raises(GeometryError, match="outside Germany"):
        read_vg250(_write_json(tmp_path / "k.json", document))


def test_duplicate_land_key_is_rejected(tmp_path: Path) -> None:
    document = [
        _feature(CCW, rs="01003", gen="Lübeck", bez="Kreisfreie Stadt"),
        _feature(CW, rs="01003", gen="Lübeck", bez="Kreisfreie Stadt"),
    ]
    with pytest.raises(DuplicateKeyError, match="01003"):
        read_vg250(_write_json(tmp_path / "k.json", document))


def test_missing_attribute_names_the_column(tmp_path: Path) -> None:
    feature = _feature(CCW, rs="01003", gen="Lübeck", bez="Kreisfreie Stadt")
    del feature["properties"]["NUTS"]
    with pytest.raises(MissingHeaderError, match="column 'NUTS'"):
        read_vg250(_write_json(tmp_path / "k.json", [feature]))


@pytest.mark.parametrize("key", ["1003", "01003A", "01000"])
def test_malformed_key_names_the_feature(tmp_path: Path, key: str) -> None:
    document = [
        _feature(CW, rs="01062", gen="Stormarn", bez="Kreis"),
        _feature(CCW, rs="01003", gen="Lübeck", bez="Kreisfreie Stadt"),
    ]
    document[1]["properties"]["RS"] = key
    with pytest.raises(ReaderError, match="line 2"):
        read_vg250(_write_json(tmp_path / "k.json", document))


def test_empty_geometry_is_rejected(tmp_path: Path) -> None:
    document = [_feature(Polygon(), rs="01003", gen="Lübeck", bez="Kreisfreie Stadt")]
    with pytest.raises(GeometryError, match="01003"):
        read_vg250(_write_json(tmp_path / "k.json", document))


def test_collapsed_polygon_cannot_be_repaired(tmp_path: Path) -> None:
    flat = Polygon([(10.6, 53.8), (10.7, 53.8), (10.8, 53.8), (10.6, 53.8)])
    document = [_feature(flat, rs="01003", gen="Lübeck", bez="Kreisfreie Stadt")]
    with pytest.raises(GeometryError, match="no polygonal area"):
        read_vg250(_write_json(tmp_path / "k.json", document))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b'[{"type": "Feature"', "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b'{"type": "Topology"}', "expected GeoJSON Feature"),
    ],
)
def test_malformed_geojson_is_a_reader_error(tmp_path: Path, content: bytes, message: str) -> None:
    target = tmp_path / "k.json"
    target.write_bytes(content)
    with pytest.raises(ReaderError, match=message):
        read_vg250(target)


def test_garbage_shapefile_is_a_reader_error(tmp_path: Path) -> None:
    target = tmp_path / "krs.shp"
    target.write_bytes(b"this is not a shapefile")
    with pytest.raises(ReaderError, match=r"krs\.shp"):
        read_vg250(target)


@pytest.mark.realdata
@pytest.mark.slow
def test_real_2016_geojson_has_402_districts_before_goettingen_merger(raw_dir: Path) -> None:
    result = read_vg250(raw_dir / "bkg-vg250-2016-kreise" / "kreise.geo.json")
    assert len(result) == 402
    assert {"03152", "03156", "16056"} <= set(result["ags"])
    assert "03159" not in set(result["ags"])
    assert result["ags"].is_unique
    assert result.attrs["wsk_max"] == "2016-01-01"
    assert result.geometry.is_valid.all()
    assert shapely.is_ccw(shapely.get_exterior_ring(shapely.get_parts(result.geometry))).all()


@pytest.mark.realdata
def test_real_2019_shapefile_has_401_districts_and_utf8_names(raw_dir: Path) -> None:
    result = read_vg250(raw_dir / "bkg-vg250-2019-krs" / "VG250_KRS.shp")
    assert len(result) == 401
    assert "03159" in set(result["ags"])
    assert {"03152", "03156"}.isdisjoint(result["ags"])
    assert result.set_index("ags").loc["01003", "name"] == "Lübeck"
    assert not result["name"].str.contains("Ã").any()
    assert result.attrs["wsk_max"] == "2019-01-01"
    assert result.geometry.is_valid.all()
