"""Regional population potential: population within 50 km, weighted down linearly with distance.

Küpper (2016) sums the population of Eurostat's 1-km grid within 50 km of each cell, each
cell weighted ``1 - d / 50 km`` by straight-line distance ``d``. The atlas has no
population grid, so here (an approximation, recorded in the metadata):

* each district's population is spread **uniformly over its area** on a square grid in
  ETRS89-LAEA (EPSG:3035): equally over the cells whose centre lies in it (a district
  smaller than a cell: the cell under a point inside it);
* the potential of every cell is the linearly distance-decayed sum within the radius
  (a convolution with the cone kernel, by FFT);
* the potential of a unit (district or Kreisregion) is the **population-weighted mean** of
  its cells' potentials – the potential around the average inhabitant.

Population outside Germany is not in the atlas, so units along the border get a lower
potential than with Küpper's European grid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

if TYPE_CHECKING:
    from geodata.grid import Grid

__all__ = ["GRID_CRS", "linear_kernel", "population_potential"]

GRID_CRS = "EPSG:3035"


def linear_kernel(radius_km: float, cell_km: float) -> np.ndarray:
    """Weights ``max(0, 1 - d / radius)`` on a square of cells around the centre cell."""
    half = int(np.floor(radius_km / cell_km))
    offsets = np.arange(-half, half + 1) * cell_km
    d = np.hypot(offsets[:, None], offsets[None, :])
    return np.clip(1.0 - d / radius_km, 0.0, None)


def population_potential(
    districts: gpd.GeoDataFrame,
    *,
    units: pd.Series | None = None,
    radius_km: float = 50.0,
    cell_km: float = 2.0,
) -> pd.Series:
    """Compute the population potential of each unit (population-weighted mean of its cells).

    Parameters
    ----------
    districts
        Districts with ``population`` and a geometry with a CRS (index: district key).
    units
        Unit of each district (e.g. its Kreisregion code), same index; by default every
        district is its own unit.
    radius_km
        Radius beyond which population does not count (Küpper: 50 km).
    cell_km
        Cell size of the grid (Küpper used 1 km cells of a real population grid; with
        population spread uniformly over districts a finer grid adds no information).

    Returns
    -------
    pandas.Series
        Persons within reach, distance-weighted, one value per unit (index: unit codes,
        sorted).
    """
    from rasterio.features import rasterize

    from geodata.grid import grid_over

    if districts.crs is None:
        raise ValueError("districts need a coordinate reference system")
    if units is None:
        units = pd.Series(districts.index.astype(str), index=districts.index)
    geoms = districts.geometry.to_crs(GRID_CRS).to_numpy()
    drawn = np.array([g is not None and not g.is_empty for g in geoms], dtype=bool)
    if not drawn.any():
        raise ValueError("no district has a geometry: no population potential")
    persons_of = pd.to_numeric(districts["population"], errors="coerce").fillna(0.0).to_numpy()
    cell = cell_km * 1000.0
    left, bottom, right, top = shapely.total_bounds(geoms[drawn])
    pad = radius_km * 1000.0
    grid = grid_over(
        (left - pad, bottom - pad, right + pad, top + pad), resolution=cell, crs=GRID_CRS
    )
    # one burn: district k -> label k + 1 (cells whose centre lies inside it)
    shapes = [(g, k + 1) for k, g in enumerate(geoms) if drawn[k]]
    labels = rasterize(shapes, out_shape=grid.shape, transform=grid.transform, dtype=np.int32)
    n = len(geoms)
    cells_of = np.bincount(labels.ravel(), minlength=n + 1)[1:]
    # population spread uniformly over each district's cells (simple areal weighting)
    per_cell = np.zeros(n + 1)
    per_cell[1:] = np.where(cells_of > 0, persons_of / np.maximum(cells_of, 1), 0.0)
    persons = per_cell[labels]
    points = {}
    for k in np.flatnonzero(drawn & (cells_of == 0)):  # smaller than a cell: its own point
        rc = _cell_of(grid, geoms[k])
        if rc is not None:
            persons[rc] += persons_of[k]
            points[k] = rc
    potential = np.clip(_convolve_same(persons, linear_kernel(radius_km, cell_km)), 0.0, None)

    codes = pd.Index(sorted(set(units.astype(str))))
    unit_of = codes.get_indexer(pd.Index(units.astype(str)))
    unit_labels = np.concatenate([[-1], unit_of])[labels]  # -1 outside every district
    inside = unit_labels >= 0
    idx = unit_labels[inside]
    m = len(codes)
    weights = np.bincount(idx, weights=persons[inside], minlength=m)
    sums = np.bincount(idx, weights=(persons * potential)[inside], minlength=m)
    cells = np.bincount(idx, minlength=m)
    area_sum = np.bincount(idx, weights=potential[inside], minlength=m)
    for k, rc in points.items():  # sub-cell districts count with their point
        weights[unit_of[k]] += persons_of[k]
        sums[unit_of[k]] += persons_of[k] * potential[rc]
        cells[unit_of[k]] += 1
        area_sum[unit_of[k]] += potential[rc]
    with np.errstate(invalid="ignore", divide="ignore"):
        # where nobody lives: the mean over the unit's area
        values = np.where(weights > 0, sums / weights, area_sum / cells)
    return pd.Series(values, index=codes, name="population_potential")


def _cell_of(grid: Grid, geom: object) -> tuple[int, int] | None:
    """Row and column of the cell under a point inside ``geom`` (None outside the grid)."""
    pt = shapely.point_on_surface(geom)
    col, row = ~grid.transform * (pt.x, pt.y)
    r, c = int(np.floor(row)), int(np.floor(col))
    return (r, c) if 0 <= r < grid.height and 0 <= c < grid.width else None


def _convolve_same(values: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """2-D convolution by FFT, cropped to the input's shape (kernel of odd size, centred)."""
    h, w = values.shape
    kh, kw = kernel.shape
    shape = (h + kh - 1, w + kw - 1)
    full = np.fft.irfft2(np.fft.rfft2(values, shape) * np.fft.rfft2(kernel, shape), shape)
    top, left = kh // 2, kw // 2
    return full[top : top + h, left : left + w]
