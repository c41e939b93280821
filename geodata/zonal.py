"""Zonal statistics of a raster over polygon zones, in one vectorised pass.

The zones are burnt **once** into an integer label raster aligned with the value raster's
grid (:func:`label_grid`; cached, so repeated calls for several rasters on one grid pay
for it once). The raster is then read in full-width row strips that follow its internal
blocks, and each strip is reduced with :func:`numpy.bincount` (count, sum, weighted sum)
and with run-wise :func:`numpy.ufunc.reduceat` (minimum, maximum): along a row-major
strip a zone's cells form long runs, so minimum and maximum per run followed by a tiny
reduction over runs is as fast as a sum. Memory stays bounded by one strip plus the
label raster.

A cell belongs to a zone when its centre lies inside the zone (GDAL's rasterisation
rule), or when the zone touches it at all with ``all_touched=True``. Overlapping zones are
resolved "last wins" in the order of the rows of ``zones`` - harmless for a coverage such
as districts, whose polygons only share boundaries.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
import shapely
from rasterio.features import rasterize
from rasterio.windows import Window

from geodata.errors import ArgumentError, RasterError
from geodata.grid import Grid

__all__ = ["LabelGrid", "Stat", "clear_label_cache", "label_grid", "zonal_stats"]

#: Number of label rasters kept by :func:`label_grid` (each is 4 bytes per cell).
LABEL_CACHE_SIZE = 4

#: Rows per strip are a multiple of the file's block height of at least this many rows.
STRIP_ROWS = 256


class Stat(StrEnum):
    """Statistics :func:`zonal_stats` computes per zone (over valid cells)."""

    MEAN = "mean"
    SUM = "sum"
    MIN = "min"
    MAX = "max"
    COUNT = "count"


@dataclass(frozen=True, eq=False)
class LabelGrid:
    """Zones burnt into an integer raster aligned with a value raster.

    Attributes
    ----------
    labels
        ``int32`` array of ``grid.shape``; 0 outside every zone, ``i + 1`` for zone ``i``.
    keys
        Zone keys in label order (``keys[i]`` has label ``i + 1``).
    grid
        The grid the labels are aligned with.
    all_touched
        Whether every cell a zone touches was burnt (instead of cells whose centre is in it).
    rows, cols
        Half-open ``(start, stop)`` ranges of rows and columns holding any label; the
        aggregation reads only this part of a raster.
    """

    labels: np.ndarray
    keys: pd.Index
    grid: Grid
    all_touched: bool
    rows: tuple[int, int]
    cols: tuple[int, int]
    _plans: dict[int, list[_Strip]] = field(default_factory=dict, repr=False)

    @property
    def n_zones(self) -> int:
        """Number of zones (including zones that cover no cell)."""
        return len(self.keys)

    def cell_counts(self) -> pd.Series:
        """Count the cells of each zone (a Series indexed by key)."""
        counts = np.bincount(self.labels.ravel(), minlength=self.n_zones + 1)[1:]
        return pd.Series(counts, index=self.keys, name="cells")

    def strips(self, step: int) -> list[_Strip]:
        """Split the labelled part into full-width strips of ``step`` rows (memoised).

        Strips start on multiples of ``step`` (a raster's block rows), so every block is
        decoded once; strips without labelled cells are left out.
        """
        plan = self._plans.get(step)
        if plan is None:
            plan = []
            (r0, r1), (c0, c1) = self.rows, self.cols
            for top in range(r0 - r0 % step, r1, step):
                lo, hi = max(top, r0), min(top + step, r1)
                strip = _Strip.make(Window(c0, lo, c1 - c0, hi - lo), self.labels[lo:hi, c0:c1])
                if strip is not None:
                    plan.append(strip)
            self._plans[step] = plan
        return plan


@dataclass(frozen=True)
class _Strip:
    """One row strip of a label raster, pre-compressed to its labelled cells.

    Compressing preserves the row-major order, so each zone's cells form contiguous runs
    (``starts``) that :func:`numpy.ufunc.reduceat` reduces.
    """

    window: Window
    keep: np.ndarray  # flat bool mask of labelled cells in the strip
    labels: np.ndarray  # labels of those cells
    starts: np.ndarray  # first index of every run of equal labels
    run_labels: np.ndarray

    @classmethod
    def make(cls, window: Window, labels: np.ndarray) -> _Strip | None:
        flat = labels.ravel()
        keep = flat != 0
        if not keep.any():
            return None
        compressed = flat[keep]
        starts = _run_starts(compressed)
        return cls(window, keep, compressed, starts, compressed[starts])


def _run_starts(labels: np.ndarray) -> np.ndarray:
    return np.concatenate(([0], np.flatnonzero(labels[1:] != labels[:-1]) + 1))


_CACHE: OrderedDict[tuple[object, ...], LabelGrid] = OrderedDict()


def clear_label_cache() -> None:
    """Forget every label raster cached by :func:`label_grid`."""
    _CACHE.clear()


def _zone_keys(zones: gpd.GeoDataFrame, key: str) -> pd.Index:
    if key in zones.columns:
        keys = pd.Index(zones[key].to_numpy(), name=key)
    elif zones.index.name == key:
        keys = pd.Index(zones.index.to_numpy(), name=key)
    else:
        raise RasterError(
            f"zones have no column {key!r} to key the statistics by "
            f"(columns: {', '.join(map(str, zones.columns))})"
        )
    if keys.has_duplicates:
        dups = sorted(map(str, keys[keys.duplicated()].unique()))[:10]
        raise RasterError(f"zone key {key!r} is not unique; repeated: {', '.join(dups)}")
    if keys.hasnans:
        raise RasterError(f"zone key {key!r} has missing values")
    return keys


def _fingerprint(zones: gpd.GeoDataFrame, keys: pd.Index) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update("\x1f".join(map(str, keys)).encode())
    crs = zones.crs.to_wkt() if zones.crs is not None else ""
    digest.update(crs.encode())
    for wkb in shapely.to_wkb(zones.geometry.to_numpy()):
        digest.update(b"\x00" if wkb is None else wkb)
    return digest.hexdigest()


def _as_grid(like: Any) -> Grid:
    if isinstance(like, Grid):
        return like
    if isinstance(like, LabelGrid):
        return like.grid
    try:
        return Grid.of(like)
    except rasterio.errors.RasterioIOError as err:
        raise RasterError(f"{like}: cannot be opened as a raster ({err})") from err


def label_grid(
    zones: gpd.GeoDataFrame,
    *,
    like: Any,
    key: str = "ags",
    all_touched: bool = False,
) -> LabelGrid:
    """Burn ``zones`` into an ``int32`` label raster on the grid of ``like`` (cached).

    Parameters
    ----------
    zones
        Polygons with a coordinate reference system and a unique ``key`` column (or index
        of that name). They are reprojected to the grid's CRS when it differs.
    like
        A raster path, an open rasterio dataset or a :class:`geodata.grid.Grid`.
    key
        Column naming each zone.
    all_touched
        Burn every cell a zone touches, not only cells whose centre lies inside it.

    Returns
    -------
    LabelGrid
        The same object for repeated calls with equal grid, zones (keys, geometry, CRS)
        and ``all_touched`` while it stays among the :data:`LABEL_CACHE_SIZE` most
        recently used.

    Raises
    ------
    RasterError
        If the keys are missing or not unique, or only one of zones and grid has a CRS.
    """
    grid = _as_grid(like)
    keys = _zone_keys(zones, key)
    raster_crs = grid.crs.to_wkt() if grid.crs is not None else ""
    if zones.crs is not None and not raster_crs:
        raise RasterError(
            f"zones keyed by {key!r} are in {zones.crs.to_string()} but the raster grid has "
            "no coordinate reference system"
        )
    if zones.crs is None and raster_crs:
        raise RasterError(
            f"zones keyed by {key!r} have no coordinate reference system; set it with "
            f"zones.set_crs(...) (the raster is in {grid.crs.to_string()})"
        )
    cache_key = (grid.key(), _fingerprint(zones, keys), bool(all_touched))
    hit = _CACHE.get(cache_key)
    if hit is not None:
        _CACHE.move_to_end(cache_key)
        return hit

    geoms = zones.geometry
    if zones.crs is not None and zones.crs != grid.crs:
        geoms = geoms.to_crs(grid.crs)
    shapes = [
        (geom, label)
        for label, geom in enumerate(geoms.to_numpy(), start=1)
        if geom is not None and not geom.is_empty
    ]
    labels = np.zeros(grid.shape, dtype=np.int32)
    if shapes and grid.height and grid.width:
        rasterize(
            shapes,
            out=labels,
            transform=grid.transform,
            all_touched=all_touched,
            dtype=np.int32,
        )
    result = LabelGrid(labels, keys, grid, bool(all_touched), *_occupied(labels))
    _CACHE[cache_key] = result
    while len(_CACHE) > LABEL_CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


def _occupied(labels: np.ndarray) -> tuple[tuple[int, int], tuple[int, int]]:
    rows = np.flatnonzero(labels.any(axis=1))
    if rows.size == 0:
        return (0, 0), (0, 0)
    cols = np.flatnonzero(labels[rows[0] : rows[-1] + 1].any(axis=0))
    return (int(rows[0]), int(rows[-1]) + 1), (int(cols[0]), int(cols[-1]) + 1)


def _parse_stats(stats: Iterable[str] | str) -> tuple[Stat, ...]:
    if isinstance(stats, str):
        stats = stats.split()
    parsed = []
    for name in stats:
        try:
            parsed.append(Stat(name))
        except ValueError:
            choices = ", ".join(s.value for s in Stat)
            raise ArgumentError(f"unknown statistic {name!r}; choose from {choices}") from None
    return tuple(dict.fromkeys(parsed))


def _valid(values: np.ndarray, nodata: float | None) -> np.ndarray:
    """Cells holding data: not the nodata value and, for floats, not NaN."""
    if np.issubdtype(values.dtype, np.floating):
        valid = ~np.isnan(values)
        if nodata is not None and not math.isnan(nodata):
            valid &= values != nodata
        return valid
    if nodata is None:
        return np.ones(values.shape, dtype=bool)
    return values != nodata


class _Accumulator:
    """Per-zone running totals over strips; index 0 is unused (cells outside every zone)."""

    def __init__(self, n: int, *, extremes: bool, weighted: bool) -> None:
        self.count = np.zeros(n + 1, dtype=np.int64)
        self.sum = np.zeros(n + 1, dtype=np.float64)
        self.extremes = extremes
        self.min = np.full(n + 1, np.inf)
        self.max = np.full(n + 1, -np.inf)
        self.weighted = weighted
        self.wsum = np.zeros(n + 1, dtype=np.float64)
        self.wtotal = np.zeros(n + 1, dtype=np.float64)
        self.scratch = np.empty(0, dtype=np.float64)

    def add(
        self,
        strip: _Strip,
        values: np.ndarray,
        nodata: float | None,
        weights: np.ndarray | None = None,
        wnodata: float | None = None,
    ) -> None:
        """Fold in one strip of ``values`` (and ``weights``) read at ``strip.window``."""
        vals = values.ravel()[strip.keep]
        ok = _valid(vals, nodata)
        if ok.all():
            lab, starts, run_labels = strip.labels, strip.starts, strip.run_labels
        else:
            lab, vals = strip.labels[ok], vals[ok]
            if lab.size == 0:
                return
            starts = _run_starts(lab)
            run_labels = lab[starts]
        # Reduce each run of equal labels first (reduceat is a tight loop), then fold the
        # few thousand run results into the zones.
        np.add.at(self.count, run_labels, np.diff(starts, append=lab.size))
        np.add.at(self.sum, run_labels, np.add.reduceat(vals, starts, dtype=np.float64))
        if self.extremes:
            np.minimum.at(self.min, run_labels, np.minimum.reduceat(vals, starts))
            np.maximum.at(self.max, run_labels, np.maximum.reduceat(vals, starts))
        if self.weighted and weights is not None:
            w = weights.ravel()[strip.keep]
            if not ok.all():
                w = w[ok]
            wok = _valid(w, wnodata)
            if not wok.all():
                lab, vals, w = lab[wok], vals[wok], w[wok]
                if lab.size == 0:
                    return
                starts = _run_starts(lab)
                run_labels = lab[starts]
            # value * weight in float64, in a reused buffer (fresh 8-byte arrays per strip
            # cost more in page faults than the arithmetic)
            if self.scratch.size < lab.size:
                self.scratch = np.empty(lab.size, dtype=np.float64)
            product = np.multiply(w, vals, out=self.scratch[: lab.size], dtype=np.float64)
            np.add.at(self.wtotal, run_labels, np.add.reduceat(w, starts, dtype=np.float64))
            np.add.at(self.wsum, run_labels, np.add.reduceat(product, starts))


def _strip_rows(src: Any, band: int) -> int:
    block_height = src.block_shapes[band - 1][0]
    return int(block_height * max(1, math.ceil(STRIP_ROWS / block_height)))


def zonal_stats(
    raster: str | os.PathLike[str],
    zones: gpd.GeoDataFrame | LabelGrid,
    *,
    stats: Sequence[str] | str = ("mean", "sum", "min", "max", "count"),
    weights: str | os.PathLike[str] | None = None,
    all_touched: bool = False,
    key: str = "ags",
    band: int = 1,
) -> pd.DataFrame:
    """Statistics of a single raster band per zone.

    Parameters
    ----------
    raster
        Any raster rasterio can read (e.g. a tiled GeoTIFF).
    zones
        Polygons with a unique ``key`` column, in any CRS (reprojected to the raster's), or a
        :class:`LabelGrid` made for the raster's grid by :func:`label_grid`.
    stats
        Names from :class:`Stat`: ``mean``, ``sum``, ``min``, ``max``, ``count``.
    weights
        A second raster on exactly the same grid; adds a ``weighted_mean`` column,
        ``sum(value * weight) / sum(weight)`` over cells where both hold data.
    all_touched
        Count every cell a zone touches rather than cells whose centre lies inside it.
    key
        Zone key column; it names the index of the result.
    band
        1-based band of ``raster`` (and of ``weights``).

    Returns
    -------
    pandas.DataFrame
        One row per zone in the order of ``zones``, indexed by ``key``. Cells equal to the
        raster's nodata value or NaN are ignored. A zone without valid cells (outside the
        raster, or only nodata) has ``count`` 0 and NaN for the other statistics.

    Raises
    ------
    RasterError
        If a raster cannot be opened, ``weights`` lies on a different grid, a
        :class:`LabelGrid` was made for another grid, or the zones lack keys or a CRS.

    Examples
    --------
    >>> table = zonal_stats("elevation.tif", districts, stats=["mean", "max"])  # doctest: +SKIP
    """
    chosen = _parse_stats(stats)
    with ExitStack() as stack:
        src = _open(stack, raster)
        grid = Grid.of(src)
        if isinstance(zones, LabelGrid):
            lg = zones
            if not lg.grid.same_as(grid):
                raise RasterError(f"{raster}: label grid was made for another raster grid")
        else:
            lg = label_grid(zones, like=grid, key=key, all_touched=all_touched)
        if not 1 <= band <= src.count:
            raise RasterError(f"{raster}: has {src.count} band(s), band {band} was asked for")
        wsrc = None
        if weights is not None:
            wsrc = _open(stack, weights)
            if not Grid.of(wsrc).same_as(grid):
                raise RasterError(
                    f"{weights}: weights raster is not on the grid of {raster} "
                    "(same transform, shape and CRS are required)"
                )
        acc = _Accumulator(
            lg.n_zones,
            extremes=Stat.MIN in chosen or Stat.MAX in chosen,
            weighted=wsrc is not None,
        )
        strips = lg.strips(_strip_rows(src, band))
        windows = [strip.window for strip in strips]
        sources = [src] if wsrc is None else [src, wsrc]
        for strip, arrays in zip(strips, _prefetch(sources, band, windows), strict=True):
            if wsrc is None:
                acc.add(strip, arrays[0], src.nodata)
            else:
                acc.add(strip, arrays[0], src.nodata, arrays[1], wsrc.nodata)
    return _table(acc, lg.keys, chosen, weighted=wsrc is not None)


def _prefetch(sources: list[Any], band: int, windows: list[Window]) -> Iterator[list[np.ndarray]]:
    """Yield each window of every source, reading the next strip while one is processed.

    GDAL releases the GIL while it decodes, and so do numpy's reductions, so one reader
    thread per source overlaps decompression with aggregation.
    """
    if not windows:
        return
    with ThreadPoolExecutor(max_workers=len(sources)) as pool:

        def submit(window: Window) -> list[Future[np.ndarray]]:
            return [pool.submit(s.read, band, window=window) for s in sources]

        pending = submit(windows[0])
        for following in [*windows[1:], None]:
            arrays = [future.result() for future in pending]
            if following is not None:
                pending = submit(following)
            yield arrays


def _open(stack: ExitStack, path: str | os.PathLike[str]) -> Any:
    try:
        return stack.enter_context(rasterio.open(path))
    except rasterio.errors.RasterioIOError as err:
        raise RasterError(f"{path}: cannot be opened as a raster ({err})") from err


def _table(
    acc: _Accumulator, keys: pd.Index, chosen: tuple[Stat, ...], *, weighted: bool
) -> pd.DataFrame:
    count = acc.count[1:]
    empty = count == 0
    columns: dict[str, np.ndarray] = {}
    with np.errstate(invalid="ignore", divide="ignore"):
        for stat in chosen:
            if stat is Stat.COUNT:
                columns[stat.value] = count
            elif stat is Stat.SUM:
                columns[stat.value] = np.where(empty, np.nan, acc.sum[1:])
            elif stat is Stat.MEAN:
                columns[stat.value] = np.where(empty, np.nan, acc.sum[1:] / count)
            elif stat is Stat.MIN:
                columns[stat.value] = np.where(empty, np.nan, acc.min[1:])
            elif stat is Stat.MAX:
                columns[stat.value] = np.where(empty, np.nan, acc.max[1:])
        if weighted:
            total = acc.wtotal[1:]
            columns["weighted_mean"] = np.where(total != 0, acc.wsum[1:] / total, np.nan)
    return pd.DataFrame(columns, index=keys)
