"""Tests of :func:`geodata.readers.read_pks` (BKA PKS KR-F-01-T01).

The CSV texts here are synthetic, written in the file's dialect (latin-1, ``;``,
``1,234`` thousands, ``7.5`` decimals); the numbers are made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geodata.errors import (
    DuplicateKeyError,
    EncodingError,
    MissingHeaderError,
    NumericValueError,
    ReaderError,
)
from geodata.readers import read_pks
from geodata.readers.pks import PKS_COLUMNS, TOTAL_OFFENCE_KEY

NUMBERS = ";".join(str(i) for i in range(1, 19))
NAMES_2019 = (
    "Schluessel;Straftat;Gemeindeschluessel;Stadt-/Landkreis;Kreisart;erfasste Faelle;"
    "HZ nach Zensus;Versuche - Anzahl;Versuche - Anteil in %;mit Schusswaffe gedroht;"
    "mit Schusswaffe geschossen;aufgeklaerte Faelle;Aufklaerungsquote;"
    "Tatverdaechtige insgesamt;Tatverdaechtige - maennlich;Tatverdaechtige - weiblich;"
    "Nichtdeutsche Tatverdaechtige - Anzahl;Nichtdeutsche Tatverdaechtige - Anteil in %"
)
NAMES_2020 = (
    "Schluessel;Straftat;Gemeindeschluessel;Stadt-/Landkreis;Kreisart;Anzahl erfasste Faelle;"
    "Haeufigkeitszahl;erfasste Faelle, davon Versuche - Anzahl;"
    "erfasste Faelle, davon Versuche - Anteil in %;mit Schusswaffe gedroht;"
    "mit Schusswaffe geschossen;Auffklaerung - Anzahl Faelle;Aufklaerungsquote;"
    "Tatverdaechtige insgesamt;Tatverdaechtige - maennlich;Tatverdaechtige - weiblich;"
    "Nichtdeutsche Tatverdaechtige - Anzahl;"
    "Nichtdeutsche Tatverdaechtige - Anteil in % an der Gesamtzahl;;;;;"
)
ROW_TOTAL = (
    "------;Straftaten insgesamt;1001;Flensburg;KfS;1,234;9,628;93;7.5;2;0;700;56.7;"
    "1,001;800;201;300;30.0"
)
ROW_THEFT = "*26*00;Diebstahl insgesamt;3159;Göttingen;LK;12;3;0;0;0;0;5;41.7;4;3;1;0;0"
ROW_BERLIN = (
    "------;Straftaten insgesamt;11000;Berlin;KfS;503,000;13,800;10,500;2.1;400;50;"
    "220,000;43.7;130,000;100,000;30,000;50,000;38.5"
)


def _write(folder: Path, lines: list[str], year_folder: str = "2019") -> Path:
    target = folder / year_folder / "KR-F-01-T01-Kreise-Faelle-HZ_csv.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes("\r\n".join(lines).encode("latin-1"))
    return target


def test_reads_values_with_thousands_commas_and_decimal_points(tmp_path: Path) -> None:
    result = read_pks(_write(tmp_path, [NUMBERS, NAMES_2019, ROW_TOTAL, ROW_THEFT]))
    assert tuple(result.columns) == PKS_COLUMNS
    first = result.iloc[0]
    assert first["ags"] == "01001"
    assert first["offence_key"] == TOTAL_OFFENCE_KEY
    assert first["offence"] == "Straftaten insgesamt"
    assert first["name"] == "Flensburg"
    assert first["kind"] == "KfS"
    assert first["cases"] == 1234
    assert first["rate_per_100k"] == 9628.0
    assert first["attempts"] == 93
    assert first["attempts_pct"] == 7.5
    assert first["cleared"] == 700
    assert first["clearance_rate_pct"] == 56.7
    assert first["suspects"] == 1001
    assert first["suspects_non_german_pct"] == 30.0
    assert first["year"] == 2019
    second = result.iloc[1]
    assert (second["ags"], second["name"], second["offence_key"]) == (
        "03159",
        "Göttingen",
        "*26*00",
    )
    assert str(result["cases"].dtype) == "int64"
    assert str(result["attempts_pct"].dtype) == "float64"


def test_2020_names_and_trailing_columns(tmp_path: Path) -> None:
    row = ROW_BERLIN + ";0;;11000;Berlin;3,669,491"
    result = read_pks(_write(tmp_path, [NUMBERS + ";;;;;", NAMES_2020, row], "2020"))
    assert result["ags"].tolist() == ["11000"]
    assert result["cases"].tolist() == [503000]
    assert result["suspects"].tolist() == [130000]
    assert result["year"].tolist() == [2020]


def test_year_argument_overrides_path(tmp_path: Path) -> None:
    path = _write(tmp_path, [NUMBERS, NAMES_2019, ROW_TOTAL], "no-year")
    assert read_pks(path, year=2018)["year"].tolist() == [2018]
    with pytest.raises(ReaderError, match="pass year="):
        read_pks(path)


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    result = read_pks(_write(tmp_path, [NUMBERS, NAMES_2019, ROW_TOTAL, "", ";;;", ""]))
    assert len(result) == 1


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1,234", "12.34"),
        ("1,234", "1.234"),
        ("1,234", "n.a."),
        ("1,234", "12,34"),
        ("7.5", "7,5"),
        ("7.5", ""),
    ],
)
def test_text_in_number_column(tmp_path: Path, cell: str, value: str) -> None:
    row = ROW_TOTAL.replace(cell, value, 1)
    with pytest.raises(NumericValueError, match="line 3, column"):
        read_pks(_write(tmp_path, [NUMBERS, NAMES_2019, row]))


def test_duplicate_offence_and_district(tmp_path: Path) -> None:
    with pytest.raises(DuplicateKeyError, match="line 4: offence ------ in district 01001"):
        read_pks(_write(tmp_path, [NUMBERS, NAMES_2019, ROW_TOTAL, ROW_TOTAL]))


@pytest.mark.parametrize("key", ["1001a", "99001", "1000", "123", "", "0"])
def test_malformed_district_key(tmp_path: Path, key: str) -> None:
    row = ROW_TOTAL.replace(";1001;", f";{key};")
    with pytest.raises(ReaderError, match="line 3"):
        read_pks(_write(tmp_path, [NUMBERS, NAMES_2019, row]))


def test_short_row(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="line 3: expected at least 18 fields, found 5"):
        read_pks(_write(tmp_path, [NUMBERS, NAMES_2019, "------;Straftaten;1001;Flensburg;KfS"]))


def test_missing_column_numbers(tmp_path: Path) -> None:
    with pytest.raises(MissingHeaderError, match="line 1"):
        read_pks(_write(tmp_path, [NAMES_2019, ROW_TOTAL]))


def test_renamed_column(tmp_path: Path) -> None:
    names = NAMES_2019.replace("Aufklaerungsquote", "Quote")
    with pytest.raises(MissingHeaderError, match="column 13 should be clearance_rate_pct"):
        read_pks(_write(tmp_path, [NUMBERS, names, ROW_TOTAL]))


@pytest.mark.parametrize("lines", [[], [NUMBERS], [NUMBERS, NAMES_2019]])
def test_empty_or_truncated(tmp_path: Path, lines: list[str]) -> None:
    with pytest.raises(ReaderError):
        read_pks(_write(tmp_path, lines))


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "2019" / "pks.csv"
    path.parent.mkdir()
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(EncodingError):
        read_pks(path)


HEADER = f"{NUMBERS}\r\n{NAMES_2019}\r\n".encode("latin-1")


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.binary(max_size=400)
    | st.builds(lambda body: HEADER + body, st.binary(max_size=400))
    | st.builds(
        lambda a, b: HEADER + ROW_TOTAL.encode()[:a] + b + ROW_TOTAL.encode()[a:],
        st.integers(0, len(ROW_TOTAL)),
        st.binary(max_size=6),
    )
)
def test_any_bytes_parse_or_raise_reader_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "2019" / "fuzz.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    try:
        result = read_pks(path)
    except ReaderError:
        return
    assert len(result) >= 1
    assert result["ags"].str.fullmatch(r"\d{5}").all()


@pytest.mark.realdata
@pytest.mark.parametrize("year", [2019, 2020])
def test_real_files_have_401_districts(raw_dir: Path, year: int) -> None:
    result = read_pks(raw_dir / "bka-pks" / str(year) / "KR-F-01-T01-Kreise-Faelle-HZ_csv.csv")
    total = result[result["offence_key"] == TOTAL_OFFENCE_KEY]
    assert len(total) == 401
    assert total["ags"].is_unique
    assert {"02000", "11000", "03159", "16056"} <= set(total["ags"])
    assert (result["year"] == year).all()
    assert (total["suspects_male"] + total["suspects_female"] == total["suspects"]).all()
    assert (total["cleared"] <= total["cases"]).all()
    assert set(total["kind"]) == {"KfS", "LK", "K", "SK", "RV"}


def test_huge_count_is_rejected(tmp_path: Path) -> None:
    row = ROW_TOTAL.replace("1,234", "1,234,000,000,000,000,000", 1)
    with pytest.raises(NumericValueError, match="not a plausible value"):
        read_pks(_write(tmp_path, [NUMBERS, NAMES_2019, row]))
