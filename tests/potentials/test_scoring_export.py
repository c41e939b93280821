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
    "ags", "name", "kind", "state", "nuts3", "population", "area_km2", "density",
    "settlement_type", "rural_type", "rurality", "coverage", "composite", "composite_p05",
    "composite_p95", "composite_class", "rank", "rank_p05", "rank_p95",
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
    assert back["rank"].dtype.kind == "i" or str(back["rank"].dtype) == "Int64"
    np.testing.assert_array_equal(back["population"], atlas.districts.set_index("ags")
                                  .loc[back.index, "population"])  # fmt: skip
    for domain in result.domain_columns:
        ranks = back[f"rank_{domain}"]
        assert sorted(ranks.dropna().astype(int)) == list(range(1, ranks.notna().sum() + 1))
        best = back[domain].idxmax()
        assert ranks[best] == 1
    inside = (back["composite_p05"] <= back["composite_p95"]).dropna()
    assert inside.all() and len(inside) == int((~back["flagged"]).sum())
    with sqlite3.connect(path) as con:
        (user_version,) = con.execute("PRAGMA user_version").fetchone()
        identifier, description = con.execute(
            "SELECT identifier, description FROM gpkg_contents WHERE table_name = 'districts'"
        ).fetchone()
    assert user_version in (10200, 10300)
    assert identifier.startswith("Integrationspotenzial") and "never its inhabitants" in description


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
    assert meta["run.seed"] == "2" and "numpy" in meta["run.libraries"]
    assert "GDAL" in meta["run.libraries"] and meta["run.command"]
    assert meta["sources"] == "synthetic (random numbers)"  # from the catalogue, no BKG
    assert meta["classes.colours"] == ",".join(palette("viridis", 5))
    indicators = pyogrio.read_dataframe(path, layer="indicators").set_index("code")
    assert not indicators["is_proxy"].astype(bool).any()
    assert indicators.loc["alq", "period"] == "2023 (Jahresdurchschnitt)"
    assert "alq: 2023 (Jahresdurchschnitt)" in meta["periods"]
    assert meta["vintages"].startswith("Vintages are mixed")
    assert indicators.loc["alq", "unit"] == "% of the civilian labour force"
    assert indicators["weight_effective"].sum() == pytest.approx(1.0)
    with sqlite3.connect(path) as con:
        (qmd, (mime, text)) = con.execute(
            "SELECT mime_type, metadata FROM gpkg_metadata ORDER BY id"
        ).fetchall()
        ref = con.execute(
            "SELECT reference_scope, table_name, md_file_id FROM gpkg_metadata_reference"
        ).fetchall()
        ext = con.execute(
            "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_metadata'"
        ).fetchall()
    assert mime == "application/json"
    assert json.loads(text)["spec.framework"] == "thuenen2016"
    assert ref == [("table", "districts", 1), ("table", "districts", 2)]
    assert qmd[0] == "text/xml"
    document = ET.fromstring(qmd[1].split("\n", 1)[1])
    assert document.findtext("title").startswith("Integrationspotenzial")
    assert [e.text for e in document.findall("license")] == meta["licences"].split(" | ")
    assert document.findall("rights")
    assert {t for (t,) in ext} == {"gpkg_metadata", "gpkg_metadata_reference"}


def test_qgis_style_uses_the_classes_on_screen_and_a_not_scored_class(scored, tmp_path):
    atlas, result = scored
    classes = classify(result.scores["composite"], method=ClassMethod.FISHER_JENKS, k=4)
    path = write_geopackage(
        result, atlas, tmp_path / "scored.gpkg", classes=classes, palette_name="cividis"
    )
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
    assert renderer.get("type") == "RuleRenderer"
    rules = renderer.findall("rules/rule")
    assert [r.get("label") for r in rules] == [*classes.labels, "keine Bewertung / not scored"]
    assert rules[-1].get("filter") == '"composite" IS NULL'
    assert f"{float(classes.breaks[0])!r}" in rules[0].get("filter")
    colours = [o.get("value") for o in renderer.iter("Option") if o.get("name") == "color"]
    expected = [
        ",".join(str(int(c[i : i + 2], 16)) for i in (1, 3, 5)) + ",255"
        for c in [*palette("cividis", 4), "#bdbdbd"]
    ]
    assert colours == expected
    aliases = {a.get("field"): a.get("name") for a in root.iter("alias")}
    assert set(aliases) == columns - {"geometry"}
    assert aliases["rank_p05"] == "Rang 5-%-Quantil / Rank 5th percentile"
    ET.fromstring(sld)
    back = pyogrio.read_dataframe(path, layer="districts", read_geometry=False)
    bins = pd.Series(classes.bins).where(classes.bins >= 0)
    assert back["composite_class"].tolist() == bins.tolist() or (
        back["composite_class"].fillna(-1).astype(int).tolist() == classes.bins.tolist()
    )
    meta = pyogrio.read_dataframe(path, layer="metadata").set_index("item")["value"]
    assert meta["classes.method"] == "fisher_jenks" and meta["classes.k"] == "4"
    assert meta["classes.colours"] == ",".join(palette("cividis", 4))


