"""All-or-nothing exports: a killed export leaves the previous set; its leftovers go next run."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest

from geodata.atomic import atomic_files, remove_stale_temporaries

HELPER = Path(__file__).with_name("kill_helper.py")
SET = ("x.gpkg", "x.csv", "x.metadata.json", "datapackage.json")


def _export(folder: Path, seed: int) -> None:
    from potentials import ScoringSpec, load_framework, run
    from potentials.export import write_export
    from potentials.synthetic import synthetic_atlas

    atlas = synthetic_atlas(60, seed=seed)  # SYNTHETIC districts (random numbers)
    result = run(atlas, ScoringSpec(load_framework("thuenen2016", atlas=atlas), seed=seed))
    write_export(
        result, atlas, gpkg=folder / "x.gpkg", csv=folder / "x.csv", command=f"seed {seed}"
    )


def _seeds(folder: Path) -> set[str]:
    """The run each file of the set comes from (its recorded command)."""
    meta = pyogrio.read_dataframe(folder / "x.gpkg", layer="metadata").set_index("item")["value"]
    sidecar = json.loads((folder / "x.metadata.json").read_text(encoding="utf-8"))
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return {meta["run.command"], sidecar["metadata"]["run.command"],
            package["potentials"]["run.command"]}  # fmt: skip


def _kill_at(mode: str, folder: Path, seed: int) -> None:
    process = subprocess.Popen(
        [sys.executable, str(HELPER), mode, str(folder), str(seed)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "paused"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.slow
def test_export_killed_while_writing_keeps_the_old_set_and_cleans_up_next_run(tmp_path):
    _export(tmp_path, seed=1)
    before = {name: (tmp_path / name).read_bytes() for name in SET}
    _kill_at("write", tmp_path, seed=2)
    assert {name: (tmp_path / name).read_bytes() for name in SET} == before
    assert _hidden(tmp_path)  # the killed run left its temporary GeoPackage
    _export(tmp_path, seed=3)
    assert _hidden(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(SET)
    assert _seeds(tmp_path) == {"seed 3"}


@pytest.mark.slow
def test_export_killed_between_renames_is_completed_as_a_whole(tmp_path):
    _export(tmp_path, seed=1)
    _kill_at("commit", tmp_path, seed=2)
    assert any(name.endswith(".commit") for name in _hidden(tmp_path))
    remove_stale_temporaries(tmp_path)
    assert _hidden(tmp_path) == []
    assert _seeds(tmp_path) == {"seed 2"}  # every file from the killed run, none mixed


@pytest.mark.slow
def test_atlas_write_killed_leaves_no_temporary_after_the_next_write(tmp_path):
    from geodata.atlas import write_atlas
    from potentials.synthetic import synthetic_atlas

    _kill_at("atlas", tmp_path, seed=1)
    assert _hidden(tmp_path) and not (tmp_path / "atlas-full.gpkg").exists()
    write_atlas(synthetic_atlas(20, seed=2), tmp_path / "atlas-full.gpkg")
    assert _hidden(tmp_path) == []
    assert len(pyogrio.read_dataframe(tmp_path / "atlas-full.gpkg", layer="districts")) == 20


def test_failed_block_replaces_nothing_and_leaves_nothing(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("old a")
    with pytest.raises(RuntimeError), atomic_files([first, second]) as tmp:
        tmp[first].write_text("new a")
        raise RuntimeError("second file failed")
    assert first.read_text() == "old a" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_writer_that_forgets_a_file_replaces_nothing(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    with pytest.raises(FileNotFoundError, match=r"b\.txt"), atomic_files([first, second]) as tmp:
        tmp[first].write_text("new a")
    assert list(tmp_path.iterdir()) == []


def test_temporaries_of_a_running_process_are_left_alone(tmp_path):
    import os

    mine = tmp_path / f".x.~{os.getpid()}-0123abcd.gpkg"
    dead = tmp_path / ".x.~999999999-0123abcd.gpkg"
    other = tmp_path / ".hidden-user-file"
    for path in (mine, dead, other):
        path.write_text("")
    (tmp_path / ".x.~999999999-0123abcd.gpkg-journal").write_text("")
    removed = remove_stale_temporaries(tmp_path)
    assert sorted(p.name for p in removed) == sorted(
        [dead.name, ".x.~999999999-0123abcd.gpkg-journal"]
    )
    assert mine.exists() and other.exists()
