"""Reader of GENESIS / Regionalstatistik CSV exports (Regionaldatenbank Deutschland).

The export dialect (see PROVENANCE.md, section 0): latin-1 (one table UTF-8), ``;``,
decimal comma, a header block of title lines and multi-line column headers, data rows
``year;key;name;value…`` (or ``key;name;value…`` for single-date tables such as the
Zensus 2011), then a footer after a ``__________`` line holding footnotes, the licence
and ``Stand: DD.MM.YYYY / hh:mm:ss``.

How a ``variable`` name is built from the column headers
--------------------------------------------------------
For each value column the header lines above the data (lines whose first field is empty)
are read top to bottom:

1. A last header line made only of unit words (``Anzahl``, ``Prozent``, ``Tsd. EUR``,
   ``EUR`` …) is the *unit line*; it gives the unit, never the name.
2. A title line of the form ``Measure (unit word)`` (e.g. ``Kraftfahrzeugbestand (Anzahl)``)
   names the *measure*; it is put first. When such a measure exists, a header line that
   is identical over all columns and followed by more header lines is a classification
   heading (``Kraftfahrzeugarten``) and is dropped.
3. A header cell holding the ``...`` placeholder (``Haushalte mit ... Personen``) takes
   the cell below it into the placeholder (``Haushalte mit 1 Personen``); when the cell
   below is ``Insgesamt`` the placeholder cell is dropped instead.
4. Repeated consecutive cells are kept once and the parts are joined with ``": "``.
5. A unit written into the last part is moved to ``unit``: a parenthesis
   (``Bevölkerungsdichte (EW je qkm)`` → ``Bevölkerungsdichte``, unit ``EW je km2``) or,
   when the unit line only says ``Anzahl``, a ``je 10.000 EW`` suffix
   (``Lebendgeborene je 10.000 EW`` → ``Lebendgeborene``, unit ``je 10.000 EW``).

Examples: ``Bevölkerungsdichte``, ``Lebendgeborene``, ``Kraftfahrzeugbestand: Pkw``,
``Durchschnittliche Jahresbevölkerung: männlich``, ``Private Haushalte: Insgesamt``,
``Private Haushalte: Haushalte mit 6 und mehr Personen``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from geodata.errors import DuplicateKeyError, MissingHeaderError, NumericValueError, ReaderError
from geodata.readers._common import GENESIS_SPECIAL_VALUES, checked_number, read_text

__all__ = ["COLUMNS", "NOT_EXISTING_REASON", "ZERO_REASON", "read_genesis"]

#: Output columns, in order.
COLUMNS = ["ags", "level", "name", "year", "variable", "value", "missing_reason", "unit", "table"]

#: ``missing_reason`` of a ``-`` cell read as exactly zero (value 0.0).
ZERO_REASON = "nothing (exactly zero)"
#: ``missing_reason`` of a row made only of ``-``: the region did not exist that year.
NOT_EXISTING_REASON = "region did not exist in that year"

#: City states that GENESIS lists only as a Land row; they are emitted as districts too.
CITY_STATES = {"02": "02000", "11": "11000"}

_LEVELS = {2: "state", 3: "region", 5: "district"}
_YEAR = re.compile(r"^(?:\d{2}\.\d{2}\.)?(\d{4})$")
_DATE = re.compile(r"\b\d{2}\.\d{2}\.(\d{4})\b")
_KEY = re.compile(r"^(?:DG|\d+)$")
_NUMBER = re.compile(r"^[+-]?\d+(?:,\d+)?$")
_UNIT_WORD = re.compile(
    r"^(?:Anzahl|Prozent|Promille|%|‰|EUR|Euro|qkm|km2|km²|ha|Jahre|Personen|"
    r"(?:Tsd\.|Mio\.|Mill\.|Mrd\.|1000)\s*(?:EUR|Euro|Personen)?)$"
)
_MEASURE = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")
_PER_INHABITANTS = re.compile(r"^(.*\S)\s+(je [\d.]+ (?:EW|Einwohner))$")
_TABLE = re.compile(r"^GENESIS-Tabelle:\s*(\S+)")


@dataclass(frozen=True)
class _Column:
    variable: str
    unit: str | None


def _clean(text: str) -> str:
    return " ".join(text.split())


def _fields(line: str) -> list[str]:
    return line.split(";")


def _is_data_row(fields: list[str]) -> str | None:
    """Return ``"dated"``, ``"undated"`` or None for a body line's fields."""
    if len(fields) >= 4 and _YEAR.match(fields[0].strip()) and _KEY.match(fields[1].strip()):
        return "dated"
    first = fields[0].strip()
    if len(fields) >= 3 and _KEY.match(first) and fields[1].strip():
        return "undated"
    return None


