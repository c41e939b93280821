"""Regional population potential: population within 50 km, weighted down linearly with distance.

Küpper (2016) sums the population of Eurostat's 1-km grid within 50 km of each cell, each
cell weighted ``1 - d / 50 km`` by straight-line distance ``d``. The atlas has no
population grid, so here (an approximation, recorded in the metadata):

* each district's population is spread **uniformly over its area** on a square grid in
  ETRS89-LAEA (EPSG:3035) with :func:`geodata.accessibility.population_grid`;
* the potential of every cell is the linearly distance-decayed sum within the radius
  (a convolution with the cone kernel);
* the potential of a unit (district or Kreisregion) is the **population-weighted mean** of
  its cells' potentials – the potential around the average inhabitant.

Population outside Germany is not in the atlas, so units along the border get a lower
potential than with Küpper's European grid.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

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
    from scipy.signal import fftconvolve

    from geodata.accessibility import population_grid
    from geodata.grid import grid_over

    if districts.crs is None:
        raise ValueError("districts need a coordinate reference system")
    if units is None:
        units = pd.Series(districts.index.astype(str), index=districts.index)
    frame = gpd.GeoDataFrame(
        {"population": pd.to_numeric(districts["population"], errors="coerce").fillna(0.0)},
        geometry=districts.geometry.to_crs(GRID_CRS).to_numpy(),
        crs=GRID_CRS,
    )
    cell = cell_km * 1000.0
    left, bottom, right, top = frame.total_bounds
    pad = radius_km * 1000.0
    grid = grid_over(
        (left - pad, bottom - pad, right + pad, top + pad), resolution=cell, crs=GRID_CRS
    )
    drawn = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    persons = population_grid(drawn, grid).astype(np.float64)
    potential = fftconvolve(persons, linear_kernel(radius_km, cell_km), mode="same")
    potential = np.clip(potential, 0.0, None)  # FFT round-off around empty cells

    codes = pd.Index(sorted(set(units.astype(str))))
    unit_of = codes.get_indexer(pd.Index(units.astype(str)))
    shapes = [
        (g, int(u) + 1)
        for g, u in zip(frame.geometry, unit_of, strict=True)
        if g is not None and not g.is_empty
    ]
    labels = rasterize(shapes, out_shape=grid.shape, transform=grid.transform, dtype=np.int32)
    weights = np.bincount(labels.ravel(), weights=persons.ravel(), minlength=len(codes) + 1)
    sums = np.bincount(
        labels.ravel(), weights=(persons * potential).ravel(), minlength=len(codes) + 1
    )
    cells = np.bincount(labels.ravel(), minlength=len(codes) + 1)
    area_mean = np.bincount(labels.ravel(), weights=potential.ravel(), minlength=len(codes) + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        # nobody lives there: the mean over the unit's area
        values = np.where(weights[1:] > 0, sums[1:] / weights[1:], area_mean[1:] / cells[1:])
    empty = ~(cells[1:] > 0)
    if empty.any():  # units smaller than a cell: the cell under a point inside them
        for u in np.flatnonzero(empty):
            member = frame.geometry.to_numpy()[unit_of == u]
            union = shapely.union_all(member[pd.notna(member)])
            if union.is_empty:
                values[u] = np.nan
                continue
            pt = shapely.point_on_surface(union)
            col, row = ~grid.transform * (pt.x, pt.y)
            r, c = int(np.floor(row)), int(np.floor(col))
            values[u] = potential[r, c] if 0 <= r < grid.height and 0 <= c < grid.width else np.nan
    return pd.Series(values, index=codes, name="population_potential")
