"""Settlement-structure types, an approximation of the BBSR *siedlungsstrukturelle Kreistypen*.

The BBSR types combine the population share living in large and medium-sized towns
with density. The atlas holds neither town sizes nor that share, so the types here are
an **approximation without the town-share criterion**, and every label says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "SETTLEMENT_TYPES",
    "SETTLEMENT_TYPE_EN",
    "SETTLEMENT_TYPE_METHOD",
    "SettlementThresholds",
    "is_independent_city",
    "settlement_types",
]

SETTLEMENT_TYPES = (
    "kreisfreie Großstadt",
    "städtischer Kreis",
    "ländlicher Kreis mit Verdichtungsansätzen",
    "dünn besiedelter ländlicher Kreis",
)
SETTLEMENT_TYPE_EN = dict(
    zip(
        SETTLEMENT_TYPES,
        (
            "large independent city",
            "urban district",
            "rural district with densification",
            "sparsely populated rural district",
        ),
        strict=True,
    )
)

#: How the settlement type is approximated (recorded in the result metadata).
SETTLEMENT_TYPE_METHOD = (
    "approximation of the BBSR settlement-structure district types with no town-share "
    "criterion: kreisfreie Stadt >= 100,000 inh. -> kreisfreie "
    "Großstadt, smaller kreisfreie Stadt -> städtischer Kreis; other districts by density: "
    ">= 150 inh/km² städtisch, 100-150 Verdichtungsansätze, < 100 dünn besiedelt"
)


@dataclass(frozen=True)
class SettlementThresholds:
    """Thresholds of the settlement-type approximation.

    Attributes
    ----------
    city_population
        Minimum population of a kreisfreie Stadt to count as Großstadt (BBSR: 100,000).
    urban_density
        Minimum density (inh/km²) of a Landkreis to count as städtisch (BBSR: 150).
    densifying_density
        Minimum density of a Landkreis with Verdichtungsansätzen (BBSR: 100).
    """

    city_population: float = 100_000
    urban_density: float = 150.0
    densifying_density: float = 100.0


def is_independent_city(kind: object) -> bool:
    """Whether an atlas ``kind`` label denotes a kreisfreie Stadt (Stadtkreis)."""
    text = str(kind).strip().lower()
    if "landkreis" in text or text in {"kreis", "district", "rural district"}:
        return False
    return "kreisfrei" in text or "stadtkreis" in text or text in {"city", "urban", "stadt"}


def settlement_types(
    districts: pd.DataFrame, *, thresholds: SettlementThresholds | None = None
) -> pd.Series:
    """Approximate BBSR settlement-structure type of each district.

    * kreisfreie Stadt with population >= 100,000 → *kreisfreie Großstadt*;
    * kreisfreie Stadt below 100,000 → *städtischer Kreis* (BBSR merges these);
    * other districts by density: >= 150 inh/km² → *städtischer Kreis*,
      100–150 → *ländlicher Kreis mit Verdichtungsansätzen*,
      < 100 → *dünn besiedelter ländlicher Kreis* (BBSR's density thresholds, without
      its town-share criterion).

    Without the town-share criterion, densely settled Landkreise without larger
    towns count as *städtisch*, so this approximation assigns more districts to
    *städtischer Kreis* than the BBSR's own classification.

    Parameters
    ----------
    districts
        Table with ``kind``, ``population`` and ``area_km2``.
    thresholds
        Thresholds to use (defaults as above).

    Returns
    -------
    pandas.Series
        German type labels (see :data:`SETTLEMENT_TYPES`), same index as ``districts``.
    """
    t = thresholds or SettlementThresholds()
    population = pd.to_numeric(districts["population"], errors="coerce").to_numpy(float)
    area = pd.to_numeric(districts["area_km2"], errors="coerce").to_numpy(float)
    with np.errstate(all="ignore"):
        density = population / area
    city = np.array([is_independent_city(k) for k in districts["kind"]], dtype=bool)
    by_density = np.where(
        density >= t.urban_density,
        SETTLEMENT_TYPES[1],
        np.where(density >= t.densifying_density, SETTLEMENT_TYPES[2], SETTLEMENT_TYPES[3]),
    )
    by_size = np.where(population >= t.city_population, SETTLEMENT_TYPES[0], SETTLEMENT_TYPES[1])
    labels = np.where(city, by_size, by_density)
    return pd.Series(labels, index=districts.index, name="settlement_type", dtype=object)
