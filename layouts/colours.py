"""Map classes and colours: the engine's classes (:func:`potentials.classify`) on screen.

The one classifier is :func:`potentials.classify`; this module adds what a stepped
Plotly colour scale needs (class per district with -1 for missing, colours in the
orientation that keeps one meaning for "favourable") and the colour-blind-safe
palettes of the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

import potentials
from potentials.classify import K_MAX, K_MIN

#: Colour-blind-safe palettes of the engine (sequential: viridis, cividis; diverging:
#: PuOr, BrBG).
PALETTES: tuple[str, ...] = tuple(p.value for p in potentials.Palette)
DEFAULT_PALETTE = "viridis"
MISSING_COLOUR = "#d9d9d9"

METHODS: tuple[str, ...] = tuple(m.value for m in potentials.ClassMethod)
DEFAULT_METHOD = "quantiles"
K_CHOICES: tuple[int, ...] = tuple(range(K_MIN, K_MAX + 1))
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
        One colour per class; the last colour of the palette (light, for viridis)
        always marks the most favourable class.
    requested
        Classes asked for.
    shortfall
        Why there are fewer (:attr:`potentials.Classes.shortfall`), else None.
    """

    edges: tuple[float, ...]
    cls: tuple[int, ...]
    counts: tuple[int, ...]
    colours: tuple[str, ...]
    requested: int = DEFAULT_K
    shortfall: str | None = None


def palette_colours(name: str, k: int, *, reverse: bool = False) -> tuple[str, ...]:
    """``k`` colours of a named colour-blind-safe palette (:func:`potentials.palette`)."""
    name = name if name in PALETTES else DEFAULT_PALETTE
    return tuple(potentials.palette(name, max(1, min(int(k), 9)), reverse=reverse))


def classify(
    values: pd.Series,
    *,
    method: str = DEFAULT_METHOD,
    k: int = DEFAULT_K,
    palette: str = DEFAULT_PALETTE,
    favourable_high: bool = True,
) -> MapClasses:
    """Classify the non-missing values with :func:`potentials.classify`.

    Parameters
    ----------
    values
        One value per district (NaN for missing).
    method
        One of :data:`METHODS`.
    k
        Requested number of classes (:func:`potentials.classify.check_k`).
    palette
        One of :data:`PALETTES`.
    favourable_high
        Whether high values are favourable; if not, the palette is reversed so that
        the favourable end has the same colour as on the score maps.

    Returns
    -------
    MapClasses
    """
    arr = values.to_numpy(dtype=float)
    ok = np.isfinite(arr)
    cls = np.full(arr.shape, -1, dtype=int)
    if not ok.any():
        colours = palette_colours(palette, 1)
        return MapClasses((0.0, 1.0), tuple(cls.tolist()), (0,), colours, int(k), None)
    result = potentials.classify(arr, method=method, k=int(k))
    cls[ok] = result.bins[ok]
    return MapClasses(
        edges=tuple(float(e) for e in result.edges),
        cls=tuple(int(c) for c in cls),
        counts=tuple(int(c) for c in result.counts),
        colours=palette_colours(palette, result.k, reverse=not favourable_high),
        requested=result.requested,
        shortfall=result.shortfall,
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
