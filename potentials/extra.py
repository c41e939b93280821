"""Planners' own indicators: merge a validated upload into the atlas and the framework.

A regional planner's table (read by :func:`geodata.readers.user_table.read_user_table`)
becomes ordinary indicators: its values are appended to the atlas's long indicator
table, the catalogue marks them ``source = "user-supplied"``, and the framework
gains one :class:`~potentials.framework.Indicator` per column in the chosen domain.
Scoring, maps, profiles and exports then treat them like official indicators,
labelled user-supplied. Nothing is changed in place.

The small TOML file the command line reads looks like this::

    [[indicator]]
    column = "Kursplätze je 1000 EW"   # header in the upload
    domain = "services"                # a domain code of the framework
    direction = 1                      # +1: more is more favourable, -1: less is
    weight = 1.0                       # relative weight within the domain (optional)
    name = "Integrationskursplätze"    # optional, defaults to the column
    unit = "je 1000 EW"                # optional
    year = 2024                        # optional: the year the values refer to
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from geodata.problems import Problem
from geodata.text import FORMULA_STARTS
from potentials.errors import FrameworkError
from potentials.framework import Framework, Indicator

if TYPE_CHECKING:
    from geodata.atlas.model import Atlas
    from geodata.readers.user_table import UserTable

__all__ = [
    "SOURCE",
    "YEAR_NOT_STATED",
    "UserIndicatorSpec",
    "UserSpecError",
    "add_user_files",
    "is_user_code",
    "load_user_spec",
    "unique_codes",
    "user_code",
    "user_spec",
    "with_user_indicators",
]

#: ``source`` and ``licence`` of every user-supplied catalogue row.
SOURCE = "user-supplied"
#: Stored as the year when the user did not state one (the atlas's year column is int).
YEAR_NOT_STATED = 0
METHOD = "uploaded by the user; not an official statistic; year as stated by the user"
_CODE = re.compile(r"^user_[a-z0-9_]{1,60}$")
_SPEC_KEYS = {"column", "domain", "direction", "weight", "name", "unit", "year", "code"}


@dataclass(frozen=True)
class UserIndicatorSpec:
    """How one column of an upload enters the scoring.

    Attributes
    ----------
    column
        Header of the column in the upload.
    code
        Indicator code, ``user_<slug>`` (see :func:`user_code`).
    name
        Display name (German and English alike; defaults to the column).
    unit
        Unit as stated by the user.
    direction
        +1 if higher values mean more favourable conditions, -1 otherwise.
    domain
        Code of the framework domain the indicator joins.
    weight
        Relative weight within the domain (> 0).
    year
        Year the values refer to, as stated by the user; ``None`` if not stated.
    """

    column: str
    code: str
    name: str
    domain: str
    direction: int = 1
    weight: float = 1.0
    unit: str = ""
    year: int | None = None


class UserSpecError(FrameworkError):
    """User indicators cannot be added; ``details`` holds every problem in German and English."""

    def __init__(self, details: Sequence[Problem], source: str = "user indicators") -> None:
        self.details = tuple(details)
        super().__init__([p.message_en for p in self.details], source=source)


def user_code(column: str) -> str:
    """Derive the indicator code of a column header: ``user_`` and a slug.

    ``"Kursplätze je 1000 EW"`` becomes ``"user_kursplaetze_je_1000_ew"``. Umlauts are
    spelled out, everything else non-alphanumeric becomes ``_``; the slug is cut to 40
    characters.
    """
    text = column.casefold().replace("ß", "ss")
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(umlaut, spelled)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", text).strip("_")[:40].strip("_")
    return f"user_{slug or 'indicator'}"


def unique_codes(columns: Sequence[str], *, taken: Iterable[str] = ()) -> list[str]:
    """Derive one indicator code per column, distinct from each other and from ``taken``.

    Columns whose headers differ only in punctuation or after the 40th character would
    get the same :func:`user_code`; the second and later ones get ``_2``, ``_3``, ….

    Examples
    --------
    >>> unique_codes(["Kurse (2023)", "Kurse 2023", "Kurse-2023"])
    ['user_kurse_2023', 'user_kurse_2023_2', 'user_kurse_2023_3']
    """
    used = set(taken)
    codes = []
    for column in columns:
        base = user_code(column)
        code, number = base, 1
        while code in used:
            number += 1
            code = f"{base}_{number}"
        used.add(code)
        codes.append(code)
    return codes


def is_user_code(code: str) -> bool:
    """Whether ``code`` names a user-supplied indicator."""
    return bool(_CODE.match(code))


def user_spec(
    column: str,
    *,
    domain: str,
    direction: int = 1,
    weight: float = 1.0,
    name: str | None = None,
    unit: str = "",
    year: int | None = None,
    code: str | None = None,
) -> UserIndicatorSpec:
    """Build a :class:`UserIndicatorSpec` with the code derived from ``column``."""
    return UserIndicatorSpec(
        column=column,
        code=code or user_code(column),
        name=name or column,
        domain=domain,
        direction=direction,
        weight=weight,
        unit=unit,
        year=year,
    )


def _problem(de: str, en: str) -> Problem:
    return Problem(code="user_spec", message_de=de, message_en=en)


def load_user_spec(
    toml_path: str | Path, *, framework: Framework | None = None
) -> list[UserIndicatorSpec]:
    """Read the command line's small TOML file describing user indicators.

    Parameters
    ----------
    toml_path
        File with one ``[[indicator]]`` table per upload column (see the module docs).
    framework
        If given, domains are checked against it as well.

    Returns
    -------
    list of UserIndicatorSpec

    Raises
    ------
    UserSpecError
        Listing every problem (missing or unknown keys, direction not ±1, weight not
        > 0, year not an integer, duplicate columns or codes, unknown domains).
    """
    path = Path(toml_path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UserSpecError(
            [_problem(f"kein gültiges TOML: {error}", f"not valid TOML: {error}")], source=str(path)
        ) from error
    entries = data.get("indicator")
    problems: list[Problem] = []
    extra_top = sorted(set(data) - {"indicator"})
    if extra_top:
        listed = ", ".join(extra_top)
        problems.append(
            _problem(f"unbekannte Einträge: {listed}", f"unknown top-level keys: {listed}")
        )
    if not isinstance(entries, list) or not entries:
        problems.append(
            _problem("keine [[indicator]]-Tabelle gefunden", "no [[indicator]] table found")
        )
        raise UserSpecError(problems, source=str(path))
    specs = [
        spec
        for number, entry in enumerate(entries, start=1)
        if (spec := _spec_from_entry(entry, number, problems)) is not None
    ]
    problems.extend(_check_specs(specs, framework=framework))
    if problems:
        raise UserSpecError(problems, source=str(path))
    return specs


def _spec_from_entry(entry: Any, number: int, problems: list[Problem]) -> UserIndicatorSpec | None:
    where_de, where_en = f"Indikator {number}", f"indicator {number}"
    if not isinstance(entry, Mapping):
        problems.append(_problem(f"{where_de}: keine Tabelle", f"{where_en}: not a table"))
        return None
    column = entry.get("column")
    if isinstance(column, str) and column.strip():
        where_de, where_en = f"{where_de} („{column}“)", f"{where_en} ({column!r})"
    found = len(problems)
    for key in sorted(set(entry) - _SPEC_KEYS):
        problems.append(
            _problem(
                f"{where_de}: unbekannter Schlüssel {key!r}", f"{where_en}: unknown key {key!r}"
            )
        )
    for key in ("column", "domain"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            problems.append(
                _problem(
                    f"{where_de}: {key!r} fehlt oder ist kein Text",
                    f"{where_en}: {key!r} is missing or not text",
                )
            )
    direction = entry.get("direction")
    if isinstance(direction, bool) or direction not in (1, -1):
        problems.append(
            _problem(
                f"{where_de}: 'direction' muss 1 oder -1 sein, gefunden {direction!r}",
                f"{where_en}: 'direction' must be 1 or -1, found {direction!r}",
            )
        )
    weight = entry.get("weight", 1.0)
    if (
        isinstance(weight, bool)
        or not isinstance(weight, int | float)
        or not math.isfinite(weight)
        or weight <= 0
    ):
        problems.append(
            _problem(
                f"{where_de}: 'weight' muss eine Zahl > 0 sein, gefunden {weight!r}",
                f"{where_en}: 'weight' must be a number > 0, found {weight!r}",
            )
        )
    year = entry.get("year")
    if year is not None and (
        isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100
    ):
        problems.append(
            _problem(
                f"{where_de}: 'year' muss eine Jahreszahl sein, gefunden {year!r}",
                f"{where_en}: 'year' must be a year, found {year!r}",
            )
        )
    for key in ("name", "unit", "code"):
        if key in entry and not isinstance(entry[key], str):
            problems.append(
                _problem(f"{where_de}: {key!r} ist kein Text", f"{where_en}: {key!r} is not text")
            )
    if len(problems) > found:
        return None
    return user_spec(
        entry["column"].strip(),
        domain=entry["domain"].strip(),
        direction=int(direction),  # type: ignore[arg-type]
        weight=float(weight),
        name=entry.get("name"),
        unit=entry.get("unit", ""),
        year=year,
        code=entry.get("code"),
    )


def _check_specs(
    specs: Sequence[UserIndicatorSpec], *, framework: Framework | None
) -> list[Problem]:
    problems: list[Problem] = []
    seen_columns: set[str] = set()
    seen_codes: set[str] = set()
    for spec in specs:
        if spec.column in seen_columns:
            problems.append(
                _problem(
                    f"Spalte „{spec.column}“ ist mehrfach beschrieben",
                    f"column {spec.column!r} is described more than once",
                )
            )
        if spec.code in seen_codes:
            problems.append(
                _problem(
                    f"Code {spec.code!r} kommt mehrfach vor (Spalte „{spec.column}“); "
                    "bitte 'code' angeben",
                    f"code {spec.code!r} occurs more than once (column {spec.column!r}); "
                    "please set 'code'",
                )
            )
        if not is_user_code(spec.code):
            problems.append(
                _problem(
                    f"Code {spec.code!r} (Spalte „{spec.column}“) muss mit 'user_' beginnen "
                    "und nur a–z, 0–9 und _ enthalten",
                    f"code {spec.code!r} (column {spec.column!r}) must start with 'user_' "
                    "and hold only a-z, 0-9 and _",
                )
            )
        if spec.direction not in (1, -1) or not (math.isfinite(spec.weight) and spec.weight > 0):
            problems.append(
                _problem(
                    f"Spalte „{spec.column}“: Richtung muss ±1 und Gewicht > 0 sein",
                    f"column {spec.column!r}: direction must be ±1 and weight > 0",
                )
            )
        for label, text in (("name", spec.name), ("unit", spec.unit)):
            if text[:1] in FORMULA_STARTS:
                problems.append(
                    _problem(
                        f"Spalte „{spec.column}“: {label!r} beginnt mit {text[:1]!r} wie eine "
                        "Formel",
                        f"column {spec.column!r}: {label!r} starts with {text[:1]!r} like a "
                        "formula",
                    )
                )
        if framework is not None and spec.domain not in framework.domain_codes:
            domains = ", ".join(framework.domain_codes)
            problems.append(
                _problem(
                    f"Spalte „{spec.column}“: Bereich {spec.domain!r} gibt es nicht "
                    f"(vorhanden: {domains})",
                    f"column {spec.column!r}: there is no domain {spec.domain!r} "
                    f"(domains: {domains})",
                )
            )
        seen_columns.add(spec.column)
        seen_codes.add(spec.code)
    return problems


def _check_merge(
    atlas: Atlas,
    framework: Framework,
    table: UserTable,
    specs: Sequence[UserIndicatorSpec],
) -> list[Problem]:
    problems = _check_specs(specs, framework=framework)
    if not table.ok:
        problems.append(
            _problem(
                f"die hochgeladene Tabelle „{table.filename}“ hat {len(table.errors)} Fehler",
                f"the uploaded table {table.filename!r} has {len(table.errors)} error(s)",
            )
        )
        return problems
    taken = set(atlas.catalogue["code"]) | set(atlas.indicators["indicator"].unique())
    taken |= set(framework.codes)
    known = set(atlas.districts["ags"])
    for spec in specs:
        if spec.code in taken:
            problems.append(
                _problem(
                    f"Code {spec.code!r} ist schon vergeben (Spalte „{spec.column}“)",
                    f"code {spec.code!r} is already taken (column {spec.column!r})",
                )
            )
        if spec.column not in table.columns:
            columns = ", ".join(table.columns)
            problems.append(
                _problem(
                    f"Spalte „{spec.column}“ fehlt in der Tabelle (vorhanden: {columns})",
                    f"column {spec.column!r} is not in the upload (columns: {columns})",
                )
            )
            continue
        values = table.values[spec.column]
        values = values[values.index.isin(known)].dropna()
        if values.nunique() < 2:
            problems.append(
                _problem(
                    f"Spalte „{spec.column}“ hat weniger als zwei verschiedene Werte für Kreise "
                    "des Atlas und kann Kreise nicht unterscheiden",
                    f"column {spec.column!r} has fewer than two distinct values for the atlas's "
                    "districts and cannot tell districts apart",
                )
            )
    unknown = sorted(set(table.values.index) - known)
    if unknown:
        listed = ", ".join(unknown[:10])
        problems.append(
            _problem(
                f"die Tabelle nennt Kreise, die der Atlas nicht hat: {listed}",
                f"the table names districts the atlas does not have: {listed}",
            )
        )
    return problems


def with_user_indicators(
    atlas: Atlas,
    framework: Framework,
    table: UserTable,
    specs: Sequence[UserIndicatorSpec],
) -> tuple[Atlas, Framework]:
    """Add the columns of a validated upload as indicators of the atlas and the framework.

    Parameters
    ----------
    atlas
        The atlas; not changed.
    framework
        The framework (resolved or not); not changed.
    table
        A valid upload (no errors), read against this atlas's districts.
    specs
        One spec per column to use; columns without a spec are left out.

    Returns
    -------
    atlas, framework
        A new atlas whose ``indicators`` hold the user values (year as stated, else
        :data:`YEAR_NOT_STATED`) and whose ``catalogue`` marks them user-supplied, and a
        new framework with each indicator inserted after the last one of its domain.

    Raises
    ------
    UserSpecError
        Listing every problem: table with errors, unknown column or domain, code
        already in use, a column without two distinct values, districts not in the atlas.
    """
    problems = _check_merge(atlas, framework, table, specs)
    if problems:
        raise UserSpecError(problems, source=f"user indicators from {table.filename!r}")
    long_parts = [atlas.indicators]
    rows = []
    indicators = list(framework.indicators)
    for spec in specs:
        values = table.values[spec.column].dropna()
        year = spec.year if spec.year is not None else YEAR_NOT_STATED
        long_parts.append(
            pd.DataFrame(
                {
                    "ags": values.index.astype(str),
                    "indicator": spec.code,
                    "year": year,
                    "value": values.to_numpy(dtype=float),
                }
            ).astype({"year": atlas.indicators["year"].dtype})
        )
        rows.append(
            {
                "code": spec.code,
                "name_de": spec.name,
                "name_en": spec.name,
                "unit": spec.unit,
                "unit_de": spec.unit,
                "unit_en": spec.unit,
                "period": str(year) if spec.year is not None else "not stated",
                "source_id": "user",
                "source": SOURCE,
                "table_code": f"upload: {table.filename} [{spec.column}]",
                "year": year,
                "licence": SOURCE,
                "is_proxy": False,
                "proxy_for": None,
                "method": METHOD if spec.year is not None else f"{METHOD} (no year stated)",
                "method_en": METHOD if spec.year is not None else f"{METHOD} (no year stated)",
                "method_de": METHOD if spec.year is not None else f"{METHOD} (no year stated)",
                "territorial_status": "as uploaded (matched to the atlas districts)",
                "caveats_de": "",
                "caveats_en": "",
                "known_gaps": "",
            }
        )
        indicator = Indicator(
            code=spec.code,
            domain=spec.domain,
            direction=spec.direction,
            weight=spec.weight,
            rationale=f"user-supplied: {spec.name}",
        )
        last = max((i for i, ind in enumerate(indicators) if ind.domain == spec.domain), default=-1)
        indicators.insert(last + 1 if last >= 0 else len(indicators), indicator)
    new_rows = pd.DataFrame(rows, columns=atlas.catalogue.columns)
    catalogue = pd.concat([atlas.catalogue, new_rows], ignore_index=True)
    build = pd.concat(
        [
            atlas.build,
            pd.DataFrame(
                {
                    "item": ["user_upload", "user_indicators"],
                    "value": [table.filename, ", ".join(s.code for s in specs)],
                }
            ),
        ],
        ignore_index=True,
    )
    new_atlas = replace(
        atlas,
        indicators=pd.concat(long_parts, ignore_index=True),
        catalogue=catalogue,
        build=build,
        path=None,
    )
    note = (
        f"User-supplied indicators from {table.filename!r}: "
        + ", ".join(f"{s.code} ({s.column!r}, domain {s.domain})" for s in specs)
        + "; not official statistics."
    )
    new_framework = replace(framework, indicators=tuple(indicators), notes=(*framework.notes, note))
    return new_atlas, new_framework


def add_user_files(
    atlas: Atlas,
    framework: Framework,
    table_path: str | Path,
    spec_path: str | Path,
) -> tuple[Atlas, Framework, UserTable]:
    """Read an upload and its TOML description from disk and merge them (for the CLI).

    Returns
    -------
    atlas, framework, table
        As :func:`with_user_indicators`, plus the table (its ``warnings`` are worth
        printing).

    Raises
    ------
    geodata.readers.user_table.UserTableError
        If the table has errors (all listed).
    UserSpecError
        If the TOML or the merge has problems (all listed).
    """
    from geodata.readers.user_table import load_user_table

    table = load_user_table(table_path, districts=atlas.districts)
    specs = load_user_spec(spec_path, framework=framework)
    new_atlas, new_framework = with_user_indicators(atlas, framework, table, specs)
    return new_atlas, new_framework, table
