"""The scoring specification: every assumption of a run, explicit and immutable.

Changing an assumption is ``dataclasses.replace(spec, domain_weights={...})``;
a :class:`~potentials.pipeline.Result` carries the spec it was computed from.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from potentials.errors import SpecificationError, WeightError
from potentials.framework import Framework, load_framework
from potentials.normalise import Normalisation

__all__ = [
    "MAX_WEIGHT",
    "MIN_WEIGHT",
    "Aggregation",
    "FrozenWeights",
    "MissingPolicy",
    "ScoringSpec",
    "Weighting",
    "check_weight",
]

#: Smallest positive relative weight; 0 leaves a domain or indicator out. Below it a
#: weight is almost surely a typo, and it would vanish in any rounding of a shared link.
MIN_WEIGHT = 0.001
#: Largest relative weight. Together with :data:`MIN_WEIGHT` it bounds the ratio of
#: two weights at 10⁶ and keeps every sum of weights far from overflow.
MAX_WEIGHT = 1000.0


class Aggregation(enum.Enum):
    """How indicator values are combined into domain scores and domains into the composite.

    ARITHMETIC
        Weighted arithmetic mean: full compensation between indicators.
    GEOMETRIC
        Weighted geometric mean: weak values are compensated less. Needs positive
        inputs, so each normalised indicator is shifted to ``v - min(v) + 1`` over the
        districts (minimum 1, differences kept) before aggregating.
    """

    ARITHMETIC = "arithmetic"
    GEOMETRIC = "geometric"


class Weighting(enum.Enum):
    """Where the weights come from (``domain_weights``/``indicator_weights`` override).

    FRAMEWORK
        The weights written in the framework file.
    EQUAL_INDICATORS
        Every indicator the same share of the composite (domains weighted by their
        number of indicators).
    EQUAL_DOMAINS
        Every domain the same share; indicators equal within their domain.
    PCA
        Indicator weights from a principal component analysis of the normalised
        indicators (see :func:`potentials.weighting.pca_weights`); a domain's weight
        is the sum of its indicators' weights.
    """

    FRAMEWORK = "framework"
    EQUAL_INDICATORS = "equal_indicators"
    EQUAL_DOMAINS = "equal_domains"
    PCA = "pca"


class MissingPolicy(enum.Enum):
    """Treatment of missing indicator values.

    RENORMALISE
        A domain score averages the indicators present, with their weights
        renormalised to sum to one; the composite likewise over present domains.
    MEDIAN_IMPUTE
        A missing normalised value is replaced by the median of the districts.

    Under both, a district's ``coverage`` is the weighted share of indicators
    actually present, and below ``min_coverage`` its composite is NaN and flagged.
    """

    RENORMALISE = "renormalise"
    MEDIAN_IMPUTE = "median_impute"


class FrozenWeights(Mapping[str, float]):
    """An immutable, hashable ``{code: weight}`` mapping."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, float]) -> None:
        self._items = dict(items)

    def __getitem__(self, key: str) -> float:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._items.items())))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self._items) == dict(other)

    def __repr__(self) -> str:
        return f"FrozenWeights({self._items!r})"


def _enum(cls: type[enum.Enum], value: Any, name: str) -> Any:
    try:
        return cls(value.value if isinstance(value, enum.Enum) else value)
    except ValueError:
        allowed = ", ".join(m.value for m in cls)
        raise SpecificationError(f"{name} must be one of {allowed}, got {value!r}") from None


def _enum_tuple(cls: type[enum.Enum], values: Any, name: str) -> tuple[Any, ...] | None:
    if values is None:
        return None
    if isinstance(values, enum.Enum | str):
        values = (values,)
    out = tuple(dict.fromkeys(_enum(cls, v, name) for v in values))
    if not out:
        raise SpecificationError(f"{name} must list at least one method (or be None for all)")
    return out


