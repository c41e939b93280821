"""GENESIS / Regionalstatistik CSV reader: synthetic fixtures, bad input, real files."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
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
from geodata.readers import read_genesis
from geodata.readers.genesis import COLUMNS, NOT_EXISTING_REASON, ZERO_REASON

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers_stats"
SMALL = FIXTURES / "genesis_small.csv"
ZENSUS = FIXTURES / "genesis_zensus.csv"


def one(df: pd.DataFrame, ags: str, year: int, variable: str) -> pd.Series:
    rows = df[(df.ags == ags) & (df.year == year) & (df.variable == variable)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    return read_genesis(SMALL)


def test_columns_and_types(small: pd.DataFrame) -> None:
    assert list(small.columns) == COLUMNS
    assert small["year"].dtype == np.int64
    assert small["value"].dtype == np.float64
    assert set(small["table"]) == {"TEST-01"}
    assert small.attrs["encoding"] == "latin-1"


def test_variables_and_units_from_multiline_header(small: pd.DataFrame) -> None:
    units = small.drop_duplicates("variable").set_index("variable")["unit"].to_dict()
    assert units == {
        "Bevölkerungsdichte": "EW je km2",
        "Lebendgeborene": "je 10.000 EW",
        "Anteil der ausländischen Bevölkerung an der Gesamtbevölkerung": "%",
    }


def test_values_levels_and_latin1_names(small: pd.DataFrame) -> None:
    row = one(small, "DG", 2019, "Bevölkerungsdichte")
    assert (row["level"], row["name"], row.value, row.missing_reason) == (
        "country",
        "Deutschland",
        232.5,
        None,
    )
    assert one(small, "01001", 2019, "Bevölkerungsdichte").value == 1586.1
    göttingen = one(small, "03159", 2019, "Lebendgeborene")
    assert (göttingen["name"], göttingen.level, göttingen.value) == (
        "Göttingen, Landkreis",
        "district",
        81.6,
    )
    assert one(small, "031", 2019, "Bevölkerungsdichte").level == "region"
    assert one(small, "01", 2019, "Bevölkerungsdichte").level == "state"


def test_special_values(small: pd.DataFrame) -> None:
    zero = one(small, "01", 2019, "Lebendgeborene")
    assert (zero.value, zero.missing_reason) == (0.0, ZERO_REASON)
    dot = one(small, "01", 2019, "Anteil der ausländischen Bevölkerung an der Gesamtbevölkerung")
    assert math.isnan(dot.value) and dot.missing_reason == "unknown or confidential"
    blocked = one(small, "01002", 2019, "Lebendgeborene")
    assert math.isnan(blocked.value) and blocked.missing_reason == "not meaningful (cell blocked)"
    gone = small[(small.ags == "03152") & (small.year == 2018)]
    assert len(gone) == 3
    assert gone["value"].isna().all()
    assert set(gone["missing_reason"]) == {NOT_EXISTING_REASON}


def test_city_state_emitted_as_land_and_district(small: pd.DataFrame) -> None:
    land = one(small, "02", 2019, "Bevölkerungsdichte")
    district = one(small, "02000", 2019, "Bevölkerungsdichte")
    assert (land.level, district.level) == ("state", "district")
    assert land.value == district.value == 2438.6
    assert district["name"] == "Hamburg"


def test_eight_digit_rows_dropped(small: pd.DataFrame) -> None:
    assert not small["ags"].str.len().eq(8).any()
    assert sorted(small.loc[small.year == 2019, "ags"].unique()) == [
        "01",
        "01001",
        "01002",
        "02",
        "02000",
        "031",
        "03159",
        "DG",
    ]


def test_footer_attrs(small: pd.DataFrame) -> None:
    assert small.attrs["stand"] == "26.08.2021 / 09:12:06"
    assert small.attrs["licence"].startswith("© Statistische Ämter des Bundes und der Länder")
    assert "Datenlizenz Deutschland - Namensnennung - Version 2.0" in small.attrs["licence"]
    assert small.attrs["footnotes"] == ["Synthetische Fußnote: Werte erfunden."]
    assert small.attrs["title"].startswith("Synthetische Testtabelle")


def test_single_date_zensus_layout() -> None:
    df = read_genesis(ZENSUS)
    assert df.attrs["encoding"] == "utf-8"
    assert set(df["year"]) == {2011}
    assert sorted(df["variable"].unique()) == [
        "Private Haushalte: Haushalte mit 1 Personen",
        "Private Haushalte: Haushalte mit 6 und mehr Personen",
        "Private Haushalte: Insgesamt",
    ]
    assert one(df, "03152", 2011, "Private Haushalte: Insgesamt").value == 120.0
    assert one(df, "11000", 2011, "Private Haushalte: Haushalte mit 1 Personen").value == 100.0
    assert df.loc[df.ags == "03159", "value"].isna().all()
    assert (
        one(df, "03152", 2011, "Private Haushalte: Insgesamt")["name"]
        == "G\ufffdttingen, Landkreis"
    )


# --- bad input -------------------------------------------------------------------------

GOOD = SMALL.read_bytes().decode("latin-1")


def write(tmp_path: Path, text: str | bytes, name: str = "bad.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("latin-1") if isinstance(text, str) else text)
    return path


def test_missing_table_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.split("\r\n", 1)[1])
    with pytest.raises(MissingHeaderError, match="GENESIS-Tabelle") as info:
        read_genesis(path)
    assert info.value.path == str(path) and info.value.line == 1


def test_missing_column_headers(tmp_path: Path) -> None:
    lines = [line for line in GOOD.split("\r\n") if not line.startswith(";;;")]
    with pytest.raises(MissingHeaderError, match="column header"):
        read_genesis(write(tmp_path, "\r\n".join(lines)))


def test_binary_file(tmp_path: Path) -> None:
    with pytest.raises(EncodingError, match="binary"):
        read_genesis(write(tmp_path, b"PK\x03\x04\x00\x00binary"))


def test_text_in_numeric_column(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("1586,1", "viel"))
    with pytest.raises(NumericValueError) as info:
        read_genesis(path)
    assert info.value.line == 8
    assert info.value.column == "Bevölkerungsdichte"
    assert "'viel'" in str(info.value)


def test_duplicate_region_year(tmp_path: Path) -> None:
    text = GOOD.replace("2019;02;", "2019;01001;")
    with pytest.raises(DuplicateKeyError, match="01001 occurs twice for 2019") as info:
        read_genesis(write(tmp_path, text))
    assert info.value.line == 10


def test_malformed_key(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="malformed region key '0100A'") as info:
        read_genesis(write(tmp_path, GOOD.replace("2019;01002;", "2019;0100A;")))
    assert info.value.line == 9


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="empty"):
        read_genesis(write(tmp_path, b""))


def test_truncated_file_without_footer(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="truncated"):
        read_genesis(write(tmp_path, GOOD[: GOOD.index("2019;031;")]))


def test_row_with_too_few_fields(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="row has 5 fields, expected 6") as info:
        read_genesis(write(tmp_path, GOOD.replace("1586,1;95,0;10,1", "1586,1;95,0")))
    assert info.value.line == 8


def test_no_data_rows(tmp_path: Path) -> None:
    head, _, rest = GOOD.partition("2019;DG")
    footer = rest[rest.index("__________") :]
    with pytest.raises(ReaderError, match="no data rows"):
        read_genesis(write(tmp_path, head + footer))


def check_parses_or_reader_error(path: Path) -> None:
    try:
        df = read_genesis(path)
    except ReaderError:
        return
    assert list(df.columns) == COLUMNS
    assert df["year"].dtype == np.int64
    assert df["value"].dtype == np.float64
    assert len(df) > 0


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_any_bytes_parse_or_raise_reader_error(tmp_path: Path, data: bytes) -> None:
    check_parses_or_reader_error(write(tmp_path, data))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.integers(0, len(GOOD)),
    length=st.integers(0, 40),
    insert=st.text(alphabet=st.sampled_from(list(';,.-x/\r\n 0123456789DGäabc_"')), max_size=12),
)
def test_mutated_file_parses_or_raises_reader_error(
    tmp_path: Path, start: int, length: int, insert: str
) -> None:
    text = GOOD[:start] + insert + GOOD[start + length :]
    check_parses_or_reader_error(write(tmp_path, text))


# --- real files ------------------------------------------------------------------------

REAL = [
    "AI002-1.csv",
    "12411-05-01-4.csv",
    "AI-N-06.csv",
    "82411-01-03-4.csv",
    "46251-01-02-4.csv",
    "12111-31-01-4.csv",
]


@pytest.fixture(scope="module")
def real(raw_dir: Path) -> dict[str, pd.DataFrame]:
    return {name: read_genesis(raw_dir / "regionalstatistik" / name) for name in REAL}


@pytest.mark.realdata
@pytest.mark.parametrize("name", REAL)
def test_real_file_parses(real: dict[str, pd.DataFrame], name: str) -> None:
    df = real[name]
    assert list(df.columns) == COLUMNS
    assert df.attrs["table"] == name.removesuffix(".csv")
    assert set(df["table"]) == {df.attrs["table"]}
    assert "Datenlizenz Deutschland" in df.attrs["licence"]
    assert re.fullmatch(r"\d{2}\.\d{2}\.2021 / \d{2}:\d{2}:\d{2}", df.attrs["stand"])
    assert not df.duplicated(["ags", "year", "variable"]).any()
    assert set(df["level"]) == {"country", "state", "region", "district"}
    assert df.loc[df.value.isna(), "missing_reason"].notna().all()


@pytest.mark.realdata
def test_real_ai002_has_401_districts_in_2019(real: dict[str, pd.DataFrame]) -> None:
    df = real["AI002-1.csv"]
    d2019 = df[(df.level == "district") & (df.year == 2019) & df.value.notna()]
    keys = set(d2019["ags"])
    assert len(keys) == 401
    assert {"02000", "11000"} <= keys
    assert sum(len(k) == 5 and k not in {"02000", "11000"} for k in keys) == 399
    assert df.attrs["encoding"] == "latin-1"
    assert df[df.variable == "Bevölkerungsdichte"]["unit"].unique().tolist() == ["EW je km2"]


@pytest.mark.realdata
def test_real_population_germany_equals_sum_of_laender(real: dict[str, pd.DataFrame]) -> None:
    df = real["12411-05-01-4.csv"]
    total = df[
        (df.year == 2019) & (df.variable == "Durchschnittliche Jahresbevölkerung: Insgesamt")
    ]
    laender = total[total.level == "state"]
    assert len(laender) == 16
    germany = total.loc[total.ags == "DG", "value"].item()
    # Annual averages are rounded to whole persons per Land: each of the 16 may be off
    # by at most 0.5 from its exact value, so the sum may differ from Germany by <= 8.
    assert abs(germany - laender["value"].sum()) <= 8
    assert germany > 80e6


@pytest.mark.realdata
def test_real_zensus_yields_410_districts(real: dict[str, pd.DataFrame]) -> None:
    df = real["12111-31-01-4.csv"]
    assert set(df["year"]) == {2011}
    assert df.attrs["encoding"] == "utf-8"
    with_values = df[(df.level == "district") & df.value.notna()]
    five_digit = set(with_values["ags"]) - {"02000", "11000"}
    assert len(five_digit) == 410
    assert {"03152", "03156"} <= five_digit and "03159" not in five_digit
    assert "\ufffd" in df.loc[df.ags == "03152", "name"].iloc[0]


def test_huge_number_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("1586,1", "15861000000000000000"))
    with pytest.raises(NumericValueError, match="not a plausible value") as info:
        read_genesis(path)
    assert (info.value.line, info.value.column) == (8, "Bevölkerungsdichte")
