"""Reader of the VGR der Länder district workbook (Reihe 2, Kreisergebnisse Band 2).

The workbook ``vgr_r2b2_bs2020_2.xlsx`` holds one data sheet per table, named by its
number: ``1.x`` compensation of employees (Mio. EUR), ``2.x`` gross wages and salaries
(Mio. EUR), ``3.x`` employees at the workplace (1000 persons) by WZ 2008 section,
``4``/``5`` compensation / wages per employee (EUR), ``6.x`` hours worked (Mio. hours),
``7``/``8`` per hour (EUR). Each data sheet has three title rows (table group, table
with the WZ sections in parentheses, unit), a header row (``Regional-schlüssel``,
``NUTS 3``, ``Gebietseinheit`` and the years) and one row per region; the district
(NUTS-3) rows carry ``3`` in the ``NUTS 3`` column.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geodata.errors import (
    DuplicateKeyError,
    EncodingError,
    MissingHeaderError,
    NumericValueError,
    ReaderError,
)
from geodata.readers._common import checked_number, pad_district_key

__all__ = ["COLUMNS", "SPECIAL_VALUES", "data_sheets", "read_vgr_workbook"]

#: Output columns, in order.
COLUMNS = ["ags", "name", "year", "variable", "sector", "value", "unit", "sheet"]

#: Text cells the workbook uses instead of numbers, mapped to the value they stand for
#: (``–`` is exactly zero, the others are missing).
SPECIAL_VALUES: dict[str, float] = {
    "–": 0.0,
    "-": 0.0,
    "…": np.nan,  # figure follows later
    "...": np.nan,
    ".": np.nan,  # unknown or confidential
    "/": np.nan,  # not reliable enough
    "x": np.nan,  # not meaningful
    "X": np.nan,
}

_DATA_SHEET = re.compile(r"^\d+(?:\.\d+)*$")
_NUMBERED = re.compile(r"^\s*(\d+(?:\.\d+)*)\s+(.*\S)\s*$")
_SECTOR = re.compile(r"\(([A-Z](?:-[A-Z])?)\)\s*$")
_HEADER_SEARCH_ROWS = 15


def data_sheets(path: str | Path) -> list[str]:
    """Return the names of the numbered data sheets (``1.1`` … ``8``) of a VGR workbook.

    Parameters
    ----------
    path
        The ``.xlsx`` workbook.

    Returns
    -------
    list of str
        Sheet names in workbook order.
    """
    workbook = _open(Path(path))
    try:
        return [name for name in workbook.sheetnames if _DATA_SHEET.match(name)]
    finally:
        workbook.close()


def _open(path: Path) -> Any:
    import openpyxl

    if not path.is_file():
        raise ReaderError(path, "file does not exist")
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as error:
        raise EncodingError(path, f"not a readable .xlsx workbook ({error})") from None


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _unit(text: str) -> tuple[str | None, str]:
    """Split the unit row into (measure, unit): 'Anteil am Land in %' → ('Anteil am Land', '%')."""
    measure, _, unit = text.rpartition("in ")
    unit = unit.replace("Mill.", "Mio.").strip()
    return (measure.strip() or None), unit


def _describe(sheet: str, titles: list[str]) -> tuple[str, str | None, str]:
    """Return (variable, sector, unit) from a sheet's three title rows."""
    group = _NUMBERED.match(titles[0])
    group_title = group.group(2) if group else titles[0]
    table = _NUMBERED.match(titles[1])
    table_title = table.group(2) if table else titles[1]
    measure, unit = _unit(titles[2])
    parts = [group_title]
    if table_title:
        parts.append(table_title)
    variable = f"{sheet} " + " – ".join(parts)
    if measure:
        variable += f", {measure}"
    sector_match = _SECTOR.search(table_title)
    if sector_match:
        sector: str | None = sector_match.group(1)
    elif "insgesamt" in group_title:
        sector = "A-T"
    else:
        sector = None
    return variable, sector, unit


