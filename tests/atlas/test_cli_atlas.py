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
    assert info["indicators"] >= 15
    assert sum(info["indicators_by_domain"].values()) == info["indicators"]
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


def test_full_build_needs_both_inputs(tmp_path, capsys):
    code = main(["atlas", "build", "--deutschlandatlas", str(tmp_path / "da.xlsx")])
    assert code == 2
    assert "--inkar" in capsys.readouterr().err


def test_missing_raw_folder_names_the_file(tmp_path, capsys):
    code = main(["atlas", "build", "--raw", str(tmp_path), "--out", str(tmp_path / "a.gpkg")])
    assert code == 2
    err = capsys.readouterr().err
    assert "kreise.geo.json" in err
    assert not (tmp_path / "a.gpkg").exists()
