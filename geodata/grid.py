"""Regular raster grids: their definition, construction over an extent, and GeoTIFF output.

A :class:`Grid` is the pure geometry of a raster (affine transform, shape and CRS), so that
rasters produced by different steps of the build can be checked for alignment before they
are combined cell by cell.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import rasterio
from affine import Affine
from rasterio.crs import CRS
from rasterio.windows import Window

from geodata.errors import ArgumentError

__all__ = ["Grid", "grid_over", "write_geotiff"]


@dataclass(frozen=True)
class Grid:
    """A north-up raster grid.

    Attributes
    ----------
    transform
        Affine transform from (col, row) to the CRS's (x, y) of the upper-left cell corner.
    height, width
        Number of rows and columns.
    crs
        Coordinate reference system of the grid.
    """

    transform: Affine
    height: int
    width: int
    crs: CRS

    @property
    def shape(self) -> tuple[int, int]:
        """``(height, width)`` as numpy orders it."""
        return (self.height, self.width)

    @property
    def resolution(self) -> tuple[float, float]:
        """Cell size ``(x, y)`` in CRS units (both positive)."""
        return (abs(self.transform.a), abs(self.transform.e))

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """``(left, bottom, right, top)`` in CRS units."""
        left, top = self.transform @ (0, 0)
        right, bottom = self.transform @ (self.width, self.height)
        return (min(left, right), min(top, bottom), max(left, right), max(top, bottom))

    @classmethod
    def of(cls, dataset: Any) -> Grid:
        """Return the grid of an open rasterio dataset or of a raster file path.

        Parameters
        ----------
        dataset
            A path to a raster or an open :class:`rasterio.io.DatasetReader`.

        Returns
        -------
        Grid
        """
        if isinstance(dataset, str | os.PathLike):
            with rasterio.open(dataset) as src:
                return cls.of(src)
        crs = CRS.from_user_input(dataset.crs) if dataset.crs else CRS()
        return cls(dataset.transform, dataset.height, dataset.width, crs)

    def key(self) -> tuple[object, ...]:
        """Return a hashable description, equal for equal grids (used as a cache key)."""
        return (tuple(self.transform)[:6], self.height, self.width, self.crs.to_wkt())

    def same_as(self, other: Grid) -> bool:
        """Whether ``other`` has the same cells (transform within 1e-9 cell, shape, CRS)."""
        if self.shape != other.shape or self.crs != other.crs:
            return False
        tol = 1e-9 * max(self.resolution)
        return all(
            abs(a - b) <= tol
            for a, b in zip(tuple(self.transform)[:6], tuple(other.transform)[:6], strict=True)
        )

    def cell_centres_x(self) -> np.ndarray:
        """X coordinate of the cell centres of one row (north-up grids)."""
        return self.transform.c + self.transform.a * (np.arange(self.width) + 0.5)

    def cell_centres_y(self, row_start: int = 0, row_stop: int | None = None) -> np.ndarray:
        """Y coordinate of the cell centres of rows ``row_start:row_stop`` (north-up grids)."""
        stop = self.height if row_stop is None else row_stop
        return self.transform.f + self.transform.e * (np.arange(row_start, stop) + 0.5)

    def row_strips(self, rows: int) -> Iterator[Window]:
        """Full-width windows of at most ``rows`` rows covering the grid top to bottom."""
        for start in range(0, self.height, rows):
            yield Window(0, start, self.width, min(rows, self.height - start))


def grid_over(bounds: tuple[float, float, float, float], *, resolution: float, crs: Any) -> Grid:
    """Return the smallest grid of ``resolution`` cells covering ``bounds``, snapped.

    Snapping the origin to whole multiples of the cell size keeps grids built from
    different inputs aligned with each other (and with the INSPIRE/EEA reference grid in
    EPSG:3035).

    Parameters
    ----------
    bounds
        ``(left, bottom, right, top)`` in the units of ``crs``.
    resolution
        Cell size in CRS units (metres for EPSG:3035).
    crs
        Anything :meth:`rasterio.crs.CRS.from_user_input` accepts.

    Returns
    -------
    Grid
    """
    if not resolution > 0:
        raise ArgumentError(f"resolution must be positive (metres), got {resolution!r}")
    left, bottom, right, top = bounds
    if not (right > left and top > bottom):
        raise ArgumentError(
            f"bounds (left, bottom, right, top) must have a positive extent, got {bounds!r}"
        )
    # A millionth of a cell of slack, so bounds that went through a reprojection round
    # trip (4299999.99999 for 4300000) do not gain a whole extra row or column.
    slack = 1e-6
    x0 = math.floor(left / resolution + slack) * resolution
    y1 = math.ceil(top / resolution - slack) * resolution
    width = max(1, math.ceil((right - x0) / resolution - slack))
    height = max(1, math.ceil((y1 - bottom) / resolution - slack))
    transform = Affine(resolution, 0.0, x0, 0.0, -resolution, y1)
    return Grid(transform, height, width, CRS.from_user_input(crs))


def write_geotiff(
    path: str | os.PathLike[str],
    array: np.ndarray,
    grid: Grid,
    *,
    nodata: float | None = None,
    blocksize: int = 512,
    compress: str = "deflate",
) -> Path:
    """Write a single-band array as a tiled, compressed GeoTIFF, atomically.

    The file is written to a temporary name in the destination folder and renamed, so a
    reader never sees a half-written raster.

    Parameters
    ----------
    path
        Destination file.
    array
        2-D array of ``grid.shape``.
    grid
        Georeferencing of ``array``.
    nodata
        Value marking empty cells (``nan`` is allowed for float arrays).
    blocksize
        Tile edge in cells (multiple of 16).
    compress
        GDAL compression name (``"deflate"``, ``"lzw"``, ...).

    Returns
    -------
    pathlib.Path
        The written file.
    """
    path = Path(path)
    if array.shape != grid.shape:
        raise ArgumentError(
            f"array shape {array.shape} does not match grid shape {grid.shape}; "
            "build the array on this grid"
        )
    profile: dict[str, Any] = {
        "driver": "GTiff",
        "height": grid.height,
        "width": grid.width,
        "count": 1,
        "dtype": array.dtype.name,
        "crs": grid.crs,
        "transform": grid.transform,
        "nodata": nodata,
        "tiled": True,
        "blockxsize": blocksize,
        "blockysize": blocksize,
        "compress": compress,
        "num_threads": "all_cpus",  # GDAL compresses tiles in parallel
    }
    if np.issubdtype(array.dtype, np.floating):
        profile["predictor"] = 3
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with rasterio.open(tmp, "w", **profile) as dst:
            dst.write(array, 1)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