def test_not_scored_districts_are_null_and_keep_their_row(synthetic, tmp_path):
    import dataclasses

    gaps = list(synthetic.districts["ags"][:7])
    indicators = synthetic.indicators
    atlas = dataclasses.replace(synthetic, indicators=indicators[~indicators["ags"].isin(gaps)])
    framework = load_framework("thuenen2016", atlas=atlas)
    result = run(atlas, ScoringSpec(framework, min_coverage=0.99))
    path = write_geopackage(result, atlas, tmp_path / "gaps.gpkg", k=5)
    back = pyogrio.read_dataframe(path, layer="districts").set_index("ags")
    assert len(back) == 400 and back.loc[gaps, "flagged"].all()
    for column in ("composite", "composite_class", "rank"):
        assert back.loc[gaps, column].isna().all()
    assert not back.geometry.loc[gaps].is_empty.any()
    scored = back["composite_class"].dropna().astype(int)
    assert len(scored) == 393 and sorted(scored.unique()) == [0, 1, 2, 3, 4]


def test_csv_has_same_columns_sidecar_and_no_formulas(scored, tmp_path):
    atlas, result = scored
    path = write_csv(result, atlas, tmp_path / "scored.csv")
    table = pd.read_csv(path, dtype={"ags": str})
    gpkg = write_geopackage(result, atlas, tmp_path / "scored.gpkg")
    columns = pyogrio.read_dataframe(gpkg, layer="districts", read_geometry=False).columns
    assert list(table.columns) == list(columns)
    assert table["ags"].str.len().eq(5).all()
    assert table["rank"].dropna().eq(table["rank"].dropna().round()).all()
    assert "." not in path.read_text(encoding="utf-8").splitlines()[1].split(",")[18]
    meta = json.loads((tmp_path / "scored.metadata.json").read_text(encoding="utf-8"))
    assert meta["csv"] == "scored.csv" and meta["datapackage"] == "datapackage.json"
    assert meta["metadata"]["spec.framework"] == "thuenen2016"
    assert len(meta["indicators"]) == len(result.framework.codes)
    assert [c["name"] for c in meta["columns"]] == list(table.columns)


def test_formula_injection_is_neutralised():
    frame = pd.DataFrame(
        {"name": ["=HYPERLINK(1)", "+1", "-2", "@SUM", "Köln", None], "value": [-1.0] * 6}
    )
    out = neutralise_formulas(frame)
    assert out["name"].tolist()[:5] == ["'=HYPERLINK(1)", "'+1", "'-2", "'@SUM", "Köln"]
    assert pd.isna(out["name"].iloc[5])
    assert out["value"].tolist() == [-1.0] * 6


def test_failed_write_leaves_no_file(scored, tmp_path, monkeypatch):
    """A failure in the GeoPackage leaves neither it nor the CSV of the same set."""
    atlas, result = scored
    import potentials.export as export

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "_add_layer_style", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        export.write_export(
            result, atlas, gpkg=tmp_path / "scored.gpkg", csv=tmp_path / "scored.csv"
        )
    assert list(tmp_path.iterdir()) == []


def test_classes_of_other_values_are_refused(scored, tmp_path):
    atlas, result = scored
    other = classify(np.arange(10.0), k=3)
    with pytest.raises(ValueError, match="computed from 10 values"):
        write_geopackage(result, atlas, tmp_path / "x.gpkg", classes=other)
    assert list(tmp_path.iterdir()) == []