def _normalise_unit(unit: str) -> str:
    unit = _clean(unit)
    if unit == "Prozent":
        return "%"
    return unit.replace("qkm", "km2").replace("km²", "km2").replace("Mill.", "Mio.")


def _build_columns(
    path: Path, header: list[list[str]], titles: list[str], n_lead: int, n_values: int
) -> list[_Column]:
    cells = [[_clean(c) for c in (row[n_lead:] + [""] * n_values)[:n_values]] for row in header]
    unit_cells: list[str] | None = None
    if cells and all(c and _UNIT_WORD.match(c) for c in cells[-1]):
        unit_cells = cells.pop()
    measure: str | None = None
    measure_unit: str | None = None
    for title in titles:
        match = _MEASURE.match(title)
        if match and _UNIT_WORD.match(match.group(2).strip()):
            measure, measure_unit = match.group(1), _normalise_unit(match.group(2))
    if measure is not None and n_values > 1:
        cells = [
            row for i, row in enumerate(cells) if not (len(set(row)) == 1 and i < len(cells) - 1)
        ]
    columns: list[_Column] = []
    for j in range(n_values):
        stack = [row[j] for row in cells if row[j]]
        parts: list[str] = []
        i = 0
        while i < len(stack):
            part = stack[i]
            if "..." in part and i + 1 < len(stack):
                below = stack[i + 1]
                parts.append(below if below == "Insgesamt" else part.replace("...", below))
                i += 2
                continue
            if not parts or parts[-1] != part:
                parts.append(part)
            i += 1
        unit = unit_cells[j] if unit_cells else None
        unit = _normalise_unit(unit) if unit else measure_unit
        if parts:
            inner = _MEASURE.match(parts[-1])
            per = _PER_INHABITANTS.match(parts[-1])
            if inner:
                parts[-1], unit = inner.group(1), _normalise_unit(inner.group(2))
            elif per and unit in (None, "Anzahl"):
                parts[-1], unit = per.group(1), per.group(2)
        if measure is not None:
            parts.insert(0, measure)
        if not parts:
            raise MissingHeaderError(
                path, "value column has no header text", column=f"value column {j + 1}"
            )
        columns.append(_Column(": ".join(parts), unit))
    names = [c.variable for c in columns]
    for name in names:
        if names.count(name) > 1:
            raise ReaderError(path, f"two value columns share the header {name!r}")
    return columns


def _encoding_of(path: Path) -> str:
    # read_text tries UTF-8 first, so a file that fails UTF-8 was decoded as latin-1.
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return "latin-1"
    return "utf-8"


def _footer(lines: list[str]) -> tuple[str | None, str | None, list[str]]:
    licence: str | None = None
    stand: str | None = None
    notes: list[str] = []
    for record in csv.reader((line + "\n" for line in lines), delimiter=";"):
        text = "\n".join(field for field in record if field).strip()
        if not text:
            continue
        if text.startswith("Stand:"):
            stand = text.removeprefix("Stand:").strip()
        elif "©" in text or "Lizenz" in text or "lizenziert" in text:
            licence = _clean(text)
        else:
            notes.append(text)
    return licence, stand, notes


