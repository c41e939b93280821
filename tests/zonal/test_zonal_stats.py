"""Zonal statistics: known answers on small rasters and agreement with rasterio.mask."""

from __future__ import annotations

import itertools
import math
from unittest import mock

import geopandas as gpd
import numpy as np
import pytest
import rasterio
import rasterio.mask
import shapely
from affine import Affine
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from geodata.errors import RasterError
from geodata.grid import Grid, write_geotiff
from geodata.zonal import clear_label_cache, label_grid, zonal_stats

CRS = "EPSG:3035"
# 10 x 10 cells of 10 m, upper-left corner (1000, 2000): cell (r, c) spans
# x 1000 + 10c .. 1010 + 10c and y 1990 - 10r .. 2000 - 10r.
TRANSFORM = Affine(10.0, 0.0, 1000.0, 0.0, -10.0, 2000.0)
GRID = Grid(TRANSFORM, 10, 10, rasterio.crs.CRS.from_user_input(CRS))
VALUES = np.arange(100, dtype=np.float32).reshape(10, 10)  # value = 10 * row + col


def write(tmp_path, name, array, *, nodata=None, grid=GRID, blocksize=16):
    return write_geotiff(tmp_path / name, array, grid, nodata=nodata, blocksize=blocksize)


def zones(*rows, crs=CRS):
    return gpd.GeoDataFrame({"ags": [r[0] for r in rows]}, geometry=[r[1] for r in rows], crs=crs)


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_label_cache()
    yield
    clear_label_cache()


def test_known_answers_full_partial_and_no_overlap(tmp_path):
    raster = write(tmp_path, "v.tif", VALUES)
    z = zones(
        ("full", box(1000, 1950, 1050, 2000)),  # rows 0-4, cols 0-4
        ("partial", box(1080, 1850, 1150, 1920)),  # rows 8-9, cols 8-9 inside
        ("outside", box(5000, 5000, 5100, 5100)),
    )
    table = zonal_stats(raster, z)
    assert list(table.index) == ["full", "partial", "outside"]
    assert table.index.name == "ags"
    assert list(table.columns) == ["mean", "sum", "min", "max", "count"]
    full = table.loc["full"]
    assert (full["mean"], full["sum"], full["min"], full["max"], full["count"]) == (
        22.0,
        550.0,
        0.0,
        44.0,
        25,
    )
    partial = table.loc["partial"]
    assert partial["count"] == 4
    assert partial["mean"] == pytest.approx((88 + 89 + 98 + 99) / 4)
    assert (partial["min"], partial["max"]) == (88.0, 99.0)
    outside = table.loc["outside"]
    assert outside["count"] == 0
    assert np.isnan(outside[["mean", "sum", "min", "max"]].to_numpy(float)).all()


def test_nodata_value_and_all_nodata_zone(tmp_path):
    values = VALUES.copy()
    values[0, 0] = -1.0  # inside "a": excluded
    values[5:, :] = -1.0  # every cell of "b"
    raster = write(tmp_path, "v.tif", values, nodata=-1.0)
    z = zones(("a", box(1000, 1980, 1020, 2000)), ("b", box(1000, 1900, 1100, 1950)))
    table = zonal_stats(raster, z)
    # cells (0,1), (1,0), (1,1) = 1, 10, 11
    assert table.loc["a", "count"] == 3
    assert table.loc["a", "min"] == 1.0
    assert table.loc["a", "sum"] == 22.0
    assert table.loc["b", "count"] == 0
    assert math.isnan(table.loc["b", "mean"])
    assert math.isnan(table.loc["b", "max"])


