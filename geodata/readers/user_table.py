"""Planners' own indicators: read and validate an uploaded CSV or XLSX table.

An upload has one row per district, keyed by district key (AGS) or by name, and one
or more numeric columns. :func:`read_user_table` never raises for bad data: it returns
a :class:`UserTable` whose ``errors`` and ``warnings`` explain in German and English
what is wrong, naming row, column and district; ``values`` is filled only when there
are no errors, so nothing of a broken file is ever applied. :func:`load_user_table`
is the strict variant for the command line; it raises :class:`UserTableError`.

Nothing is evaluated: spreadsheet formulas are rejected, never computed, and
:func:`neutralise_formula` makes any text safe to write into a spreadsheet cell.
"""

from __future__ import annotations

import base64
import datetime as dt
import difflib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from geodata.errors import ReaderError
from geodata.problems import Problem
from geodata.readers._common import pad_district_key
from geodata.readers._user_grid import Cell, Grid, read_grid, screen_grid
from geodata.readers._user_messages import make_problem
from geodata.readers._user_names import NameIndex, fold, is_aggregate, split_name
from geodata.readers._user_numbers import (
    Convention,
    Reading,
    decide_decimal,
    read_cell,
)
from geodata.text import FORMULA_STARTS, neutralise_formula, shorten

__all__ = [
    "MAX_BYTES",
    "OLD_KEYS",
    "Problem",
    "UserTable",
    "UserTableError",
    "load_user_table",
    "neutralise_formula",
    "read_uploaded_contents",
    "read_user_table",
    "screen_uploaded_contents",
    "too_costly",
]

MAX_BYTES = 5_000_000

#: Largest magnitude accepted for a value.
MAX_MAGNITUDE = 1e15
MAX_COLUMNS = 50
MAX_PROBLEMS = 200

#: Retired district keys -> (last day of the old status, current successor keys).
#: Where an old district was split, the successors that took part of it are all named.
OLD_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    # Hannover 2001
    "03201": ("2001-10-31", ("03241",)),
    "03253": ("2001-10-31", ("03241",)),
    # Saxony-Anhalt 2007
    "15101": ("2007-06-30", ("15001",)),
    "15151": ("2007-06-30", ("15082", "15001", "15091")),
    "15153": ("2007-06-30", ("15089",)),
    "15154": ("2007-06-30", ("15082",)),
    "15159": ("2007-06-30", ("15082",)),
    "15171": ("2007-06-30", ("15091",)),
    "15202": ("2007-06-30", ("15002",)),
    "15256": ("2007-06-30", ("15084",)),
    "15260": ("2007-06-30", ("15087",)),
    "15261": ("2007-06-30", ("15088", "15084")),
    "15265": ("2007-06-30", ("15088",)),
    "15266": ("2007-06-30", ("15087",)),
    "15268": ("2007-06-30", ("15084",)),
    "15303": ("2007-06-30", ("15003",)),
    "15352": ("2007-06-30", ("15089", "15085")),
    "15355": ("2007-06-30", ("15083",)),
    "15357": ("2007-06-30", ("15085",)),
    "15358": ("2007-06-30", ("15086",)),
    "15362": ("2007-06-30", ("15083",)),
    "15363": ("2007-06-30", ("15090",)),
    "15364": ("2007-06-30", ("15085",)),
    "15367": ("2007-06-30", ("15089",)),
    "15369": ("2007-06-30", ("15085",)),
    "15370": ("2007-06-30", ("15081",)),
    # Saxony 2008
    "14161": ("2008-07-31", ("14511",)),
    "14166": ("2008-07-31", ("14523",)),
    "14167": ("2008-07-31", ("14524",)),
    "14171": ("2008-07-31", ("14521",)),
    "14173": ("2008-07-31", ("14524",)),
    "14177": ("2008-07-31", ("14522",)),
    "14178": ("2008-07-31", ("14523",)),
    "14181": ("2008-07-31", ("14521",)),
    "14182": ("2008-07-31", ("14522",)),
    "14188": ("2008-07-31", ("14521",)),
    "14191": ("2008-07-31", ("14521",)),
    "14193": ("2008-07-31", ("14524",)),
    "14262": ("2008-07-31", ("14612",)),
    "14263": ("2008-07-31", ("14626",)),
    "14264": ("2008-07-31", ("14625",)),
    "14272": ("2008-07-31", ("14625",)),
    "14280": ("2008-07-31", ("14627",)),
    "14284": ("2008-07-31", ("14626",)),
    "14285": ("2008-07-31", ("14627",)),
    "14286": ("2008-07-31", ("14626",)),
    "14287": ("2008-07-31", ("14628",)),
    "14290": ("2008-07-31", ("14628",)),
    "14292": ("2008-07-31", ("14625",)),
    "14365": ("2008-07-31", ("14713",)),
    "14374": ("2008-07-31", ("14730",)),
    "14375": ("2008-07-31", ("14522",)),
    "14379": ("2008-07-31", ("14729",)),
    "14383": ("2008-07-31", ("14729",)),
    "14389": ("2008-07-31", ("14730",)),
    # Aachen 2009
    "05313": ("2009-10-20", ("05334",)),
    "05354": ("2009-10-20", ("05334",)),
    # Mecklenburg-Vorpommern 2011
    "13001": ("2011-09-03", ("13075",)),
    "13002": ("2011-09-03", ("13071",)),
    "13005": ("2011-09-03", ("13073",)),
    "13006": ("2011-09-03", ("13074",)),
    "13051": ("2011-09-03", ("13072",)),
    "13052": ("2011-09-03", ("13071", "13075")),
    "13053": ("2011-09-03", ("13072",)),
    "13054": ("2011-09-03", ("13076",)),
    "13055": ("2011-09-03", ("13071",)),
    "13056": ("2011-09-03", ("13071",)),
    "13057": ("2011-09-03", ("13073", "13075")),
    "13058": ("2011-09-03", ("13074",)),
    "13059": ("2011-09-03", ("13075",)),
    "13060": ("2011-09-03", ("13076",)),
    "13061": ("2011-09-03", ("13073",)),
    "13062": ("2011-09-03", ("13075",)),
    # Göttingen 2016, Eisenach 2021
    "03152": ("2016-10-31", ("03159",)),
    "03156": ("2016-10-31", ("03159",)),
    "16056": ("2021-06-30", ("16063",)),
}

