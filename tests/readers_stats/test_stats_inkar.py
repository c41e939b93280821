"""INKAR export and metadata readers: synthetic fixtures, bad input, the real files."""

from __future__ import annotations

import math
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
from geodata.readers import read_inkar, read_inkar_metadata
from geodata.readers.inkar import COLUMNS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers_stats"
SMALL = FIXTURES / "inkar_small.csv"
META = FIXTURES / "inkar_metadata_small.csv"
GOOD = SMALL.read_bytes().decode("utf-8")


def value(df: pd.DataFrame, ags: str, indicator: str, year: int) -> float:
    rows = df[(df.ags == ags) & (df.indicator == indicator) & (df.year == year)]
    assert len(rows) == 1
    return float(rows["value"].iloc[0])


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    return read_inkar(SMALL)


def test_long_structure(small: pd.DataFrame) -> None:
    assert list(small.columns) == COLUMNS
    assert len(small) == 3 * 5
    assert sorted(small["ags"].unique()) == ["01001", "02000", "16077"]
    assert sorted(small["indicator"].unique()) == [
        "Entwicklung Wohnungen",
        "Haushaltseinkommen",
        "Wohnfläche",
    ]
    assert small["year"].dtype == np.int64
    first = small.iloc[0]
    assert (first.ags, first["name"], first["aggregate"]) == (
        "01001",
        "Flensburg, Stadt",
        "krsfr. Stadt",
    )


def test_decimal_comma_thousands_dot_and_empty(small: pd.DataFrame) -> None:
    assert value(small, "01001", "Wohnfläche", 2016) == 38.5
    assert value(small, "01001", "Haushaltseinkommen", 2016) == 1198.0
    assert value(small, "01001", "Haushaltseinkommen", 2017) == 1224.5
    assert value(small, "16077", "Wohnfläche", 2017) == 46.0
    assert math.isnan(value(small, "02000", "Wohnfläche", 2017))


def test_period_column_gets_end_year(small: pd.DataFrame) -> None:
    assert value(small, "02000", "Entwicklung Wohnungen", 2017) == -1.5
    assert small.attrs["periods"] == {"Entwicklung Wohnungen": "2012-2017"}


def test_metadata_columns_and_units() -> None:
    meta = read_inkar_metadata(META)
    assert list(meta["indicator"]) == ["Wohnfläche", "Haushaltseinkommen"]
    assert list(meta["unit"]) == ["m2 je Einwohner", "EUR je Einwohner"]
    assert meta.loc[0, "name_en"] == "Living space"
    assert meta.loc[0, "notes_de"] == "Synthetisch, erfunden."
    assert meta.loc[1, "source"] == "Testquelle"


def test_metadata_attached() -> None:
    df = read_inkar(SMALL, metadata=META)
    units = df.drop_duplicates("indicator").set_index("indicator")[["name_en", "unit"]]
    assert units.to_dict("index") == {
        "Wohnfläche": {"name_en": "Living space", "unit": "m2 je Einwohner"},
        "Haushaltseinkommen": {"name_en": "Household income", "unit": "EUR je Einwohner"},
        "Entwicklung Wohnungen": {"name_en": None, "unit": None},
    }


# --- bad input -------------------------------------------------------------------------


