"""Reader of INKAR exports (BBSR "Indikatoren und Karten zur Raum- und Stadtentwicklung").

A district export is a wide CSV: UTF-8 with BOM, ``;``-separated, every data field
quoted, decimal comma with ``.`` as thousands separator (``"1.198"`` is 1198). The first
header row names ``Kennziffer``, ``Raumeinheit``, ``Aggregat`` and then each indicator
once per year; the second header row gives the years. Each indicator comes with a
``Metadata-*.csv`` file (comma-separated) describing it in German and English.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from geodata.errors import (
    DuplicateKeyError,
    MissingHeaderError,
    NumericValueError,
    ReaderError,
)
from geodata.readers._common import checked_number, read_text

__all__ = ["COLUMNS", "METADATA_COLUMNS", "read_inkar", "read_inkar_metadata"]

#: Output columns of :func:`read_inkar`, in order (``name_en``/``unit`` follow with metadata).
COLUMNS = ["ags", "name", "aggregate", "indicator", "year", "value"]

#: Output columns of :func:`read_inkar_metadata`, mapped from the file's German headers.
METADATA_COLUMNS = {
    "Indikator": "indicator",
    "Indicator": "name_en",
    "Langname": "long_name_de",
    "Longname": "long_name_en",
    "Berechnungsgrundlage": "formula_de",
    "Calculation_basis": "formula_en",
    "Anmerkungen": "notes_de",
    "Notes": "notes_en",
    "Quelle": "source",
}

_LEAD = ["Kennziffer", "Raumeinheit", "Aggregat"]
_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")
_YEAR = re.compile(r"^(?:(\d{4})\s*-\s*)?(\d{4})$")


def _rows(path: Path, text: str, delimiter: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise ReaderError(path, f"not a valid {delimiter!r}-separated file: {error}") from None


def _number(text: str, path: Path, line: int, column: str) -> float:
    cell = text.strip()
    if cell == "":
        return np.nan
    if not _NUMBER.match(cell):
        raise NumericValueError(
            path, f"expected a number with decimal comma, found {text!r}", line=line, column=column
        )
    return checked_number(
        float(cell.replace(".", "").replace(",", ".")), path=path, line=line, column=column
    )


def read_inkar(
    path: str | Path, *, metadata: str | Path | pd.DataFrame | None = None
) -> pd.DataFrame:
    """Read an INKAR district export into a long table.

    Parameters
    ----------
    path
        A wide INKAR CSV export at district level (e.g. ``Structure-Part-I.csv``).
    metadata
        Optionally the matching ``Metadata-*.csv`` (path) or the frame returned by
        :func:`read_inkar_metadata`; adds the columns ``name_en`` and ``unit``.

    Returns
    -------
    pandas.DataFrame
        One row per district × indicator × year with the columns ``ags`` (5 digits,
        from ``Kennziffer``), ``name`` (``Raumeinheit``), ``aggregate`` (``Aggregat``,
        e.g. ``"Landkreis"``), ``indicator`` (the header name, stripped), ``year`` and
        ``value`` (NaN for an empty cell), plus ``name_en`` and ``unit`` when
        ``metadata`` is given (None for indicators the metadata does not describe).
        Indicators of change over a period (second header row ``"2012-2017"``) get
        the period's end year; ``df.attrs["periods"]`` maps them to the period.

    Raises
    ------
    EncodingError
        If the file is binary.
    MissingHeaderError
        If the two header rows (names, years) are missing or malformed.
    NumericValueError
        If a value is not a number with decimal comma.
    DuplicateKeyError
        If a district, or an indicator-year column, occurs twice.
    ReaderError
        For a malformed key, a truncated row or a file without data rows.
    """
    path = Path(path)
    rows = _rows(path, read_text(path), ";")
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ReaderError(path, "file is empty")
    header = [cell.strip() for cell in rows[0]]
    if header[:3] != _LEAD:
        raise MissingHeaderError(
            path, f"first header row must start with {';'.join(_LEAD)}", line=1
        )
    if len(rows) < 2:
        raise MissingHeaderError(path, "second header row (years) is missing", line=2)
    years_row = [cell.strip() for cell in rows[1]]
    width = len(header)
    if len(years_row) != width or any(years_row[:3]):
        raise MissingHeaderError(
            path, "second header row must hold the years under the indicator columns", line=2
        )
    columns: list[tuple[str, int]] = []
    periods: dict[str, str] = {}
    for j in range(3, width):
        indicator, year = header[j], years_row[j]
        if not indicator:
            raise MissingHeaderError(
                path, "indicator name is empty", line=1, column=f"column {j + 1}"
            )
        match = _YEAR.match(year)
        if not match:
            raise MissingHeaderError(
                path, f"expected a year or a period, found {year!r}", line=2, column=indicator
            )
        if match.group(1):  # change over a period such as "2012-2017": keep the end year
            periods[indicator] = year
        if (indicator, int(match.group(2))) in columns:
            raise DuplicateKeyError(
                path,
                f"indicator {indicator!r} has two columns for {year}",
                line=2,
                column=indicator,
            )
        columns.append((indicator, int(match.group(2))))
    if not columns:
        raise MissingHeaderError(path, "header names no indicator column", line=1)

    keys: list[str] = []
    names: list[str] = []
    aggregates: list[str] = []
    values: list[float] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[2:], start=3):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < width:
            raise ReaderError(
                path, f"row has {len(row)} fields, expected {width} (truncated?)", line=number
            )
        if any(cell.strip() for cell in row[width:]):
            raise ReaderError(path, f"row has more than {width} fields", line=number)
        key = row[0].strip()
        if not key.isdigit() or len(key) not in (4, 5):
            raise ReaderError(
                path,
                f"Kennziffer {row[0]!r} is not a district key",
                line=number,
                column="Kennziffer",
            )
        key = key.zfill(5)
        if key in seen:
            raise DuplicateKeyError(
                path, f"district {key} occurs twice (first on line {seen[key]})", line=number
            )
        seen[key] = number
        keys.append(key)
        names.append(row[1].strip())
        aggregates.append(row[2].strip())
        values.extend(
            _number(row[j], path, number, f"{indicator} {year}")
            for j, (indicator, year) in zip(range(3, width), columns, strict=True)
        )
    if not keys:
        raise ReaderError(path, "no data rows below the two header rows")
    n_columns = len(columns)
    frame = pd.DataFrame(
        {
            "ags": np.repeat(keys, n_columns),
            "name": np.repeat(names, n_columns),
            "aggregate": np.repeat(aggregates, n_columns),
            "indicator": [indicator for indicator, _ in columns] * len(keys),
            "year": np.asarray([year for _, year in columns] * len(keys), dtype=np.int64),
            "value": np.asarray(values, dtype=np.float64),
        },
        columns=COLUMNS,
    )
    if metadata is not None:
        meta = metadata if isinstance(metadata, pd.DataFrame) else read_inkar_metadata(metadata)
        lookup = meta.set_index("indicator")
        frame["name_en"] = frame["indicator"].map(lookup["name_en"]).astype(object)
        frame["unit"] = frame["indicator"].map(lookup["unit"]).astype(object)
        for column in ("name_en", "unit"):
            frame[column] = frame[column].where(frame[column].notna(), None)
    frame.attrs["path"] = str(path)
    frame.attrs["periods"] = periods
    return frame


_UNIT_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bin\s?%"), "%"),
    (re.compile(r"\bin (?:€|Euro) je Einwohner"), "EUR je Einwohner"),
    (re.compile(r"\bje Einwohner in m²"), "m2 je Einwohner"),
    (re.compile(r"\bin (?:€|Euro)\b|in €"), "EUR"),
    (re.compile(r"\bin m²"), "m2"),
]
_PER = re.compile(r"\b(je 100 .+)$")


def _unit(long_name: str, formula: str) -> str | None:
    """Derive a unit from the German long name, else from the formula."""
    for text in (long_name, formula):
        for pattern, unit in _UNIT_RULES:
            if pattern.search(text):
                return unit
        per = _PER.search(text)
        if per and "<" not in per.group(1):
            return per.group(1).strip()
    return None


def read_inkar_metadata(path: str | Path) -> pd.DataFrame:
    """Read an INKAR ``Metadata-*.csv`` file describing the indicators of an export.

    Parameters
    ----------
    path
        A comma-separated metadata file with the header ``Indikator, Indicator,
        Langname, Longname, Berechnungsgrundlage, Calculation_basis, Anmerkungen,
        Notes, Quelle``.

    Returns
    -------
    pandas.DataFrame
        One row per indicator with the columns ``indicator``, ``name_en``,
        ``long_name_de``, ``long_name_en``, ``formula_de``, ``formula_en``,
        ``notes_de``, ``notes_en``, ``source`` and ``unit``. INKAR gives no unit column;
        ``unit`` is derived from the long name (``"… in %"`` → ``"%"``, ``"in Euro"`` →
        ``"EUR"``, ``"je 100 Einwohner …"``), else from the formula, else None.

    Raises
    ------
    MissingHeaderError
        If a header column is missing.
    DuplicateKeyError
        If an indicator is described twice with different texts.
    ReaderError
        For a truncated row or a file without rows.
    """
    path = Path(path)
    rows = _rows(path, read_text(path), ",")
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ReaderError(path, "file is empty")
    header = [cell.strip() for cell in rows[0]]
    missing = [name for name in METADATA_COLUMNS if name not in header]
    if missing:
        raise MissingHeaderError(path, f"header lacks {', '.join(missing)}", line=1)
    index = {name: header.index(name) for name in METADATA_COLUMNS}
    records: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise ReaderError(
                path, f"row has {len(row)} fields, expected {len(header)} (truncated?)", line=number
            )
        record = {out: row[index[name]].strip() for name, out in METADATA_COLUMNS.items()}
        indicator = record["indicator"]
        if not indicator:
            raise ReaderError(path, "indicator name is empty", line=number, column="Indikator")
        if indicator in records and records[indicator] != record:
            raise DuplicateKeyError(
                path, f"indicator {indicator!r} is described twice differently", line=number
            )
        records[indicator] = record
    if not records:
        raise ReaderError(path, "no indicator rows below the header")
    frame = pd.DataFrame(list(records.values()), columns=list(METADATA_COLUMNS.values()))
    frame["unit"] = [
        _unit(long, formula)
        for long, formula in zip(frame["long_name_de"], frame["formula_de"], strict=True)
    ]
    frame.attrs["path"] = str(path)
    return frame