#: Names of retired districts people still type -> current key.
_OLD_NAMES = {
    "eisenach": "16063",
    "osterode am harz": "03159",
    "osterode": "03159",
    "demmin": "13071",
    "guestrow": "13072",
    "bad doberan": "13072",
    "mueritz": "13071",
    "parchim": "13076",
    "ludwigslust": "13076",
    "ruegen": "13073",
    "stralsund": "13073",
    "greifswald": "13075",
    "wismar": "13074",
    "neubrandenburg": "13071",
    "uecker randow": "13075",
    "ostvorpommern": "13075",
    "nordvorpommern": "13073",
    "mecklenburg strelitz": "13071",
}

_KEY_HEADERS = frozenset(
    {
        "ags",
        "ags5",
        "kreis ags",
        "rs",
        "krs",
        "key",
        "district key",
        "district id",
        "district code",
        "kreis id",
        "kreisnummer",
        "kreiskz",
        "kkz",
        "kennziffer",
        "kreiskennziffer",
        "kreisschluessel",
        "regionalschluessel",
        "gemeindeschluessel",
        "amtlicher gemeindeschluessel",
        "schluessel",
        "schluesselnummer",
        "schluessel nummer",
        "ags kreis",
    }
)
_WEAK_KEY_HEADERS = frozenset(
    {"id", "code", "nr", "nummer", "lfd nr", "laufende nummer", "index", "pos", "zeile", "row"}
)
#: Columns that describe the row rather than measure something: never indicators.
_META_HEADERS = frozenset({"jahr", "year", "stand", "datum", "date", "stichtag", "berichtsjahr"})
_NAME_HEADERS = frozenset(
    {
        "name",
        "kreis",
        "kreise",
        "landkreis",
        "kreisname",
        "name des kreises",
        "district",
        "district name",
        "county",
        "region",
        "regionsname",
        "raumeinheit",
        "gebiet",
        "gebietseinheit",
        "bezeichnung",
        "regionale bezeichnung",
        "kreis kreisfreie stadt",
        "landkreis kreisfreie stadt",
        "kreisfreie stadt landkreis",
        "kreisfreie stadt kreis",
        "stadt landkreis",
        "landkreis stadt",
        "kreis stadt",
        "stadt kreis",
    }
)
_TEXT_HEADERS = frozenset(
    {"bundesland", "land", "state", "kreistyp", "typ", "type", "kind", "art", "nuts", "nuts3"}
)


