"""Shared fixtures: where the official raw files are, and CI strictness.

Real-data and browser tests skip with a clear message on a developer machine that
lacks ``../shared/raw`` or Chromium; with ``POTENTIALS_STRICT=1`` (set by ``.ci/run``
and the README's test command) a missing prerequisite fails the test instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
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
