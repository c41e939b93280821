"""GeoPackage and CSV export: round trip, metadata, OGC metadata record, QGIS style."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pyogrio
import pytest

from potentials import ClassMethod, ScoringSpec, classify, load_framework, palette, run
from potentials.export import neutralise_formulas, write_csv, write_geopackage

REQUIRED = [
    "ags", "name", "kind", "state", "settlement_type", "rural_type", "rurality", "coverage",
    "composite", "rank", "rank_p05", "rank_p95",
]  # fmt: skip


@pytest.fixture(scope="module")
def scored(synthetic_missing):
    fw = load_framework("thuenen2016", atlas=synthetic_missing)
    return synthetic_missing, run(synthetic_missing, ScoringSpec(fw, mc_draws=120, seed=2))


def test_geopackage_round_trip_reads_back_every_column(scored, tmp_path):
    atlas, result = scored
    path = write_geopackage(result, atlas, tmp_path / "out" / "scored.gpkg", k=5)
    layers = dict(pyogrio.list_layers(path))
    assert {"districts", "indicators", "metadata", "sensitivity", "layer_styles"} <= set(layers)
    back = pyogrio.read_dataframe(path, layer="districts")
    assert len(back) == 400
    expected = set(REQUIRED) | set(result.domain_columns)
    expected |= {f"raw_{c}" for c in result.framework.codes}
    expected |= {f"norm_{c}" for c in result.framework.codes}
    assert expected <= set(back.columns)
    back = back.set_index("ags")
    s = result.scores
    np.testing.assert_allclose(back["composite"], s["composite"].reindex(back.index))
    np.testing.assert_array_equal(back["rank_p95"], s["rank_p95"].reindex(back.index))
    code = result.framework.codes[0]
    np.testing.assert_allclose(back[f"raw_{code}"], result.raw[code].reindex(back.index))
    assert back.crs.to_epsg() == 4326
    assert list(tmp_path.joinpath("out").iterdir()) == [path]  # no temporary files left


def test_metadata_table_and_ogc_metadata_record(scored, tmp_path):
    atlas, result = scored
    path = write_geopackage(result, atlas, tmp_path / "scored.gpkg")
    meta = pyogrio.read_dataframe(path, layer="metadata").set_index("item")["value"]
    assert meta["spec.framework"] == "thuenen2016"
    assert meta["spec.seed"] == "2" and meta["spec.mc_draws"] == "120"
    assert meta["atlas.kind"] == "embedded"
    assert meta["software"].startswith("potentials ")
    assert "employees_per_1000" not in meta.get("proxies", "")  # the default uses no proxy
    assert "SYNTHETIC" in meta["attribution"]
    assert meta["classes.colours"] == ",".join(palette("viridis", 5))
    indicators = pyogrio.read_dataframe(path, layer="indicators").set_index("code")
    assert not indicators["is_proxy"].astype(bool).any()
    assert indicators.loc["alq", "period"] == "2023 (Jahresdurchschnitt)"
    assert "alq: 2023 (Jahresdurchschnitt)" in meta["periods"]
    assert meta["vintages"].startswith("Vintages are mixed")
    assert indicators.loc["alq", "unit"] == "% of the civilian labour force"
    assert indicators["weight_effective"].sum() == pytest.approx(1.0)
    with sqlite3.connect(path) as con:
        ((mime, text),) = con.execute("SELECT mime_type, metadata FROM gpkg_metadata").fetchall()
        ref = con.execute(
            "SELECT reference_scope, table_name, md_file_id FROM gpkg_metadata_reference"
        ).fetchall()
        ext = con.execute(
            "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_metadata'"
        ).fetchall()
    assert mime == "application/json"
    assert json.loads(text)["spec.framework"] == "thuenen2016"
    assert ref == [("table", "districts", 1)]
    assert {t for (t,) in ext} == {"gpkg_metadata", "gpkg_metadata_reference"}


def test_qgis_style_parses_and_uses_dashboard_classes(scored, tmp_path):
    atlas, result = scored
    classes = classify(result.scores["composite"], method=ClassMethod.FISHER_JENKS, k=4)
    path = write_geopackage(result, atlas, tmp_path / "scored.gpkg", classes=classes)
    columns = set(pyogrio.read_dataframe(path, layer="districts", read_geometry=False).columns)
    with sqlite3.connect(path) as con:
        rows = con.execute(
            "SELECT f_table_name, f_geometry_column, styleQML, styleSLD, useAsDefault "
            "FROM layer_styles"
        ).fetchall()
        geometry_column = con.execute("SELECT column_name FROM gpkg_geometry_columns").fetchone()
    ((table, geom, qml, sld, default),) = rows
    assert (table, default) == ("districts", 1) and (geom,) == geometry_column
    root = ET.fromstring(qml.split("\n", 1)[1])
    renderer = root.find("renderer-v2")
    assert renderer.get("type") == "graduatedSymbol"
    assert renderer.get("attr") in columns
    ranges = renderer.findall("ranges/range")
    assert [float(r.get("upper")) for r in ranges] == pytest.approx(list(classes.breaks))
    colours = [o.get("value") for o in renderer.iter("Option") if o.get("name") == "color"]
    expected = [
        ",".join(str(int(c[i : i + 2], 16)) for i in (1, 3, 5)) + ",255"
        for c in palette("viridis", 4)
    ]
    assert colours == expected
    ET.fromstring(sld)
    back = pyogrio.read_dataframe(path, layer="districts", read_geometry=False)
    assert back["composite_class"].tolist() == classes.bins.tolist()


def test_csv_has_same_columns_sidecar_and_no_formulas(scored, tmp_path):
    atlas, result = scored
    path = write_csv(result, atlas, tmp_path / "scored.csv")
    table = pd.read_csv(path, dtype={"ags": str})
    gpkg = write_geopackage(result, atlas, tmp_path / "scored.gpkg")
    columns = pyogrio.read_dataframe(gpkg, layer="districts", read_geometry=False).columns
    assert set(table.columns) == set(columns) - {"composite_class"}
    assert table["ags"].str.len().eq(5).all()
    meta = json.loads((tmp_path / "scored.metadata.json").read_text(encoding="utf-8"))
    assert meta["csv"] == "scored.csv"
    assert meta["metadata"]["spec.framework"] == "thuenen2016"
    assert len(meta["indicators"]) == len(result.framework.codes)


def test_formula_injection_is_neutralised():
    frame = pd.DataFrame(
        {"name": ["=HYPERLINK(1)", "+1", "-2", "@SUM", "Köln", None], "value": [-1.0] * 6}
    )
    out = neutralise_formulas(frame)
    assert out["name"].tolist()[:5] == ["'=HYPERLINK(1)", "'+1", "'-2", "'@SUM", "Köln"]
    assert pd.isna(out["name"].iloc[5])
    assert out["value"].tolist() == [-1.0] * 6


def test_failed_write_leaves_no_file(scored, tmp_path, monkeypatch):
    atlas, result = scored
    import potentials.export as export

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "_add_layer_style", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        write_geopackage(result, atlas, tmp_path / "scored.gpkg")
    assert list(tmp_path.iterdir()) == []