@dataclass(frozen=True)
class UserTable:
    """A validated upload of planners' own indicators.

    Attributes
    ----------
    values
        One row per matched district (index ``ags``, sorted), one float column per user
        indicator; a missing cell is NaN. Empty when there are errors.
    columns
        Names of the user indicator columns (the headers as written, trimmed).
    warnings
        Problems that do not stop the upload (missing districts, empty cells, …).
    errors
        Problems that do; when there are any, nothing of the file is used.
    filename
        The name the file was uploaded under (only used in messages).
    matched_by
        ``"ags"`` when rows are keyed by district key, ``"name"`` when by name.
    """

    values: pd.DataFrame
    columns: tuple[str, ...]
    warnings: tuple[Problem, ...] = ()
    errors: tuple[Problem, ...] = ()
    filename: str = ""
    matched_by: str | None = None
    decimals: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the upload can be used (no errors)."""
        return not self.errors

    def raise_for_errors(self) -> UserTable:
        """Return ``self`` if valid, else raise :class:`UserTableError` listing every error."""
        if self.errors:
            raise UserTableError(self.filename, self.errors)
        return self


class UserTableError(ReaderError):
    """An uploaded table has errors; ``problems`` holds all of them."""

    def __init__(self, path: str | Path, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else None
        listed = "\n".join(f"  - {p.message_en}" for p in self.problems)
        super().__init__(
            path,
            f"{len(self.problems)} problem(s):\n{listed}",
            line=first.row if first else None,
            column=first.column if first else None,
        )


def _clean_header(cell: Cell) -> str:
    return " ".join(shorten(cell if cell is not None else "", 120).split())


def _header_role(header: str) -> str | None:
    folded = fold(header)
    if folded in _KEY_HEADERS or "schluessel" in folded or "kennziffer" in folded:
        return "key"
    if folded in _WEAK_KEY_HEADERS:
        return "weak_key"
    if folded in _NAME_HEADERS or folded.startswith("kreisname"):
        return "name"
    if folded in _META_HEADERS:
        return "meta"
    if folded in _TEXT_HEADERS:
        return "text"
    return None


def _find_header(grid: Grid) -> int | None:
    """Index into ``grid.rows`` of the header row: the first of 10 naming a key or name."""
    for index, (_, cells) in enumerate(grid.rows[:10]):
        roles = {_header_role(_clean_header(c)) for c in cells}
        if roles & {"key", "name", "weak_key"}:
            return index
    return None


def _cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _read_value(cell: Cell) -> Reading | str:
    """Read a cell: a :class:`Reading` for text/numbers, or the name of an unsupported cell type."""
    if isinstance(cell, bool):
        return "bool"
    if isinstance(cell, int | float):
        try:
            number = float(cell)
        except OverflowError:  # an integer of hundreds of digits: reported as too large
            number = math.inf
        if math.isnan(number) or (math.isinf(number) and not isinstance(cell, int)):
            return Reading("nonfinite")
        return Reading("number", (("comma", number), ("point", number)))
    if isinstance(cell, dt.datetime | dt.date | dt.time):
        return "date"
    return read_cell(_cell_text(cell))


class _Collector:
    """Errors and warnings in the order found, capped at :data:`MAX_PROBLEMS` errors."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.dropped = 0

    def error(self, code: str, **params: object) -> None:
        if len(self.errors) < MAX_PROBLEMS:
            self.errors.append(make_problem(code, **params))  # type: ignore[arg-type]
        else:
            self.dropped += 1

    def warn(self, code: str, **params: object) -> None:
        self.warnings.append(make_problem(code, **params))  # type: ignore[arg-type]

    def final_errors(self) -> tuple[Problem, ...]:
        extra = [make_problem("too_many_problems", count=self.dropped)] if self.dropped else []
        ordered = sorted(self.errors, key=lambda p: (p.row is None, p.row or 0))
        return (*ordered, *extra)


