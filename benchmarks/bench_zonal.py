"""Zonal statistics over Germany's 400 districts on two SYNTHETIC 100 m rasters.

The rasters (about 8,700 x 6,400 float32 cells each, EPSG:3035, tiled 512 x 512, DEFLATE)
are generated once from a fixed seed and cached in
``~/.cache/potentials-bench/zonal-<VERSION>/``; cells outside Germany are nodata. Every
figure is measured on the same files with the OS file cache warmed by a full read first.

Figures
-------
``zonal_read_floor_s``
    Reading both rasters fully into memory (the I/O + decompression floor).
``zonal_s``
    :func:`geodata.zonal.zonal_stats` end to end: mean, sum, min, max, count of raster 1
    plus the mean of raster 1 weighted by raster 2. The label raster is built once before
    timing (it is cached per grid and zones, as in the atlas build); its one-off cost is
    reported on stderr.
``zonal_rasterstats_s``
    ``rasterstats.zonal_stats`` with mean, sum, min, max, count on raster 1 (no weighted
    mean - rasterstats has none) over all the same districts, nodata -9999.
``zonal_speedup_vs_rasterstats``
    rasterstats time / our time for the same work: the same five statistics on raster 1
    over all districts, weights off (label raster cached, as in ``zonal_s``).
``zonal_exactextract_s``, ``zonal_speedup_vs_exactextract``
    ``exactextract.exact_extract`` (the C++ library's Python binding) with the same five
    statistics on raster 1 over all the same districts, and its time / our time for the
    same work as above. exactextract weighs cells by the share of each cell a polygon
    covers, a finer answer than cell centres: the ratio is of speed, not of results.
``zonal_read_share``
    ``zonal_read_floor_s / zonal_s``.
``distance_surface_s``
    The 250 m distance surface over Germany to every public-transport stop (db-hafas-
    stations, clipped to Germany) - or, without the raw data, to 280,000 synthetic points.
"""

from __future__ import annotations

import os
import sys
import warnings
from functools import cache
from pathlib import Path

import numpy as np
import rasterio
from rasterio.windows import Window

from benchmarks._registry import stopwatch, suite
from geodata.grid import Grid, grid_over
from geodata.zonal import label_grid, zonal_stats

VERSION = "v1"
RESOLUTION = 100.0
RAW = Path(
    os.environ.get("POTENTIALS_RAW_DIR", Path(__file__).resolve().parents[2] / "shared" / "raw")
)
STATS = ("mean", "sum", "min", "max", "count")


def _note(text: str) -> None:
    print(f"[bench_zonal] {text}", file=sys.stderr, flush=True)


@cache
def districts():
    """The 400 districts (embedded atlas), else VG250 2019 (401) from the raw folder."""
    try:
        from geodata.atlas.store import load_atlas

        frame = load_atlas().districts[["ags", "geometry"]]
        _note(f"districts: {len(frame)} from geodata.atlas.load_atlas()")
    except Exception as error:  # atlas not built yet on this machine
        from geodata.readers import read_vg250

        frame = read_vg250(RAW / "bkg-vg250-2019-krs" / "VG250_KRS.shp")[["ags", "geometry"]]
        _note(f"districts: {len(frame)} from read_vg250 VG250_KRS.shp ({error})")
    return frame.to_crs("EPSG:3035").reset_index(drop=True)


