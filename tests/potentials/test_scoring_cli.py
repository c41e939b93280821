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
