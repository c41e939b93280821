"""Rural/urban typologies of the districts and comparison statistics by type.

Two typologies describe a district's settlement structure (never its people):

* :func:`settlement_types` – an approximation of the BBSR *siedlungsstrukturelle
  Kreistypen* **without the town-share criterion** (:mod:`.settlement`);
* :func:`kuepper_typology` – rurality after Küpper (2016), Thünen Working Paper 68,
  recomputed with the atlas' data: Kreisregionen (:mod:`.kreisregionen`), the
  Ländlichkeit and socio-economic indices (:mod:`.index`, :mod:`.kuepper`) and the five
  rural types (:mod:`.types`). It is a recomputation, not the official classification.
"""

from __future__ import annotations

from potentials.typology.compare import compare_by_type, type_summary
from potentials.typology.index import ComponentIndex, first_component
from potentials.typology.kreisregionen import (
    MIN_CITY_POPULATION,
    kreisregion_pairs,
    kreisregionen,
)
from potentials.typology.kuepper import (
    RURALITY_VARIABLES,
    SOCIOECONOMIC_VARIABLES,
    Typology,
    kuepper_typology,
)
from potentials.typology.potential import population_potential
from potentials.typology.settlement import (
    SETTLEMENT_TYPE_EN,
    SETTLEMENT_TYPE_METHOD,
    SETTLEMENT_TYPES,
    SettlementThresholds,
    is_independent_city,
    settlement_types,
)
from potentials.typology.types import (
    NON_RURAL,
    RURAL_TYPE_EN,
    RURAL_TYPES,
    RuralThresholds,
    rural_types,
)

__all__ = [
    "MIN_CITY_POPULATION",
    "NON_RURAL",
    "PUBLISHED_RURAL_SHARES",
    "RURALITY_VARIABLES",
    "RURAL_TYPES",
    "RURAL_TYPE_EN",
    "SETTLEMENT_TYPES",
    "SETTLEMENT_TYPE_EN",
    "SETTLEMENT_TYPE_METHOD",
    "SOCIOECONOMIC_VARIABLES",
    "ComponentIndex",
    "RuralThresholds",
    "SettlementThresholds",
    "Typology",
    "compare_by_type",
    "first_component",
    "is_independent_city",
    "kreisregion_pairs",
    "kreisregionen",
    "kuepper_typology",
    "population_potential",
    "rural_types",
    "settlement_types",
    "type_summary",
]

#: Küpper (2016): rural Kreisregionen hold 57.2 % of the population on 91.3 % of the area
#: (267 of 361 Kreisregionen, data 2011-2015).
PUBLISHED_RURAL_SHARES = {"population": 0.572, "area": 0.913, "kreisregionen": 267, "of": 361}