def _cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    folder = base / "potentials-bench" / f"zonal-{VERSION}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _synthetic_rows(
    grid: Grid, rows: slice, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Two smooth-ish synthetic fields with noise: 'elevation' and 'population' weights."""
    x = (grid.cell_centres_x() - grid.bounds[0]) / 1000.0  # km
    y = (grid.bounds[3] - grid.cell_centres_y(rows.start, rows.stop)) / 1000.0
    xx, yy = np.meshgrid(x, y)
    elevation = (
        300 + 250 * np.sin(xx / 37.0) * np.cos(yy / 53.0) + 0.4 * yy + rng.normal(0, 5, xx.shape)
    )
    people = np.exp(2.0 * np.sin(xx / 11.0) * np.sin(yy / 7.0) + rng.normal(0, 0.5, xx.shape))
    people[people < 1.5] = 0.0
    return np.round(elevation, 1).astype(np.float32), np.round(people, 2).astype(np.float32)


@cache
def rasters() -> tuple[Path, Path]:
    """Create (once) and return the two synthetic rasters."""
    folder = _cache_dir()
    paths = (folder / "synthetic_value.tif", folder / "synthetic_weight.tif")
    if all(p.exists() for p in paths):
        return paths
    zones = districts()
    grid = grid_over(tuple(zones.total_bounds), resolution=RESOLUTION, crs="EPSG:3035")
    inside = label_grid(zones, like=grid).labels > 0
    _note(f"creating synthetic rasters {grid.height} x {grid.width} in {folder}")
    profile = {
        "driver": "GTiff",
        "height": grid.height,
        "width": grid.width,
        "count": 1,
        "dtype": "float32",
        "crs": grid.crs,
        "transform": grid.transform,
        "nodata": -9999.0,
        "tiled": True,
        "blockxsize": 512,
        "blockysize": 512,
        "compress": "deflate",
        "predictor": 3,
        "num_threads": "all_cpus",
    }
    rng = np.random.default_rng(20161)
    tmp = [p.with_suffix(".tmp.tif") for p in paths]
    with rasterio.open(tmp[0], "w", **profile) as v, rasterio.open(tmp[1], "w", **profile) as w:
        for top in range(0, grid.height, 512):
            rows = slice(top, min(top + 512, grid.height))
            value, weight = _synthetic_rows(grid, rows, rng)
            outside = ~inside[rows]
            value[outside] = -9999.0
            weight[outside] = -9999.0
            window = Window(0, top, grid.width, rows.stop - top)
            v.write(value, 1, window=window)
            w.write(weight, 1, window=window)
    for t, p in zip(tmp, paths, strict=True):
        os.replace(t, p)
    return paths


def _read_all(path: Path) -> np.ndarray:
    with rasterio.open(path) as src:
        return src.read(1)


def _distance_points():
    try:
        from geodata.readers import read_hafas_stations

        stops = read_hafas_stations(RAW / "db-hafas-stations" / "db-hafas-stations-2.0.0.tgz")
        _note(f"distance surface: {len(stops)} hafas stops (clipped to Germany)")
        return stops
    except Exception as error:
        _note(f"distance surface: 280,000 synthetic points ({error})")
        import geopandas as gpd

        zones = districts()
        left, bottom, right, top = zones.total_bounds
        xy = np.random.default_rng(5).uniform((left, bottom), (right, top), size=(280_000, 2))
        return gpd.GeoDataFrame(geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=zones.crs)


@cache
def _stops_in_germany():
    from geodata.accessibility import _clip

    return _clip(_distance_points(), districts())


@suite(
    {
        "zonal_read_floor_s": ("s", None),
        "zonal_s": ("s", 4.0),
        "zonal_rasterstats_s": ("s", None),
        "zonal_speedup_vs_rasterstats": ("ratio", 3.0),
        "zonal_exactextract_s": ("s", None),
        "zonal_speedup_vs_exactextract": ("ratio", 2.0),
        "zonal_read_share": ("ratio", 0.6),
        "distance_surface_s": ("s", None),
    },
    repeat=1,
)
def bench_zonal() -> dict[str, float]:
    from rasterstats import zonal_stats as rs_zonal_stats

    from geodata.accessibility import distance_surface

    value, weight = rasters()
    zones = districts()
    for path in (value, weight):  # warm the OS file cache
        _read_all(path)
    with stopwatch() as t_label:
        labels = label_grid(zones, like=value)
    _note(f"label raster (one-off, cached afterwards): {t_label[0]:.2f} s")

    with stopwatch() as t_floor:
        for path in (value, weight):
            _read_all(path)
    with stopwatch() as t_ours:
        zonal_stats(value, zones, stats=STATS, weights=weight)

    with stopwatch() as t_ours_plain:
        zonal_stats(value, labels, stats=STATS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with stopwatch() as t_rs:
            rs_zonal_stats(list(zones.geometry), str(value), stats=list(STATS), nodata=-9999.0)
    from exactextract import exact_extract

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with stopwatch() as t_ee:  # the file path: exactextract reads it through GDAL
            exact_extract(str(value), zones, list(STATS), output="pandas")
    _note(
        f"exactextract on all {len(zones)} districts {t_ee[0]:.2f} s; "
        f"rasterstats on all {len(zones)} districts {t_rs[0]:.2f} s; ours with the same "
        f"statistics (no weights) {t_ours_plain[0]:.2f} s"
    )

    stops = _stops_in_germany()
    with stopwatch() as t_dist:
        distance_surface(stops, extent=zones, resolution=250.0)
    return {
        "zonal_read_floor_s": t_floor[0],
        "zonal_s": t_ours[0],
        "zonal_rasterstats_s": t_rs[0],
        "zonal_speedup_vs_rasterstats": t_rs[0] / t_ours_plain[0],
        "zonal_exactextract_s": t_ee[0],
        "zonal_speedup_vs_exactextract": t_ee[0] / t_ours_plain[0],
        "zonal_read_share": t_floor[0] / t_ours[0],
        "distance_surface_s": t_dist[0],
    }
