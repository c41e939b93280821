"""Accessibility of rail stations and public-transport stops, from facility points.

Three facility classes are derived from the station data (:func:`facility_sets`):

* **long-distance rail** - stops served by ICE/IC/EC: ``national_express or national`` in
  ``db-hafas-stations``; with ``db-stations`` only, DB price categories 1-3 serve as a
  documented proxy (category reflects a station's size and service, not a timetable);
* **rail** - stops served by any train (``national_express``, ``national``,
  ``regional_express``, ``regional``, ``suburban``), or every ``db-stations`` entry;
* **stops** - every ``db-hafas-stations`` point (bus, tram, subway, ferry and rail).

For each class :func:`distance_surface` computes the straight-line distance from every cell
centre of a regular grid in EPSG:3035 (equal-area, metres) to the nearest facility with a
k-d tree. :func:`station_indicators` aggregates those surfaces to districts with
:func:`geodata.zonal.zonal_stats`: because every cell of an equal-area grid has the same
area, the mean over a district's cells is the area-weighted mean distance, and the mean of a
0/100 "within the threshold" raster is the share of the district's area.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
import shapely
from affine import Affine
from rasterio.crs import CRS
from rasterio.enums import Resampling
from rasterio.features import rasterize
from rasterio.warp import reproject
from scipy.spatial import cKDTree

from geodata.errors import ArgumentTypeError, RasterError
from geodata.grid import Grid, grid_over, write_geotiff
from geodata.indicators import INDICATORS as REGISTRY
from geodata.zonal import label_grid, zonal_stats

__all__ = [
    "Facility",
    "FacilitySet",
    "distance_surface",
    "facility_sets",
    "nearest_distance",
    "population_grid",
    "station_indicators",
]

#: Working CRS of every surface: ETRS89-LAEA, equal-area, metres.
GRID_CRS = "EPSG:3035"

#: Cell centres queried per k-d tree call (bounds memory to a few tens of MB).
QUERY_CHUNK = 1 << 20

RAIL_PRODUCTS = ("national_express", "national", "regional_express", "regional", "suburban")
LONG_DISTANCE_PRODUCTS = ("national_express", "national")

HAFAS_PACKAGE = ("db-hafas-stations", "2.0.0")
#: Vintage of db-hafas-stations 2.0.0: PROVENANCE.md dates it "2024/2025" (DB InfraGO
#: naming); the earlier year is used so that the indicator is never dated too late.
HAFAS_YEAR = 2024
DB_STATIONS_PACKAGE = ("db-stations", "5.0.2")
#: db-stations 5.0.2 does not record its snapshot date; 2022 is the year of its copyright
#: notice, the only date the package carries.
DB_STATIONS_YEAR = 2022

SOURCE_HAFAS = (
    "DB InfraGO / DB Station&Service station data via npm db-hafas-stations 2.0.0 "
    "(CC BY 4.0; stop positions partly © OpenStreetMap contributors, ODbL 1.0)"
)
SOURCE_DB_STATIONS = "DB Station&Service station data (StaDa) via npm db-stations 5.0.2 (CC BY 4.0)"
LICENCE_HAFAS = "CC BY 4.0 (DB InfraGO); ODbL 1.0 (OpenStreetMap-derived stop positions)"
LICENCE_DB_STATIONS = "CC BY 4.0 (DB Station&Service)"


class Facility(StrEnum):
    """Facility classes for which distance surfaces are built."""

    LONG_DISTANCE = "long_distance"
    RAIL = "rail"
    STOP = "stop"


@dataclass(frozen=True)
class FacilitySet:
    """Points of one facility class and where they come from.

    Attributes
    ----------
    facility
        The class.
    points
        Point geometries (any CRS).
    package
        ``(npm package, version)`` the points were read from.
    year
        Data vintage (see :data:`HAFAS_YEAR`, :data:`DB_STATIONS_YEAR`).
    selection
        How the points were chosen from the package, in words.
    is_proxy
        Whether the selection only approximates the class.
    proxy_for
        What a proxy stands in for (empty when not a proxy).
    """

    facility: Facility
    points: gpd.GeoSeries
    package: tuple[str, str]
    year: int
    selection: str
    is_proxy: bool = False
    proxy_for: str = ""

    @property
    def source(self) -> str:
        """Provenance text for the catalogue."""
        return SOURCE_HAFAS if self.package == HAFAS_PACKAGE else SOURCE_DB_STATIONS

    @property
    def licence(self) -> str:
        """Licence text for the catalogue."""
        return LICENCE_HAFAS if self.package == HAFAS_PACKAGE else LICENCE_DB_STATIONS


def _require_columns(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise RasterError(f"{what} lacks column(s) {', '.join(missing)}")


def _flag(frame: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray:
    return frame[list(columns)].fillna(False).astype(bool).any(axis=1).to_numpy()


def facility_sets(
    *,
    db_stations: gpd.GeoDataFrame | None = None,
    hafas_stops: gpd.GeoDataFrame | None = None,
) -> dict[Facility, FacilitySet]:
    """Select the points of each facility class from the station tables.

    ``hafas_stops`` (product flags per stop) is preferred for every class it can serve;
    ``db_stations`` fills in long-distance (price categories 1-3, a proxy) and rail (every
    entry) when ``hafas_stops`` is absent. The stop class needs ``hafas_stops``.

    Parameters
    ----------
    db_stations
        Output of :func:`geodata.readers.read_db_stations` (needs ``category``).
    hafas_stops
        Output of :func:`geodata.readers.read_hafas_stations` (needs the product flags).

    Returns
    -------
    dict
        :class:`Facility` -> :class:`FacilitySet`, only for the classes that can be built.
    """
    sets: dict[Facility, FacilitySet] = {}
    if hafas_stops is not None:
        _require_columns(hafas_stops, RAIL_PRODUCTS, "hafas_stops")
        ld = _flag(hafas_stops, LONG_DISTANCE_PRODUCTS)
        rail = _flag(hafas_stops, RAIL_PRODUCTS)
        geom = hafas_stops.geometry
        sets[Facility.LONG_DISTANCE] = FacilitySet(
            Facility.LONG_DISTANCE,
            geom[ld],
            HAFAS_PACKAGE,
            HAFAS_YEAR,
            "stops with product nationalExpress (ICE) or national (IC/EC)",
        )
        sets[Facility.RAIL] = FacilitySet(
            Facility.RAIL,
            geom[rail],
            HAFAS_PACKAGE,
            HAFAS_YEAR,
            "stops with any train product (nationalExpress, national, regionalExpress, "
            "regional, suburban)",
        )
        sets[Facility.STOP] = FacilitySet(
            Facility.STOP,
            geom,
            HAFAS_PACKAGE,
            HAFAS_YEAR,
            "every stop (rail, bus, tram, subway, ferry)",
        )
    elif db_stations is not None:
        _require_columns(db_stations, ("category",), "db_stations")
        category = pd.to_numeric(db_stations["category"], errors="coerce")
        geom = db_stations.geometry
        sets[Facility.LONG_DISTANCE] = FacilitySet(
            Facility.LONG_DISTANCE,
            geom[category.between(1, 3).to_numpy()],
            DB_STATIONS_PACKAGE,
            DB_STATIONS_YEAR,
            "stations of DB price category 1-3",
            is_proxy=True,
            proxy_for="stations served by long-distance trains (ICE/IC/EC)",
        )
        sets[Facility.RAIL] = FacilitySet(
            Facility.RAIL,
            geom,
            DB_STATIONS_PACKAGE,
            DB_STATIONS_YEAR,
            "every DB Station&Service passenger station with an EVA number",
        )
    return sets


# --------------------------------------------------------------------------- surfaces


def _xy(points: Any, crs: CRS) -> np.ndarray:
    """Point coordinates as an ``(n, 2)`` float array in ``crs``."""
    if isinstance(points, gpd.GeoDataFrame):
        points = points.geometry
    if isinstance(points, gpd.GeoSeries):
        if points.crs is None:
            raise RasterError("facility points have no coordinate reference system")
        points = points[points.notna() & ~points.is_empty]
        if points.crs != crs:
            points = points.to_crs(crs)
        if not points.geom_type.eq("Point").all():
            points = points.representative_point()
        return np.column_stack([points.x.to_numpy(), points.y.to_numpy()])
    xy = np.asarray(points, dtype=np.float64)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise RasterError(f"facility points must be (n, 2) coordinates, got shape {xy.shape}")
    return xy


def _extent_grid(extent: Any, resolution: float, crs: CRS) -> tuple[Grid, np.ndarray | None]:
    """Build the grid over ``extent`` and, for outlines, the mask of cells inside it."""
    if isinstance(extent, Grid):
        return extent, None
    if isinstance(extent, tuple | list) and len(extent) == 4:
        left, bottom, right, top = map(float, extent)
        return grid_over((left, bottom, right, top), resolution=resolution, crs=crs), None
    if isinstance(extent, shapely.Geometry):
        extent = gpd.GeoSeries([extent], crs=crs)
    if isinstance(extent, gpd.GeoDataFrame):
        extent = extent.geometry
    if not isinstance(extent, gpd.GeoSeries):
        raise ArgumentTypeError(
            "extent must be bounds (left, bottom, right, top), a Grid, a shapely geometry "
            f"or a GeoSeries/GeoDataFrame, not {type(extent).__name__}"
        )
    if extent.crs is not None and extent.crs != crs:
        extent = extent.to_crs(crs)
    grid = grid_over(tuple(extent.total_bounds), resolution=resolution, crs=crs)
    shapes = [g for g in extent.to_numpy() if g is not None and not g.is_empty]
    inside = rasterize(
        [(g, 1) for g in shapes], out_shape=grid.shape, transform=grid.transform, dtype=np.uint8
    ).astype(bool)
    return grid, inside


def nearest_distance(xy: np.ndarray, grid: Grid, *, inside: np.ndarray | None = None) -> np.ndarray:
    """Distance from every cell centre of ``grid`` to the nearest of ``xy``.

    Parameters
    ----------
    xy
        ``(n, 2)`` facility coordinates in the grid's CRS.
    grid
        The grid to fill.
    inside
        Optional boolean mask of ``grid.shape``; cells outside it are NaN and not queried.

    Returns
    -------
    numpy.ndarray
        ``float32`` distances in CRS units.
    """
    if len(xy) == 0:
        raise RasterError("no facility points to measure distances to")
    tree = cKDTree(np.asarray(xy, dtype=np.float64))
    mask = np.ones(grid.shape, dtype=bool) if inside is None else inside
    # A search radius of a few typical facility spacings lets the tree prune early; the
    # few cells farther than that from every facility are queried again without limit,
    # so the result stays the exact nearest-neighbour distance.
    area = float(mask.sum()) * grid.resolution[0] * grid.resolution[1]
    radius = 3.0 * np.sqrt(max(area, 1.0) / len(xy)) + max(grid.resolution)
    out = np.full(grid.shape, np.nan, dtype=np.float32)
    xs = grid.cell_centres_x()
    rows = max(1, QUERY_CHUNK // grid.width)
    for start in range(0, grid.height, rows):
        stop = min(start + rows, grid.height)
        r, c = np.nonzero(mask[start:stop])
        if r.size == 0:
            continue
        centres = np.column_stack([xs[c], grid.cell_centres_y(start, stop)[r]])
        dist, _ = tree.query(centres, workers=-1, distance_upper_bound=radius)
        far = np.flatnonzero(np.isinf(dist))
        if far.size:
            dist[far], _ = tree.query(centres[far], workers=-1)
        out[start:stop][r, c] = dist
    return out


def distance_surface(
    points: Any,
    *,
    extent: Any,
    resolution: float = 250.0,
    crs: Any = GRID_CRS,
    out_path: str | os.PathLike[str] | None = None,
) -> tuple[np.ndarray, Affine, CRS]:
    """Straight-line distance to the nearest facility on a regular grid.

    The nearest facility of every cell centre is found with :class:`scipy.spatial.cKDTree`
    (exact Euclidean nearest neighbour), queried in chunks of about a million cells on all
    cores.

    Parameters
    ----------
    points
        Facility points: a GeoSeries/GeoDataFrame with a CRS (reprojected to ``crs``) or an
        ``(n, 2)`` array of coordinates already in ``crs``.
    extent
        Area to cover: bounds ``(left, bottom, right, top)`` in ``crs``, a
        :class:`geodata.grid.Grid`, or an outline (shapely geometry in ``crs``, or a
        GeoSeries/GeoDataFrame in any CRS). For an outline, cells whose centre lies outside
        it are nodata (NaN).
    resolution
        Cell size in metres; the grid origin is snapped to multiples of it.
    crs
        CRS of the grid; it must be projected with metre units (default ETRS89-LAEA).
    out_path
        If given, the surface is written there as a tiled, DEFLATE-compressed float32
        GeoTIFF with nodata NaN (atomically, via a temporary file in the same folder).

    Returns
    -------
    tuple
        ``(array, transform, crs)``: float32 distances in metres, the grid's affine
        transform and CRS.

    Examples
    --------
    >>> dist, transform, crs = distance_surface(stations, extent=germany)  # doctest: +SKIP
    """
    crs = CRS.from_user_input(crs)
    if not crs.is_projected:
        raise RasterError(f"distance surfaces need a projected CRS in metres, not {crs}")
    grid, inside = _extent_grid(extent, resolution, crs)
    dist = nearest_distance(_xy(points, crs), grid, inside=inside)
    if out_path is not None:
        write_geotiff(out_path, dist, grid, nodata=float("nan"))
    return dist, grid.transform, grid.crs


# --------------------------------------------------------------------------- population


def population_grid(population: Any, grid: Grid, *, column: str = "population") -> np.ndarray:
    """Allocate population to the cells of ``grid`` (persons per cell, float32).

    Parameters
    ----------
    population
        Either a raster path of persons per cell (any grid: it is turned into a density,
        resampled with GDAL's area-weighted ``average`` and multiplied by the target cell
        area, which conserves totals up to edge effects; a raster already on ``grid`` is
        used as is), or a GeoDataFrame of (municipal) polygons with a ``column`` of
        persons. Polygons are spread **uniformly over their area**: each polygon's
        population is divided equally among the cells whose centre lies in it (simple
        areal weighting, no land-use ancillary data); a polygon too small to hold a cell
        centre puts its population into the cell under its representative point.
    grid
        Target grid.
    column
        Population column of a GeoDataFrame.

    Returns
    -------
    numpy.ndarray
        ``grid.shape`` float32 persons per cell (0 where nobody was allocated).
    """
    if isinstance(population, gpd.GeoDataFrame):
        return _allocate_polygons(population, grid, column)
    path = Path(population)
    with rasterio.open(path) as src:
        source = Grid.of(src)
        values = src.read(1, masked=True).filled(0).astype(np.float64)
        if source.same_as(grid):
            return values.astype(np.float32)
        src_area = source.resolution[0] * source.resolution[1]
        density = np.zeros(grid.shape, dtype=np.float64)
        reproject(
            values / src_area,
            density,
            src_transform=source.transform,
            src_crs=source.crs,
            dst_transform=grid.transform,
            dst_crs=grid.crs,
            resampling=Resampling.average,
            src_nodata=None,
            dst_nodata=0.0,
        )
    return (density * grid.resolution[0] * grid.resolution[1]).astype(np.float32)


def _allocate_polygons(frame: gpd.GeoDataFrame, grid: Grid, column: str) -> np.ndarray:
    if column not in frame.columns:
        raise RasterError(
            f"population polygons have no column {column!r} "
            f"(columns: {', '.join(map(str, frame.columns))})"
        )
    persons = pd.to_numeric(frame[column], errors="coerce").fillna(0.0).to_numpy(np.float64)
    if (persons < 0).any():
        raise RasterError(f"population column {column!r} has negative values")
    geoms = frame.geometry if frame.crs == grid.crs else frame.geometry.to_crs(grid.crs)
    geoms_array = geoms.to_numpy()
    shapes = [
        (g, i) for i, g in enumerate(geoms_array, start=1) if g is not None and not g.is_empty
    ]
    labels = np.zeros(grid.shape, dtype=np.int32)
    if shapes:
        rasterize(shapes, out=labels, transform=grid.transform, dtype=np.int32)
    n = len(frame)
    cells = np.bincount(labels.ravel(), minlength=n + 1)
    per_cell = np.zeros(n + 1)
    has_cells = cells[1:] > 0
    per_cell[1:][has_cells] = persons[has_cells] / cells[1:][has_cells]
    out = per_cell[labels].astype(np.float64)
    # Polygons smaller than a cell: keep their people, in the cell under a point inside.
    small = np.flatnonzero(~has_cells & (persons > 0))
    if small.size:
        pts = shapely.point_on_surface(geoms_array[small])
        cols, rows = ~grid.transform @ (shapely.get_x(pts), shapely.get_y(pts))
        rows = np.floor(rows).astype(np.int64)
        cols = np.floor(cols).astype(np.int64)
        ok = (rows >= 0) & (rows < grid.height) & (cols >= 0) & (cols < grid.width)
        np.add.at(out, (rows[ok], cols[ok]), persons[small][ok])
    return out.astype(np.float32)


# --------------------------------------------------------------------------- indicators


@dataclass(frozen=True)
class _Indicator:
    code: str
    facility: Facility
    threshold_m: float | None
    name_de: str
    name_en: str


INDICATORS = (
    _Indicator(
        "access_ld_station_km",
        Facility.LONG_DISTANCE,
        None,
        "Mittlere Entfernung zum nächsten Fernverkehrsbahnhof",
        "Mean distance to the nearest long-distance rail station",
    ),
    _Indicator(
        "access_rail_station_km",
        Facility.RAIL,
        None,
        "Mittlere Entfernung zum nächsten Bahnhof",
        "Mean distance to the nearest rail station",
    ),
    _Indicator(
        "access_stop_km",
        Facility.STOP,
        None,
        "Mittlere Entfernung zur nächsten ÖPNV-Haltestelle",
        "Mean distance to the nearest public-transport stop",
    ),
    _Indicator(
        "access_rail_share_2km",
        Facility.RAIL,
        2000.0,
        "Flächenanteil im Umkreis von 2 km um einen Bahnhof",
        "Share of area within 2 km of a rail station",
    ),
    _Indicator(
        "access_stop_share_1km",
        Facility.STOP,
        1000.0,
        "Flächenanteil im Umkreis von 1 km um eine ÖPNV-Haltestelle",
        "Share of area within 1 km of a public-transport stop",
    ),
)


@contextmanager
def _workdir(workdir: str | os.PathLike[str] | None) -> Iterator[Path]:
    if workdir is not None:
        path = Path(workdir)
        path.mkdir(parents=True, exist_ok=True)
        yield path
    else:
        with tempfile.TemporaryDirectory(prefix="potentials-access-") as tmp:
            yield Path(tmp)


def _clip(points: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Keep the rows whose point lies in the union of ``zones`` (in the zones' CRS)."""
    if points.crs is None:
        raise RasterError("station points have no coordinate reference system")
    points = points[points.geometry.notna() & ~points.geometry.is_empty]
    if points.crs != zones.crs:
        points = points.to_crs(zones.crs)
    # Query the polygons against a tree of the points: shapely then prepares each
    # (complex) polygon once instead of testing every point against raw polygons.
    _, hit = points.sindex.query(zones.geometry.to_numpy(), predicate="intersects")
    return points.iloc[np.unique(hit)]