def test_nan_cells_are_ignored_with_and_without_nodata_tag(tmp_path):
    values = VALUES.copy()
    values[0, :5] = np.nan
    for nodata in (None, float("nan")):
        raster = write(tmp_path, f"v{nodata}.tif", values, nodata=nodata)
        table = zonal_stats(raster, zones(("z", box(1000, 1980, 1050, 2000))))
        # only row 1, cols 0-4: 10..14
        assert table.loc["z", "count"] == 5
        assert table.loc["z", "mean"] == 12.0
        assert (table.loc["z", "min"], table.loc["z", "max"]) == (10.0, 14.0)


def test_all_touched_adds_cells_touched_but_not_centred(tmp_path):
    raster = write(tmp_path, "v.tif", VALUES)
    # a tiny square inside cell (1, 1) that does not contain its centre (1015, 1985)
    tiny = zones(("t", box(1011, 1981, 1014, 1984)))
    assert zonal_stats(raster, tiny).loc["t", "count"] == 0
    touched = zonal_stats(raster, tiny, all_touched=True).loc["t"]
    assert (touched["count"], touched["mean"]) == (1, 11.0)
    # a square crossing cell edges: centre rule gives 1 cell, all_touched 9
    square = zones(("s", box(1017, 1967, 1033, 1983)))
    assert zonal_stats(raster, square).loc["s", "count"] == 1
    assert zonal_stats(raster, square, all_touched=True).loc["s", "count"] == 9
    assert zonal_stats(raster, square, all_touched=True).loc["s", "mean"] == 22.0


def test_weighted_mean_known_answer(tmp_path):
    raster = write(tmp_path, "v.tif", VALUES)
    cols = np.tile(np.arange(10, dtype=np.float32), (10, 1))  # weight = column index
    weights = write(tmp_path, "w.tif", cols)
    z = zones(("full", box(1000, 1950, 1050, 2000)))
    table = zonal_stats(raster, z, stats=["mean"], weights=weights)
    # sum((10r + c) c) / sum(c) over r, c < 5 = 20 + 30 / 10
    assert table.loc["full", "weighted_mean"] == pytest.approx(23.0)
    assert table.loc["full", "mean"] == 22.0
    assert list(table.columns) == ["mean", "weighted_mean"]


def test_weighted_mean_skips_cells_without_weight_and_zero_weight_is_nan(tmp_path):
    raster = write(tmp_path, "v.tif", VALUES)
    w = np.zeros((10, 10), dtype=np.float32)
    w[0, 0], w[0, 1], w[0, 2] = 1.0, 3.0, np.nan  # values 0, 1 and (ignored) 2
    weights = write(tmp_path, "w.tif", w)
    z = zones(("a", box(1000, 1990, 1030, 2000)), ("b", box(1000, 1900, 1100, 1910)))
    table = zonal_stats(raster, z, stats=["count"], weights=weights)
    assert table.loc["a", "weighted_mean"] == pytest.approx(0.75)
    assert math.isnan(table.loc["b", "weighted_mean"])


def test_weights_on_another_grid_are_refused(tmp_path):
    raster = write(tmp_path, "v.tif", VALUES)
    other = Grid(Affine(10.0, 0.0, 1010.0, 0.0, -10.0, 2000.0), 10, 10, GRID.crs)
    weights = write(tmp_path, "w.tif", VALUES, grid=other)
    with pytest.raises(RasterError, match=r"w\.tif: weights raster is not on the grid"):
        zonal_stats(raster, zones(("a", box(1000, 1950, 1050, 2000))), weights=weights)


def test_zones_in_geographic_crs_match_projected_zones(tmp_path):
    # 10 x 10 cells of 1 km in central Germany
    grid = Grid(Affine(1000.0, 0.0, 4_321_000.0, 0.0, -1000.0, 3_210_000.0), 10, 10, GRID.crs)
    rng = np.random.default_rng(7)
    raster = write(tmp_path, "v.tif", rng.normal(size=(10, 10)).astype(np.float32), grid=grid)
    projected = zones(
        ("west", box(4_321_300, 3_200_300, 4_325_700, 3_209_700)),
        ("east", box(4_325_700, 3_200_300, 4_333_300, 3_209_700)),
    )
    geographic = projected.to_crs("EPSG:4326")
    a = zonal_stats(raster, projected)
    b = zonal_stats(raster, geographic)
    assert a.loc["west", "count"] == 10 * 5  # columns 0-4 (centres 500..4500 m), rows 0-9
    assert a.loc["east", "count"] == 10 * 5
    np.testing.assert_allclose(b.to_numpy(float), a.to_numpy(float))


