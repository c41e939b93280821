"""Reader of the "Daten zum Deutschlandatlas" workbook (BMI / BBSR).

The workbook holds one sheet per spatial level and territorial status:
``Deutschlandatlas_KRS1222`` (districts, status 31.12.2022), ``…_GEM1222``
(municipalities), ``…_VBGEM1222`` (municipal associations) and older statuses. Row 1
names the key column (``KRS1222``, ``GKZ1222``, ``VBG1222``), the name column and the
indicators by their official short codes; every further row is one area.

Text class values
-----------------
A few indicators are published as classes, e.g. the asking-rent class
``"7,00 bis unter 8,50"`` (``preis_miet``) or the land-price class
``"100 bis unter 200"`` (``preis_baul``). Such a cell is kept in ``text``; ``lower`` and
``upper`` hold the class bounds and ``value`` the class midpoint. Open classes
(``"bis unter 5,50"``, ``"unter 5"``, ``"11,50 und mehr"``, ``"über 500"``) have only one
bound (the other is NaN); their ``value`` is that bound moved outwards by half the width
of the adjacent closed class of the same indicator and sheet (``"11,50 und mehr"`` next
to ``"10,00 bis unter 11,50"`` → 12.25), or the bound itself when the column has no
closed class.
"""

from __future__ import annotations

import calendar
import re
import zipfile
from collections.abc import Mapping, Sequence
from enum import StrEnum
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

__all__ = [
    "COLUMNS",
    "AtlasLevel",
    "parse_class",
    "read_deutschlandatlas",
    "read_deutschlandatlas_levels",
]

#: Output columns, in order.
COLUMNS = ["key", "name", "sheet", "status", "indicator", "value", "lower", "upper", "text"]


class AtlasLevel(StrEnum):
    """Spatial level of a Deutschlandatlas sheet."""

    DISTRICT = "district"
    MUNICIPALITY = "municipality"
    ASSOCIATION = "association"


_SHEET_CODE = {
    AtlasLevel.DISTRICT: "KRS",
    AtlasLevel.MUNICIPALITY: "GEM",
    AtlasLevel.ASSOCIATION: "VBGEM",
}
_KEY_HEADER = {
    AtlasLevel.DISTRICT: "KRS",
    AtlasLevel.MUNICIPALITY: "GKZ",
    AtlasLevel.ASSOCIATION: "VBG",
}
_SHEET = re.compile(r"^Deutschlandatlas_(KRS|GEM|VBGEM)(\d{2})(\d{2})$")
_EXCEL_ERRORS = {"#VALUE!", "#N/A", "#DIV/0!", "#REF!", "#NAME?", "#NUM!", "#NULL!"}
_NUM = r"(\d+(?:[.,]\d+)?)"
_CLOSED = re.compile(rf"^(?:von )?{_NUM} bis unter {_NUM}$")
_BELOW = re.compile(rf"^(?:bis )?unter {_NUM}$")
_ABOVE = re.compile(rf"^(?:{_NUM} und mehr|{_NUM} und darüber|über {_NUM}|ab {_NUM})$")
#: The Deutschlandatlas codes a municipality without a value as -9999.
NO_VALUE = -9999

_PLAIN_NUMBER = re.compile(r"^-?\d+(?:,\d+)?$")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_class(text: str) -> tuple[float, float] | None:
    """Return the bounds ``(lower, upper)`` of a class label, NaN for an open side.

    Parameters
    ----------
    text
        A class label such as ``"7,00 bis unter 8,50"``, ``"bis unter 50"`` or
        ``"500 und mehr"``.

    Returns
    -------
    tuple of float or None
        The bounds, or None when ``text`` is no class label.
    """
    label = " ".join(text.split())
    if match := _CLOSED.match(label):
        return _number(match.group(1)), _number(match.group(2))
    if match := _BELOW.match(label):
        return np.nan, _number(match.group(1))
    if match := _ABOVE.match(label):
        bound = next(g for g in match.groups() if g is not None)
        return _number(bound), np.nan
    return None


