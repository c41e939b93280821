"""Scoring engine of the atlas of integration potential.

Scores describe the *conditions* a district offers (labour market, housing,
services, accessibility, civic life), never its people. Every assumption is an
explicit field of :class:`ScoringSpec`; :func:`run` returns a :class:`Result`
that carries its spec, and with ``mc_draws > 0`` a rank interval per district and
sensitivity indices per assumption.

Examples
--------
>>> from potentials import ScoringSpec, load_framework, run  # doctest: +SKIP
>>> spec = ScoringSpec(load_framework("thuenen2016"), mc_draws=1000)  # doctest: +SKIP
>>> result = run(atlas, spec)  # doctest: +SKIP
"""

from potentials.classify import Classes, ClassMethod, classify
from potentials.diagnostics import Diagnostics, cronbach_alpha, diagnose
from potentials.errors import (
    ClassificationError,
    FrameworkError,
    PotentialsError,
    SpecificationError,
    WeightError,
)
from potentials.export import write_csv, write_geopackage
from potentials.framework import (
    Alternative,
    Domain,
    Framework,
    Indicator,
    Transform,
    available_frameworks,
    load_framework,
)
from potentials.normalise import (
    DistanceToReference,
    MinMax,
    Normalisation,
    PercentileRank,
    ZScore,
    make_normaliser,
)
from potentials.palettes import Palette, palette
from potentials.pipeline import Result, run
from potentials.prepare import Prepared, prepare
from potentials.sensitivity import FACTORS, ROBUSTNESS_CLASSES, classify_robustness
from potentials.spec import Aggregation, MissingPolicy, ScoringSpec, Weighting
from potentials.typology import (
    RURAL_TYPE_EN,
    RURAL_TYPES,
    SETTLEMENT_TYPE_EN,
    SETTLEMENT_TYPES,
    compare_by_type,
)

__all__ = [
    "FACTORS",
    "ROBUSTNESS_CLASSES",
    "RURAL_TYPES",
    "RURAL_TYPE_EN",
    "SETTLEMENT_TYPES",
    "SETTLEMENT_TYPE_EN",
    "Aggregation",
    "Alternative",
    "ClassMethod",
    "Classes",
    "ClassificationError",
    "Diagnostics",
    "DistanceToReference",
    "Domain",
    "Framework",
    "FrameworkError",
    "Indicator",
    "MinMax",
    "MissingPolicy",
    "Normalisation",
    "Palette",
    "PercentileRank",
    "PotentialsError",
    "Prepared",
    "Result",
    "ScoringSpec",
    "SpecificationError",
    "Transform",
    "WeightError",
    "Weighting",
    "ZScore",
    "available_frameworks",
    "classify",
    "classify_robustness",
    "compare_by_type",
    "cronbach_alpha",
    "diagnose",
    "load_framework",
    "make_normaliser",
    "palette",
    "prepare",
    "run",
    "write_csv",
    "write_geopackage",
]