def read_genesis(path: str | Path) -> pd.DataFrame:
    """Read a GENESIS / Regionalstatistik CSV export into a long table.

    Parameters
    ----------
    path
        A ``*.csv`` exported from the Regionaldatenbank or GENESIS-Online
        (latin-1 or UTF-8, ``;``-separated, decimal comma).

    Returns
    -------
    pandas.DataFrame
        One row per region × year × variable with the columns ``ags`` (``"DG"``,
        2-digit Land, 3-digit Regierungsbezirk / statistical region, 5-digit district),
        ``level`` (``"country"``, ``"state"``, ``"region"``, ``"district"``), ``name``,
        ``year``, ``variable`` (built from the column headers as described in the
        module docstring), ``value``, ``missing_reason``, ``unit`` and ``table``.
        Hamburg and Berlin, listed only as Land rows ``02``/``11``, appear also as
        district rows ``02000``/``11000``. Eight-digit rows (Berlin Bezirke and
        municipalities shown inside a district, such as Hannover or Aachen) are dropped.
        ``value`` is NaN where the cell is a special value; ``missing_reason`` then
        gives its GENESIS meaning. A ``-`` is read as exactly 0.0 (reason
        :data:`ZERO_REASON`) except in a row made only of ``-``, which marks a region
        that did not exist that year (NaN, reason :data:`NOT_EXISTING_REASON`).
        ``df.attrs`` holds ``table``, ``title``, ``licence``, ``stand`` (the export
        time stamp), ``footnotes`` and ``encoding``.

    Raises
    ------
    EncodingError
        If the file is binary or not text.
    MissingHeaderError
        If the ``GENESIS-Tabelle:`` line or the column headers are missing.
    NumericValueError
        If a value cell is neither a number nor a documented special value.
    DuplicateKeyError
        If a region occurs twice for the same year.
    ReaderError
        For a malformed region key or year, a truncated row, no data rows or a
        missing footer.
    """
    path = Path(path)
    text = read_text(path)
    encoding = _encoding_of(path)
    lines = text.splitlines()
    if not lines or not lines[0].strip().strip(";"):
        raise ReaderError(path, "file is empty")
    table_match = _TABLE.match(lines[0].strip())
    if not table_match:
        raise MissingHeaderError(path, "first line must be 'GENESIS-Tabelle: <table code>'", line=1)
    table = table_match.group(1).strip(";")
    footer_at = next((i for i, line in enumerate(lines) if line.startswith("_____")), None)
    if footer_at is None:
        raise ReaderError(path, "no footer line '__________' found: the file looks truncated")
    body = lines[:footer_at]
    first_data = None
    layout = None
    for i, line in enumerate(body[1:], start=1):
        layout = _is_data_row(_fields(line))
        if layout is not None:
            first_data = i
            break
    if first_data is None or layout is None:
        raise ReaderError(path, "no data rows between the header and the footer")
    head = body[1:first_data]
    header = [_fields(line) for line in head if line.startswith(";")]
    titles = [_clean(line.strip().rstrip(";")) for line in head if not line.startswith(";")]
    titles = [t for t in titles if t]
    if not header:
        raise MissingHeaderError(path, "no column header lines above the data", line=first_data)
    n_lead = 3 if layout == "dated" else 2
    n_values = max(len(row) for row in header) - n_lead
    if n_values < 1:
        raise MissingHeaderError(path, "column headers name no value column", line=first_data)
    columns = _build_columns(path, header, titles, n_lead, n_values)

    fixed_year: int | None = None
    if layout == "undated":
        for title in titles:
            date = _DATE.search(title)
            if date:
                fixed_year = int(date.group(1))
                break
        if fixed_year is None:
            raise MissingHeaderError(
                path, "single-date table without a reference date in its title"
            )

    n_fields = n_lead + n_values
    keys: list[str] = []
    levels: list[str] = []
    names: list[str] = []
    years: list[int] = []
    values: list[float] = []
    reasons: list[str | None] = []
    seen: dict[tuple[str, int], int] = {}
    for number, line in enumerate(body[first_data:], start=first_data + 1):
        if not line.strip().strip(";"):
            continue
        fields = _fields(line)
        if len(fields) < n_fields:
            raise ReaderError(
                path, f"row has {len(fields)} fields, expected {n_fields} (truncated?)", line=number
            )
        if any(f.strip() for f in fields[n_fields:]):
            raise ReaderError(path, f"row has more than {n_fields} fields", line=number)
        if layout == "dated":
            year_match = _YEAR.match(fields[0].strip())
            if not year_match:
                raise ReaderError(path, f"malformed year {fields[0]!r}", line=number)
            year = int(year_match.group(1))
            key = fields[1].strip()
        else:
            year = fixed_year or 0
            key = fields[0].strip()
        if key == "DG":
            level = "country"
        elif key.isdigit() and len(key) == 8:
            continue  # Berlin Bezirke and municipalities shown inside a district
        elif key.isdigit() and len(key) in _LEVELS:
            level = _LEVELS[len(key)]
        else:
            raise ReaderError(path, f"malformed region key {key!r}", line=number, column="key")
        if (key, year) in seen:
            raise DuplicateKeyError(
                path,
                f"region {key} occurs twice for {year} (first on line {seen[key, year]})",
                line=number,
            )
        seen[key, year] = number
        name = fields[n_lead - 1].strip()
        cells = [c.strip() for c in fields[n_lead:n_fields]]
        not_existing = all(c == "-" for c in cells)
        for j, cell in enumerate(cells):
            if _NUMBER.match(cell):
                parsed = float(cell.replace(",", "."))
                value = checked_number(parsed, path=path, line=number, column=columns[j].variable)
                reason = None
            elif not_existing:
                value, reason = np.nan, NOT_EXISTING_REASON
            elif cell == "-":
                value, reason = 0.0, ZERO_REASON
            elif cell in GENESIS_SPECIAL_VALUES:
                value, reason = np.nan, GENESIS_SPECIAL_VALUES[cell]
            else:
                raise NumericValueError(
                    path,
                    f"expected a number or a GENESIS special value, found {cell!r}",
                    line=number,
                    column=columns[j].variable,
                )
            keys.append(key)
            levels.append(level)
            names.append(name)
            years.append(year)
            values.append(value)
            reasons.append(reason)

    n_rows = len(keys) // n_values
    if n_rows == 0:
        raise ReaderError(path, "no data rows between the header and the footer")
    frame = pd.DataFrame(
        {
            "ags": keys,
            "level": levels,
            "name": names,
            "year": np.asarray(years, dtype=np.int64),
            "variable": [c.variable for c in columns] * n_rows,
            "value": np.asarray(values, dtype=np.float64),
            "missing_reason": pd.Series(reasons, dtype=object),
            "unit": [c.unit for c in columns] * n_rows,
            "table": table,
        },
        columns=COLUMNS,
    )
    frame = _add_city_state_districts(frame)
    licence, stand, notes = _footer(lines[footer_at + 1 :])
    frame.attrs.update(
        {
            "table": table,
            "title": " ".join(titles),
            "licence": licence,
            "stand": stand,
            "footnotes": notes,
            "encoding": encoding,
            "path": str(path),
        }
    )
    return frame


def _add_city_state_districts(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy the Land rows of Hamburg and Berlin as district rows ``02000``/``11000``."""
    present = set(frame.loc[frame["level"] == "district", "ags"].unique())
    copies = frame[frame["ags"].isin(CITY_STATES.keys())].copy()
    copies = copies[~copies["ags"].map(CITY_STATES).isin(present)]
    if copies.empty:
        return frame
    copies["ags"] = copies["ags"].map(CITY_STATES)
    copies["level"] = "district"
    return pd.concat([frame, copies], ignore_index=True)