def write(tmp_path: Path, text: str | bytes, name: str = "bad.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_missing_header(tmp_path: Path) -> None:
    with pytest.raises(MissingHeaderError, match="Kennziffer") as info:
        read_inkar(write(tmp_path, GOOD.replace("Kennziffer", "Schlüssel")))
    assert info.value.line == 1


def test_missing_year_row(tmp_path: Path) -> None:
    text = GOOD.replace(";;;2016;2017;2016;2017;2012-2017", ";;;2016;2017;2016;zwei;2012-2017")
    with pytest.raises(MissingHeaderError, match="'zwei'") as info:
        read_inkar(write(tmp_path, text))
    assert (info.value.line, info.value.column) == (2, "Haushaltseinkommen")


def test_binary_file(tmp_path: Path) -> None:
    with pytest.raises(EncodingError):
        read_inkar(write(tmp_path, b"\x00\x00\x00binary"))


def test_text_in_value(tmp_path: Path) -> None:
    with pytest.raises(NumericValueError, match=r"'k\.A\.'") as info:
        read_inkar(write(tmp_path, GOOD.replace('"45,25"', '"k.A."')))
    assert (info.value.line, info.value.column) == (5, "Wohnfläche 2016")


def test_misplaced_thousands_dot(tmp_path: Path) -> None:
    with pytest.raises(NumericValueError, match=r"'1\.19'"):
        read_inkar(write(tmp_path, GOOD.replace('"1.198"', '"1.19"')))


def test_duplicate_district(tmp_path: Path) -> None:
    with pytest.raises(DuplicateKeyError, match="01001 occurs twice") as info:
        read_inkar(write(tmp_path, GOOD.replace('"02000"', '"01001"')))
    assert info.value.line == 4


def test_duplicate_indicator_year(tmp_path: Path) -> None:
    text = GOOD.replace(";;;2016;2017;", ";;;2016;2016;")
    with pytest.raises(DuplicateKeyError, match="two columns for 2016"):
        read_inkar(write(tmp_path, text))


def test_malformed_key(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="not a district key") as info:
        read_inkar(write(tmp_path, GOOD.replace('"16077"', '"DG"')))
    assert info.value.line == 5


def test_empty_and_truncated(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="empty"):
        read_inkar(write(tmp_path, b""))
    with pytest.raises(ReaderError, match="no data rows"):
        read_inkar(write(tmp_path, "\r\n".join(GOOD.split("\r\n")[:2])))
    with pytest.raises(ReaderError, match="truncated") as info:
        read_inkar(write(tmp_path, GOOD[: GOOD.index(';"1.090"')]))
    assert info.value.line == 5


def test_metadata_errors(tmp_path: Path) -> None:
    text = META.read_text(encoding="utf-8-sig")
    with pytest.raises(MissingHeaderError, match="Quelle"):
        read_inkar_metadata(write(tmp_path, text.replace(",Quelle", ",Herkunft")))
    lines = text.splitlines()
    changed = lines[1].replace("Living space", "Floor space")
    with pytest.raises(DuplicateKeyError, match="described twice"):
        read_inkar_metadata(write(tmp_path, "\n".join([*lines, changed])))
    with pytest.raises(ReaderError, match="truncated"):
        read_inkar_metadata(write(tmp_path, "\n".join([lines[0], "Wohnfläche,Living space"])))


def parses_or_reader_error(path: Path) -> None:
    try:
        df = read_inkar(path)
    except ReaderError:
        return
    assert list(df.columns) == COLUMNS
    assert df["ags"].str.fullmatch(r"\d{5}").all()
    assert df["value"].dtype == np.float64


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_any_bytes_parse_or_raise_reader_error(tmp_path: Path, data: bytes) -> None:
    parses_or_reader_error(write(tmp_path, data))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.integers(0, len(GOOD)),
    length=st.integers(0, 30),
    insert=st.text(alphabet=st.sampled_from(list(';",.-\r\n 0123456789aä\x00')), max_size=10),
)
def test_mutated_export_parses_or_raises_reader_error(
    tmp_path: Path, start: int, length: int, insert: str
) -> None:
    parses_or_reader_error(write(tmp_path, GOOD[:start] + insert + GOOD[start + length :]))


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_metadata_any_bytes_parse_or_raise_reader_error(tmp_path: Path, data: bytes) -> None:
    try:
        meta = read_inkar_metadata(write(tmp_path, data))
    except ReaderError:
        return
    assert "unit" in meta.columns


# --- real files (section 9: never hard-code their values) ------------------------------

EXPORTS = {
    "Structure-Part-I.csv": "Metadata-Structure-Part-I.csv",
    "Gebaude-und-Wohnungsbestand.csv": "Metadata-Gebaude-und-Wohnungsbestand.csv",
    "privateinkommen.csv": "Metadata-privateinkommen.csv",
}


@pytest.fixture(scope="module")
def real(raw_dir: Path) -> dict[str, pd.DataFrame]:
    folder = raw_dir / "inkar"
    return {
        name: read_inkar(folder / name, metadata=folder / meta) for name, meta in EXPORTS.items()
    }


@pytest.mark.realdata
@pytest.mark.parametrize("name", list(EXPORTS))
def test_real_export_has_401_districts(real: dict[str, pd.DataFrame], name: str) -> None:
    df = real[name]
    assert df["ags"].nunique() == 401
    assert {"03159", "16056", "02000", "11000"} <= set(df["ags"])
    assert set(df["aggregate"]) == {"krsfr. Stadt", "Landkreis"}
    assert not df.duplicated(["ags", "indicator", "year"]).any()
    assert df["name_en"].notna().all()  # the metadata describes every indicator
    assert df["value"].notna().mean() > 0.95


@pytest.mark.realdata
def test_real_values_equal_the_csv_cells(raw_dir: Path, real: dict[str, pd.DataFrame]) -> None:
    import csv

    path = raw_dir / "inkar" / "privateinkommen.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    indicator, year, cell = rows[0][3].strip(), int(rows[1][3]), rows[2][3]
    expected = float(cell.replace(".", "").replace(",", "."))
    df = real["privateinkommen.csv"]
    assert value(df, rows[2][0], indicator, year) == expected


def test_huge_number_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(NumericValueError, match="not a plausible value") as info:
        read_inkar(write(tmp_path, GOOD.replace('"45,25"', '"4525000000000000000,0"')))
    assert (info.value.line, info.value.column) == (5, "Wohnfläche 2016")