def check_weight(code: str, value: object, *, level: str = "domain") -> float:
    """Return ``value`` as a relative weight, or raise :class:`WeightError` saying why.

    A relative weight is 0 (left out) or a finite number in
    [:data:`MIN_WEIGHT`, :data:`MAX_WEIGHT`]; weights are turned into shares of
    their total before use (see :func:`potentials.weighting.weight_shares`).

    Parameters
    ----------
    code
        Domain or indicator code (named in the message).
    value
        The weight as given.
    level
        ``"domain"`` or ``"indicator"``.

    Returns
    -------
    float

    Raises
    ------
    WeightError
        With ``reason`` one of ``not_number``, ``not_finite``, ``negative``,
        ``too_small``, ``too_large``.
    """
    where = f"{level} weight {code}={value!r}"
    number = math.nan
    if not isinstance(value, bool):
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            pass
    if isinstance(value, bool | str) or (number != number and not isinstance(value, float)):
        reason, problem = "not_number", "a weight must be a number"
    elif not math.isfinite(number):
        reason, problem = "not_finite", "a weight must be a finite number"
    elif number < 0:
        reason, problem = "negative", "a weight must be >= 0"
    elif 0 < number < MIN_WEIGHT:
        reason, problem = "too_small", f"a positive weight must be at least {MIN_WEIGHT:g}"
    elif number > MAX_WEIGHT:
        reason, problem = "too_large", f"a weight must be at most {MAX_WEIGHT:g}"
    else:
        return number
    raise WeightError(
        f"{where}: {problem}; 0 leaves it out",
        reason=reason,
        level=level,
        code=code,
        value=value,
    )


def _weights(values: Mapping[str, float] | None, name: str) -> FrozenWeights | None:
    if values is None:
        return None
    level = "domain" if name.startswith("domain") else "indicator"
    return FrozenWeights({str(k): check_weight(str(k), v, level=level) for k, v in values.items()})