def test_label_grid_is_cached_and_reusable(tmp_path):
    raster = write(tmp_path, "v.tif", VALUES)
    z = zones(("a", box(1000, 1950, 1050, 2000)))
    lg = label_grid(z, like=raster)
    assert label_grid(z.copy(), like=raster) is lg
    assert label_grid(z, like=raster, all_touched=True) is not lg
    assert lg.cell_counts().loc["a"] == 25
    assert zonal_stats(raster, lg).loc["a", "sum"] == 550.0
    moved = z.copy()
    moved["geometry"] = [box(1000, 1960, 1050, 2000)]
    assert label_grid(moved, like=raster) is not lg


def test_bad_inputs_name_the_problem(tmp_path):
    raster = write(tmp_path, "v.tif", VALUES)
    dup = zones(("a", box(1000, 1950, 1050, 2000)), ("a", box(1050, 1950, 1100, 2000)))
    with pytest.raises(RasterError, match="not unique; repeated: a"):
        zonal_stats(raster, dup)
    with pytest.raises(RasterError, match="no column 'ags'"):
        zonal_stats(raster, dup.rename(columns={"ags": "key"}))
    no_crs = zones(("a", box(1000, 1950, 1050, 2000)), crs=None)
    with pytest.raises(RasterError, match="no coordinate reference system"):
        zonal_stats(raster, no_crs)
    with pytest.raises(ValueError, match="unknown statistic 'median'"):
        zonal_stats(raster, zones(("a", box(1000, 1950, 1050, 2000))), stats=["median"])
    with pytest.raises(RasterError, match=r"missing\.tif: cannot be opened"):
        zonal_stats(tmp_path / "missing.tif", zones(("a", box(1000, 1950, 1050, 2000))))


def _voronoi_zones(rng, bounds, n):
    left, bottom, right, top = bounds
    pts = shapely.multipoints(rng.uniform((left, bottom), (right, top), size=(n, 2)))
    # extend beyond the raster so some zones are partly outside
    frame = box(left - 300, bottom - 300, right + 300, top + 300)
    cells = shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=frame))
    cells = shapely.intersection(cells, frame)
    return gpd.GeoDataFrame(
        {"ags": [f"{i:05d}" for i in range(len(cells))]}, geometry=cells, crs=CRS
    )


def _mask_stats(raster, geom, all_touched):
    with rasterio.open(raster) as src:
        try:
            data, _ = rasterio.mask.mask(
                src, [geom], crop=True, all_touched=all_touched, filled=False
            )
        except ValueError:  # no overlap
            return 0, np.nan, np.nan, np.nan, np.nan
    vals = data.compressed().astype(np.float64)
    vals = vals[~np.isnan(vals)]
    if vals.size == 0:
        return 0, np.nan, np.nan, np.nan, np.nan
    return vals.size, vals.sum(), vals.min(), vals.max(), vals.mean()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_equals_per_zone_rasterio_mask_on_random_data(tmp_path, seed):
    rng = np.random.default_rng(seed)
    height, width = 70, 90
    grid = Grid(Affine(30.0, 0.0, 500_000.0, 0.0, -30.0, 800_000.0), height, width, GRID.crs)
    values = rng.gamma(2.0, 10.0, size=(height, width)).astype(np.float32)
    values[rng.random(values.shape) < 0.1] = -9999.0
    values[rng.random(values.shape) < 0.05] = np.nan
    raster = write(tmp_path, "r.tif", values, nodata=-9999.0, grid=grid, blocksize=32)
    z = _voronoi_zones(rng, grid.bounds, 25)
    table = zonal_stats(raster, z)
    for row in z.itertuples():
        count, total, lo, hi, mean = _mask_stats(raster, row.geometry, False)
        got = table.loc[row.ags]
        assert got["count"] == count, row.ags
        np.testing.assert_allclose(
            got[["sum", "min", "max", "mean"]].to_numpy(float),
            [total, lo, hi, mean],
            rtol=1e-9,
        )