def _status(sheet: str) -> str:
    match = _SHEET.match(sheet)
    if not match:
        return ""
    month, year = int(match.group(2)), 2000 + int(match.group(3))
    if not 1 <= month <= 12:
        return ""
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _class_values(lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """Midpoints of closed classes; open classes extended by half the adjacent width."""
    value = (lower + upper) / 2
    closed = ~np.isnan(lower) & ~np.isnan(upper)
    pairs = {(lo, up) for lo, up in zip(lower[closed], upper[closed], strict=True)}
    widths_by_upper = {up: up - lo for lo, up in pairs}
    widths_by_lower = {lo: up - lo for lo, up in pairs}
    for i in np.flatnonzero(~closed):
        if np.isnan(upper[i]):  # "x und mehr": extend upwards
            bound = lower[i]
            width = widths_by_upper.get(bound, _nearest_width(pairs, bound))
            value[i] = bound + width / 2
        else:  # "unter x": extend downwards
            bound = upper[i]
            width = widths_by_lower.get(bound, _nearest_width(pairs, bound))
            value[i] = bound - width / 2
    return value


def _nearest_width(pairs: set[tuple[float, float]], bound: float) -> float:
    if not pairs:
        return 0.0
    lo, up = min(pairs, key=lambda p: min(abs(p[0] - bound), abs(p[1] - bound)))
    return up - lo


def _key(level: AtlasLevel, raw: object, width: int, path: Path, sheet: str, line: int) -> str:
    text = str(raw).strip()
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    if not text.isdigit():
        raise ReaderError(path, f"malformed area key {raw!r}", sheet=sheet, line=line, column="key")
    if level is AtlasLevel.DISTRICT:
        if len(text) not in (7, 8):
            raise ReaderError(
                path, f"district key {raw!r} is not an 8-digit KRS key", sheet=sheet, line=line
            )
        return pad_district_key(text, path=path, line=line)
    if len(text) > width:
        raise ReaderError(path, f"key {raw!r} has more than {width} digits", sheet=sheet, line=line)
    return text.zfill(width)


def _read_sheet(
    path: Path, sheet: str, level: AtlasLevel, rows: list[tuple[Any, ...]]
) -> pd.DataFrame:
    if not rows:
        raise MissingHeaderError(path, "sheet is empty", sheet=sheet, line=1)
    header = [None if c is None else str(c).strip() for c in rows[0]]
    expected = _KEY_HEADER[level]
    first = header[0] if header else None
    if len(header) < 3 or not (first or "").upper().startswith(expected):
        raise MissingHeaderError(
            path,
            f"first header cell must be the {expected}… key column, found {first!r}",
            sheet=sheet,
            line=1,
        )
    indicators: list[tuple[int, str]] = []
    for i, label in enumerate(header[2:], start=2):
        if label:
            indicators.append((i, label.lower()))
    codes = [code for _, code in indicators]
    if not codes:
        raise MissingHeaderError(path, "header names no indicator", sheet=sheet, line=1)
    for code in codes:
        if codes.count(code) > 1:
            raise ReaderError(
                path, f"indicator {code!r} appears twice in the header", sheet=sheet, line=1
            )
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(c is not None for c in r)]
    if not body:
        raise ReaderError(path, "no data rows", sheet=sheet)
    width = 8
    if level is AtlasLevel.ASSOCIATION:
        width = max([8, *(len(str(r[0]).strip()) for _, r in body if r[0] is not None)])
    n_cols = max(i for i, _ in indicators) + 1
    keys: list[str] = []
    names: list[str] = []
    cells: list[list[Any]] = []
    seen: dict[str, int] = {}
    for number, row in body:
        if row[0] is None:
            raise ReaderError(path, "row without key", sheet=sheet, line=number, column=header[0])
        key = _key(level, row[0], width, path, sheet, number)
        if key in seen:
            raise DuplicateKeyError(
                path, f"key {key} occurs twice (first on row {seen[key]})", sheet=sheet, line=number
            )
        seen[key] = number
        keys.append(key)
        names.append("" if len(row) < 2 or row[1] is None else str(row[1]).strip())
        padded = tuple(row) + (None,) * (n_cols - len(row))
        cells.append([padded[i] for i, _ in indicators])

    n = len(keys)
    parts = []
    for j, (col, code) in enumerate(indicators):
        value = np.full(n, np.nan)
        lower = np.full(n, np.nan)
        upper = np.full(n, np.nan)
        text: list[str | None] = [None] * n
        is_class = np.zeros(n, dtype=bool)
        for i in range(n):
            cell = cells[i][j]
            if cell is None:
                continue
            if isinstance(cell, bool):
                raise NumericValueError(
                    path,
                    f"expected a number, found {cell!r}",
                    sheet=sheet,
                    line=body[i][0],
                    column=header[col],
                )
            if isinstance(cell, int | float):
                if cell != NO_VALUE:
                    value[i] = checked_number(
                        float(cell), path=path, sheet=sheet, line=body[i][0], column=header[col]
                    )
                continue
            label = " ".join(str(cell).split())
            if label in _EXCEL_ERRORS or label == "":
                continue
            if _PLAIN_NUMBER.match(label):
                value[i] = _number(label)
                continue
            bounds = parse_class(label)
            if bounds is None:
                raise NumericValueError(
                    path,
                    f"expected a number or a class such as '7,00 bis unter 8,50', found {label!r}",
                    sheet=sheet,
                    line=body[i][0],
                    column=header[col],
                )
            lower[i], upper[i] = bounds
            text[i] = label
            is_class[i] = True
        if is_class.any():
            value[is_class] = _class_values(lower[is_class], upper[is_class])
        parts.append(
            pd.DataFrame(
                {
                    "key": keys,
                    "name": names,
                    "sheet": sheet,
                    "status": _status(sheet),
                    "indicator": code,
                    "value": value,
                    "lower": lower,
                    "upper": upper,
                    "text": pd.Series(text, dtype=object),
                },
                columns=COLUMNS,
            )
        )
    return pd.concat(parts, ignore_index=True)


