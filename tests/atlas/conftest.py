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
    """The atlas built from all of ``raw_dir`` and read back from a temporary GeoPackage."""
    from geodata.atlas import build_atlas, write_atlas

    path = tmp_path_factory.mktemp("embedded") / "atlas.gpkg"
    write_atlas(build_atlas(raw_dir), path)
    return read_atlas(path)