@dataclass
class _Layout:
    header_index: int
    headers: list[str]
    key: int | None
    name: int | None
    candidates: list[int]


def _layout(grid: Grid, found: _Collector) -> _Layout | None:
    index = _find_header(grid)
    if index is None:
        first = grid.rows[0][1] if grid.rows else []
        shown = ", ".join(f"„{h}“" for h in map(_clean_header, first) if h) or "—"
        found.error("no_key_column", headers=shown)
        return None
    row_number, cells = grid.rows[index]
    if index > 0:
        found.warn("rows_above_header", row=row_number)
    headers = [_clean_header(c) for c in cells]
    roles = [_header_role(h) for h in headers]
    key = next((i for i, r in enumerate(roles) if r == "key"), None)
    name = next((i for i, r in enumerate(roles) if r == "name"), None)
    if key is None and name is None:  # only an "ID"-like column: take it as the key
        key = next(i for i, r in enumerate(roles) if r == "weak_key")
    used = {key, name}
    candidates = []
    for i, role in enumerate(roles):
        if i in used or role in ("key", "name", "text"):
            continue
        if role in ("weak_key", "meta"):
            found.warn("column_ignored", column=headers[i])
            continue
        candidates.append(i)
    return _Layout(index, headers, key, name, candidates)


def _check_headers(layout: _Layout, columns: list[int], found: _Collector) -> None:
    seen: set[str] = set()
    for i in columns:
        header = layout.headers[i]
        if not header:
            found.error("empty_header", index=i + 1)
        elif header[:1] in FORMULA_STARTS:
            found.error("formula_header", column=header, char=header[:1])
        elif header.casefold() in seen:
            found.error("duplicate_header", column=header)
        seen.add(header.casefold())


def _numeric_columns(
    layout: _Layout, body: list[tuple[int, list[Cell]]], found: _Collector
) -> dict[int, list[tuple[int, Cell, Reading | str]]]:
    """Columns that hold numbers, with each cell's reading; text columns are reported."""
    numeric: dict[int, list[tuple[int, Cell, Reading | str]]] = {}
    for i in layout.candidates:
        cells = [(row, cells[i] if i < len(cells) else None) for row, cells in body]
        readings = [(row, cell, _read_value(cell)) for row, cell in cells]
        filled = [r for _, _, r in readings if not (isinstance(r, Reading) and r.kind == "empty")]
        if not filled:
            continue
        numbers = sum(1 for r in filled if isinstance(r, Reading) and r.kind != "text")
        if numbers * 2 >= len(filled):
            numeric[i] = readings
        elif layout.headers[i]:
            found.warn("text_column_ignored", column=layout.headers[i])
    return numeric


def _district_label(ags: str, names: Mapping[str, str]) -> str:
    return f"{names.get(ags, ags)} ({ags})"


def _resolve_key(
    cell: Cell,
    *,
    row: int,
    column: str,
    names: Mapping[str, str],
    filename: str,
    found: _Collector,
) -> str | None:
    text = _cell_text(cell).strip().lstrip("'")  # Excel's text marker: '09162
    prefixed = re.match(r"^(\d{4,5})\s+\D", text)  # "09162 München"
    if prefixed:
        text = prefixed.group(1)
    if is_aggregate(text) or (re.fullmatch(r"\d{1,3}", text) and text not in ("2", "02", "11")):
        found.warn("aggregate_row", row=row, value=shorten(text))
        return None
    try:
        key = pad_district_key(text, path=filename, line=row)
    except ReaderError:
        found.error("bad_key", row=row, column=column, value=shorten(text))
        return None
    if key in names:
        return key
    if key in OLD_KEYS:
        date, successors = OLD_KEYS[key]
        found.error(
            "old_key",
            row=row,
            column=column,
            key=key,
            date=_day_after(date),
            date_de=dt.date.fromisoformat(_day_after(date)).strftime("%d.%m.%Y"),
            successors=", ".join(_district_label(s, names) for s in successors),
        )
    else:
        found.error("unknown_key", row=row, column=column, key=key)
    return None


