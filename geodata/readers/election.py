"""Reader of the Bundeswahlleiter's district results of the 2019 European election.

``ew19_kerg.csv`` ("Kreisergebnisse") holds, for the Bund (key ``99``), the 16 Länder
and the 401 districts, the electorate, voters, invalid and valid votes and the votes
per party, each as the final 2019 result ("Endgültig") and the previous election of
2014 ("Vorperiode", recomputed to the 2019 districts). The product uses turnout as an
indicator of civic participation conditions; party votes are kept, not scored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from geodata.errors import DuplicateKeyError, MissingHeaderError, NumericValueError, ReaderError
from geodata.readers._common import read_text

__all__ = ["COUNTRY_KEY", "read_europawahl"]

#: Key of the whole federal territory ("Bundesgebiet") in Bundeswahlleiter files.
COUNTRY_KEY = "99"

#: Output column -> header text of the totals in the file.
_TOTALS = {
    "electorate": "Wahlberechtigte",
    "voters": "Wähler",  # "Wähler/-innen" in 2019, "Wähler" in older files
    "invalid": "Ungültige",
    "valid": "Gültige",
}
_FINAL, _PREVIOUS = "Endgültig", "Vorperiode"
_PREVIOUS_SUFFIX = "_2014"
_HEADER_SEARCH_LINES = 10
_COUNT = re.compile(r"^[0-9]+$")
_DISTRICT = re.compile(r"^[0-9]{5}$")
_LAND = re.compile(r"^(0[1-9]|1[0-6])$")


@dataclass(frozen=True)
class _Group:
    """A header group: a label with its final and previous-period column."""

    label: str
    final: int
    previous: int


def read_europawahl(path: str | Path) -> pd.DataFrame:
    """Read the district results of the 2019 European election (``ew19_kerg.csv``).

    Parameters
    ----------
    path
        The Bundeswahlleiter CSV (UTF-8 with BOM, ``;``, two title lines, then three
        header lines: group labels, "Stimmen", "Endgültig"/"Vorperiode").

    Returns
    -------
    pandas.DataFrame
        One row per area in file order with columns ``ags`` (5 digits for districts,
        2 for Länder, ``"99"`` for the Bund), ``level`` ("country", "state" or
        "district"), ``name``, ``parent`` (the "gehört zu" key, None for the Bund),
        ``electorate``, ``voters``, ``invalid``, ``valid`` (2019 final counts, int64),
        ``turnout`` (voters / electorate × 100) and the 2014 counterparts
        ``electorate_2014`` … ``turnout_2014`` (nullable counts).
        ``attrs["party_votes"]`` is a long DataFrame ``ags, party, votes, votes_2014``
        (nullable ints; rows where the party stood in neither election are dropped);
        ``attrs["title"]`` holds the title lines.

    Raises
    ------
    EncodingError
        If the file is binary.
    MissingHeaderError
        If the header lines or a total column are missing or malformed.
    NumericValueError
        If a count cell holds anything but digits, or a 2019 total is empty.
    DuplicateKeyError
        If an area key occurs twice.
    ReaderError
        For short rows, malformed keys or a file without areas.
    """
    path = Path(path)
    lines = read_text(path).splitlines()
    header_at = _header_line(lines, path)
    groups = _groups(lines, header_at, path)
    totals = {
        field: _find_group(groups, label, path, header_at) for field, label in _TOTALS.items()
    }
    parties = [group for group in groups if group not in totals.values()]
    width = 1 + max(max(group.final, group.previous) for group in groups)

    areas: dict[str, list[object]] = {"ags": [], "level": [], "name": [], "parent": []}
    counts: dict[str, list[int | None]] = {
        field + suffix: [] for field in _TOTALS for suffix in ("", _PREVIOUS_SUFFIX)
    }
    party_rows: list[tuple[str, str, int | None, int | None]] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines[header_at + 3 :], start=header_at + 4):
        if not line.strip(" ;\t"):
            continue
        fields = [field.strip() for field in line.split(";")]
        if len(fields) < width:
            raise ReaderError(
                path, f"expected at least {width} fields, found {len(fields)}", line=number
            )
        key, level = _key(fields[0], path, number)
        if key in seen:
            raise DuplicateKeyError(
                path, f"area {key} already on line {seen[key]}", line=number, column="Nr"
            )
        seen[key] = number
        areas["ags"].append(key)
        areas["level"].append(level)
        areas["name"].append(fields[1])
        areas["parent"].append(fields[2] or None)
        for field, group in totals.items():
            final = _count(fields[group.final], path, number, group.label)
            if final is None:
                raise NumericValueError(
                    path, f"the 2019 {group.label} count is empty", line=number, column=group.label
                )
            counts[field].append(final)
            counts[field + _PREVIOUS_SUFFIX].append(
                _count(fields[group.previous], path, number, f"{group.label} ({_PREVIOUS})")
            )
        for group in parties:
            votes = _count(fields[group.final], path, number, group.label)
            before = _count(fields[group.previous], path, number, f"{group.label} ({_PREVIOUS})")
            if votes is not None or before is not None:
                party_rows.append((key, group.label, votes, before))
    if not seen:
        raise ReaderError(path, "file has a header but no result rows")

    frame = pd.DataFrame(
        {
            "ags": pd.Series(areas["ags"], dtype="str"),
            "level": pd.Series(areas["level"], dtype="str"),
            "name": pd.Series(areas["name"], dtype="str"),
            "parent": pd.Series(areas["parent"], dtype="object"),
        }
    )
    for suffix, dtype in (("", "int64"), (_PREVIOUS_SUFFIX, "Int64")):
        for field in _TOTALS:
            frame[field + suffix] = pd.Series(counts[field + suffix], dtype=dtype)
        frame["turnout" + suffix] = _percentage(
            frame["voters" + suffix], frame["electorate" + suffix]
        )
    frame.attrs["party_votes"] = pd.DataFrame(
        {
            "ags": pd.Series([row[0] for row in party_rows], dtype="str"),
            "party": pd.Series([row[1] for row in party_rows], dtype="str"),
            "votes": pd.Series([row[2] for row in party_rows], dtype="Int64"),
            "votes_2014": pd.Series([row[3] for row in party_rows], dtype="Int64"),
        }
    )
    frame.attrs["title"] = " ".join(
        line.strip(" ;") for line in lines[:header_at] if line.strip(" ;")
    )
    frame.attrs["source"] = f"Der Bundeswahlleiter, Europawahl 2019, {path.name}"
    return frame


def _header_line(lines: list[str], path: Path) -> int:
    for index, line in enumerate(lines[:_HEADER_SEARCH_LINES]):
        fields = [field.strip() for field in line.split(";")]
        if fields[:2] == ["Nr", "Gebiet"] and len(fields) > 2 and fields[2].startswith("gehört"):
            if len(lines) < index + 3:
                raise MissingHeaderError(
                    path, "header is cut off after the group labels", line=index + 2
                )
            return index
    raise MissingHeaderError(path, "no header line starting 'Nr;Gebiet;gehört zu'")


def _groups(lines: list[str], header_at: int, path: Path) -> list[_Group]:
    labels = [field.strip() for field in lines[header_at].split(";")]
    periods = [field.strip() for field in lines[header_at + 2].split(";")]
    groups = []
    for index, label in enumerate(labels[3:], start=3):
        if not label:
            continue
        if periods[index : index + 2] != [_FINAL, _PREVIOUS]:
            raise MissingHeaderError(
                path,
                f"expected '{_FINAL};{_PREVIOUS}' below {label!r}",
                line=header_at + 3,
                column=label,
            )
        groups.append(_Group(label, index, index + 1))
    if not groups:
        raise MissingHeaderError(path, "header names no result columns", line=header_at + 1)
    return groups


def _find_group(groups: list[_Group], label: str, path: Path, header_at: int) -> _Group:
    for group in groups:
        if group.label.startswith(label):
            return group
    raise MissingHeaderError(path, "result column is missing", line=header_at + 1, column=label)


def _key(text: str, path: Path, line: int) -> tuple[str, str]:
    if text == COUNTRY_KEY:
        return text, "country"
    if _LAND.match(text):
        return text, "state"
    if _DISTRICT.match(text) and 1 <= int(text[:2]) <= 16:
        return text, "district"
    raise ReaderError(path, f"not an area key (Nr): {text!r}", line=line, column="Nr")


def _count(text: str, path: Path, line: int, column: str) -> int | None:
    if text == "":
        return None
    if not _COUNT.match(text):
        raise NumericValueError(
            path, f"expected a vote count, found {text!r}", line=line, column=column
        )
    return int(text)


def _percentage(part: pd.Series, whole: pd.Series) -> pd.Series:
    """Return ``part / whole × 100`` as float, NaN where a value is missing or zero."""
    numerator = part.astype("float64").to_numpy(na_value=np.nan)
    denominator = whole.astype("float64").to_numpy(na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = numerator / denominator * 100
    share[~np.isfinite(share)] = np.nan
    return pd.Series(share, index=part.index, dtype="float64")
