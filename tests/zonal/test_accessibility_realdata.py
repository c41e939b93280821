"""The five station indicators for the real 400 districts (db-hafas-stations 2.0.0)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import require

CODES = {
    "access_ld_station_km",
    "access_rail_station_km",
    "access_stop_km",
    "access_rail_share_2km",
    "access_stop_share_1km",
}


@pytest.fixture(scope="module")
def districts():
    from geodata.atlas.store import load_atlas

    try:
        atlas = load_atlas()
    except FileNotFoundError as error:
        require(False, f"no atlas to take the 400 districts from: {error}")
    return atlas.districts[["ags", "geometry"]]


@pytest.mark.realdata
@pytest.mark.slow
def test_station_indicators_for_every_district(raw_dir, districts, tmp_path):
    from geodata.accessibility import station_indicators
    from geodata.readers import read_hafas_stations

    stops = read_hafas_stations(raw_dir / "db-hafas-stations" / "db-hafas-stations-2.0.0.tgz")
    table, catalogue = station_indicators(districts, hafas_stops=stops, workdir=tmp_path)

    assert set(table["indicator"]) == CODES
    assert set(catalogue["code"]) == CODES
    wide = table.pivot(index="ags", columns="indicator", values="value")
    assert len(districts) == 400
    assert set(wide.index) == set(districts["ags"])
    assert wide.notna().all().all()
    distances = wide[["access_ld_station_km", "access_rail_station_km", "access_stop_km"]]
    assert (distances >= 0).all().all()
    shares = wide[["access_rail_share_2km", "access_stop_share_1km"]]
    assert ((shares >= 0) & (shares <= 100)).all().all()
    # a city state is denser in stops than the typical district
    assert wide.loc["11000", "access_stop_km"] < wide["access_stop_km"].median()
    assert wide.loc["11000", "access_stop_share_1km"] > wide["access_stop_share_1km"].median()
    # nested classes: every long-distance station is a rail station, every rail station a stop
    assert (wide["access_ld_station_km"] >= wide["access_rail_station_km"] - 1e-9).all()
    assert (wide["access_rail_station_km"] >= wide["access_stop_km"] - 1e-9).all()
    assert np.isclose(table["year"], 2024).all()
    assert (catalogue["period"] == "2024").all()
    assert catalogue["source"].str.contains("db-hafas-stations 2.0.0").all()
