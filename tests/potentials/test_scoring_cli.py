"""``potentials score`` on a synthetic atlas, and on the embedded atlas when it exists."""

from __future__ import annotations

import os

import numpy as np
import pyogrio
import pytest

from potentials.cli import main

REQUIRED = [
    "ags", "name", "kind", "state", "settlement_type", "rural_type", "rurality", "coverage",
    "composite", "rank", "rank_p05", "rank_p95",
]  # fmt: skip


def test_score_synthetic_writes_gpkg_and_csv(tmp_path, capsys):
    out, csv = tmp_path / "x.gpkg", tmp_path / "x.csv"
    code = main(
        ["score", "--synthetic", "120", "--mc", "120", "--seed", "1", "--weights",
         "labour=2,housing=0.5", "--classes", "equal_interval", "--k", "4",
         "--out", str(out), "--csv", str(csv)]
    )  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    assert "120 districts" in printed and "robustly high" in printed
    meta = pyogrio.read_dataframe(out, layer="metadata").set_index("item")["value"]
    assert meta["spec.domain_weights"] == "labour=2,housing=0.5"
    assert meta["classes.method"] == "equal_interval"
    assert csv.exists() and (tmp_path / "x.metadata.json").exists()


def test_bad_weights_print_one_clear_error(tmp_path, capsys):
    code = main(
        [
            "score",
            "--synthetic",
            "20",
            "--weights",
            "labour=lots",
            "--out",
            str(tmp_path / "y.gpkg"),
        ]
    )
    assert code == 2
    assert "--weights: cannot read 'labour=lots'" in capsys.readouterr().err
    assert not (tmp_path / "y.gpkg").exists()


def test_unknown_domain_weight_is_named(tmp_path, capsys):
    code = main(
        ["score", "--synthetic", "20", "--weights", "wealth=1", "--out", str(tmp_path / "y.gpkg")]
    )
    assert code == 2
    assert "wealth" in capsys.readouterr().err


def _embedded_atlas_path():
    from geodata.atlas import embedded_atlas_path

    path = embedded_atlas_path()
    return path if path.exists() else None


@pytest.mark.realdata
@pytest.mark.slow
def test_score_embedded_atlas_with_monte_carlo(tmp_path):
    if _embedded_atlas_path() is None:
        reason = "the embedded atlas geodata/data/atlas.gpkg is not built"
        if os.environ.get("POTENTIALS_STRICT") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    out = tmp_path / "x.gpkg"
    assert main(["score", "--mc", "1000", "--seed", "1", "--out", str(out)]) == 0
    table = pyogrio.read_dataframe(out, layer="districts")
    assert len(table) == 400 and table["ags"].is_unique
    assert set(REQUIRED) <= set(table.columns)
    ranked = table[~table["flagged"]]
    assert (ranked["rank_p05"] <= ranked["rank_median"]).all()
    assert (ranked["rank_median"] <= ranked["rank_p95"]).all()
    assert sorted(ranked["rank"].astype(int)) == list(range(1, len(ranked) + 1))
    assert np.isfinite(ranked["composite"]).all()
    meta = pyogrio.read_dataframe(out, layer="metadata").set_index("item")["value"]
    assert meta["atlas.kind"] == "embedded"
    assert "GeoBasis-DE / BKG" in meta["attribution"]


def test_score_with_own_indicator_from_csv_and_toml(tmp_path, capsys):
    """A planner's own column (synthetic values) is scored, exported and labelled."""
    if _embedded_atlas_path() is None:
        pytest.skip("the embedded atlas is not built")
    from geodata.atlas import load_atlas

    keys = load_atlas().districts["ags"].tolist()
    values = {ags: float(int(ags) % 97) for ags in keys}  # synthetic, known values
    table = tmp_path / "kursplaetze.csv"
    table.write_text(
        "AGS;Kursplätze je 1000 EW\n"
        + "".join(f"{a};{v:.1f}\n".replace(".", ",") for a, v in values.items()),
        encoding="utf-8",
    )
    (tmp_path / "kursplaetze.toml").write_text(
        '[[indicator]]\ncolumn = "Kursplätze je 1000 EW"\ndomain = "services"\ndirection = 1\n',
        encoding="utf-8",
    )
    out = tmp_path / "x.gpkg"
    assert main(["score", "--extra", str(table), "--out", str(out)]) == 0
    scored = pyogrio.read_dataframe(out, layer="districts").set_index("ags")
    column = "raw_user_kursplaetze_je_1000_ew"
    assert column in scored.columns
    assert scored[column].to_dict() == values
    catalogue = pyogrio.read_dataframe(out, layer="metadata").set_index("item")["value"]
    assert any("user-supplied" in str(v) for v in catalogue.values)


def test_score_extra_without_description_is_a_clear_error(tmp_path, capsys):
    table = tmp_path / "own.csv"
    table.write_text("AGS;x\n01001;1\n", encoding="utf-8")
    code = main(
        ["score", "--synthetic", "5", "--extra", str(table), "--out", str(tmp_path / "o.gpkg")]
    )
    assert code == 2
    assert "own.toml" in capsys.readouterr().err
