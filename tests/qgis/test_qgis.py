"""What real QGIS shows of an exported GeoPackage (PyQGIS, Debian's ``python3-qgis``).

The probe (:mod:`tests.qgis.qgis_probe`) runs with the system Python that has QGIS,
on a GeoPackage exported here by the command line. In strict mode (CI) a missing
QGIS fails the test instead of skipping it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
from pathlib import Path

import pyogrio
import pytest

from potentials.cli import main
from tests.conftest import require

SYSTEM_PYTHON = Path("/usr/bin/python3")
PROBE = Path(__file__).with_name("qgis_probe.py")


def _has_qgis() -> bool:
    if not SYSTEM_PYTHON.exists():
        return False
    done = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import qgis.core"],
        capture_output=True, timeout=120, check=False, env=_env(),
    )  # fmt: skip
    return done.returncode == 0


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH",
                                                               "PYTHONHOME")}  # fmt: skip
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("XDG_RUNTIME_DIR", "/tmp")
    return env


@pytest.fixture(scope="module")
def qgis_python() -> Path:
    require(_has_qgis(), f"{SYSTEM_PYTHON} cannot import qgis.core (install python3-qgis)")
    return SYSTEM_PYTHON


def probe(python: Path, gpkg: Path, png: Path) -> tuple[dict, str]:
    done = subprocess.run(
        [str(python), str(PROBE), str(gpkg), str(png)],
        capture_output=True, text=True, timeout=300, check=False, env=_env(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def _check_classes(report: dict, gpkg: Path) -> dict[str, int | None]:
    table = pyogrio.read_dataframe(gpkg, layer="districts", read_geometry=False)
    expected = {
        str(a): (None if c != c or c is None else int(c))
        for a, c in zip(table["ags"], table["composite_class"], strict=True)
    }
    rendered = {}
    for ags, entry in report["rendered"].items():
        keys = [k for k in entry["keys"] if k != "root"]
        assert len(keys) == 1, (ags, keys)
        rendered[ags] = None if keys[0] == "not_scored" else int(keys[0].removeprefix("class"))
        assert entry["composite_class"] == expected[ags]
    assert rendered == expected
    return rendered


def test_qgis_shows_the_shipped_atlas_export_styled_with_metadata(qgis_python, tmp_path):
    gpkg, csv, png = tmp_path / "x.gpkg", tmp_path / "x.csv", tmp_path / "x.png"
    argv = ["score", "--mc", "200", "--seed", "1", "--classes", "fisher_jenks", "--k", "6",
            "--palette", "cividis", "--out", str(gpkg), "--csv", str(csv)]  # fmt: skip
    assert main(argv) == 0
    report, stderr = probe(qgis_python, gpkg, png)
    assert report["valid"] and report["features"] == 400
    # the default style in layer_styles was applied by QGIS itself
    assert report["renderer"] == "RuleRenderer"
    assert len(report["legend"]) == 7 and report["legend"][-1] == "keine Bewertung / not scored"
    rendered = _check_classes(report, gpkg)
    assert sorted({c for c in rendered.values() if c is not None}) == list(range(6))
    meta = report["metadata"]
    assert meta["title"].startswith("Integrationspotenzial der Kreise")
    assert "never its inhabitants" in meta["abstract"]
    licences = " | ".join(meta["licenses"]).replace("-", " ")
    assert "dl de/by 2 0" in licences and "CC BY 4.0" in licences and "ODbL" in licences
    assert any("© GeoBasis-DE / BKG 2016" in x for x in meta["rights"])
    assert any("OpenStreetMap" in x for x in meta["rights"])
    assert any("DB InfraGO" in x for x in meta["rights"])
    assert "seed 1" in meta["history"][0] and "potentials score --mc 200" in meta["history"][0]
    assert report["aliases"]["ags"] == "Kreisschlüssel (AGS) / District key (AGS)"
    assert report["aliases"]["rank_p05"] == "Rang 5-%-Quantil / Rank 5th percentile"
    assert "partially supported" not in stderr  # GeoPackage 1.3, not 1.4
    image = report["image"]
    assert png.stat().st_size > 5_000
    assert image["distinct_colours"] >= 6 and 0.2 < image["white_share"] < 0.9


def test_qgis_draws_unscored_districts_grey(qgis_python, tmp_path):
    from potentials import ScoringSpec, load_framework, run
    from potentials.export import write_geopackage
    from potentials.synthetic import synthetic_atlas

    atlas = synthetic_atlas(400, seed=5)  # SYNTHETIC districts (random numbers)
    gaps = list(atlas.districts["ags"][:40])
    atlas = dataclasses.replace(
        atlas, indicators=atlas.indicators[~atlas.indicators["ags"].isin(gaps)]
    )
    result = run(atlas, ScoringSpec(load_framework("thuenen2016", atlas=atlas), min_coverage=0.99))
    gpkg, png = tmp_path / "gaps.gpkg", tmp_path / "gaps.png"
    write_geopackage(result, atlas, gpkg, k=5)
    report, _ = probe(qgis_python, gpkg, png)
    rendered = _check_classes(report, gpkg)
    assert sum(c is None for c in rendered.values()) == 40
    assert report["image"]["grey_pixels"] > 0  # the not-scored districts are drawn, in grey
