"""The indicator framework: domains, indicators, directions, weights and fallbacks.

A framework is a typed description of *what* is scored; it says nothing about
districts. It is loaded from a TOML file (see ``potentials/frameworks/``) and,
when an atlas is given, resolved against the indicator codes that atlas holds:
an indicator whose preferred code is absent falls back to its declared
alternative (marked ``is_proxy``), an optional indicator without any available
code is dropped, and every problem is reported at once in a
:class:`~potentials.errors.FrameworkError`.

TOML format (see ``frameworks/thuenen2016.toml``)::

    name = "my_framework"
    title = "Human-readable title"

    [[domains]]
    code = "labour"              # one of the atlas domain hints, or any code
    name_de = "Arbeitsmarkt"
    name_en = "Labour market"
    description_de = "…"
    description_en = "…"
    weight = 1.0                 # > 0, relative weight in the composite

    [[indicators]]
    code = "alq"                 # atlas indicator code
    domain = "labour"
    direction = -1               # +1: higher is more favourable, -1: lower is
    weight = 1.0                 # > 0, relative weight within the domain
    transform = "none"           # or "log" (values must be > 0)
    winsorise = [0.01, 0.99]     # optional clipping quantiles
    optional = false             # drop (and report) if no code is in the atlas
    rationale = "one line: what the indicator says about conditions"
    alternatives = [ { code = "employees_per_1000", direction = 1, rationale = "…" } ]
"""

from __future__ import annotations

import enum
import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geodata import indicators as indicator_registry
from potentials.errors import FrameworkError, MissingFileError, UnknownCodeError

if TYPE_CHECKING:
    from geodata.atlas.model import Atlas

__all__ = [
    "KNOWN_CODES",
    "Alternative",
    "Domain",
    "Framework",
    "Indicator",
    "Transform",
    "available_frameworks",
    "load_framework",
]

FRAMEWORK_DIR = Path(__file__).with_name("frameworks")

#: The seven Thünen WP59 domains.
DOMAIN_CODES = ("labour", "prosperity", "housing", "services", "access", "social", "integration")

#: Indicator codes the atlas contract promises: every code of the indicator registry.
KNOWN_CODES = indicator_registry.codes()
#: Codes outside the registry a framework may still name (population-weighted access
#: variants computed from a user's own population grid).
KNOWN_CODE_PATTERN = re.compile(r"^access_[a-z0-9_]+_pop$")


class Transform(enum.Enum):
    """Transformation applied to raw values before winsorising and normalising."""

    NONE = "none"
    LOG = "log"


@dataclass(frozen=True)
class Alternative:
    """A fallback code used when the preferred indicator is not in the atlas.

    Attributes
    ----------
    code
        Atlas indicator code of the fallback.
    direction
        +1 if higher values mean more favourable conditions, -1 otherwise.
    rationale
        Why the fallback measures (approximately) the same condition.
    transform
        Transformation of the fallback's raw values.
    """

    code: str
    direction: int
    rationale: str = ""
    transform: Transform = Transform.NONE


@dataclass(frozen=True)
class Indicator:
    """One indicator of a framework.

    Attributes
    ----------
    code
        Atlas indicator code actually used.
    domain
        Code of the domain the indicator belongs to.
    direction
        +1 if higher raw values mean more favourable conditions, -1 otherwise.
    weight
        Relative weight within its domain (> 0).
    transform
        Transformation applied before normalising.
    winsorise
        Lower and upper quantile at which raw values are clipped, or ``None``.
    rationale
        One line explaining what the indicator says about a district's conditions.
    optional
        Whether the indicator may be dropped if no code of it is in the atlas.
    alternatives
        Fallback codes in order of preference.
    is_proxy
        True when ``code`` is a fallback standing in for ``proxy_of``.
    proxy_of
        The preferred code the proxy stands in for.
    """

    code: str
    domain: str
    direction: int = 1
    weight: float = 1.0
    transform: Transform = Transform.NONE
    winsorise: tuple[float, float] | None = None
    rationale: str = ""
    optional: bool = False
    alternatives: tuple[Alternative, ...] = ()
    is_proxy: bool = False
    proxy_of: str | None = None

    def codes(self) -> tuple[str, ...]:
        """Preferred code followed by the codes of all alternatives."""
        return (self.code, *(a.code for a in self.alternatives))

    def substitute(self, alternative: Alternative) -> Indicator:
        """Return the indicator with ``alternative`` in place of the preferred code."""
        return replace(
            self,
            code=alternative.code,
            direction=alternative.direction,
            transform=alternative.transform,
            rationale=alternative.rationale or self.rationale,
            alternatives=(),
            is_proxy=True,
            proxy_of=self.code,
        )


