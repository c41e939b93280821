"""A clearly labelled **synthetic** atlas for tests, benchmarks and examples.

The values are random numbers in plausible ranges; they describe no real district.
District names read "Synthetischer Kreis NNN", keys start at ``90001`` (no real
AGS uses Land code 90) and the build table records ``synthetic = true``.
"""

from __future__ import annotations

from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely import box

from geodata.atlas.catalogue import catalogue_row
from geodata.atlas.model import CATALOGUE_COLUMNS, Atlas
from geodata.indicators import INDICATORS

__all__ = ["EMBEDDED_SPECS", "FULL_SPECS", "synthetic_atlas"]

# code: (mean, sd, loading on an "urbanity" factor); names, units and plausible ranges
# come from the indicator registry (geodata.indicators), values are clipped to the range.
EMBEDDED_SPECS: dict[str, tuple[float, float, float]] = {
    "density": (5.5, 1.0, 1.0),  # log scale, exponentiated below
    "pop_change_5y": (1.5, 2.5, 0.5),
    "net_migration": (50.0, 40.0, 0.3),
    "natural_balance": (-30.0, 20.0, 0.4),
    "foreigners_share": (11.0, 5.0, 0.7),
    "income_pc": (23_000.0, 2_500.0, 0.2),
    "employees_per_1000": (380.0, 70.0, 0.5),
    "employment_growth_5y": (7.0, 3.0, 0.3),
    "compensation_per_employee": (38_000.0, 5_000.0, 0.6),
    "school_no_qualification": (6.5, 2.0, 0.1),
    "school_abitur": (33.0, 7.0, 0.5),
    "crime_rate": (5_500.0, 1_800.0, 0.7),
    "cars_per_1000": (580.0, 60.0, -0.6),
    "turnout_ew2019": (61.0, 4.0, 0.1),
    "household_size": (2.1, 0.15, -0.6),
    "access_ld_station_km": (18.0, 9.0, -0.7),
    "access_rail_station_km": (5.0, 3.0, -0.6),
    "access_stop_km": (0.6, 0.3, -0.6),
    "access_rail_share_2km": (35.0, 20.0, 0.7),
    "access_stop_share_1km": (70.0, 15.0, 0.6),
}
#: The Deutschlandatlas and INKAR codes (all in the shipped atlas as well).
FULL_SPECS: dict[str, tuple[float, float, float]] = {
    "alq": (5.0, 2.0, 0.4),
    "emp_rate": (58.0, 5.0, -0.2),
    "emp_rate_foreign": (40.0, 10.0, -0.1),
    "median_wage_ft": (3_200.0, 450.0, 0.5),
    "hh_veink": (24.0, 2.5, 0.2),
    "erw_bip": (75.0, 12.0, 0.5),
    "wohn_leer": (4.5, 2.5, -0.5),
    "preis_miet_best": (7.0, 1.3, 0.7),
    "fl_suv": (15.0, 10.0, 0.9),
    "fl_landw": (48.0, 15.0, -0.6),
    "fl_wald": (28.0, 12.0, -0.3),
    "share_efh_buildings": (82.0, 9.0, -0.8),
    "st_einnkr": (1_300.0, 350.0, 0.4),
    "p_ozmz_miv": (12.0, 5.0, -0.7),
    "p_ozmz_oev": (25.0, 10.0, -0.7),
    "v_harzt": (65.0, 8.0, 0.2),
    "v_karzt": (50.0, 15.0, 0.5),
    "kbetr_u3": (33.0, 12.0, 0.0),
    "kbetr_ue3": (90.0, 4.0, 0.0),
    "schule_oabschl": (6.5, 2.0, 0.1),
    "p_markt": (4.0, 2.0, -0.7),
    "p_harzt": (5.0, 2.5, -0.7),
    "p_apo": (5.0, 2.5, -0.7),
    "p_grunds": (4.0, 2.0, -0.7),
    "v_breitb50": (85.0, 8.0, 0.6),
    "mitgl_sportv": (29.0, 5.0, -0.2),
    "wahl_beteil": (76.0, 4.0, 0.1),
    "straft": (5_500.0, 1_800.0, 0.7),
    "bev_ausl": (12.0, 5.0, 0.7),
}