def _read_sheet(path: Path, sheet: str, rows: Iterable[tuple[Any, ...]]) -> dict[str, list[Any]]:
    titles: list[str] = []
    header: tuple[Any, ...] | None = None
    header_row = 0
    iterator = iter(rows)
    for number, row in enumerate(iterator, start=1):
        cells = [_text(c) for c in row]
        if any(c.startswith("Regional") for c in cells):
            header, header_row = row, number
            break
        if number <= 3:
            titles.append(cells[0] if cells else "")
        if number >= _HEADER_SEARCH_ROWS:
            break
    if header is None:
        raise MissingHeaderError(
            path, "no header row with 'Regional-schlüssel' in the first rows", sheet=sheet
        )
    labels = [_text(c) for c in header]
    try:
        key_col = next(i for i, c in enumerate(labels) if c.startswith("Regional"))
        nuts3_col = labels.index("NUTS 3")
        name_col = labels.index("Gebietseinheit")
    except (StopIteration, ValueError):
        raise MissingHeaderError(
            path,
            "header row lacks one of 'Regional-schlüssel', 'NUTS 3', 'Gebietseinheit'",
            sheet=sheet,
            line=header_row,
        ) from None
    year_cols: list[tuple[int, int]] = []
    for i, cell in enumerate(header):
        text = _text(cell)
        if text.isdigit() and 1900 <= int(text) <= 2100:
            year_cols.append((i, int(text)))
    if not year_cols:
        raise MissingHeaderError(
            path, "header row has no year columns", sheet=sheet, line=header_row
        )
    titles = [*titles, "", "", ""][:3]
    variable, sector, unit = _describe(sheet, titles)

    out: dict[str, list[Any]] = {"ags": [], "name": [], "year": [], "value": []}
    seen: dict[str, int] = {}
    width = max(i for i, _ in year_cols) + 1
    for number, row in enumerate(iterator, start=header_row + 1):
        if len(row) <= nuts3_col or _text(row[nuts3_col]) != "3":
            continue
        row = tuple(row) + (None,) * (width - len(row))
        raw_key = _text(row[key_col])
        if not raw_key.isdigit() or len(raw_key) not in (2, 5):
            raise ReaderError(
                path,
                f"malformed district key {raw_key!r}",
                sheet=sheet,
                line=number,
                column=labels[key_col],
            )
        ags = pad_district_key(raw_key, path=path, line=number)
        if ags in seen:
            raise DuplicateKeyError(
                path,
                f"district {ags} occurs twice (first on row {seen[ags]})",
                sheet=sheet,
                line=number,
            )
        seen[ags] = number
        name = _text(row[name_col])
        for col, year in year_cols:
            cell = row[col]
            if cell is None:
                value = np.nan
            elif isinstance(cell, bool):
                raise NumericValueError(
                    path,
                    f"expected a number, found {cell!r}",
                    sheet=sheet,
                    line=number,
                    column=str(year),
                )
            elif isinstance(cell, int | float):
                value = checked_number(
                    float(cell), path=path, sheet=sheet, line=number, column=str(year)
                )
            else:
                text = str(cell).strip()
                if text not in SPECIAL_VALUES:
                    raise NumericValueError(
                        path,
                        f"expected a number or a special value (…, ., /, –), found {text!r}",
                        sheet=sheet,
                        line=number,
                        column=str(year),
                    )
                value = SPECIAL_VALUES[text]
            out["ags"].append(ags)
            out["name"].append(name)
            out["year"].append(year)
            out["value"].append(value)
    if not seen:
        raise ReaderError(path, "no district (NUTS 3) rows", sheet=sheet)
    n = len(out["ags"])
    out["variable"] = [variable] * n
    out["sector"] = [sector] * n
    out["unit"] = [unit] * n
    out["sheet"] = [sheet] * n
    return out


def read_vgr_workbook(path: str | Path, *, sheets: Sequence[str] | None = None) -> pd.DataFrame:
    """Read district (NUTS-3) rows of the VGR der Länder workbook into a long table.

    Parameters
    ----------
    path
        ``vgr_r2b2_bs2020_2.xlsx`` (Arbeitnehmerentgelt, Bruttolöhne und -gehälter,
        Arbeitnehmer … in den kreisfreien Städten und Landkreisen).
    sheets
        Names of the data sheets to read, e.g. ``["3.1", "4"]``; by default all
        numbered data sheets. Reading few sheets is much faster.

    Returns
    -------
    pandas.DataFrame
        Columns ``ags`` (5 digits; Hamburg and Berlin ``02000``/``11000``), ``name``,
        ``year``, ``variable`` (``"<sheet> <table group> – <table>"``, plus the measure
        of the unit row where it is not a plain unit, e.g. ``"1.1.1 Arbeitnehmerentgelt
        (Inland) – insgesamt (A-T), Veränderung gegenüber dem Vorjahr"``), ``sector``
        (WZ 2008 sections such as ``"A-T"``, ``"A"``, ``"B-F"``), ``value`` (``–`` read
        as 0.0; ``…``, ``.``, ``/`` and ``x`` as NaN), ``unit`` (``"Mio. EUR"``,
        ``"1000 Personen"``, ``"EUR"``, ``"%"``, ``"Mio. Arbeitsstunden"``) and
        ``sheet``. All years are in the workbook's territorial status (2019).

    Raises
    ------
    EncodingError
        If the file is not an ``.xlsx`` workbook.
    MissingHeaderError
        If a sheet has no header row with the key, NUTS 3, name and year columns.
    NumericValueError
        If a value cell holds text that is not a documented special value.
    DuplicateKeyError
        If a district occurs twice in a sheet.
    ReaderError
        For an unknown sheet name, a malformed key or a sheet without district rows.

    Notes
    -----
    Employee and hours figures carry hidden extra decimals; the publisher allows them
    to be *published* only at the released precision (one decimal).
    """
    path = Path(path)
    workbook = _open(path)
    try:
        available = [name for name in workbook.sheetnames if _DATA_SHEET.match(name)]
        wanted = list(available if sheets is None else sheets)
        for name in wanted:
            if name not in workbook.sheetnames:
                raise ReaderError(
                    path, f"no sheet {name!r}; data sheets are {', '.join(available) or 'none'}"
                )
        if not wanted:
            raise ReaderError(path, "workbook has no numbered data sheets")
        parts = [
            _read_sheet(path, name, workbook[name].iter_rows(values_only=True)) for name in wanted
        ]
    finally:
        workbook.close()
    frame = pd.DataFrame(
        {column: [v for part in parts for v in part[column]] for column in COLUMNS},
        columns=COLUMNS,
    )
    frame["year"] = frame["year"].astype(np.int64)
    frame["value"] = frame["value"].astype(np.float64)
    return frame
