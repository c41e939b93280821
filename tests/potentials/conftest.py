"""Fixtures of the scoring-engine tests: small hand-made atlases and a synthetic one.

Every atlas here is built in code; the 400-district one is *synthetic* (random
numbers, see :mod:`potentials.synthetic`).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely import box

from geodata.atlas.model import CATALOGUE_COLUMNS, Atlas
from potentials import framework as fw_module
from potentials.synthetic import synthetic_atlas


def make_atlas(
    values: dict[str, list[float]],
    *,
    population: list[float] | None = None,
    area: list[float] | None = None,
    kind: list[str] | None = None,
    atlas_kind: str = "embedded",
) -> Atlas:
    """An atlas of len(values[...]) unit squares along a row, with the given indicators."""
    n = len(next(iter(values.values())))
    ags = [f"{9100 + k:05d}" for k in range(n)]
    districts = gpd.GeoDataFrame(
        {
            "ags": ags,
            "name": [f"Testkreis {k}" for k in range(n)],
            "kind": kind or ["Landkreis"] * n,
            "state": ["09"] * n,
            "nuts3": [f"DE{k:03d}" for k in range(n)],
            "area_km2": area or [100.0] * n,
            "population": population or [10_000 * (k + 1) for k in range(n)],
        },
        geometry=[box(10 + 0.1 * k, 50, 10 + 0.1 * (k + 1), 50.1) for k in range(n)],
        crs="EPSG:4326",
    )
    rows = [
        {"ags": a, "indicator": code, "year": 2019, "value": v}
        for code, col in values.items()
        for a, v in zip(ags, col, strict=True)
        if v is not None and not (isinstance(v, float) and np.isnan(v))
    ]
    catalogue = pd.DataFrame(
        [
            {
                "code": code,
                "name_de": code,
                "name_en": code,
                "unit": "%",
                "domain_hint": "",
                "direction_hint": 0,
                "source": f"Testquelle {code}",
                "table_code": "T1",
                "year": 2019,
                "licence": "dl-de/by-2-0",
                "is_proxy": False,
                "proxy_for": "",
                "method": "test",
            }
            for code in values
        ],
        columns=list(CATALOGUE_COLUMNS),
    )
    build = pd.DataFrame({"item": ["synthetic"], "value": ["true"]})
    return Atlas(districts, pd.DataFrame(rows), catalogue, build, kind=atlas_kind)  # type: ignore[arg-type]


def make_framework(spec: dict) -> fw_module.Framework:
    """Build a framework from a TOML-like mapping."""
    return fw_module.framework_from_mapping(spec, source="test framework")


TWO_DOMAINS = {
    "name": "two",
    "domains": [
        {"code": "labour", "name_de": "Arbeit", "name_en": "Labour", "weight": 1.0},
        {"code": "housing", "name_de": "Wohnen", "name_en": "Housing", "weight": 1.0},
    ],
    "indicators": [
        {"code": "alq", "domain": "labour", "direction": -1},
        {"code": "income_pc", "domain": "labour", "direction": 1},
        {"code": "preis_miet", "domain": "housing", "direction": -1},
    ],
}


@pytest.fixture(scope="session")
def atlas_factory():
    """The :func:`make_atlas` helper."""
    return make_atlas


@pytest.fixture(scope="session")
def framework_factory():
    """The :func:`make_framework` helper (with :data:`TWO_DOMAINS` as ``.two``)."""
    return make_framework


@pytest.fixture()
def two_domains():
    """A small two-domain framework mapping (a fresh copy per test)."""
    import copy

    return copy.deepcopy(TWO_DOMAINS)


@pytest.fixture(scope="session")
def synthetic():
    """A synthetic 400-district embedded atlas (random numbers, no real district)."""
    return synthetic_atlas(400, seed=3)


@pytest.fixture(scope="session")
def synthetic_missing():
    """The synthetic atlas with 4 % of indicator values removed."""
    return synthetic_atlas(400, seed=4, missing_share=0.04)
