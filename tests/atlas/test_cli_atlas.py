"""``potentials atlas info`` and argument handling of ``potentials atlas build``."""

from __future__ import annotations

import json
import subprocess
import sys

from geodata.atlas import embedded_atlas_path
from potentials.cli import main


def test_info_json_reports_400_districts(capsys, monkeypatch):
    monkeypatch.delenv("POTENTIALS_ATLAS", raising=False)
    assert main(["atlas", "info", "--json", "--atlas", str(embedded_atlas_path())]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["districts"] == 400
    assert info["kind"] == "embedded"
    assert info["indicators"] >= 45
    framework = info["framework"]
    assert framework["name"] == "thuenen2016"
    assert sum(info["indicators_by_domain"].values()) == len(framework["indicators"])
    assert all(i["proxy_for"] is None for i in framework["indicators"])
    catalogue = {c["code"]: c for c in info["catalogue"]}
    assert len(catalogue) == info["indicators"]
    assert {"alq", "wohn_leer", "v_harzt", "kbetr_u3", "p_markt", "erw_bip"} <= set(catalogue)
    assert catalogue["preis_miet_best"]["unit_en"] == "EUR per m² (net, excl. heating)"
    for entry in catalogue.values():
        for key in ("unit_de", "unit_en", "period", "source", "licence", "name_de", "name_en"):
            assert entry[key] and "see " not in entry[key] and "siehe" not in entry[key], key
    assert info["size_bytes"] <= 8_000_000
    assert info["size_bytes"] == embedded_atlas_path().stat().st_size
    assert all({"name", "year", "licence"} <= set(s) for s in info["sources"])


def test_info_table_is_readable(capsys):
    assert main(["atlas", "info", "--atlas", str(embedded_atlas_path())]) == 0
    out = capsys.readouterr().out
    assert "districts     400" in out
    assert "© GeoBasis-DE" not in out  # table lists names and licences, not attributions
    assert "Verwaltungsgebiete" in out


def test_info_missing_file_is_a_clear_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "potentials.cli", "atlas", "info", "--atlas", str(tmp_path / "x")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_use_records_an_explicit_choice_and_shipped_goes_back(tmp_path, capsys, monkeypatch):
    from geodata import settings

    monkeypatch.delenv("POTENTIALS_ATLAS", raising=False)
    assert main(["atlas", "use", str(embedded_atlas_path())]) == 0
    assert settings.chosen_atlas() == embedded_atlas_path().resolve()
    assert main(["atlas", "use", "--shipped"]) == 0
    assert settings.chosen_atlas() is None
    assert main(["atlas", "use", str(tmp_path / "none.gpkg")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_missing_raw_folder_names_the_file(tmp_path, capsys):
    code = main(["atlas", "build", "--raw", str(tmp_path), "--out", str(tmp_path / "a.gpkg")])
    assert code == 2
    err = capsys.readouterr().err
    assert "kreise.geo.json" in err
    assert not (tmp_path / "a.gpkg").exists()
