"""Fixtures for the user-upload tests: the 400 current districts (keys, names, kinds).

``tests/fixtures/userdata/districts_400.csv`` lists the 400 districts of today's
territorial status (Destatis Gemeindeverzeichnis 2019, Eisenach merged into the
Wartburgkreis); it stands in for ``Atlas.districts`` until the real atlas lands.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "userdata"
CORPUS = FIXTURES / "corpus"


def load_districts() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "districts_400.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def districts() -> pd.DataFrame:
    return load_districts()
