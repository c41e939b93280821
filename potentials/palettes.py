"""Colour-blind-safe palettes as hex lists, shared by the dashboard and the QGIS style.

Sequential palettes are sampled from matplotlib's *viridis* and *cividis*
(perceptually uniform, readable with the common colour-vision deficiencies);
diverging ones are ColorBrewer *PuOr* and *BrBG* (marked colour-blind safe by
ColorBrewer). No plotting library is imported.
"""

from __future__ import annotations

import enum

from potentials.errors import ClassificationError

__all__ = ["Palette", "palette"]

# 9 anchors of each sequential map (evenly spaced along the map)
_VIRIDIS = ("#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c",
            "#28ae80", "#5ec962", "#addc30", "#fde725")  # fmt: skip
_CIVIDIS = ("#00204c", "#00336f", "#39486b", "#575c6d", "#707173",
            "#8a8779", "#a69d75", "#c4b56c", "#e4cf5b")  # fmt: skip
# ColorBrewer 9-class diverging schemes (Cynthia Brewer, Apache-2.0 licence)
_PUOR = ("#b35806", "#e08214", "#fdb863", "#fee0b6", "#f7f7f7",
         "#d8daeb", "#b2abd2", "#8073ac", "#542788")  # fmt: skip
_BRBG = ("#8c510a", "#bf812d", "#dfc27d", "#f6e8c3", "#f5f5f5",
         "#c7eae5", "#80cdc1", "#35978f", "#01665e")  # fmt: skip


class Palette(enum.Enum):
    """Available palettes."""

    VIRIDIS = "viridis"
    CIVIDIS = "cividis"
    PUOR = "puor"
    BRBG = "brbg"

    @property
    def diverging(self) -> bool:
        """Whether the palette diverges from a neutral midpoint."""
        return self in (Palette.PUOR, Palette.BRBG)


_ANCHORS = {
    Palette.VIRIDIS: _VIRIDIS,
    Palette.CIVIDIS: _CIVIDIS,
    Palette.PUOR: _PUOR,
    Palette.BRBG: _BRBG,
}


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _interpolate(anchors: tuple[str, ...], t: float) -> str:
    pos = t * (len(anchors) - 1)
    i = min(int(pos), len(anchors) - 2)
    f = pos - i
    a, b = _hex_to_rgb(anchors[i]), _hex_to_rgb(anchors[i + 1])
    r, g, bl = (round(x + (y - x) * f) for x, y in zip(a, b, strict=True))
    return f"#{r:02x}{g:02x}{bl:02x}"


def palette(
    name: Palette | str = Palette.VIRIDIS, k: int = 5, *, reverse: bool = False
) -> list[str]:
    """Return ``k`` colours of a palette, from low to high values.

    Parameters
    ----------
    name
        Palette (enum member or its value).
    k
        Number of colours, 1 to 9 (the dashboard and QGIS classes).
    reverse
        Reverse the order.

    Returns
    -------
    list of str
        Hex colours ``#rrggbb``; for ``k == 9`` exactly the palette's anchors.
    """
    pal = Palette(name.value if isinstance(name, Palette) else str(name).lower())
    if not 1 <= k <= 9:
        raise ClassificationError(f"the class count k must be between 1 and 9, got {k}")
    anchors = _ANCHORS[pal]
    if k == 1:
        colours = [anchors[len(anchors) // 2]]
    else:
        colours = [_interpolate(anchors, i / (k - 1)) for i in range(k)]
    return colours[::-1] if reverse else colours