def test_all_touched_equals_rasterio_mask_on_separate_zones(tmp_path):
    rng = np.random.default_rng(11)
    grid = Grid(Affine(10.0, 0.0, 0.0, 0.0, -10.0, 600.0), 60, 60, GRID.crs)
    values = rng.normal(size=grid.shape).astype(np.float32)
    raster = write(tmp_path, "r.tif", values, grid=grid)
    # disjoint discs, far enough apart that no cell is touched by two
    centres = [(x, y) for x in (73.3, 231.7, 402.9, 551.0) for y in (81.2, 288.8, 497.1)]
    discs = [shapely.Point(x, y).buffer(rng.uniform(15, 45)) for x, y in centres]
    z = gpd.GeoDataFrame({"ags": [str(i) for i in range(len(discs))]}, geometry=discs, crs=CRS)
    table = zonal_stats(raster, z, all_touched=True)
    for row in z.itertuples():
        count, total, lo, hi, mean = _mask_stats(raster, row.geometry, True)
        assert table.loc[row.ags, "count"] == count
        np.testing.assert_allclose(
            table.loc[row.ags, ["sum", "min", "max", "mean"]].to_numpy(float),
            [total, lo, hi, mean],
            rtol=1e-9,
        )


def test_integer_raster_over_several_strips(tmp_path, monkeypatch):
    import geodata.zonal as zonal

    monkeypatch.setattr(zonal, "STRIP_ROWS", 4)  # -> one 16-row block per strip
    grid = Grid(Affine(10.0, 0.0, 0.0, 0.0, -10.0, 400.0), 40, 10, GRID.crs)
    values = (np.arange(400, dtype=np.int16).reshape(40, 10) - 50) * 3
    raster = write(tmp_path, "i.tif", values, nodata=-150, grid=grid, blocksize=16)
    # rows 3..36 (y 30..370), cols 2..7 (x 20..80): crosses both strip boundaries
    z = zones(("z", box(20, 30, 80, 370)), ("top", box(0, 390, 100, 400)))
    table = zonal_stats(raster, z)
    part = values[3:37, 2:8].astype(float)
    got = table.loc["z"]
    assert got["count"] == part.size
    assert (got["min"], got["max"], got["sum"]) == (part.min(), part.max(), part.sum())
    top = values[0].astype(float)
    top = top[top != -150]  # the nodata cell (value -150 at col 0) drops out
    assert table.loc["top", "count"] == 9
    assert table.loc["top", "min"] == top.min()


def test_label_grid_of_another_grid_is_refused(tmp_path):
    raster = write(tmp_path, "v.tif", VALUES)
    other = Grid(Affine(10.0, 0.0, 1010.0, 0.0, -10.0, 2000.0), 10, 10, GRID.crs)
    lg = label_grid(zones(("a", box(1000, 1950, 1050, 2000))), like=other)
    with pytest.raises(RasterError, match="label grid was made for another raster grid"):
        zonal_stats(raster, lg)


def test_no_zones_give_an_empty_table(tmp_path):
    raster = write(tmp_path, "v.tif", VALUES)
    empty = gpd.GeoDataFrame({"ags": []}, geometry=[], crs=CRS)
    table = zonal_stats(raster, empty)
    assert table.empty and list(table.columns) == ["mean", "sum", "min", "max", "count"]


