"""Reader of the Destatis GV-ISys table of districts (``04-kreise.xlsx``).

The workbook "Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und
Bevölkerungsdichte" lists every district with its key, type, name, NUTS-3 code, area
and population on the reference date. Land, Regierungsbezirk and regional rows,
totals and footnotes are interleaved with the districts and skipped here.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException

from geodata.errors import (
    DuplicateKeyError,
    EncodingError,
    MissingFileError,
    MissingHeaderError,
    NumericValueError,
    ReaderError,
)

__all__ = ["read_destatis_kreise"]

#: District types printed by GV-ISys; used to tell the type column from the name column.
DISTRICT_KINDS = frozenset(
    {"Kreisfreie Stadt", "Landkreis", "Kreis", "Stadtkreis", "Regionalverband"}
)

_REFERENCE_DATE = re.compile(r"Gebietsstand:?\s*(\d{1,2})\.(\d{1,2})\.(\d{4})")
_KEYISH = re.compile(r"^[0-9][0-9A-Za-z]{4}$")  # five characters starting with a digit
_HEADER_SEARCH_ROWS = 20
_OUTPUT_COLUMNS = [
    "ags",
    "kind",
    "name",
    "nuts3",
    "area_km2",
    "population",
    "population_male",
    "population_female",
    "density",
]


@dataclass(frozen=True)
class _Layout:
    """Where the header sits and which column holds which field (0-based)."""

    header_row: int  # 0-based index of the row with "Schlüssel…"
    data_start: int  # 0-based index of the first row after the header block
    columns: dict[str, int]
    labels: dict[str, str]


def read_destatis_kreise(path: str | Path) -> pd.DataFrame:
    """Read the Destatis GV-ISys district table (``04-kreise.xlsx``).

    Parameters
    ----------
    path
        The workbook, e.g. the 2019 edition (Gebietsstand 31.12.2019) or the 2018
        edition shipped in the npm package ``landkreise-deutschland``.

    Returns
    -------
    pandas.DataFrame
        One row per district, sorted by key, with columns ``ags`` (5 digits; Hamburg
        ``02000``, Berlin ``11000``), ``kind`` (type as printed, e.g. "Landkreis"),
        ``name`` (as printed, e.g. "Flensburg, Stadt"), ``nuts3``, ``area_km2`` (float),
        ``population``, ``population_male``, ``population_female`` (int) and ``density``
        (inhabitants per km², float). ``attrs`` holds ``reference_date`` (ISO date parsed
        from the "Gebietsstand" line), ``sheet`` and ``source``.

    Raises
    ------
    EncodingError
        If the file is not an XLSX workbook.
    MissingHeaderError
        If no sheet has the expected header, a column is missing, or the reference
        date line is absent.
    NumericValueError
        If a number cell holds text.
    DuplicateKeyError
        If a district key occurs twice.
    ReaderError
        For malformed keys or a table without district rows.

    Notes
    -----
    The sheet and header are found by their content (a key column headed
    "Schlüssel…" next to "NUTS3"), not by position; error ``line`` numbers are
    spreadsheet row numbers.
    """
    path = Path(path)
    if not path.exists():
        raise MissingFileError(
            path,
            what="Destatis workbook",
            fix="place the download named in ../shared/raw/PROVENANCE.md there",
        )
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise EncodingError(path, f"not an XLSX workbook ({error})") from None
    try:
        for sheet in workbook.worksheets:
            rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
            layout = _find_layout(rows, path, sheet.title)
            if layout is not None:
                reference_date = _reference_date(rows[: layout.header_row], workbook)
                if reference_date is None:
                    raise MissingHeaderError(
                        path, "no 'Gebietsstand: DD.MM.YYYY' line found", sheet=sheet.title
                    )
                frame = _districts(rows, layout, path, sheet.title)
                frame.attrs["reference_date"] = reference_date
                frame.attrs["sheet"] = sheet.title
                frame.attrs["source"] = (
                    "Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem "
                    f"GV-ISys, {path.name}, Gebietsstand {reference_date}"
                )
                return frame
    finally:
        workbook.close()
    raise MissingHeaderError(path, "no sheet has a 'Schlüsselnummer' … 'NUTS3' header row")


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _find_layout(rows: list[tuple[Any, ...]], path: Path, sheet: str) -> _Layout | None:
    """Locate the header block; None if this sheet is not the district table."""
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        cells = [_text(v).replace("-", "").replace("\n", " ") for v in row]
        if not cells or not cells[0].startswith("Schlüssel"):
            continue
        if not any(cell.startswith("NUTS") for cell in cells):
            continue
        sub = [_text(v).lower() for v in rows[index + 1]] if index + 1 < len(rows) else []
        columns = {"ags": 0, "nuts3": _first(cells, "NUTS")}
        labels = {"ags": _text(row[0]), "nuts3": _text(row[columns["nuts3"]])}
        wanted = {"area_km2": (cells, "Fläche"), "population": (cells, "Bevölkerung")}
        for field, (line, prefix) in wanted.items():
            position = _first(line, prefix)
            if position < 0:
                raise MissingHeaderError(
                    path, f"header has no {prefix!r} column", sheet=sheet, line=index + 1
                )
            columns[field] = position
            labels[field] = _text(row[position])
        start = columns["population"]
        for field, word in (
            ("population", "insgesamt"),
            ("population_male", "männlich"),
            ("population_female", "weiblich"),
            ("density", "je km2"),
        ):
            position = next((i for i in range(start, len(sub)) if sub[i] == word), -1)
            if position < 0:
                raise MissingHeaderError(
                    path,
                    f"population header has no {word!r} sub-column",
                    sheet=sheet,
                    line=index + 2,
                )
            columns[field] = position
            labels[field] = word
        if columns["nuts3"] < 3:
            raise MissingHeaderError(
                path, "expected type and name columns before NUTS3", sheet=sheet, line=index + 1
            )
        return _Layout(index, index + 2, columns, labels)
    return None


def _first(cells: Sequence[str], prefix: str) -> int:
    return next((i for i, cell in enumerate(cells) if cell.startswith(prefix)), -1)


def _reference_date(title_rows: list[tuple[Any, ...]], workbook: openpyxl.Workbook) -> str | None:
    """Parse "Gebietsstand: 31.12.2019" above the header, else on any other sheet."""
    candidates = [cell for row in title_rows for cell in row]
    for sheet in workbook.worksheets:
        candidates.extend(
            cell for row in sheet.iter_rows(max_row=40, values_only=True) for cell in row
        )
    for cell in candidates:
        match = _REFERENCE_DATE.search(_text(cell))
        if match:
            day, month, year = (int(part) for part in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _district_key(value: Any, path: Path, sheet: str, line: int) -> str | None:
    """Return the 5-digit key of a district row, None for any other row."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1000 <= value <= 16999:
            return f"{int(value):05d}"
        return None
    text = _text(value)
    if len(text) == 5 and text.isdigit():
        return text
    if _KEYISH.match(text):
        raise ReaderError(path, f"malformed district key {value!r}", sheet=sheet, line=line)
    return None