@dataclass(frozen=True)
class Domain:
    """A domain of conditions for integration, scored from its indicators."""

    code: str
    name_de: str
    name_en: str
    description_de: str = ""
    description_en: str = ""
    weight: float = 1.0


@dataclass(frozen=True)
class Framework:
    """Domains and indicators scored together.

    Attributes
    ----------
    name
        Short name (the TOML file's stem for bundled frameworks).
    domains
        Domains in display order.
    indicators
        Indicators in display order; after resolution against an atlas, the codes used.
    title
        Human-readable title.
    source
        File the framework was loaded from.
    dropped
        Optional indicators dropped because the atlas holds none of their codes.
    resolved_against
        Kind of the atlas the framework was resolved against, or ``None``.
    """

    name: str
    domains: tuple[Domain, ...]
    indicators: tuple[Indicator, ...]
    title: str = ""
    source: str = ""
    dropped: tuple[str, ...] = ()
    resolved_against: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def codes(self) -> tuple[str, ...]:
        """Indicator codes in order."""
        return tuple(i.code for i in self.indicators)

    @property
    def domain_codes(self) -> tuple[str, ...]:
        """Domain codes in order."""
        return tuple(d.code for d in self.domains)

    def domain(self, code: str) -> Domain:
        """Return the domain with ``code``."""
        for d in self.domains:
            if d.code == code:
                return d
        raise UnknownCodeError(
            f"framework {self.name!r} has no domain {code!r}; "
            f"domains: {', '.join(self.domain_codes)}"
        )

    def indicator(self, code: str) -> Indicator:
        """Return the indicator with ``code``."""
        for i in self.indicators:
            if i.code == code:
                return i
        raise UnknownCodeError(f"framework {self.name!r} has no indicator {code!r}")

    def indicators_of(self, domain: str) -> tuple[Indicator, ...]:
        """Return the indicators of one domain, in order."""
        return tuple(i for i in self.indicators if i.domain == domain)

    def resolve(self, atlas: Atlas) -> Framework:
        """Resolve the framework against the codes held by ``atlas``.

        Parameters
        ----------
        atlas
            The atlas whose ``catalogue`` (or, if empty, indicator table) lists the codes.

        Returns
        -------
        Framework
            Preferred codes where present, declared alternatives (``is_proxy=True``)
            otherwise; optional indicators without any present code are dropped.

        Raises
        ------
        FrameworkError
            Listing every indicator that cannot be resolved and every domain left empty.
        """
        available = _atlas_codes(atlas)
        problems: list[str] = []
        resolved: list[Indicator] = []
        dropped: list[str] = []
        for ind in self.indicators:
            if ind.code in available:
                resolved.append(replace(ind, alternatives=()))
                continue
            alt = next((a for a in ind.alternatives if a.code in available), None)
            if alt is not None:
                resolved.append(ind.substitute(alt))
            elif ind.optional:
                dropped.append(ind.code)
            else:
                tried = ", ".join(ind.codes())
                problems.append(
                    f"indicator {ind.code!r} (domain {ind.domain!r}): none of its codes "
                    f"({tried}) is in the {atlas.kind} atlas; add an alternative or mark it "
                    "optional"
                )
        seen: dict[str, str] = {}
        for ind in resolved:
            if ind.code in seen:
                problems.append(
                    f"indicator {ind.code!r} is used twice after resolution "
                    f"(for {seen[ind.code]!r} and {ind.proxy_of or ind.code!r})"
                )
            seen[ind.code] = ind.proxy_of or ind.code
        for d in self.domains:
            if not any(i.domain == d.code for i in resolved):
                problems.append(f"domain {d.code!r} has no indicator in the {atlas.kind} atlas")
        if problems:
            raise FrameworkError(problems, source=self.source or f"framework {self.name!r}")
        return replace(
            self,
            indicators=tuple(resolved),
            dropped=tuple(dropped),
            resolved_against=atlas.kind,
        )