def station_indicators(
    districts: gpd.GeoDataFrame,
    *,
    db_stations: gpd.GeoDataFrame | None = None,
    hafas_stops: gpd.GeoDataFrame | None = None,
    population: Any = None,
    resolution: float = 250.0,
    workdir: str | os.PathLike[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """District accessibility indicators from station and stop points.

    Facility points are clipped to the outline of ``districts`` (so foreign stations do
    not count), and for each facility class a distance surface is built on a
    ``resolution`` grid in EPSG:3035 covering the districts (:func:`distance_surface`).
    Each cell belongs to the district containing its centre (a district too small to
    contain any cell centre would get NaN; at 250 m every German district has hundreds of
    cells). Indicators:

    ``access_ld_station_km``, ``access_rail_station_km``, ``access_stop_km``
        Area-weighted mean distance (km) from the district's cells to the nearest
        long-distance station / rail station / stop (direction -1).
    ``access_rail_share_2km``, ``access_stop_share_1km``
        Percentage of the district's area within 2 km of a rail station / 1 km of a stop
        (direction +1).
    ``<code>_pop``
        With ``population``: the same, weighted by the people allocated to each cell
        (:func:`population_grid`) - mean distance per inhabitant and the percentage of
        inhabitants within the threshold.

    Parameters
    ----------
    districts
        Polygons with an ``ags`` column and a CRS (normally EPSG:4326).
    db_stations, hafas_stops
        Outputs of :func:`geodata.readers.read_db_stations` and
        :func:`geodata.readers.read_hafas_stations`; see :func:`facility_sets` for which
        classes each can provide. Indicators whose class is unavailable are left out.
    population
        Optional population raster path or GeoDataFrame of polygons with a ``population``
        column (see :func:`population_grid`).
    resolution
        Grid cell size in metres.
    workdir
        Folder to keep the rasters in (``access_<class>_m.tif``, ``within_<class>_<m>m.tif``,
        ``population.tif``); a temporary folder, removed afterwards, when None.

    Returns
    -------
    tuple of pandas.DataFrame
        ``(indicators, catalogue)``: the long table ``ags, indicator, year, value`` and one
        catalogue row per indicator code (columns of
        :data:`geodata.atlas.model.CATALOGUE_COLUMNS`).
    """
    if "ags" not in districts.columns:
        raise RasterError("districts have no 'ags' column")
    if districts.crs is None:
        raise RasterError("districts have no coordinate reference system")
    if db_stations is None and hafas_stops is None:
        raise RasterError("station_indicators needs db_stations or hafas_stops")
    zones = gpd.GeoDataFrame(
        {"ags": districts["ags"].astype(str).to_numpy()},
        geometry=districts.geometry.to_numpy(),
        crs=districts.crs,
    ).to_crs(GRID_CRS)
    # Clip once, before selecting classes: foreign stations must not count.
    sets = facility_sets(
        db_stations=None if db_stations is None else _clip(db_stations, zones),
        hafas_stops=None if hafas_stops is None else _clip(hafas_stops, zones),
    )
    grid = grid_over(tuple(zones.total_bounds), resolution=resolution, crs=GRID_CRS)
    labels = label_grid(zones, like=grid, key="ags")
    inside = labels.labels > 0
    today = dt.date.today().isoformat()

    rows: list[pd.DataFrame] = []
    catalogue: list[dict[str, object]] = []
    with _workdir(workdir) as folder:
        pop_path = None
        if population is not None:
            pop = population_grid(population, grid)
            pop_path = write_geotiff(folder / "population.tif", pop, grid, nodata=None)
        surfaces: dict[Facility, tuple[Path, np.ndarray, int]] = {}
        for facility, fset in sets.items():
            xy = _xy(fset.points, grid.crs)
            if len(xy) == 0:  # e.g. no long-distance stop in a regional extract
                continue
            dist = nearest_distance(xy, grid, inside=inside)
            path = write_geotiff(
                folder / f"access_{facility.value}_m.tif", dist, grid, nodata=float("nan")
            )
            surfaces[facility] = (path, dist, len(xy))
        for ind in INDICATORS:
            if ind.facility not in surfaces:
                continue
            fset = sets[ind.facility]
            path, dist, n_points = surfaces[ind.facility]
            if ind.threshold_m is None:
                raster, scale = path, 1e-3
            else:
                within = np.where(inside, np.where(dist <= ind.threshold_m, 100, 0), 255)
                raster = write_geotiff(
                    folder / f"within_{ind.facility.value}_{int(ind.threshold_m)}m.tif",
                    within.astype(np.uint8),
                    grid,
                    nodata=255,
                )
                scale = 1.0
            table = zonal_stats(raster, labels, stats=("mean",), weights=pop_path)
            variants = [(ind.code, table["mean"], False)]
            if pop_path is not None:
                variants.append((f"{ind.code}_pop", table["weighted_mean"], True))
            for code, values, weighted in variants:
                rows.append(
                    pd.DataFrame(
                        {
                            "ags": values.index.astype(str),
                            "indicator": code,
                            "year": fset.year,
                            "value": values.to_numpy(dtype=np.float64) * scale,
                        }
                    )
                )
                catalogue.append(
                    _catalogue_row(
                        ind, code, fset, n_points, weighted, resolution, today, population
                    )
                )
    if not rows:
        raise RasterError("no station or stop lies inside the districts")
    indicators = pd.concat(rows, ignore_index=True)
    return indicators, pd.DataFrame(catalogue)


def _catalogue_row(
    ind: _Indicator,
    code: str,
    fset: FacilitySet,
    n_points: int,
    weighted: bool,
    resolution: float,
    today: str,
    population: Any,
) -> dict[str, object]:
    package, version = fset.package
    res = f"{resolution:g} m"
    what = (
        f"share of the {'population' if weighted else 'area'} within "
        f"{ind.threshold_m / 1000:g} km (straight line) of the nearest facility"
        if ind.threshold_m is not None
        else f"{'population' if weighted else 'area'}-weighted mean straight-line distance "
        "from each cell centre to the nearest facility"
    )
    pop_text = ""
    if weighted:
        kind = "polygons" if isinstance(population, gpd.GeoDataFrame) else "raster"
        pop_text = (
            f" Population from a {kind} allocated to the grid (polygons: equal share per "
            "cell whose centre lies in the polygon; rasters: density resampled by area)."
        )
    name_de, name_en = ind.name_de, ind.name_en
    if weighted:
        name_de += " (bevölkerungsgewichtet)"
        name_en += " (population-weighted)"
        if ind.threshold_m is not None:
            name_de = name_de.replace("Flächenanteil", "Bevölkerungsanteil")
            name_en = name_en.replace("Share of area", "Share of population")
    registered = REGISTRY.get(code)
    if registered is not None:
        unit_de, unit_en = registered.unit_de, registered.unit_en
    elif ind.threshold_m is None:
        unit_de, unit_en = "km Luftlinie", "km (straight line)"
    else:
        unit_de = "% der Bevölkerung" if weighted else "% der Kreisfläche"
        unit_en = "% of population" if weighted else "% of district area"
    method = (
        f"Computed from npm {package} package version {version} on {today} on a {res} "
        f"grid in EPSG:3035: {n_points} facilities ({fset.selection}) inside the "
        f"district outline; {what} (exact nearest neighbour, scipy cKDTree); cells "
        f"assigned to the district containing their centre.{pop_text} Data vintage "
        f"{fset.year}."
    )
    return {
        "code": code,
        "name_de": name_de,
        "name_en": name_en,
        "unit_de": unit_de,
        "unit_en": unit_en,
        "unit": "km" if ind.threshold_m is None else "%",
        "period": str(fset.year),
        "year": fset.year,
        "territorial_status": "district outlines as given",
        "source_id": "db-hafas" if fset.package == HAFAS_PACKAGE else "db-stations",
        "source": fset.source,
        "table_code": f"npm:{package}@{version}",
        "licence": fset.licence,
        "method_de": registered.method_de if registered is not None else method,
        "method_en": method,
        "method": method,
        "caveats_de": registered.caveats_de if registered is not None else "",
        "caveats_en": registered.caveats_en if registered is not None else "",
        "known_gaps": "",
        "is_proxy": fset.is_proxy,
        "proxy_for": fset.proxy_for or None,
        "proxy_rho": None,
    }