# cut positions never through a cell centre (k + 0.5), where the assignment is a tie
OFF_CENTRE = st.floats(0.3, 47.7).filter(lambda v: abs(v % 1 - 0.5) > 1e-3)


@settings(max_examples=25, deadline=None)
@given(
    xcuts=st.lists(OFF_CENTRE.filter(lambda v: v < 47.7), min_size=1, max_size=4, unique=True),
    ycuts=st.lists(OFF_CENTRE.filter(lambda v: v < 39.7), min_size=1, max_size=4, unique=True),
    seed=st.integers(0, 2**16),
    nan_share=st.sampled_from([0.0, 0.2, 1.0]),
)
def test_rectangle_partition_matches_numpy(tmp_path_factory, xcuts, ycuts, seed, nan_share):
    """Rectangles from random cuts (cell units); a cell belongs where its centre lies."""
    tmp_path = tmp_path_factory.mktemp("hyp")
    height, width = 40, 48
    grid = Grid(Affine(1.0, 0.0, 0.0, 0.0, -1.0, float(height)), height, width, GRID.crs)
    rng = np.random.default_rng(seed)
    values = rng.integers(-1000, 1000, size=grid.shape).astype(np.float32) / 8
    values[rng.random(grid.shape) < nan_share] = np.nan
    raster = write(tmp_path, "r.tif", values, grid=grid, blocksize=16)
    xs = [0.0, *sorted(xcuts), float(width)]
    ys = [0.0, *sorted(ycuts), float(height)]
    boxes = [
        (f"{i}-{j}", box(x0, y0, x1, y1))
        for i, (x0, x1) in enumerate(itertools.pairwise(xs))
        for j, (y0, y1) in enumerate(itertools.pairwise(ys))
    ]
    with mock.patch("geodata.zonal.STRIP_ROWS", 16):  # 3 strips of 16 rows
        table = zonal_stats(raster, zones(*boxes))
    cx = np.arange(width) + 0.5
    cy = height - (np.arange(height) + 0.5)
    for key, geom in boxes:
        x0, y0, x1, y1 = geom.bounds
        inside = ((cy > y0) & (cy < y1))[:, None] & ((cx > x0) & (cx < x1))[None, :]
        cells = values[inside]
        cells = cells[~np.isnan(cells)].astype(np.float64)
        got = table.loc[key]
        assert got["count"] == cells.size
        if cells.size:
            expected = [cells.sum(), cells.min(), cells.max(), cells.mean()]
            np.testing.assert_allclose(got[["sum", "min", "max", "mean"]].to_numpy(float), expected)
        else:
            assert np.isnan(got[["sum", "min", "max", "mean"]].to_numpy(float)).all()


def test_equals_rasterstats_on_random_data(tmp_path):
    rasterstats = pytest.importorskip("rasterstats")
    rng = np.random.default_rng(99)
    grid = Grid(Affine(25.0, 0.0, 600_000.0, 0.0, -25.0, 900_000.0), 64, 80, GRID.crs)
    values = rng.normal(100, 30, size=grid.shape).astype(np.float32)
    values[rng.random(grid.shape) < 0.1] = -1.0
    raster = write(tmp_path, "r.tif", values, nodata=-1.0, grid=grid, blocksize=32)
    z = _voronoi_zones(rng, grid.bounds, 15)
    ours = zonal_stats(raster, z)
    theirs = rasterstats.zonal_stats(
        list(z.geometry), str(raster), stats=["mean", "sum", "min", "max", "count"]
    )
    for key, expected in zip(z["ags"], theirs, strict=True):
        assert ours.loc[key, "count"] == expected["count"]
        for stat in ("mean", "sum", "min", "max"):
            if expected[stat] is None:
                assert np.isnan(ours.loc[key, stat])
            else:
                assert ours.loc[key, stat] == pytest.approx(expected[stat], rel=1e-6)
