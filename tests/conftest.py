"""Shared fixtures: where the official raw files are, CI strictness, and isolation.

Real-data and browser tests skip with a clear message on a developer machine that
lacks ``../shared/raw`` or Chromium; with ``POTENTIALS_STRICT=1`` (set by ``.ci/run``
and the README's test command) a missing prerequisite fails the test instead.

Tests never read the user's data folder: before anything is imported, the user
data and config folders (``XDG_DATA_HOME``, ``XDG_CONFIG_HOME``, read by
platformdirs) point into a fresh temporary folder and ``POTENTIALS_ATLAS`` names
the shipped atlas, so a user-built atlas or an ``atlas use`` choice on the machine
never changes what a test sees. Child processes inherit the same environment.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHIPPED_ATLAS = REPO / "geodata" / "data" / "atlas.gpkg"

_ISOLATED_HOME = Path(tempfile.mkdtemp(prefix="potentials-tests-"))
atexit.register(shutil.rmtree, _ISOLATED_HOME, ignore_errors=True)
os.environ["XDG_DATA_HOME"] = str(_ISOLATED_HOME / "data")
os.environ["XDG_CONFIG_HOME"] = str(_ISOLATED_HOME / "config")
os.environ["POTENTIALS_ATLAS"] = str(SHIPPED_ATLAS)
RAW_DIR = Path(os.environ.get("POTENTIALS_RAW_DIR", REPO.parent / "shared" / "raw"))
STRICT = os.environ.get("POTENTIALS_STRICT") == "1"


def require(condition: bool, reason: str) -> None:
    """Skip (or, in strict mode, fail) the calling test unless ``condition`` holds."""
    if condition:
        return
    if STRICT:
        pytest.fail(f"required in strict mode (POTENTIALS_STRICT=1): {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The folder of official raw files (``../shared/raw``, see its PROVENANCE.md)."""
    require(RAW_DIR.is_dir(), f"official raw data folder {RAW_DIR} is absent")
    return RAW_DIR
