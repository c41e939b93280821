"""Shared fixtures of the atlas tests: the committed atlas and atlases built from raw data."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.atlas import Atlas, embedded_atlas_path, read_atlas


@pytest.fixture(scope="session")
def committed_atlas() -> Atlas:
    """The embedded atlas shipped in ``geodata/data/atlas.gpkg``."""
    return read_atlas(embedded_atlas_path())


@pytest.fixture(scope="session")
def built_embedded(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    """The embedded atlas built from ``raw_dir`` and read back from a temporary GeoPackage."""
    from geodata.atlas import build_embedded_atlas, write_atlas

    path = tmp_path_factory.mktemp("embedded") / "atlas.gpkg"
    write_atlas(build_embedded_atlas(raw_dir), path)
    return read_atlas(path)


@pytest.fixture(scope="session")
def built_full(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    """The full atlas built via the CLI (without accessibility, to save time) and read back."""
    from potentials.cli import main

    path = tmp_path_factory.mktemp("full") / "atlas-full.gpkg"
    code = main(
        [
            "atlas", "build", "--raw", str(raw_dir), "--out", str(path), "--no-accessibility",
            "--deutschlandatlas", str(raw_dir / "deutschlandatlas" / "Deutschlandatlas-Daten.xlsx"),
            "--inkar", str(raw_dir / "inkar"),
        ]
    )  # fmt: skip
    assert code == 0
    return read_atlas(path)
