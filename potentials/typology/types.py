"""The five rural types of Küpper (2016) from the two indices of the Kreisregionen.

* **rural** where Ländlichkeit > −0.2, the published threshold (set by Küpper at a break in
  the distribution of the index), otherwise *nicht ländlich*;
* the rural Kreisregionen are split into *sehr* and *eher ländlich* and, crossed with that,
  into *gute* and *weniger gute sozioökonomische Lage*.

The publication's summaries available to this project document the −0.2 threshold but not
the two splits; they are therefore parameters of :class:`RuralThresholds`. The default splits
each at the **median of the rural Kreisregionen** (strictly above → *sehr ländlich* /
*gute Lage*), a rule chosen here and stated in the result metadata. Either split can be set
to a fixed index value instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "NON_RURAL",
    "RURAL_TYPES",
    "RURAL_TYPE_EN",
    "RuralThresholds",
    "rural_types",
]

NON_RURAL = "nicht ländlich"
RURAL_TYPES = (
    "sehr ländlich / gute sozioökonomische Lage",
    "sehr ländlich / weniger gute sozioökonomische Lage",
    "eher ländlich / gute sozioökonomische Lage",
    "eher ländlich / weniger gute sozioökonomische Lage",
    NON_RURAL,
)
RURAL_TYPE_EN = dict(
    zip(
        RURAL_TYPES,
        (
            "very rural / good socio-economic position",
            "very rural / less good socio-economic position",
            "rather rural / good socio-economic position",
            "rather rural / less good socio-economic position",
            "non-rural",
        ),
        strict=True,
    )
)

Split = float | Literal["median"]


@dataclass(frozen=True)
class RuralThresholds:
    """Where the rural types are cut.

    Attributes
    ----------
    rural
        Rural where Ländlichkeit is strictly above this value (Küpper 2016: −0.2).
    very_rural
        *Sehr ländlich* where Ländlichkeit is strictly above this value; ``"median"``
        (default) = the median Ländlichkeit of the rural Kreisregionen.
    good_position
        *Gute sozioökonomische Lage* where the socio-economic index is strictly above
        this value; ``"median"`` (default) = the median of the rural Kreisregionen.
    """

    rural: float = -0.2
    very_rural: Split = "median"
    good_position: Split = "median"

    def describe(self) -> str:
        """One line for the metadata."""

        def split(value: Split, what: str) -> str:
            if value == "median":
                return f"strictly above the median {what} of the rural Kreisregionen"
            return f"{what} strictly above {value:g}"

        return (
            f"rural where rurality > {self.rural:g} (Küpper 2016); sehr ländlich where "
            f"{split(self.very_rural, 'rurality')}; gute sozioökonomische Lage where "
            f"{split(self.good_position, 'socio-economic index')} (splits: rule chosen here, "
            "not taken from the publication)"
        )


def _cut(values: np.ndarray, rural: np.ndarray, split: Split) -> float:
    if split == "median":
        chosen = values[rural & np.isfinite(values)]
        return float(np.median(chosen)) if chosen.size else np.nan
    return float(split)


def rural_types(
    rurality: pd.Series,
    socioeconomic: pd.Series,
    *,
    thresholds: RuralThresholds | None = None,
) -> pd.Series:
    """Type of each unit (normally Kreisregionen) from its two indices.

    Parameters
    ----------
    rurality
        Ländlichkeit index (higher = more rural), one value per unit.
    socioeconomic
        Socio-economic index (higher = better position), same units.
    thresholds
        Where to cut (defaults: see :class:`RuralThresholds`).

    Returns
    -------
    pandas.Series
        German labels (see :data:`RURAL_TYPES`, English in :data:`RURAL_TYPE_EN`), same
        index as ``rurality``. A unit without Ländlichkeit gets None, and so does a rural
        unit without a socio-economic value.
    """
    t = thresholds or RuralThresholds()
    r = pd.to_numeric(rurality, errors="coerce").to_numpy(float)
    s = pd.to_numeric(socioeconomic.reindex(rurality.index), errors="coerce").to_numpy(float)
    known = np.isfinite(r)
    rural = known & (r > t.rural)
    very = rural & (r > _cut(r, rural, t.very_rural))
    good = s > _cut(s, rural, t.good_position)
    out = np.full(r.shape, None, dtype=object)
    out[known & ~rural] = NON_RURAL
    out[very & good] = RURAL_TYPES[0]
    out[very & ~good] = RURAL_TYPES[1]
    out[rural & ~very & good] = RURAL_TYPES[2]
    out[rural & ~very & ~good] = RURAL_TYPES[3]
    out[rural & ~np.isfinite(s)] = None
    return pd.Series(out, index=rurality.index, name="rural_type", dtype=object)