def synthetic_atlas(
    n: int = 400,
    *,
    seed: int = 0,
    kind: Literal["embedded", "full"] = "embedded",
    missing_share: float = 0.0,
) -> Atlas:
    """Build a synthetic atlas of ``n`` square districts over Germany's bounding box.

    Parameters
    ----------
    n
        Number of districts.
    seed
        Random seed.
    kind
        Label recorded in the atlas (``"embedded"`` or ``"full"``); both carry the
        codes of the shipped atlas's registry-derived, Deutschlandatlas and INKAR files.
    missing_share
        Share of indicator values removed at random.

    Returns
    -------
    Atlas
        An atlas whose ``build`` table says ``synthetic = true``.
    """
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n)))
    col, row = np.divmod(np.arange(n), side)
    dx, dy = (15.0 - 6.0) / side, (55.0 - 47.5) / side
    geometry = [
        box(6.0 + c * dx, 47.5 + r * dy, 6.0 + (c + 1) * dx, 47.5 + (r + 1) * dy)
        for c, r in zip(col, row, strict=True)
    ]
    ags = [f"{90000 + k + 1:05d}" for k in range(n)]
    urbanity = rng.standard_normal(n)
    city = urbanity > np.quantile(urbanity, 0.75)
    area = np.where(city, rng.uniform(50, 400, n), rng.uniform(500, 2500, n))
    specs = EMBEDDED_SPECS | FULL_SPECS  # the shipped atlas carries both families
    values: dict[str, np.ndarray] = {}
    for code, (mean, sd, loading) in specs.items():
        noise = rng.standard_normal(n)
        z = loading * urbanity + np.sqrt(max(1 - loading**2, 0.05)) * noise
        values[code] = mean + sd * z
    values["density"] = np.exp(values["density"] + 0.8 * city)
    for code in values:
        low, high = INDICATORS[code].valid_range
        values[code] = np.clip(values[code], low, high)
    population = np.round(values["density"] * area)
    values["population"] = population
    values["area_km2"] = area
    districts = gpd.GeoDataFrame(
        {
            "ags": ags,
            "name": [f"Synthetischer Kreis {k + 1:03d}" for k in range(n)],
            "kind": np.where(city, "Kreisfreie Stadt", "Landkreis"),
            "state": [f"S{k % 16 + 1:02d}" for k in range(n)],
            "nuts3": [f"DEX{k:02X}" for k in range(n)],
            "area_km2": area,
            "population": population.astype(np.int64),
        },
        geometry=geometry,
        crs="EPSG:4326",
    )
    long = pd.DataFrame(
        {
            "ags": np.repeat(ags, len(values)),
            "indicator": np.tile(list(values), n),
            "year": 2019,
            "value": np.column_stack(list(values.values())).ravel(),
        }
    )
    if missing_share > 0:
        long = long[
            (rng.random(len(long)) >= missing_share)
            | long["indicator"].isin(["population", "area_km2", "density"])
        ]
    rows = []
    for code in values:
        entry = catalogue_row(INDICATORS[code])
        entry.update(
            name_de=f"{entry['name_de']} (synthetisch)",
            name_en=f"{entry['name_en']} (synthetic)",
            source="synthetic (random numbers)",
            source_id="synthetic",
            table_code="",
            year=2019,
            licence="CC0-1.0",
            method_de="synthetisch",
            method_en="synthetic",
            method="synthetic",
        )
        rows.append(entry)
    catalogue = pd.DataFrame(rows, columns=list(CATALOGUE_COLUMNS))
    build = pd.DataFrame(
        {
            "item": ["synthetic", "seed", "districts", "kind"],
            "value": ["true", str(seed), str(n), kind],
        }
    )
    return Atlas(
        districts=districts,
        indicators=long.reset_index(drop=True),
        catalogue=catalogue,
        build=build,
        kind=kind,
    )