def _atlas_codes(atlas: Atlas) -> frozenset[str]:
    catalogue = getattr(atlas, "catalogue", None)
    present = set(atlas.indicators["indicator"].unique())
    if catalogue is not None and len(catalogue):
        # a catalogued code without a single value is as good as absent
        return frozenset(set(catalogue["code"]) & present)
    return frozenset(present)


def available_frameworks() -> tuple[str, ...]:
    """Names of the frameworks bundled in ``potentials/frameworks``."""
    return tuple(sorted(p.stem for p in FRAMEWORK_DIR.glob("*.toml")))


def load_framework(name_or_path: str | Path, *, atlas: Atlas | None = None) -> Framework:
    """Load and validate an indicator framework from TOML.

    Parameters
    ----------
    name_or_path
        Name of a bundled framework (e.g. ``"thuenen2016"``) or path to a TOML file.
    atlas
        If given, resolve the framework against this atlas's indicator codes
        (preferred code, else declared alternative, else drop if optional).

    Returns
    -------
    Framework

    Raises
    ------
    FrameworkError
        Listing every problem found (unknown code or domain, weight <= 0, direction
        not ±1, duplicate code, a domain without indicators, malformed entries).
    FileNotFoundError
        If no bundled framework of that name and no such file exists.
    """
    path = _locate(name_or_path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as error:
        raise FrameworkError([f"not valid TOML: {error}"], source=str(path)) from error
    framework = framework_from_mapping(data, source=str(path), default_name=path.stem)
    return framework.resolve(atlas) if atlas is not None else framework


def _locate(name_or_path: str | Path) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.exists():
        if not candidate.is_file():
            raise MissingFileError(
                candidate, what="framework file", fix="give the path of a framework TOML file"
            )
        return candidate
    bundled = FRAMEWORK_DIR / f"{name_or_path}.toml"
    if bundled.is_file():
        return bundled
    raise MissingFileError(
        name_or_path,
        message=f"no framework {str(name_or_path)!r}: not a file and not one of the bundled "
        f"frameworks ({', '.join(available_frameworks())})",
    )


def framework_from_mapping(
    data: Mapping[str, Any], *, source: str = "framework", default_name: str = "framework"
) -> Framework:
    """Build and validate a :class:`Framework` from a parsed TOML mapping.

    Parameters
    ----------
    data
        Mapping with ``name``, ``[[domains]]`` and ``[[indicators]]`` tables.
    source
        Where the mapping came from, used in error messages.
    default_name
        Name used when ``data`` has no ``name``.

    Returns
    -------
    Framework

    Raises
    ------
    FrameworkError
        Listing every problem found.
    """
    problems: list[str] = []
    domains: list[Domain] = []
    for n, entry in enumerate(data.get("domains", []), start=1):
        where = f"domain #{n} ({entry.get('code', '?')!r})"
        code = entry.get("code")
        if not isinstance(code, str) or not code:
            problems.append(f"{where}: missing 'code'")
            continue
        weight = _weight(entry.get("weight", 1.0), where, problems)
        domains.append(
            Domain(
                code=code,
                name_de=str(entry.get("name_de", code)),
                name_en=str(entry.get("name_en", code)),
                description_de=str(entry.get("description_de", "")).strip(),
                description_en=str(entry.get("description_en", "")).strip(),
                weight=weight,
            )
        )
    if not domains:
        problems.append("no [[domains]] defined")
    domain_codes = [d.code for d in domains]
    for dup in _duplicates(domain_codes):
        problems.append(f"domain {dup!r} is defined more than once")

    indicators: list[Indicator] = []
    for n, entry in enumerate(data.get("indicators", []), start=1):
        code = entry.get("code")
        where = f"indicator #{n} ({code!r})"
        if not isinstance(code, str) or not code:
            problems.append(f"{where}: missing 'code'")
            continue
        _check_code(code, where, problems)
        domain = entry.get("domain")
        if domain not in domain_codes:
            problems.append(
                f"{where}: unknown domain {domain!r} (defined: {', '.join(domain_codes)})"
            )
        direction = _direction(entry.get("direction"), where, problems)
        weight = _weight(entry.get("weight", 1.0), where, problems)
        transform = _transform(entry.get("transform", "none"), where, problems)
        winsorise = _winsorise(entry.get("winsorise"), where, problems)
        alternatives = []
        for alt in entry.get("alternatives", []):
            alt_code = alt.get("code")
            alt_where = f"{where} alternative {alt_code!r}"
            if not isinstance(alt_code, str) or not alt_code:
                problems.append(f"{where}: alternative without 'code'")
                continue
            _check_code(alt_code, alt_where, problems)
            alternatives.append(
                Alternative(
                    code=alt_code,
                    direction=_direction(alt.get("direction"), alt_where, problems),
                    rationale=str(alt.get("rationale", "")).strip(),
                    transform=_transform(alt.get("transform", "none"), alt_where, problems),
                )
            )
        indicators.append(
            Indicator(
                code=code,
                domain=str(domain),
                direction=direction,
                weight=weight,
                transform=transform,
                winsorise=winsorise,
                rationale=str(entry.get("rationale", "")).strip(),
                optional=bool(entry.get("optional", False)),
                alternatives=tuple(alternatives),
            )
        )
    for dup in _duplicates(i.code for i in indicators):
        problems.append(f"indicator {dup!r} is listed more than once")
    for d in domains:
        if not any(i.domain == d.code for i in indicators):
            problems.append(f"domain {d.code!r} has no indicators")
    if problems:
        raise FrameworkError(problems, source=source)
    return Framework(
        name=str(data.get("name", default_name)),
        title=str(data.get("title", "")),
        domains=tuple(domains),
        indicators=tuple(indicators),
        source=source,
        notes=tuple(str(n) for n in data.get("notes", [])),
    )


def _duplicates(codes: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dups: list[str] = []
    for c in codes:
        if c in seen and c not in dups:
            dups.append(c)
        seen.add(c)
    return dups


def _check_code(code: str, where: str, problems: list[str]) -> None:
    if code not in KNOWN_CODES and not KNOWN_CODE_PATTERN.match(code):
        problems.append(f"{where}: unknown atlas code {code!r}")


def _direction(value: object, where: str, problems: list[str]) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value in (1, -1):
        return value
    problems.append(f"{where}: direction must be +1 or -1, got {value!r}")
    return 1


def _weight(value: object, where: str, problems: list[str]) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        weight = float(value)
        if math.isfinite(weight) and weight > 0:
            return weight
    problems.append(f"{where}: weight must be a number > 0, got {value!r}")
    return 1.0


def _transform(value: object, where: str, problems: list[str]) -> Transform:
    try:
        return Transform(value)
    except ValueError:
        allowed = ", ".join(t.value for t in Transform)
        problems.append(f"{where}: transform must be one of {allowed}, got {value!r}")
        return Transform.NONE


def _winsorise(value: object, where: str, problems: list[str]) -> tuple[float, float] | None:
    if value is None or value is False:
        return None
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int | float) for v in value)
        and 0 <= value[0] < value[1] <= 1
    ):
        return (float(value[0]), float(value[1]))
    problems.append(f"{where}: winsorise must be [lower, upper] quantiles in [0, 1], got {value!r}")
    return None
