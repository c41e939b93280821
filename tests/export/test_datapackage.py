"""The CSV export explains itself: a Frictionless data package validated by frictionless."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import frictionless
import pandas as pd
import pyogrio
import pytest

from potentials.cli import main


@pytest.fixture(scope="module")
def shipped_export(tmp_path_factory) -> Path:
    """``potentials score --mc 200 --seed 1 --out x.gpkg --csv x.csv`` on the shipped atlas."""
    folder = tmp_path_factory.mktemp("export")
    argv = ["score", "--mc", "200", "--seed", "1", "--out", str(folder / "x.gpkg"), "--csv",
            str(folder / "x.csv")]  # fmt: skip
    assert main(argv) == 0
    return folder


def test_datapackage_validates_and_describes_every_column(shipped_export):
    report = frictionless.validate(shipped_export / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    package = frictionless.Package(shipped_export / "datapackage.json")
    (resource,) = package.resources
    with open(shipped_export / "x.csv", encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    fields = {f.name: f for f in resource.schema.fields}
    assert list(fields) == header and len(header) >= 60
    assert fields["ags"].type == "string" and fields["ags"].constraints["pattern"] == "[0-9]{5}"
    assert fields["rank"].type == "integer" and fields["composite_class"].type == "integer"
    descriptor = json.loads((shipped_export / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {f["name"]: f for f in descriptor["resources"][0]["schema"]["fields"]}
    for name, field in by_name.items():
        assert field["titles"]["de"] and field["titles"]["en"] and field["description"], name
        assert field.get("source") and field.get("licence"), name
    assert "90 % rank" in by_name["rank_p05"]["description"]
    norm = next(n for n in by_name if n.startswith("norm_"))
    assert "higher = more favourable" in by_name[norm]["description"]
    raw = next(n for n in by_name if n.startswith("raw_"))
    assert by_name[raw]["unit"] and by_name[raw]["referencePeriod"]
    assert "2019" in by_name["population"]["referencePeriod"]
    assert "GeoBasis-DE / BKG 2016" in by_name["ags"]["source"]
    run = descriptor["potentials"]
    assert run["run.seed"] == "1" and run["run.command"].startswith("potentials score --mc 200")
    assert "numpy" in run["run.libraries"]
    licence_names = {entry["name"] for entry in descriptor["licenses"]}
    assert {"dl-de-by-2.0", "CC-BY-4.0", "ODbL-1.0", "GeoNutzV"} <= licence_names
    titles = " | ".join(s["title"] for s in descriptor["sources"])
    for source in ("GeoBasis-DE / BKG 2016", "OpenStreetMap", "DB InfraGO"):
        assert source in titles, source
    # every source of every exported indicator is attributed (from the atlas catalogue)
    from geodata.atlas import load_atlas

    catalogue = load_atlas(kind="embedded").catalogue.set_index("code")
    for name in by_name:
        if name.startswith("raw_"):
            assert by_name[name]["source"] == catalogue.loc[name[4:], "source"]
            for part in by_name[name]["source"].split("; "):
                assert part.split(" (")[0] in titles, (name, part)


def test_identifiers_and_denominators_in_both_files(shipped_export):
    package = frictionless.Package(shipped_export / "datapackage.json")
    rows = package.resources[0].read_rows()
    assert len(rows) == 400 and rows[0]["ags"] == "01001"
    gpkg = pyogrio.read_dataframe(shipped_export / "x.gpkg", layer="districts")
    csv_table = pd.read_csv(shipped_export / "x.csv", dtype={"ags": str})
    for column in ("population", "area_km2", "nuts3", "density", "composite_class", "rank"):
        assert column in gpkg.columns and column in csv_table.columns, column
    assert csv_table["name"].is_unique and gpkg["name"].is_unique
    names = dict(zip(csv_table["ags"], csv_table["name"], strict=True))
    assert (
        names["09461"] == "Bamberg (kreisfreie Stadt)" and names["09471"] == "Bamberg (Landkreis)"
    )
    munich = csv_table.set_index("ags").loc["09162"]
    assert munich["population"] > 1_000_000 and munich["nuts3"] == "DE212"
    assert munich["density"] == pytest.approx(munich["population"] / munich["area_km2"])


def test_frictionless_command_line_accepts_the_package(shipped_export):
    # the virtual environment's script, also when it is not on PATH
    tool = shutil.which("frictionless") or str(Path(sys.executable).with_name("frictionless"))
    done = subprocess.run(
        [tool, "validate", str(shipped_export / "datapackage.json")],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:]


def test_excel_de_dialect_round_trip(tmp_path, shipped_export):
    out = tmp_path / "de.gpkg"
    argv = ["score", "--synthetic", "50", "--out", str(out), "--csv", str(tmp_path / "de.csv"),
            "--csv-dialect", "excel-de"]  # fmt: skip
    assert main(argv) == 0
    raw = (tmp_path / "de.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    first = raw.decode("utf-8-sig").splitlines()[1]
    assert first.startswith('"=""90001""";') and "," in first.split(";")[6]
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    back = pd.read_csv(tmp_path / "de.csv", sep=";", decimal=",", encoding="utf-8-sig")
    gpkg = pyogrio.read_dataframe(out, layer="districts", read_geometry=False)
    pd.testing.assert_series_equal(back["composite"], gpkg["composite"], check_names=False)
    assert back["ags"].str.fullmatch(r'="\d{5}"').all()
