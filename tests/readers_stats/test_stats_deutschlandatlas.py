"""Deutschlandatlas workbook reader: a tiny synthetic workbook, bad input, the real file."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata.errors import (
    DuplicateKeyError,
    EncodingError,
    MissingHeaderError,
    NumericValueError,
    ReaderError,
)
from geodata.readers import read_deutschlandatlas
from geodata.readers.deutschlandatlas import COLUMNS, AtlasLevel, parse_class

# Synthetic sheets (invented values) in the layout of Deutschlandatlas-Daten.xlsx.
KRS1222: list[list[Any]] = [
    ["KRS1222", "Kreisname", "alq", "preis_miet", "wohn_EZFH"],
    [1001000, "Flensburg, Stadt", 7.5, "8,50 bis unter 10,00", 4],
    [2000000, "Hamburg", 6.25, "11,50 und mehr", None],
    [16077000, "Altenburger Land", "#VALUE!", "bis unter 5,50", 80.5],
    [3159000, "Göttingen", 5.0, "10,00 bis unter 11,50", "12,5"],
    [None, None, None, None, None],  # trailing empty row
]
GEM1222: list[list[Any]] = [
    ["GKZ1222", "Gemeindename", "p_markt"],
    [1001000, "Flensburg, Stadt", 2.36],
    [16077052, "Windischleuba", 5.5],
]
VBGEM1222: list[list[Any]] = [
    ["VBG1222", "Gemeindeverbandsname", "pendel", None],
    [10010000, "Flensburg, Stadt", 11.42, None],
    [160775052, "Schmölln, Stadt", 17.79, None],
]
VBGEM1219: list[list[Any]] = [
    ["VBG1219", "Gemeindeverbandsname", "oenv"],
    ["01001000", "Flensburg, Stadt", 99.5],
    [16077952, "Schmölln, Stadt", 80.6],
]


def build(path: Path, sheets: dict[str, list[list[Any]]], cover: bool = True) -> Path:
    workbook = openpyxl.Workbook()
    first = workbook.active
    if cover:
        first.title = "Vorblatt"
        first.append(["Daten zum Deutschlandatlas (synthetische Testdatei)"])
        first.append(["Stand: 12.12.2024"])
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    if not cover:
        workbook.remove(first)
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(
        tmp_path_factory.mktemp("dla") / "dla_small.xlsx",
        {
            "Deutschlandatlas_GEM1222": GEM1222,
            "Deutschlandatlas_VBGEM1222": VBGEM1222,
            "Deutschlandatlas_KRS1222": KRS1222,
            "Deutschlandatlas_VBGEM1219": VBGEM1219,
        },
    )


@pytest.fixture(scope="module")
def districts(workbook: Path) -> pd.DataFrame:
    return read_deutschlandatlas(workbook)


def one(df: pd.DataFrame, key: str, indicator: str) -> pd.Series:
    rows = df[(df.key == key) & (df.indicator == indicator)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_district_sheet_structure(districts: pd.DataFrame) -> None:
    assert list(districts.columns) == COLUMNS
    assert sorted(districts["key"].unique()) == ["01001", "02000", "03159", "16077"]
    assert sorted(districts["indicator"].unique()) == ["alq", "preis_miet", "wohn_ezfh"]
    assert set(districts["sheet"]) == {"Deutschlandatlas_KRS1222"}
    assert set(districts["status"]) == {"2022-12-31"}
    assert districts.attrs["stand"] == "12.12.2024"
    assert len(districts) == 12


def test_numbers_empty_and_error_cells(districts: pd.DataFrame) -> None:
    assert one(districts, "01001", "alq").value == 7.5
    assert one(districts, "01001", "wohn_ezfh").value == 4.0
    assert one(districts, "03159", "wohn_ezfh").value == 12.5
    assert math.isnan(one(districts, "02000", "wohn_ezfh").value)
    error_cell = one(districts, "16077", "alq")
    assert math.isnan(error_cell.value) and error_cell.text is None
    assert one(districts, "01001", "alq")["name"] == "Flensburg, Stadt"


def test_text_classes(districts: pd.DataFrame) -> None:
    closed = one(districts, "01001", "preis_miet")
    assert (closed.lower, closed.upper, closed.value, closed.text) == (
        8.5,
        10.0,
        9.25,
        "8,50 bis unter 10,00",
    )
    above = one(districts, "02000", "preis_miet")  # next to 10,00–11,50 (width 1.5)
    assert above.lower == 11.5 and math.isnan(above.upper) and above.value == 12.25
    below = one(districts, "16077", "preis_miet")  # nearest closed class has width 1.5
    assert math.isnan(below.lower) and below.upper == 5.5 and below.value == 4.75
    plain = one(districts, "01001", "alq")
    assert math.isnan(plain.lower) and math.isnan(plain.upper) and plain.text is None


def test_municipality_keys(workbook: Path) -> None:
    df = read_deutschlandatlas(workbook, level="municipality")
    assert df.set_index("key")["value"].to_dict() == {"01001000": 2.36, "16077052": 5.5}


def test_association_keys_keep_the_sheet_width(workbook: Path) -> None:
    df = read_deutschlandatlas(workbook, level=AtlasLevel.ASSOCIATION)
    keys = df.groupby("sheet")["key"].apply(sorted).to_dict()
    assert keys == {
        "Deutschlandatlas_VBGEM1222": ["010010000", "160775052"],
        "Deutschlandatlas_VBGEM1219": ["01001000", "16077952"],
    }
    assert set(df["indicator"]) == {"pendel", "oenv"}
    only = read_deutschlandatlas(workbook, level="association", sheets=["VBGEM1219"])
    assert set(only["status"]) == {"2019-12-31"}


@pytest.mark.parametrize(
    ("label", "bounds"),
    [
        ("7,00 bis unter 8,50", (7.0, 8.5)),
        ("100 bis unter 200", (100.0, 200.0)),
        ("unter 5", (np.nan, 5.0)),
        ("bis unter 50", (np.nan, 50.0)),
        ("12 und mehr", (12.0, np.nan)),
        ("über 500", (500.0, np.nan)),
        ("sehr hoch", None),
    ],
)
def test_parse_class(label: str, bounds: tuple[float, float] | None) -> None:
    result = parse_class(label)
    if bounds is None:
        assert result is None
    else:
        assert result is not None
        np.testing.assert_array_equal(result, bounds)


@given(lo=st.integers(0, 10_000), width=st.integers(1, 1000))
def test_closed_class_bounds_round_trip(lo: int, width: int) -> None:
    lower, upper = parse_class(f"{lo},00 bis unter {lo + width},00") or (np.nan, np.nan)
    assert (lower, upper) == (lo, lo + width)


# --- bad input -------------------------------------------------------------------------


def bad_krs(tmp_path: Path, row: int, col: int, value: Any) -> Path:
    rows = [list(r) for r in KRS1222]
    rows[row][col] = value
    return build(tmp_path / "bad.xlsx", {"Deutschlandatlas_KRS1222": rows})


def test_missing_key_header(tmp_path: Path) -> None:
    path = bad_krs(tmp_path, 0, 0, "Schlüssel")
    with pytest.raises(MissingHeaderError, match="KRS… key column") as info:
        read_deutschlandatlas(path)
    assert (info.value.sheet, info.value.line) == ("Deutschlandatlas_KRS1222", 1)


def test_text_that_is_no_number_or_class(tmp_path: Path) -> None:
    path = bad_krs(tmp_path, 2, 2, "hoch")
    with pytest.raises(NumericValueError, match="'hoch'") as info:
        read_deutschlandatlas(path)
    assert (info.value.line, info.value.column) == (3, "alq")


def test_duplicate_key(tmp_path: Path) -> None:
    with pytest.raises(DuplicateKeyError, match="01001 occurs twice") as info:
        read_deutschlandatlas(bad_krs(tmp_path, 3, 0, 1001000))
    assert info.value.line == 4


def test_malformed_key(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="malformed area key '1001X'"):
        read_deutschlandatlas(bad_krs(tmp_path, 1, 0, "1001X"))


def test_municipality_key_on_district_sheet(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="municipality, not a district"):
        read_deutschlandatlas(bad_krs(tmp_path, 1, 0, 1001001))


def test_unknown_level_and_sheet(workbook: Path) -> None:
    with pytest.raises(ReaderError, match="unknown level 'state'"):
        read_deutschlandatlas(workbook, level="state")
    with pytest.raises(ReaderError, match="no district sheet 'KRS1221'"):
        read_deutschlandatlas(workbook, sheets=["KRS1221"])


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"\x00\x01binary junk")
    with pytest.raises(EncodingError):
        read_deutschlandatlas(path)


def test_sheet_without_rows(tmp_path: Path) -> None:
    path = build(tmp_path / "empty.xlsx", {"Deutschlandatlas_KRS1222": [KRS1222[0]]})
    with pytest.raises(ReaderError, match="no data rows"):
        read_deutschlandatlas(path)


@settings(max_examples=30, deadline=None)
@given(data=st.binary(max_size=200))
def test_any_bytes_read_or_reader_error(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.xlsx"
        path.write_bytes(data)
        with pytest.raises(ReaderError):
            read_deutschlandatlas(path)


# --- real file (section 9: never hard-code its values) --------------------------------


@pytest.fixture(scope="module")
def real_path(raw_dir: Path) -> Path:
    return raw_dir / "deutschlandatlas" / "Deutschlandatlas-Daten.xlsx"


@pytest.fixture(scope="module")
def real(real_path: Path) -> pd.DataFrame:
    return read_deutschlandatlas(real_path)


@pytest.mark.realdata
def test_real_krs1222_has_400_districts(real: pd.DataFrame) -> None:
    krs = real[real.sheet == "Deutschlandatlas_KRS1222"]
    assert krs["key"].nunique() == 400
    assert set(krs["status"]) == {"2022-12-31"}
    assert {"alq", "wohn_leer", "preis_miet", "wohn_ezfh"} <= set(krs["indicator"])
    assert "16056" not in set(krs["key"]) and "03159" in set(krs["key"])
    assert real.loc[real.sheet == "Deutschlandatlas_KRS1220", "key"].nunique() == 401
    assert not real.duplicated(["sheet", "key", "indicator"]).any()


@pytest.mark.realdata
def test_real_values_match_cells(real: pd.DataFrame, real_path: Path) -> None:
    workbook = openpyxl.load_workbook(real_path, read_only=True, data_only=True)
    rows = list(workbook["Deutschlandatlas_KRS1222"].iter_rows(max_row=3, values_only=True))
    workbook.close()
    header = [str(c).lower() for c in rows[0]]
    key = f"{rows[1][0]:08d}"[:5]
    for code in ("alq", "wohn_leer"):
        cell = rows[1][header.index(code)]
        parsed = real[
            (real.sheet == "Deutschlandatlas_KRS1222")
            & (real.key == key)
            & (real.indicator == code)
        ]
        assert parsed["value"].item() == pytest.approx(cell)
    rent_text = rows[1][header.index("preis_miet")]
    rent = real[(real.key == key) & (real.indicator == "preis_miet")].iloc[0]
    assert rent.text == rent_text
    assert rent.lower < rent.value < rent.upper


@pytest.mark.realdata
def test_real_class_columns_are_consistent(real: pd.DataFrame) -> None:
    classes = real[real.text.notna()]
    assert set(classes["indicator"]) == {"preis_miet", "preis_baul"}
    assert (
        classes["lower"].isna() | classes["upper"].isna() | (classes.lower < classes.upper)
    ).all()
    closed = classes.dropna(subset=["lower", "upper"])
    assert np.allclose(closed["value"], (closed["lower"] + closed["upper"]) / 2)


@pytest.mark.realdata
@pytest.mark.slow
def test_real_municipality_and_association_levels(real_path: Path) -> None:
    gem = read_deutschlandatlas(real_path, level="municipality", sheets=["GEM1222"])
    assert gem["key"].str.len().eq(8).all()
    assert gem["key"].nunique() > 10_000
    vbg = read_deutschlandatlas(real_path, level="association")
    widths = vbg.groupby("sheet")["key"].agg(lambda s: set(s.str.len()))
    assert widths.to_dict() == {
        "Deutschlandatlas_VBGEM1219": {8},
        "Deutschlandatlas_VBGEM1222": {9},
    }


def test_no_value_code_becomes_missing(tmp_path: Path) -> None:
    path = bad_krs(tmp_path, 1, 2, -9999)  # Flensburg's alq coded as "no value"
    value = one(read_deutschlandatlas(path), "01001", "alq").value
    assert math.isnan(value)


def test_huge_number_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(NumericValueError, match="not a plausible value") as info:
        read_deutschlandatlas(bad_krs(tmp_path, 1, 2, 1e300))
    assert info.value.column == "alq"
