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

from geodata.atlas.model import CATALOGUE_COLUMNS, Atlas

__all__ = ["EMBEDDED_SPECS", "FULL_SPECS", "synthetic_atlas"]

# code: (unit, domain_hint, direction_hint, mean, sd, loading on "urbanity" factor)
EMBEDDED_SPECS: dict[str, tuple[str, str, int, float, float, float]] = {
    "density": ("inh/km²", "access", 0, 5.5, 1.0, 1.0),  # log scale, exponentiated below
    "pop_change_5y": ("%", "housing", -1, 1.5, 2.5, 0.5),
    "net_migration": ("per 10,000", "integration", 1, 50.0, 40.0, 0.3),
    "natural_balance": ("per 10,000", "services", 0, -30.0, 20.0, 0.4),
    "foreigners_share": ("%", "integration", 1, 11.0, 5.0, 0.7),
    "income_pc": ("EUR", "prosperity", 1, 23_000.0, 2_500.0, 0.2),
    "employees_per_1000": ("per 1,000", "labour", 1, 380.0, 70.0, 0.5),
    "employment_growth_5y": ("%", "labour", 1, 7.0, 3.0, 0.3),
    "compensation_per_employee": ("EUR", "labour", 1, 38_000.0, 5_000.0, 0.6),
    "school_no_qualification": ("%", "services", -1, 6.5, 2.0, 0.1),
    "school_abitur": ("%", "services", 1, 33.0, 7.0, 0.5),
    "crime_rate": ("per 100,000", "social", -1, 5_500.0, 1_800.0, 0.7),
    "cars_per_1000": ("per 1,000", "access", 0, 580.0, 60.0, -0.6),
    "turnout_ew2019": ("%", "social", 1, 61.0, 4.0, 0.1),
    "household_size": ("persons", "housing", 0, 2.1, 0.15, -0.6),
    "access_ld_station_km": ("km", "access", -1, 18.0, 9.0, -0.7),
    "access_rail_station_km": ("km", "access", -1, 5.0, 3.0, -0.6),
    "access_stop_km": ("km", "access", -1, 0.6, 0.3, -0.6),
    "access_rail_share_2km": ("%", "access", 1, 35.0, 20.0, 0.7),
    "access_stop_share_1km": ("%", "access", 1, 70.0, 15.0, 0.6),
}
FULL_SPECS: dict[str, tuple[str, str, int, float, float, float]] = {
    "alq": ("%", "labour", -1, 5.0, 2.0, 0.4),
    "wohn_leer": ("%", "housing", 1, 4.5, 2.5, -0.5),
    "preis_miet": ("EUR/m²", "housing", -1, 8.0, 2.0, 0.7),
    "fl_landw": ("%", "access", 0, 48.0, 15.0, -0.6),
    "fl_wald": ("%", "access", 0, 28.0, 12.0, -0.3),
    "wohn_ezfh": ("%", "housing", 0, 65.0, 15.0, -0.8),
    "v_harzt": ("per 100,000", "services", 1, 65.0, 8.0, 0.2),
    "kbetr_u3": ("%", "services", 1, 33.0, 12.0, 0.0),
    "mitgl_sportv": ("per 100", "social", 1, 29.0, 5.0, -0.2),
    "wahl_beteil": ("%", "social", 1, 76.0, 4.0, 0.1),
    "erw_bip": ("EUR per inh.", "prosperity", 1, 38_000.0, 12_000.0, 0.6),
    "p_markt": ("min", "access", -1, 4.0, 2.0, -0.7),
    "p_harzt": ("min", "access", -1, 5.0, 2.5, -0.7),
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
        ``"embedded"`` (embedded atlas codes) or ``"full"`` (adds Deutschlandatlas codes).
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
    specs = dict(EMBEDDED_SPECS)
    if kind == "full":
        specs |= FULL_SPECS
    values: dict[str, np.ndarray] = {}
    for code, (_, _, _, mean, sd, loading) in specs.items():
        noise = rng.standard_normal(n)
        z = loading * urbanity + np.sqrt(max(1 - loading**2, 0.05)) * noise
        values[code] = mean + sd * z
    values["density"] = np.exp(values["density"] + 0.8 * city)
    for code in values:
        if specs[code][0] in ("km", "%", "min", "persons", "EUR", "EUR/m²", "per 100,000"):
            values[code] = np.abs(values[code]) + 0.01
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
    catalogue = pd.DataFrame(
        [
            {
                "code": code,
                "name_de": f"{code} (synthetisch)",
                "name_en": f"{code} (synthetic)",
                "unit": spec[0] if code in specs else ("inh." if code == "population" else "km²"),
                "domain_hint": spec[1] if code in specs else "",
                "direction_hint": spec[2] if code in specs else 0,
                "source": "synthetic (random numbers)",
                "table_code": "",
                "year": 2019,
                "licence": "CC0-1.0",
                "is_proxy": False,
                "proxy_for": "",
                "method": "synthetic",
            }
            for code, spec in [(c, specs.get(c, ("", "", 0))) for c in values]
        ],
        columns=list(CATALOGUE_COLUMNS),
    )
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
