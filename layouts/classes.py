"""Class breaks and colours of the map (via :func:`potentials.classify`).

Adapter: turns the engine's classification into what a stepped Plotly colour scale
needs (edges, class per district, colours) and keeps palettes colour-blind safe.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

import potentials

#: Colour-blind-safe palettes of the engine (sequential: viridis, cividis; diverging:
#: PuOr, BrBG).
PALETTES: tuple[str, ...] = tuple(p.value for p in potentials.Palette)
DEFAULT_PALETTE = "viridis"
MISSING_COLOUR = "#d9d9d9"

METHODS: tuple[str, ...] = ("quantiles", "fisher_jenks", "equal_interval", "std_mean")
DEFAULT_METHOD = "quantiles"
K_CHOICES: tuple[int, ...] = (3, 4, 5, 6, 7)
DEFAULT_K = 5


@dataclass(frozen=True)
class MapClasses:
    """Classes of one measure for the map.

    Attributes
    ----------
    edges
        ``k + 1`` class edges from the minimum to the maximum.
    cls
        Class index (0..k-1) per district, ``-1`` for a missing value.
    counts
        Districts per class.
    colours
        One colour per class.
    """

    edges: tuple[float, ...]
    cls: tuple[int, ...]
    counts: tuple[int, ...]
    colours: tuple[str, ...]


def palette_colours(name: str, k: int) -> tuple[str, ...]:
    """``k`` colours of a named colour-blind-safe palette (:func:`potentials.palette`)."""
    name = name if name in PALETTES else DEFAULT_PALETTE
    return tuple(potentials.palette(name, max(1, min(int(k), 9))))


def _method(name: str) -> potentials.ClassMethod:
    return potentials.ClassMethod[name.upper()]


def classify(
    values: pd.Series,
    *,
    method: str = DEFAULT_METHOD,
    k: int = DEFAULT_K,
    palette: str = DEFAULT_PALETTE,
) -> MapClasses:
    """Classify the non-missing values with :func:`potentials.classify`.

    Parameters
    ----------
    values
        One value per district (NaN for missing).
    method
        One of :data:`METHODS`.
    k
        Requested number of classes (fewer if the data have fewer distinct values).
    palette
        One of :data:`PALETTES`.

    Returns
    -------
    MapClasses
    """
    arr = values.to_numpy(dtype=float)
    ok = np.isfinite(arr)
    cls = np.full(arr.shape, -1, dtype=int)
    if not ok.any():
        return MapClasses((0.0, 1.0), tuple(cls.tolist()), (0,), palette_colours(palette, 1))
    finite = arr[ok]
    k_eff = int(max(1, min(k, len(np.unique(finite)))))
    result = potentials.classify(finite, method=_method(method), k=k_eff)
    upper = np.maximum.accumulate(np.asarray(result.breaks, dtype=float))
    upper[-1] = max(upper[-1], float(finite.max()))
    lower = min(float(result.lower), float(finite.min()), float(upper[0]))
    cls[ok] = np.asarray(result.bins, dtype=int)
    counts = np.bincount(cls[ok], minlength=len(upper))
    edges = (lower, *(float(u) for u in upper))
    return MapClasses(
        edges=edges,
        cls=tuple(int(c) for c in cls),
        counts=tuple(int(c) for c in counts),
        colours=palette_colours(palette, len(upper)),
    )


def stepped_colorscale(
    values: pd.Series, classes: MapClasses
) -> tuple[list[list[object]], float, float, list[float]]:
    """Build a stepped Plotly colour scale reproducing ``classes`` exactly.

    Each step sits midway between the largest value of one class and the smallest
    of the next, so a value equal to a class edge gets its class's colour. Missing
    values are drawn at ``zmin`` (one step below the data) in :data:`MISSING_COLOUR`.

    Returns
    -------
    colorscale, zmin, zmax, tick positions (class edges)
    """
    arr = values.to_numpy(dtype=float)
    cls = np.asarray(classes.cls)
    ok = cls >= 0
    lo, hi = classes.edges[0], classes.edges[-1]
    span = hi - lo if hi > lo else 1.0
    zmin = lo - span * 0.02
    zmax = hi if hi > lo else lo + 1.0
    total = zmax - zmin

    def pos(x: float) -> float:
        return float(min(1.0, max(0.0, (x - zmin) / total)))

    steps = [pos(lo - span * 0.01)]
    k = len(classes.colours)
    for i in range(k - 1):
        below = arr[ok & (cls == i)]
        above = arr[ok & (cls > i)]
        top = float(below.max()) if below.size else classes.edges[i + 1]
        nxt = float(above.min()) if above.size else classes.edges[i + 1]
        steps.append(pos((top + nxt) / 2))
    scale: list[list[object]] = [[0.0, MISSING_COLOUR], [steps[0], MISSING_COLOUR]]
    for i, colour in enumerate(classes.colours):
        start = steps[i]
        end = steps[i + 1] if i + 1 < k else 1.0
        scale.append([round(start, 6), colour])
        scale.append([round(end, 6), colour])
    # positions must be non-decreasing and end at 1
    for j in range(1, len(scale)):
        scale[j][0] = max(float(scale[j][0]), float(scale[j - 1][0]))  # type: ignore[arg-type]
    scale[-1][0] = 1.0
    return scale, zmin, zmax, list(classes.edges)


def changed(before: list[int] | tuple[int, ...] | None, after: tuple[int, ...]) -> int | None:
    """How many districts changed class (``None`` if there is nothing to compare)."""
    if not before or len(before) != len(after):
        return None
    return int(sum(1 for a, b in zip(before, after, strict=True) if a != b))
