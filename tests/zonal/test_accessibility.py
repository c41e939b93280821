"""Distance surfaces and station indicators on hand-computable toy setups."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
from shapely.geometry import Point, box

from geodata.accessibility import (
    Facility,
    distance_surface,
    facility_sets,
    population_grid,
    station_indicators,
)
from geodata.atlas.model import CATALOGUE_COLUMNS, INDICATOR_COLUMNS
from geodata.errors import RasterError
from geodata.grid import grid_over

CRS = "EPSG:3035"
X0, Y0 = 4_300_000.0, 3_000_000.0  # a corner in Germany (LAEA metres)


def centres(transform, shape):
    rows, cols = np.indices(shape)
    xs = transform.c + transform.a * (cols + 0.5)
    ys = transform.f + transform.e * (rows + 0.5)
    return xs, ys


def test_single_facility_distance_is_euclidean_within_half_a_cell(tmp_path):
    facility = gpd.GeoSeries([Point(X0 + 3_333.0, Y0 + 7_777.0)], crs=CRS)
    out = tmp_path / "d.tif"
    dist, transform, crs = distance_surface(
        facility, extent=(X0, Y0, X0 + 20_000, Y0 + 15_000), resolution=500.0, out_path=out
    )
    assert dist.shape == (30, 40)
    assert dist.dtype == np.float32
    assert crs.to_epsg() == 3035
    assert (transform.c, transform.f, transform.a) == (X0, Y0 + 15_000, 500.0)
    xs, ys = centres(transform, dist.shape)
    expected = np.hypot(xs - (X0 + 3_333.0), ys - (Y0 + 7_777.0))
    assert np.abs(dist - expected).max() <= 250.0
    assert np.abs(dist - expected).max() < 0.01  # in fact exact up to float32 rounding
    with rasterio.open(out) as src:
        assert src.crs.to_epsg() == 3035
        assert src.profile["tiled"] and src.profile["compress"] == "deflate"
        assert src.dtypes[0] == "float32"
        np.testing.assert_array_equal(src.read(1), dist)


def test_two_facilities_nearest_wins_and_points_are_reprojected():
    a, b = Point(X0 + 1_000, Y0 + 1_000), Point(X0 + 9_000, Y0 + 4_000)
    facilities = gpd.GeoSeries([a, b], crs=CRS).to_crs("EPSG:4326")
    dist, transform, _ = distance_surface(
        facilities, extent=(X0, Y0, X0 + 10_000, Y0 + 5_000), resolution=250.0
    )
    xs, ys = centres(transform, dist.shape)
    da = np.hypot(xs - a.x, ys - a.y)
    db = np.hypot(xs - b.x, ys - b.y)
    np.testing.assert_allclose(dist, np.minimum(da, db), atol=0.01)
    # the cell next to b is measured to b, not a
    row, col = 3, 35  # centre (X0 + 8875, Y0 + 4125)
    assert dist[row, col] == pytest.approx(np.hypot(125, 125), abs=0.01)


def test_outline_extent_masks_cells_outside():
    outline = box(X0, Y0, X0 + 2_000, Y0 + 2_000).union(box(X0, Y0, X0 + 4_000, Y0 + 1_000))
    dist, _, _ = distance_surface(
        np.array([[X0, Y0]]), extent=gpd.GeoSeries([outline], crs=CRS), resolution=1_000.0
    )
    assert dist.shape == (2, 4)
    assert np.isnan(dist[0, 2:]).all()
    assert np.isfinite(dist[1]).all() and np.isfinite(dist[0, :2]).all()
    assert dist[1, 3] == pytest.approx(np.hypot(3_500, 500))


def test_distance_surface_refuses_bad_input():
    with pytest.raises(RasterError, match="no facility points"):
        distance_surface(np.empty((0, 2)), extent=(X0, Y0, X0 + 1000, Y0 + 1000))
    with pytest.raises(RasterError, match="projected CRS"):
        distance_surface(np.array([[10.0, 50.0]]), extent=(9.0, 49.0, 11.0, 51.0), crs="EPSG:4326")


# --------------------------------------------------------------------------- toy districts
# Two 10 km x 10 km districts side by side; grid 1 km so each district has 100 cells.
WEST = box(X0, Y0, X0 + 10_000, Y0 + 10_000)
EAST = box(X0 + 10_000, Y0, X0 + 20_000, Y0 + 10_000)


@pytest.fixture
def districts():
    return gpd.GeoDataFrame({"ags": ["01001", "01002"]}, geometry=[WEST, EAST], crs=CRS).to_crs(
        "EPSG:4326"
    )


def hafas(points, flags):
    """Stops with product flags: ``flags`` is a list of sets of product names."""
    products = [
        "national_express",
        "national",
        "regional_express",
        "regional",
        "suburban",
        "subway",
        "tram",
        "bus",
        "ferry",
    ]
    data = {p: [p in f for f in flags] for p in products}
    return gpd.GeoDataFrame(
        {"id": [str(i) for i in range(len(points))], **data}, geometry=points, crs=CRS
    ).to_crs("EPSG:4326")


def test_station_indicators_toy(districts, tmp_path):
    stops = hafas(
        [
            Point(X0 + 5_000, Y0 + 5_000),  # west centre: ICE + regional
            Point(X0 + 15_400, Y0 + 5_500),  # east: bus stop 100 m west of a cell centre
            Point(X0 - 50_000, Y0 + 5_000),  # abroad: must be ignored
        ],
        [{"national_express", "regional"}, {"bus"}, {"national", "regional"}],
    )
    table, catalogue = station_indicators(
        districts, hafas_stops=stops, resolution=1_000.0, workdir=tmp_path
    )
    assert tuple(table.columns) == INDICATOR_COLUMNS
    assert tuple(catalogue.columns) == CATALOGUE_COLUMNS
    wide = table.pivot(index="ags", columns="indicator", values="value")
    assert set(wide.columns) == {
        "access_ld_station_km",
        "access_rail_station_km",
        "access_stop_km",
        "access_rail_share_2km",
        "access_stop_share_1km",
    }
    # Cell centres of the west district lie at X0 + 500 + 1000 i; the station at the
    # shared corner of four cells. Mean distance over the 100 cells, in km:
    xs = np.arange(10) * 1_000 + 500.0
    dx, dy = np.meshgrid(xs - 5_000, xs - 5_000)
    west_mean = np.hypot(dx, dy).mean() / 1000
    assert wide.loc["01001", "access_ld_station_km"] == pytest.approx(west_mean, rel=1e-5)
    assert wide.loc["01001", "access_rail_station_km"] == pytest.approx(west_mean, rel=1e-5)
    # East: the only rail station is the west one (the foreign one is clipped away).
    east_dx, east_dy = np.meshgrid(xs + 10_000 - 5_000, xs - 5_000)
    east_mean = np.hypot(east_dx, east_dy).mean() / 1000
    assert wide.loc["01002", "access_rail_station_km"] == pytest.approx(east_mean, rel=1e-5)
    # Share within 2 km of the west station: centres with distance <= 2000 m:
    # offsets (+-500, +-500), (+-500, +-1500), (+-1500, +-500), (+-1500, +-1500 -> 2121 no)
    assert wide.loc["01001", "access_rail_share_2km"] == pytest.approx(12.0)
    # 4 cells of the east district are within 2 km too: offsets (5500, ...) -> none
    assert wide.loc["01002", "access_rail_share_2km"] == 0.0
    # Within 1 km of any stop: west 4 cells (the station); east: the bus stop's own cell
    # (100 m) and its western neighbour (900 m); the eastern one is 1100 m away, those
    # above and below 1005 m.
    assert wide.loc["01001", "access_stop_share_1km"] == pytest.approx(4.0)
    assert wide.loc["01002", "access_stop_share_1km"] == pytest.approx(2.0)
    assert (table["year"] == 2024).all()
    row = catalogue.set_index("code").loc["access_stop_km"]
    assert row["unit"] == "km" and row["unit_de"] == "km Luftlinie"
    assert (
        catalogue.set_index("code").loc["access_stop_share_1km", "unit_en"] == "% of district area"
    )
    assert "domain_hint" not in catalogue.columns  # domains live in the framework only
    assert "db-hafas-stations 2.0.0" in row["source"]
    assert "1000 m grid in EPSG:3035" in row["method"]
    assert not catalogue["is_proxy"].any()
    assert (tmp_path / "access_stop_m.tif").exists()


def test_db_stations_only_gives_proxy_long_distance_and_rail(districts):
    stations = gpd.GeoDataFrame(
        {"id": ["1", "2"], "category": [2, 6]},
        geometry=[Point(X0 + 5_000, Y0 + 5_000), Point(X0 + 15_000, Y0 + 5_000)],
        crs=CRS,
    ).to_crs("EPSG:4326")
    table, catalogue = station_indicators(districts, db_stations=stations, resolution=1_000.0)
    assert set(table["indicator"]) == {
        "access_ld_station_km",
        "access_rail_station_km",
        "access_rail_share_2km",
    }
    cat = catalogue.set_index("code")
    assert cat.loc["access_ld_station_km", "is_proxy"]
    assert "ICE" in cat.loc["access_ld_station_km", "proxy_for"]
    assert not cat.loc["access_rail_station_km", "is_proxy"]
    wide = table.pivot(index="ags", columns="indicator", values="value")
    # each district has a rail station at its centre -> identical rail values
    assert wide.loc["01001", "access_rail_station_km"] == pytest.approx(
        wide.loc["01002", "access_rail_station_km"]
    )
    # only the category-2 station is long-distance
    assert wide.loc["01002", "access_ld_station_km"] > wide.loc["01001", "access_ld_station_km"]
    assert (table["year"] == 2022).all()


def test_population_weighted_variants(districts):
    # all people of the west district live in its 4 central cells (one municipality of
    # 2 km x 2 km around the station); the east district's people live in its far corner.
    towns = gpd.GeoDataFrame(
        {"population": [4_000.0, 1_000.0]},
        geometry=[
            box(X0 + 4_000, Y0 + 4_000, X0 + 6_000, Y0 + 6_000),
            box(X0 + 19_000, Y0 + 9_000, X0 + 20_000, Y0 + 10_000),
        ],
        crs=CRS,
    )
    stops = hafas([Point(X0 + 5_000, Y0 + 5_000)], [{"regional"}])
    table, catalogue = station_indicators(
        districts, hafas_stops=stops, population=towns, resolution=1_000.0
    )
    wide = table.pivot(index="ags", columns="indicator", values="value")
    assert wide.loc["01001", "access_rail_station_km_pop"] == pytest.approx(np.hypot(0.5, 0.5))
    assert wide.loc["01001", "access_rail_share_2km_pop"] == pytest.approx(100.0)
    far = np.hypot(14_500, 4_500) / 1000
    assert wide.loc["01002", "access_rail_station_km_pop"] == pytest.approx(far, rel=1e-6)
    assert wide.loc["01002", "access_rail_share_2km_pop"] == 0.0
    assert wide.loc["01001", "access_rail_share_2km"] == pytest.approx(12.0)
    cat = catalogue.set_index("code")
    assert cat.loc["access_rail_share_2km_pop", "unit"] == "%"
    assert "population" in cat.loc["access_stop_km_pop", "name_en"].lower()


def test_population_grid_conserves_people_of_tiny_and_large_polygons():
    grid = grid_over((X0, Y0, X0 + 4_000, Y0 + 4_000), resolution=1_000.0, crs=CRS)
    towns = gpd.GeoDataFrame(
        {"population": [800.0, 30.0]},
        geometry=[
            box(X0, Y0, X0 + 2_000, Y0 + 4_000),  # 8 cells -> 100 each
            box(X0 + 3_100, Y0 + 100, X0 + 3_200, Y0 + 200),  # no cell centre inside
        ],
        crs=CRS,
    )
    pop = population_grid(towns, grid)
    assert pop.sum() == pytest.approx(830.0)
    assert (pop[:, :2] == 100.0).all()
    assert pop[3, 3] == pytest.approx(30.0)  # bottom-right cell holds the tiny town
    with pytest.raises(RasterError, match="no column 'population'"):
        population_grid(towns.rename(columns={"population": "ewz"}), grid)


def test_population_raster_on_another_grid_keeps_totals(tmp_path):
    from geodata.grid import write_geotiff

    fine = grid_over((X0, Y0, X0 + 4_000, Y0 + 4_000), resolution=500.0, crs=CRS)
    coarse = grid_over((X0, Y0, X0 + 4_000, Y0 + 4_000), resolution=1_000.0, crs=CRS)
    people = np.arange(64, dtype=np.float32).reshape(8, 8)
    path = write_geotiff(tmp_path / "pop.tif", people, fine)
    pop = population_grid(path, coarse)
    assert pop.sum() == pytest.approx(people.sum())
    assert pop[0, 0] == pytest.approx(0 + 1 + 8 + 9)


def test_facility_sets_need_station_columns():
    with pytest.raises(RasterError, match="hafas_stops lacks column"):
        facility_sets(hafas_stops=gpd.GeoDataFrame({"bus": [True]}, geometry=[Point(0, 0)]))
    assert facility_sets() == {}
    sets = facility_sets(
        hafas_stops=hafas([Point(X0, Y0), Point(X0 + 1, Y0)], [{"bus"}, {"suburban"}])
    )
    assert len(sets[Facility.RAIL].points) == 1
    assert len(sets[Facility.LONG_DISTANCE].points) == 0
    assert len(sets[Facility.STOP].points) == 2
    assert isinstance(sets[Facility.STOP].points, pd.Series)


def test_station_indicators_refuse_missing_inputs(districts):
    with pytest.raises(RasterError, match="needs db_stations or hafas_stops"):
        station_indicators(districts)
    abroad = hafas([Point(X0 - 50_000, Y0)], [{"bus"}])
    with pytest.raises(RasterError, match="no station or stop lies inside"):
        station_indicators(districts, hafas_stops=abroad, resolution=1_000.0)
    with pytest.raises(RasterError, match="no 'ags' column"):
        station_indicators(districts.rename(columns={"ags": "key"}), hafas_stops=abroad)