def _districts(
    rows: list[tuple[Any, ...]], layout: _Layout, path: Path, sheet: str
) -> pd.DataFrame:
    """Collect the district rows below the header block."""
    records: list[dict[str, Any]] = []
    lines: list[int] = []
    text_columns: tuple[list[str], list[str]] = ([], [])
    for index in range(layout.data_start, len(rows)):
        row = rows[index] + (None,) * (layout.columns["density"] + 1 - len(rows[index]))
        line = index + 1
        key = _district_key(row[0], path, sheet, line)
        if key is None:
            continue
        record: dict[str, Any] = {"ags": key, "nuts3": _text(row[layout.columns["nuts3"]])}
        for field in ("area_km2", "density"):
            record[field] = _number(row, layout, field, path, sheet, line)
        for field in ("population", "population_male", "population_female"):
            value = _number(row, layout, field, path, sheet, line)
            if not value.is_integer():
                raise NumericValueError(
                    path,
                    f"population must be a whole number, found {value!r}",
                    sheet=sheet,
                    line=line,
                    column=layout.labels[field],
                )
            record[field] = int(value)
        text_columns[0].append(_text(row[1]))
        text_columns[1].append(_text(row[2]))
        records.append(record)
        lines.append(line)
    if not records:
        raise ReaderError(path, "no district rows (5-digit keys) below the header", sheet=sheet)

    frame = pd.DataFrame.from_records(records)
    kind_first = _kind_is_first(*text_columns)
    frame["kind"] = text_columns[0] if kind_first else text_columns[1]
    frame["name"] = text_columns[1] if kind_first else text_columns[0]
    for field in ("kind", "name", "nuts3"):
        empty = np.flatnonzero((frame[field] == "").to_numpy())
        if empty.size:
            raise ReaderError(
                path,
                f"district {frame['ags'].iloc[empty[0]]} has no {field}",
                sheet=sheet,
                line=lines[empty[0]],
            )
    duplicated = frame["ags"].duplicated()
    if duplicated.any():
        first = int(np.flatnonzero(duplicated.to_numpy())[0])
        raise DuplicateKeyError(
            path,
            f"district {frame['ags'].iloc[first]} occurs twice",
            sheet=sheet,
            line=lines[first],
        )
    frame = frame.astype(
        {"population": "int64", "population_male": "int64", "population_female": "int64"}
    )
    return frame[_OUTPUT_COLUMNS].sort_values("ags", ignore_index=True)


def _kind_is_first(first: list[str], second: list[str]) -> bool:
    """Tell whether the type precedes the name (the printed header is misaligned)."""

    def score(values: list[str]) -> tuple[float, int]:
        known = sum(value in DISTRICT_KINDS for value in values) / len(values)
        return known, -len(set(values))

    return score(first) >= score(second)


def _number(
    row: tuple[Any, ...], layout: _Layout, field: str, path: Path, sheet: str, line: int
) -> float:
    """Return a numeric cell as float; text is parsed German-style or rejected."""
    value = row[layout.columns[field]]
    number = float("nan")
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if "," in text:  # German style "1.234,5"
            text = text.replace(".", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            pass
    if np.isfinite(number):
        return number
    raise NumericValueError(
        path,
        f"expected a number, found {value!r}",
        sheet=sheet,
        line=line,
        column=layout.labels[field],
    )
