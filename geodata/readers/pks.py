"""Reader of the BKA crime statistics by district (PKS table KR-F-01-T01).

``KR-F-01-T01-Kreise-Faelle-HZ_csv.csv`` lists, per offence key and district, the
recorded cases, the rate per 100 000 inhabitants (Häufigkeitszahl), attempts, firearm
use, cleared cases and suspects. The dialect differs from the statistical offices':
ISO-8859-1, ``;``, line 1 holds column numbers and line 2 ASCII-transliterated names,
district keys lack the leading zero and numbers use ``,`` as *thousands* separator
and ``.`` as decimal point (``8,617`` / ``7.5``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geodata.errors import DuplicateKeyError, MissingHeaderError, NumericValueError, ReaderError
from geodata.readers._common import checked_number, pad_district_key, read_text

__all__ = ["PKS_COLUMNS", "TOTAL_OFFENCE_KEY", "read_pks"]

#: Offence key of "Straftaten insgesamt" (all offences).
TOTAL_OFFENCE_KEY = "------"


@dataclass(frozen=True)
class _Column:
    name: str  # output column
    header: str  # regular expression the (transliterated) header must match
    kind: str  # "text", "key", "int" or "float"


_COLUMNS = (
    _Column("offence_key", r"schluessel", "text"),
    _Column("offence", r"straftat", "text"),
    _Column("ags", r"gemeindeschluessel", "key"),
    _Column("name", r"stadt-/landkreis", "text"),
    _Column("kind", r"kreisart", "text"),
    _Column("cases", r".*faelle", "int"),
    _Column("rate_per_100k", r"(hz\b.*|haeufigkeitszahl)", "float"),
    _Column("attempts", r".*versuche - anzahl", "int"),
    _Column("attempts_pct", r".*versuche - anteil in %", "float"),
    _Column("firearm_threatened", r"mit schusswaffe gedroht", "int"),
    _Column("firearm_fired", r"mit schusswaffe geschossen", "int"),
    _Column("cleared", r"(aufgeklaerte faelle|auf+klaerung - anzahl faelle)", "int"),
    _Column("clearance_rate_pct", r"aufklaerungsquote", "float"),
    _Column("suspects", r"tatverdaechtige insgesamt", "int"),
    _Column("suspects_male", r"tatverdaechtige - maennlich", "int"),
    _Column("suspects_female", r"tatverdaechtige - weiblich", "int"),
    _Column("suspects_non_german", r"nichtdeutsche tatverdaechtige - anzahl", "int"),
    _Column("suspects_non_german_pct", r"nichtdeutsche tatverdaechtige - anteil in %.*", "float"),
)

#: Output columns in order (``year`` is appended last).
PKS_COLUMNS: tuple[str, ...] = (
    "ags",
    "name",
    "kind",
    "offence_key",
    "offence",
    *(column.name for column in _COLUMNS[5:]),
    "year",
)

_INTEGER = re.compile(r"^[0-9]{1,3}(,[0-9]{3})*$|^[0-9]+$")
_DECIMAL = re.compile(r"^([0-9]{1,3}(,[0-9]{3})*|[0-9]+)(\.[0-9]+)?$")
_KEY = re.compile(r"^[0-9]{4,5}$")
CITY_STATES = frozenset({"02000", "11000"})
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def read_pks(path: str | Path, *, year: int | None = None) -> pd.DataFrame:
    """Read a BKA PKS table "Kreise – Fälle – Häufigkeitszahlen" (KR-F-01-T01, CSV).

    Parameters
    ----------
    path
        ``KR-F-01-T01-Kreise-Faelle-HZ_csv.csv`` of one reporting year (2019 and 2020
        editions are known; the 2020 file's five unlabeled trailing columns are ignored).
    year
        Reporting year. ``None`` takes it from the file name or, failing that, from
        the name of the folder holding the file (``…/2019/KR-F-01-T01-….csv``), since
        the table itself does not state it.

    Returns
    -------
    pandas.DataFrame
        One row per offence key and district in file order, columns :data:`PKS_COLUMNS`:
        ``ags`` (5 digits), ``name``, ``kind`` (Kreisart: KfS, LK, SK, K, RV),
        ``offence_key`` (:data:`TOTAL_OFFENCE_KEY` = all offences), ``offence``,
        ``cases``, ``rate_per_100k`` (Häufigkeitszahl), ``attempts``, ``attempts_pct``,
        ``firearm_threatened``, ``firearm_fired``, ``cleared``, ``clearance_rate_pct``,
        ``suspects``, ``suspects_male``, ``suspects_female``, ``suspects_non_german``,
        ``suspects_non_german_pct`` and ``year``. Counts are int64, rates and shares
        float64.

    Raises
    ------
    EncodingError
        If the file is binary.
    MissingHeaderError
        If line 1 (column numbers) or a column name of line 2 is not as expected.
    NumericValueError
        If a number cell holds anything but ``1,234`` / ``7.5`` style digits.
    DuplicateKeyError
        If an offence key and district occur twice.
    ReaderError
        For short rows, malformed district keys, an empty table or an unknown year.
    """
    path = Path(path)
    reporting_year = year if year is not None else _year_from_path(path)
    lines = read_text(path).splitlines()
    _check_header(lines, path)
    values: dict[str, list[object]] = {column.name: [] for column in _COLUMNS}
    seen: dict[tuple[str, str], int] = {}
    width = len(_COLUMNS)
    for number, line in enumerate(lines[2:], start=3):
        if not line.strip(" ;\t"):
            continue
        fields = line.split(";")
        if len(fields) < width:
            raise ReaderError(
                path, f"expected at least {width} fields, found {len(fields)}", line=number
            )
        row = [_parse(fields[i], column, path, number) for i, column in enumerate(_COLUMNS)]
        offence_key, ags = str(row[0]), str(row[2])
        if not offence_key:
            raise ReaderError(path, "empty offence key (Schluessel)", line=number)
        if (offence_key, ags) in seen:
            raise DuplicateKeyError(
                path,
                f"offence {offence_key} in district {ags} already on line {seen[offence_key, ags]}",
                line=number,
            )
        seen[offence_key, ags] = number
        for column, value in zip(_COLUMNS, row, strict=True):
            values[column.name].append(value)
    if not seen:
        raise ReaderError(path, "table has a header but no data rows")
    dtypes = {"text": "str", "key": "str", "int": "int64", "float": "float64"}
    frame = pd.DataFrame(
        {c.name: pd.Series(values[c.name], dtype=dtypes[c.kind]) for c in _COLUMNS}
    )
    frame["year"] = reporting_year
    frame = frame[list(PKS_COLUMNS)]
    frame.attrs["source"] = f"Bundeskriminalamt, PKS {reporting_year}, KR-F-01-T01 ({path.name})"
    return frame


def _year_from_path(path: Path) -> int:
    for part in (path.stem, path.parent.name):
        match = _YEAR.search(part)
        if match:
            return int(match.group(1))
    raise ReaderError(
        path, "reporting year is neither in the file nor in its folder name; pass year="
    )


def _check_header(lines: list[str], path: Path) -> None:
    width = len(_COLUMNS)
    if not lines or not lines[0].strip():
        raise ReaderError(path, "file is empty")
    numbers = [field.strip() for field in lines[0].split(";")]
    if numbers[:width] != [str(i) for i in range(1, width + 1)]:
        raise MissingHeaderError(
            path, f"line 1 must number the columns 1…{width}, found {lines[0][:60]!r}", line=1
        )
    if len(lines) < 2:
        raise MissingHeaderError(path, "column names (line 2) are missing", line=2)
    names = [field.strip() for field in lines[1].split(";")]
    for index, column in enumerate(_COLUMNS):
        found = names[index] if index < len(names) else ""
        if not re.fullmatch(column.header, found, flags=re.IGNORECASE):
            raise MissingHeaderError(
                path,
                f"column {index + 1} should be {column.name} (header like "
                f"{column.header!r}), found {found!r}",
                line=2,
                column=found or column.name,
            )


def _parse(text: str, column: _Column, path: Path, line: int) -> object:
    text = text.strip()
    if column.kind == "text":
        return text
    if column.kind == "key":
        if not _KEY.match(text):
            raise ReaderError(path, f"not a district key: {text!r}", line=line)
        key = pad_district_key(text, path=path, line=line)
        if not 1 <= int(key[:2]) <= 16 or (key.endswith("000") and key not in CITY_STATES):
            raise ReaderError(path, f"{text!r} is not a district key", line=line)
        return key
    pattern = _INTEGER if column.kind == "int" else _DECIMAL
    if not pattern.match(text):
        expected = "a count like 1,234" if column.kind == "int" else "a number like 1,234.5"
        raise NumericValueError(
            path, f"expected {expected}, found {text!r}", line=line, column=column.name
        )
    plain = text.replace(",", "")
    if column.kind == "int":
        return int(checked_number(int(plain), path=path, line=line, column=column.name))
    return checked_number(float(plain), path=path, line=line, column=column.name)