def _day_after(date: str) -> str:
    return (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()


def _resolve_name(
    cell: Cell,
    *,
    row: int,
    column: str,
    index: NameIndex,
    names: Mapping[str, str],
    found: _Collector,
) -> str | None:
    text = _cell_text(cell).strip()
    if is_aggregate(text):
        found.warn("aggregate_row", row=row, value=shorten(text))
        return None
    matches = index.lookup(text)
    if len(matches) == 1:
        return matches[0]
    if matches:
        found.error(
            "ambiguous_name",
            row=row,
            column=column,
            value=shorten(text),
            candidates_de=", ".join(_kind_label(a, names, index, "de") for a in matches),
            candidates_en=", ".join(_kind_label(a, names, index, "en") for a in matches),
        )
        return None
    base, _ = split_name(text)
    hint_de = hint_en = ""
    if base in _OLD_NAMES and _OLD_NAMES[base] in names:
        label = _district_label(_OLD_NAMES[base], names)
        hint_de = f" Der frühere Kreis gehört heute zu {label}."
        hint_en = f" The former district now belongs to {label}."
    else:
        close = difflib.get_close_matches(base, list(index.by_base), n=1, cutoff=0.8)
        if close:
            ags = index.by_base[close[0]][0][0]
            hint_de = f" Gemeint ist vielleicht {_district_label(ags, names)}?"
            hint_en = f" Did you mean {_district_label(ags, names)}?"
    found.error(
        "unmatched_name",
        row=row,
        column=column,
        value=shorten(text),
        hint_de=hint_de,
        hint_en=hint_en,
    )
    return None


_KIND_WORDS = {
    "city": ("kreisfreie Stadt", "independent city"),
    "county": ("Landkreis", "rural district"),
}


def _kind_label(ags: str, names: Mapping[str, str], index: NameIndex, language: str) -> str:
    """``"Rosenheim (09163, kreisfreie Stadt)"``: tells apart districts of the same name."""
    hint = index.hints.get(ags)
    if hint is None:
        return _district_label(ags, names)
    kind = _KIND_WORDS[hint][0 if language == "de" else 1]
    return f"{names.get(ags, ags)} ({ags}, {kind})"


def _district_frame(districts: pd.DataFrame) -> tuple[dict[str, str], NameIndex]:
    keys = [str(k).zfill(5) for k in districts["ags"]]
    names = dict(zip(keys, districts["name"].astype(str), strict=True))
    kinds = districts["kind"] if "kind" in districts.columns else [None] * len(keys)
    return names, NameIndex.build(zip(keys, names.values(), kinds, strict=True))


def read_user_table(
    data: bytes,
    *,
    filename: str,
    districts: pd.DataFrame,
    max_bytes: int = MAX_BYTES,
) -> UserTable:
    """Read and validate an uploaded table of planners' own indicators.

    Parameters
    ----------
    data
        The file's bytes (CSV in UTF-8, UTF-16 with BOM or Windows-1252, or XLSX).
        The type is decided by content, never by ``filename``.
    filename
        The uploaded file's name, used in messages only.
    districts
        The atlas districts: columns ``ags`` and ``name`` (``kind`` optional; it
        helps to tell a city from the Landkreis of the same name).
    max_bytes
        Files larger than this are refused.

    Returns
    -------
    UserTable
        With ``values`` filled if there are no errors; never raises for bad data.
    """
    found = _Collector()
    empty = pd.DataFrame(index=pd.Index([], name="ags", dtype=str))

    def result(columns: Sequence[str] = (), **extra: object) -> UserTable:
        return UserTable(
            values=empty.reindex(columns=list(columns)).astype(float),
            columns=tuple(columns),
            warnings=tuple(found.warnings),
            errors=found.final_errors(),
            filename=filename,
            **extra,  # type: ignore[arg-type]
        )

    if len(data) > max_bytes:
        found.error("too_large", filename=filename, **_sizes(len(data), max_bytes))
        return result()
    grid, errors, warns = read_grid(data, filename=filename)
    found.errors.extend(errors)
    found.warnings.extend(warns)
    if grid is None:
        return result()
    layout = _layout(grid, found)
    if layout is None:
        return result()
    body = grid.rows[layout.header_index + 1 :]
    if not body:
        found.error("no_rows")
        return result()
    numeric = _numeric_columns(layout, body, found)
    if not numeric:
        found.error("no_numeric_column")
        return result()
    if len(numeric) > MAX_COLUMNS:
        found.error("too_many_columns", count=len(numeric), limit=MAX_COLUMNS)
        return result()
    _check_headers(layout, list(numeric), found)
    _check_ragged(grid, layout, body, found)
    columns = [layout.headers[i] for i in numeric]
    names, index = _district_frame(districts)
    rows = _match_rows(layout, body, numeric, names, index, filename=filename, found=found)
    default: Convention = "point" if grid.delimiter == "," else "comma"
    table, decimals = _column_values(layout, numeric, rows, names, default=default, found=found)
    _report_missing(set(rows.values()), names, found)
    matched_by = "ags" if layout.key is not None else "name"
    if found.errors:
        return result(columns, matched_by=matched_by, decimals=decimals)
    values = table.reindex(columns=columns).astype(float)
    values.index = pd.Index([rows[r] for r in table.index], name="ags", dtype=str)
    values = values.sort_index()
    return UserTable(
        values=values,
        columns=tuple(columns),
        warnings=tuple(found.warnings),
        errors=(),
        filename=filename,
        matched_by=matched_by,
        decimals=decimals,
    )


def _sizes(size: int, limit: int) -> dict[str, Any]:
    """Exact byte counts for the size message: ``5,000,001`` vs ``5,000,000`` (and German)."""
    return {
        "size": f"{size:,}",
        "size_de": f"{size:,}".replace(",", "."),
        "limit": f"{limit:,}",
        "limit_de": f"{limit:,}".replace(",", "."),
        "limit_mb": f"{limit / 1_000_000:g}",
    }


def _check_ragged(
    grid: Grid, layout: _Layout, body: list[tuple[int, list[Cell]]], found: _Collector
) -> None:
    expected = len(layout.headers)
    while expected and not layout.headers[expected - 1]:
        expected -= 1
    for row, cells in body:
        extra = [c for c in cells[expected:] if c is not None and str(c).strip()]
        if extra:
            comma = grid.delimiter == ","
            found.error(
                "ragged_row",
                row=row,
                count=len(cells),
                expected=expected,
                hint_de=" Dezimalkommas in einer kommagetrennten Datei? Dann Semikolon als "
                "Trennzeichen verwenden."
                if comma
                else "",
                hint_en=" Decimal commas in a comma-separated file? Then use semicolons as "
                "separators."
                if comma
                else "",
            )
            if comma:
                return  # decimal commas in a comma file: one message says enough


def _match_rows(
    layout: _Layout,
    body: list[tuple[int, list[Cell]]],
    numeric: Mapping[int, object],
    names: Mapping[str, str],
    index: NameIndex,
    *,
    filename: str,
    found: _Collector,
) -> dict[int, str]:
    """Row number -> district key for every row that names a valid district."""
    matched: dict[int, str] = {}
    first_row: dict[str, int] = {}
    for row, cells in body:
        key_cell = cells[layout.key] if layout.key is not None and layout.key < len(cells) else None
        name_cell = (
            cells[layout.name] if layout.name is not None and layout.name < len(cells) else None
        )
        has_values = any(
            i < len(cells) and cells[i] is not None and str(cells[i]).strip() for i in numeric
        )
        use_key = layout.key is not None
        cell = key_cell if use_key else name_cell
        column = layout.headers[layout.key if use_key else layout.name]  # type: ignore[index]
        if not _cell_text(cell).strip():
            if has_values:
                found.error("missing_key", row=row, column=column)
            else:
                found.warn("blank_key_row", row=row)
            continue
        text = _cell_text(cell).strip().lstrip("'")
        if not has_values and not (re.match(r"^\d", text) if use_key else index.lookup(text)):
            found.warn("note_row", row=row, value=shorten(_cell_text(cell)))
            continue
        if use_key:
            ags = _resolve_key(
                cell, row=row, column=column, names=names, filename=filename, found=found
            )
            if ags and layout.name is not None and _cell_text(name_cell).strip():
                candidates = index.lookup(_cell_text(name_cell))
                if candidates and ags not in candidates:
                    found.warn(
                        "name_key_mismatch",
                        row=row,
                        key=ags,
                        district=names[ags],
                        value=shorten(_cell_text(name_cell)),
                    )
        elif re.fullmatch(r"\d{4,8}", text):  # a key in the name column
            ags = _resolve_key(
                cell, row=row, column=column, names=names, filename=filename, found=found
            )
        else:
            ags = _resolve_name(cell, row=row, column=column, index=index, names=names, found=found)
        if ags is None:
            continue
        if ags in first_row:
            found.error(
                "duplicate_district",
                row=row,
                column=column,
                key=ags,
                district=names[ags],
                first_row=first_row[ags],
            )
            continue
        first_row[ags] = row
        matched[row] = ags
    return matched


def _column_values(
    layout: _Layout,
    numeric: Mapping[int, list[tuple[int, Cell, Reading | str]]],
    rows: Mapping[int, str],
    names: Mapping[str, str],
    *,
    default: Convention,
    found: _Collector,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Values of matched rows (index: row number) and the decimal convention per column."""
    table: dict[str, dict[int, float]] = {}
    decimals: dict[str, str] = {}
    for i, readings in numeric.items():
        column = layout.headers[i]
        numbers: list[tuple[int, str, Reading]] = []
        empty_rows: list[int] = []
        for row, cell, reading in readings:
            district = names.get(rows.get(row, ""), None)
            where = {"row": row, "column": column, "district": district}
            shown = shorten(_cell_text(cell))
            if isinstance(reading, str):
                found.error(
                    "not_a_number_type",
                    **where,
                    what_de="Datum" if reading == "date" else "Wahrheitswert",
                    what_en="date" if reading == "date" else "boolean (TRUE/FALSE)",
                )
            elif reading.kind == "empty":
                if row in rows:
                    empty_rows.append(row)
            elif reading.kind == "number":
                numbers.append((row, _cell_text(cell), reading))
            else:
                code = {"nonfinite": "not_finite", "formula": "formula"}.get(reading.kind)
                found.error(code or "text_in_numeric", **where, value=shown)
        decision = decide_decimal(numbers, default=default)
        if decision.convention is None:
            assert decision.conflict is not None
            (row_comma, comma), (row_point, point) = decision.conflict
            found.error(
                "mixed_decimals",
                column=column,
                row_comma=row_comma,
                comma=shorten(comma),
                row_point=row_point,
                point=shorten(point),
            )
            continue
        decimals[column] = decision.convention
        if decision.assumed is not None:
            found.warn(
                "decimal_assumed",
                column=column,
                example=shorten(decision.assumed),
                decimal_de="Komma" if decision.convention == "comma" else "Punkt",
                decimal_en="comma" if decision.convention == "comma" else "point",
            )
        values: dict[int, float] = {}
        for row, text, reading in numbers:
            value = reading.value(decision.convention)
            if not abs(value) <= MAX_MAGNITUDE:
                district = names.get(rows.get(row, ""), None)
                found.error(
                    "huge_value", row=row, column=column, district=district, value=shorten(text)
                )
            elif row in rows:
                values[row] = value
        if empty_rows:
            found.warn("empty_cells", column=column, count=len(empty_rows), row=empty_rows[0])
        table[column] = values
    frame = pd.DataFrame(
        {c: pd.Series(v, dtype=float) for c, v in table.items()}, index=sorted(rows)
    )
    return frame, decimals


def _report_missing(matched: set[str], names: Mapping[str, str], found: _Collector) -> None:
    missing = [k for k in names if k not in matched]
    if missing and matched:
        examples = ", ".join(_district_label(k, names) for k in missing[:3])
        found.warn("missing_districts", count=len(missing), total=len(names), examples=examples)


def _upload_bytes(contents: str, *, filename: str, max_bytes: int) -> bytes | UserTable:
    """Decode a ``data:`` URL, or give a table with the error if too large or malformed."""
    header, comma, payload = contents.partition(",")
    # the decoded size, exact for base64 without line breaks (as browsers write it)
    size = len(payload) * 3 // 4 - len(payload[-2:]) + len(payload[-2:].rstrip("="))
    if size > max_bytes:
        problem = make_problem("too_large", filename=filename, **_sizes(size, max_bytes))
        return _refused(filename, problem)
    try:
        if not comma or not header.endswith(";base64"):
            raise ValueError("not a base64 data URL")
        return base64.b64decode(payload, validate=True)
    except ValueError:
        problem = make_problem(
            "not_a_table",
            filename=filename,
            what="eine unvollständige Übertragung",
            what_en="an incomplete transfer",
        )
        return _refused(filename, problem)


def _refused(filename: str, problem: Problem) -> UserTable:
    return UserTable(
        values=pd.DataFrame(index=pd.Index([], name="ags", dtype=str)),
        columns=(),
        errors=(problem,),
        filename=filename,
    )


def read_uploaded_contents(
    contents: str,
    *,
    filename: str,
    districts: pd.DataFrame,
    max_bytes: int = MAX_BYTES,
) -> UserTable:
    """Read the ``contents`` of a web upload field (a base64 ``data:`` URL).

    This is what Dash's ``dcc.Upload`` hands to a callback. The size is checked
    before decoding; a malformed data URL is reported like any unreadable file.

    Parameters
    ----------
    contents
        ``"data:<media type>;base64,<data>"`` (the media type is ignored).
    filename, districts, max_bytes
        As for :func:`read_user_table`.
    """
    data = _upload_bytes(contents, filename=filename, max_bytes=max_bytes)
    if isinstance(data, UserTable):
        return data
    return read_user_table(data, filename=filename, districts=districts, max_bytes=max_bytes)


def screen_uploaded_contents(
    contents: str, *, filename: str, max_bytes: int = MAX_BYTES
) -> UserTable | None:
    """Refuse a web upload on its cheap limits alone, before any full read.

    Size, data URL, file type, encoding, CSV record widths and row count, and for a
    workbook its ZIP directory, declared dimension, cells and shared strings counted
    from the raw members. Costs milliseconds whatever the file holds.

    Returns
    -------
    UserTable or None
        A table holding the first errors found, or ``None`` if the upload is worth a
        full read with :func:`read_uploaded_contents`.
    """
    data = _upload_bytes(contents, filename=filename, max_bytes=max_bytes)
    if isinstance(data, UserTable):
        return data
    errors = screen_grid(data, filename=filename)
    if not errors:
        return None
    return UserTable(
        values=pd.DataFrame(index=pd.Index([], name="ags", dtype=str)),
        columns=(),
        errors=tuple(errors),
        filename=filename,
    )


def too_costly(filename: str, *, cpu_s: float, memory_mb: int) -> UserTable:
    """Return the result of an upload whose reading was stopped at a CPU or memory budget."""
    problem = make_problem("too_costly", filename=filename, cpu=f"{cpu_s:g}", memory=memory_mb)
    return _refused(filename, problem)


def load_user_table(
    path: str | Path, *, districts: pd.DataFrame, max_bytes: int = MAX_BYTES
) -> UserTable:
    """Read an upload from disk for the command line; raise if it has errors.

    Raises
    ------
    UserTableError
        Listing every error found (warnings are in the returned table).
    """
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        problem = make_problem("too_large", filename=path.name, **_sizes(size, max_bytes))
        raise UserTableError(path, [problem])
    data = path.read_bytes()
    table = read_user_table(data, filename=path.name, districts=districts, max_bytes=max_bytes)
    if table.errors:
        raise UserTableError(path, table.errors)
    return table