@dataclass(frozen=True)
class ScoringSpec:
    """Every assumption of a scoring run.

    Parameters
    ----------
    framework
        The indicator framework, or the name/path of one (loaded on creation).
    normalisation
        Normalisation method.
    aggregation
        Aggregation method (indicators → domains → composite).
    weighting
        Source of the weights; ``domain_weights``/``indicator_weights`` override it.
    domain_weights
        Relative domain weights by domain code (>= 0; unnamed domains keep theirs).
    indicator_weights
        Relative indicator weights within their domain, by indicator code (>= 0).
    missing
        Missing-data policy.
    min_coverage
        Minimum weighted share of indicators present for a district to get a composite.
    mc_draws
        Number of Monte Carlo model evaluations (0: no uncertainty analysis; else >= 6).
    seed
        Seed of :func:`numpy.random.default_rng` for the Monte Carlo.
    perturbation
        Relative weight perturbation: each weight is multiplied by U(1 - p, 1 + p).
    mc_normalisations, mc_aggregations, mc_missing
        Alternatives drawn in the Monte Carlo; ``None`` means every method.
    pca_variance
        Cumulative explained-variance share the PCA components must reach.
    """

    framework: Framework
    normalisation: Normalisation = Normalisation.ZSCORE
    aggregation: Aggregation = Aggregation.ARITHMETIC
    weighting: Weighting = Weighting.FRAMEWORK
    domain_weights: Mapping[str, float] | None = None
    indicator_weights: Mapping[str, float] | None = None
    missing: MissingPolicy = MissingPolicy.RENORMALISE
    min_coverage: float = 0.5
    mc_draws: int = 0
    seed: int = 0
    perturbation: float = 0.25
    mc_normalisations: tuple[Normalisation, ...] | None = None
    mc_aggregations: tuple[Aggregation, ...] | None = None
    mc_missing: tuple[MissingPolicy, ...] | None = None
    pca_variance: float = 0.6
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        put = object.__setattr__  # frozen: normalise the fields once, on creation
        if isinstance(self.framework, str | Path):
            put(self, "framework", load_framework(self.framework))
        if not isinstance(self.framework, Framework):
            raise SpecificationError(
                f"framework must be a Framework or a framework name, got {self.framework!r}"
            )
        put(self, "normalisation", _enum(Normalisation, self.normalisation, "normalisation"))
        put(self, "aggregation", _enum(Aggregation, self.aggregation, "aggregation"))
        put(self, "weighting", _enum(Weighting, self.weighting, "weighting"))
        put(self, "missing", _enum(MissingPolicy, self.missing, "missing"))
        put(
            self,
            "mc_normalisations",
            _enum_tuple(Normalisation, self.mc_normalisations, "mc_normalisations"),
        )
        put(
            self,
            "mc_aggregations",
            _enum_tuple(Aggregation, self.mc_aggregations, "mc_aggregations"),
        )
        put(self, "mc_missing", _enum_tuple(MissingPolicy, self.mc_missing, "mc_missing"))
        put(self, "domain_weights", _weights(self.domain_weights, "domain_weights"))
        put(self, "indicator_weights", _weights(self.indicator_weights, "indicator_weights"))
        problems = []
        if not 0.0 <= float(self.min_coverage) <= 1.0:
            problems.append(f"min_coverage must lie in [0, 1], got {self.min_coverage!r}")
        if isinstance(self.mc_draws, bool) or not isinstance(self.mc_draws, int):
            problems.append(f"mc_draws must be an integer, got {self.mc_draws!r}")
        elif self.mc_draws != 0 and self.mc_draws < 6:
            problems.append(f"mc_draws must be 0 or at least 6, got {self.mc_draws}")
        if not 0.0 <= float(self.perturbation) < 1.0:
            problems.append(f"perturbation must lie in [0, 1), got {self.perturbation!r}")
        if not 0.0 < float(self.pca_variance) <= 1.0:
            problems.append(f"pca_variance must lie in (0, 1], got {self.pca_variance!r}")
        if problems:
            raise SpecificationError("; ".join(problems))
        known_domains = set(self.framework.domain_codes)
        if self.domain_weights is not None:
            unknown = sorted(set(self.domain_weights) - known_domains)
            if unknown:
                raise SpecificationError(
                    f"domain_weights name unknown domain(s) {', '.join(unknown)}; "
                    f"framework {self.framework.name!r} has {', '.join(sorted(known_domains))}"
                )

    @property
    def normalisations(self) -> tuple[Normalisation, ...]:
        """Normalisation alternatives of the Monte Carlo."""
        return self.mc_normalisations or tuple(Normalisation)

    @property
    def aggregations(self) -> tuple[Aggregation, ...]:
        """Aggregation alternatives of the Monte Carlo."""
        return self.mc_aggregations or tuple(Aggregation)

    @property
    def missing_policies(self) -> tuple[MissingPolicy, ...]:
        """Missing-data alternatives of the Monte Carlo."""
        return self.mc_missing or tuple(MissingPolicy)

    def describe(self) -> dict[str, str]:
        """Describe the specification as ``{item: text}`` for metadata tables."""
        fw = self.framework
        return {
            "framework": fw.name,
            "framework_source": Path(fw.source).name if fw.source else "",
            "normalisation": self.normalisation.value,
            "aggregation": self.aggregation.value,
            "weighting": self.weighting.value,
            "domain_weights": _fmt(self.domain_weights),
            "indicator_weights": _fmt(self.indicator_weights),
            "missing": self.missing.value,
            "min_coverage": repr(float(self.min_coverage)),
            "mc_draws": str(self.mc_draws),
            "seed": str(self.seed),
            "perturbation": repr(float(self.perturbation)),
            "mc_normalisations": ",".join(m.value for m in self.normalisations),
            "mc_aggregations": ",".join(m.value for m in self.aggregations),
            "mc_missing": ",".join(m.value for m in self.missing_policies),
            "pca_variance": repr(float(self.pca_variance)),
        }


def _fmt(weights: Mapping[str, float] | None) -> str:
    if weights is None:
        return ""
    return ",".join(f"{k}={v:g}" for k, v in weights.items())
