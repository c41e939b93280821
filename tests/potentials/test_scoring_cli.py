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
    assert meta["run.command"].startswith("potentials score --synthetic 120 --mc 120")
    assert csv.exists() and (tmp_path / "x.metadata.json").exists()
    assert (tmp_path / "datapackage.json").exists()


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


def _run(argv):
    """Run the command line in-process; return (exit status, stderr lines)."""
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse exits for bad options
            code = stop.code
    return code, err.getvalue().splitlines()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--seed", "-1"], "the seed must be 0-"),
        (["--k", "0"], "number of map classes must be 2-9, got 0"),
        (["--k", "1000"], "got 1000"),
        (["--k", "1"], "got 1"),
        (["--classes", "fisher_jenks", "--k", "12"], "got 12"),
        (["--weights", "labour=1e308"], "must be a finite number from 0 to 1e+06"),
        (["--weights", "labour=-1"], "must be a finite number"),
        (["--weights", "labour=inf"], "must be a finite number"),
        (
            [
                "--weights",
                ",".join(
                    f"{d}=0"
                    for d in (
                        "labour",
                        "prosperity",
                        "housing",
                        "services",
                        "access",
                        "social",
                        "integration",
                    )
                ),
            ],
            "all domain weights are zero",
        ),
        (["--mc", "-1"], "Monte Carlo"),
        (["--min-coverage", "nan"], "minimum coverage"),
        (["--perturbation", "1"], "perturbation"),
        (["--csv-dialect", "excel-fr"], "invalid choice"),
    ],
)
def test_bad_score_options_give_one_line_and_exit_2(tmp_path, options, expected):
    out = tmp_path / "y.gpkg"
    code, err = _run(["score", "--synthetic", "20", *options, "--out", str(out)])
    assert code == 2
    assert len(err) == 1 and expected in err[0] and "Traceback" not in err[0]
    assert list(tmp_path.iterdir()) == []


def test_class_count_the_engine_cannot_honour_is_refused_before_work(tmp_path):
    from potentials import classify

    sample = np.random.default_rng(0).normal(size=400)
    honoured = classify(sample, method="std_mean", k=6).k == 6
    out = tmp_path / "y.gpkg"
    code, err = _run(["score", "--synthetic", "20", "--classes", "std_mean", "--k", "6",
                      "--out", str(out)])  # fmt: skip
    if honoured:
        assert code == 0 and out.exists()
    else:
        assert code == 2 and len(err) == 1 and "std_mean gives 5 classes, not 6" in err[0]
        assert not out.exists()


@pytest.mark.parametrize("size", ["0", "-5", "ten"])
def test_bad_synthetic_size(tmp_path, size):
    code, err = _run(["score", "--synthetic", size, "--out", str(tmp_path / "y.gpkg")])
    assert code == 2 and len(err) == 1 and "synthetic districts" in err[0]


def test_bad_output_paths(tmp_path):
    missing = tmp_path / "no" / "such" / "folder" / "x.gpkg"
    code, err = _run(["score", "--synthetic", "20", "--out", str(missing)])
    assert code == 2 and len(err) == 1 and "does not exist" in err[0]
    code, err = _run(["score", "--synthetic", "20", "--out", str(tmp_path)])
    assert code == 2 and len(err) == 1 and "is a folder" in err[0]
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, err = _run(["score", "--synthetic", "20", "--out", str(locked / "x.gpkg")])
        writable = os.access(locked, os.W_OK) and os.geteuid() == 0
        if not writable:  # root may write anywhere; then the check has nothing to refuse
            assert code == 2 and len(err) == 1 and "not writable" in err[0]
    finally:
        locked.chmod(0o700)
    code, err = _run(["score", "--synthetic", "20", "--out", "/proc/x.gpkg"])
    assert code == 2 and len(err) == 1 and "not writable" in err[0]
    code, err = _run(
        ["score", "--synthetic", "20", "--out", str(tmp_path / "a.gpkg"), "--csv",
         str(tmp_path / "a.gpkg")]
    )  # fmt: skip
    assert code == 2 and "same file" in err[0]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--tolerance", "-5"], "tolerance in metres"),
        (["--tolerance", "nan"], "tolerance in metres"),
        (["--deutschlandatlas", "/etc/passwd", "--inkar", "/tmp"], "not an Excel workbook"),
        (["--deutschlandatlas", "CSV", "--inkar", "/tmp"], "not an Excel workbook"),
    ],
)
def test_bad_atlas_build_options(tmp_path, options, expected):
    table = tmp_path / "data.csv"
    table.write_text("a,b\n1,2\n", encoding="utf-8")
    options = [str(table) if o == "CSV" else o for o in options]
    code, err = _run(["atlas", "build", *options, "--out", str(tmp_path / "a.gpkg")])
    assert code == 2 and len(err) == 1
    # the one-atlas build (issue 9) has no --deutschlandatlas option: refused as unknown
    assert expected in err[0] or "unrecognized arguments: --deutschlandatlas" in err[0]
    assert not (tmp_path / "a.gpkg").exists()


def test_no_traceback_from_a_real_process(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "potentials.cli", "score", "--synthetic", "20", "--weights",
         "labour=1e308", "--out", str(tmp_path / "x.gpkg")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr


def test_summary_names_are_unique_and_intervals_labelled():
    import dataclasses

    from potentials import ScoringSpec, load_framework, run
    from potentials._cli_score import summary
    from potentials.synthetic import synthetic_atlas

    atlas = synthetic_atlas(40, seed=1)
    framework = load_framework("thuenen2016", atlas=atlas)
    plain = run(atlas, ScoringSpec(framework))
    top_two = plain.scores.sort_values("rank").index[:2]
    districts = atlas.districts.set_index("ags")
    districts.loc[top_two, "name"] = "Bamberg"
    districts.loc[top_two, "kind"] = ["Kreisfreie Stadt", "Landkreis"]
    renamed = dataclasses.replace(atlas, districts=districts.reset_index())
    text = summary(plain, renamed)
    assert "top 5: Bamberg (kreisfreie Stadt) (rank 1); Bamberg (Landkreis) (rank 2);" in text
    with_mc = run(atlas, ScoringSpec(framework, mc_draws=60, seed=1))
    line = next(x for x in summary(with_mc, atlas).splitlines() if x.startswith("robustly high"))
    assert ": rank " in line and "90 % interval" in line


def test_missing_files_are_one_line_errors(tmp_path):
    out = str(tmp_path / "y.gpkg")
    code, err = _run(["score", "--framework", "bogus", "--synthetic", "20", "--out", out])
    assert code == 2 and err == [
        "potentials: error: no framework 'bogus': not a file and not one of the bundled "
        "frameworks (thuenen2016)"
    ]
    code, err = _run(["score", "--atlas", str(tmp_path / "none.gpkg"), "--out", out])
    assert code == 2 and len(err) == 1 and "none.gpkg does not exist" in err[0]


def test_an_internal_error_is_one_line_too(tmp_path, monkeypatch):
    import potentials._cli_score as cli_score

    def broken(args):
        raise RuntimeError("something\nunexpected")

    monkeypatch.setattr(cli_score, "score_command", broken)
    code, err = _run(["score", "--synthetic", "20", "--out", str(tmp_path / "y.gpkg")])
    assert code == 1
    assert err == [
        "potentials: internal error (RuntimeError): something unexpected; please report it"
    ]