def read_deutschlandatlas(
    path: str | Path,
    *,
    level: AtlasLevel | str = AtlasLevel.DISTRICT,
    sheets: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read the Deutschlandatlas workbook at one spatial level into a long table.

    Parameters
    ----------
    path
        ``Deutschlandatlas-Daten.xlsx``.
    level
        ``"district"`` (sheets ``Deutschlandatlas_KRS*``), ``"municipality"``
        (``…_GEM*``) or ``"association"`` (``…_VBGEM*``).
    sheets
        Sheets to read, by full name (``"Deutschlandatlas_KRS1222"``) or short code
        (``"KRS1222"``); by default every sheet of ``level``.

    Returns
    -------
    pandas.DataFrame
        Columns ``key`` (district: 5-digit AGS; municipality: 8-digit GKZ;
        association: the key zero-padded to the width the sheet uses – 9 digits in
        ``VBGEM1222``, 8 in ``VBGEM1219``), ``name``, ``sheet``, ``status`` (the
        territorial status as ISO date, ``KRS1222`` → ``"2022-12-31"``),
        ``indicator`` (official short code, lower-cased), ``value`` (float; class
        midpoint for text classes, see the module docstring), ``lower``/``upper``
        (class bounds, NaN for numbers) and ``text`` (the class label, else None).
        Empty cells and Excel error cells (``#VALUE!``) give NaN.
        ``df.attrs["stand"]`` holds the edition date from the cover sheet when present.

    Raises
    ------
    EncodingError
        If the file is not an ``.xlsx`` workbook.
    MissingHeaderError
        If a sheet lacks the key/name/indicator header row.
    NumericValueError
        If a cell holds text that is neither a number nor a class label.
    DuplicateKeyError
        If an area key occurs twice in a sheet.
    ReaderError
        For an unknown level or sheet, a malformed key or a sheet without rows.
    """
    path = Path(path)
    try:
        level = AtlasLevel(level)
    except ValueError:
        raise ReaderError(
            path, f"unknown level {level!r}; use one of {', '.join(m.value for m in AtlasLevel)}"
        ) from None
    return read_deutschlandatlas_levels(path, {level: sheets})[level]


def _open(path: Path) -> Any:
    import openpyxl

    if not path.is_file():
        raise ReaderError(path, "file does not exist")
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as error:
        raise EncodingError(path, f"not a readable .xlsx workbook ({error})") from None


def _wanted(
    path: Path, workbook: Any, level: AtlasLevel, sheets: Sequence[str] | None
) -> list[str]:
    of_level = [
        name
        for name in workbook.sheetnames
        if (m := _SHEET.match(name)) and m.group(1) == _SHEET_CODE[level]
    ]
    if sheets is None:
        wanted = of_level
    else:
        wanted = []
        for name in sheets:
            full = name if name in workbook.sheetnames else f"Deutschlandatlas_{name}"
            if full not in of_level:
                raise ReaderError(
                    path,
                    f"no {level.value} sheet {name!r}; available: {', '.join(of_level) or 'none'}",
                )
            wanted.append(full)
    if not wanted:
        raise ReaderError(
            path, f"workbook has no {level.value} sheet (Deutschlandatlas_{_SHEET_CODE[level]}…)"
        )
    return wanted


def read_deutschlandatlas_levels(
    path: str | Path, sheets: Mapping[AtlasLevel | str, Sequence[str] | None]
) -> dict[AtlasLevel, pd.DataFrame]:
    """Read several levels of the workbook in one pass (the workbook is opened once).

    Parameters
    ----------
    path
        ``Deutschlandatlas-Daten.xlsx``.
    sheets
        Level → sheets to read (``None``: every sheet of that level), as for
        :func:`read_deutschlandatlas`.

    Returns
    -------
    dict
        Level → long table as returned by :func:`read_deutschlandatlas`.

    Raises
    ------
    EncodingError, MissingHeaderError, NumericValueError, DuplicateKeyError, ReaderError
        As :func:`read_deutschlandatlas`.
    """
    path = Path(path)
    levels: dict[AtlasLevel, Sequence[str] | None] = {}
    for level, names in sheets.items():
        try:
            levels[AtlasLevel(level)] = names
        except ValueError:
            raise ReaderError(
                path,
                f"unknown level {level!r}; use one of {', '.join(m.value for m in AtlasLevel)}",
            ) from None
    workbook = _open(path)
    try:
        stand = None
        if "Vorblatt" in workbook.sheetnames:
            for row in workbook["Vorblatt"].iter_rows(max_row=10, values_only=True):
                if row and isinstance(row[0], str) and row[0].startswith("Stand:"):
                    stand = row[0].removeprefix("Stand:").strip()
        out = {}
        for level, names in levels.items():
            frames = [
                _read_sheet(path, name, level, list(workbook[name].iter_rows(values_only=True)))
                for name in _wanted(path, workbook, level, names)
            ]
            frame = pd.concat(frames, ignore_index=True)
            frame.attrs.update({"stand": stand, "level": level.value, "path": str(path)})
            out[level] = frame
    finally:
        workbook.close()
    return out
