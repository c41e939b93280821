"""VGR der Länder district workbook: a tiny synthetic workbook, bad input, the real file."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest

from geodata.errors import (
    DuplicateKeyError,
    EncodingError,
    MissingHeaderError,
    NumericValueError,
    ReaderError,
)
from geodata.readers import read_vgr_workbook
from geodata.readers.vgr import COLUMNS, data_sheets

HEADER = ["Lfd. Nr.", "EU-Code", "Regional-schlüssel", "Land", "NUTS 1", "NUTS 2", "NUTS 3"]
HEADER += ["Gebietseinheit", 2018, 2019]

# Synthetic rows (invented values) in the layout of the real workbook.
ROWS_3_1: list[list[Any]] = [
    [1, "DE1", "08", "BW", "1", None, None, "Baden-Württemberg", 5000.5, 5100.25],
    [2, "DE11", "081", "BW", None, "2", None, "Stuttgart, Regierungsbezirk", 1900.0, 1950.0],
    [
        3,
        "DE111",
        "08111",
        "BW",
        None,
        None,
        "3",
        "Stuttgart, Landeshauptstadt, Stadtkreis",
        440.5,
        ".",
    ],
    [4, "DE6", "02", "HH", "1", "2", "3", "Hamburg", 1200, "–"],
    [5, "DE91C", "03159", "NI", None, None, "3", "Göttingen, Landkreis", "…", 110.125],
    [6, "DE", "17", "D", 0, None, None, "Deutschland", 40000.0, 41000.0],
]


def build(path: Path, sheets: dict[str, tuple[list[str], list[list[Any]]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Titel"
    workbook.active["A1"] = "Synthetic test workbook modelled on vgr_r2b2_bs2020_2.xlsx"
    for name, (titles, rows) in sheets.items():
        sheet = workbook.create_sheet(name)
        for i, title in enumerate(titles, start=1):
            sheet.cell(row=i, column=1, value=title)
        sheet.cell(row=4, column=8, value="Zurück zum Inhaltsverzeichnis")
        for j, label in enumerate(HEADER, start=1):
            sheet.cell(row=5, column=j, value=label)
        for i, row in enumerate(rows, start=7):
            for j, value in enumerate(row, start=1):
                sheet.cell(row=i, column=j, value=value)
    workbook.save(path)
    return path


TITLES_3_1 = ["3   Arbeitnehmer (Inland)", "3.1  insgesamt (A-T)", "in 1000 Personen"]
TITLES_3_2 = [
    "3   Arbeitnehmer (Inland)",
    "3.2  Land- und Forstwirtschaft, Fischerei (A)",
    "in 1000 Personen",
]
TITLES_1_1_2 = ["1   Arbeitnehmerentgelt (Inland)", "1.1.2  insgesamt (A-T)", "Anteil am Land in %"]
TITLES_4 = ["4   Arbeitnehmerentgelt (Inland) insgesamt je Arbeitnehmer", None, "in EUR"]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows_3_2 = [[*r[:8], 1.5, 2.5] for r in ROWS_3_1]
    rows_4 = [[*r[:8], 40000, 41000] for r in ROWS_3_1]
    rows_1_1_2 = [[*r[:8], 100, "X"] for r in ROWS_3_1]
    return build(
        tmp_path_factory.mktemp("vgr") / "vgr_small.xlsx",
        {
            "3.1": (TITLES_3_1, ROWS_3_1),
            "3.2": (TITLES_3_2, rows_3_2),
            "1.1.2": (TITLES_1_1_2, rows_1_1_2),
            "4": (TITLES_4, rows_4),
        },
    )


@pytest.fixture(scope="module")
def small(workbook: Path) -> pd.DataFrame:
    return read_vgr_workbook(workbook)


def one(df: pd.DataFrame, sheet: str, ags: str, year: int) -> pd.Series:
    rows = df[(df.sheet == sheet) & (df.ags == ags) & (df.year == year)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_data_sheets_skip_text_sheets(workbook: Path) -> None:
    assert data_sheets(workbook) == ["3.1", "3.2", "1.1.2", "4"]


def test_only_nuts3_rows_with_padded_keys(small: pd.DataFrame) -> None:
    assert list(small.columns) == COLUMNS
    assert sorted(small["ags"].unique()) == ["02000", "03159", "08111"]
    assert small.groupby("sheet").size().to_dict() == {"1.1.2": 6, "3.1": 6, "3.2": 6, "4": 6}
    assert small["year"].dtype == np.int64


def test_values_and_special_values(small: pd.DataFrame) -> None:
    assert one(small, "3.1", "08111", 2018).value == 440.5
    assert math.isnan(one(small, "3.1", "08111", 2019).value)
    assert one(small, "3.1", "02000", 2018).value == 1200.0
    assert one(small, "3.1", "02000", 2019).value == 0.0
    assert math.isnan(one(small, "3.1", "03159", 2018).value)
    assert one(small, "3.1", "03159", 2019).value == 110.125
    assert math.isnan(one(small, "1.1.2", "03159", 2019).value)
    assert one(small, "3.1", "02000", 2018)["name"] == "Hamburg"


def test_variable_sector_and_unit(small: pd.DataFrame) -> None:
    described = small.drop_duplicates("sheet").set_index("sheet")[["variable", "sector", "unit"]]
    assert described.to_dict("index") == {
        "3.1": {
            "variable": "3.1 Arbeitnehmer (Inland) – insgesamt (A-T)",
            "sector": "A-T",
            "unit": "1000 Personen",
        },
        "3.2": {
            "variable": "3.2 Arbeitnehmer (Inland) – Land- und Forstwirtschaft, Fischerei (A)",
            "sector": "A",
            "unit": "1000 Personen",
        },
        "1.1.2": {
            "variable": "1.1.2 Arbeitnehmerentgelt (Inland) – insgesamt (A-T), Anteil am Land",
            "sector": "A-T",
            "unit": "%",
        },
        "4": {
            "variable": "4 Arbeitnehmerentgelt (Inland) insgesamt je Arbeitnehmer",
            "sector": "A-T",
            "unit": "EUR",
        },
    }


def test_selected_sheets_only(workbook: Path) -> None:
    df = read_vgr_workbook(workbook, sheets=["4"])
    assert set(df["sheet"]) == {"4"}
    assert one(df, "4", "08111", 2019).value == 41000.0


# --- bad input -------------------------------------------------------------------------


def bad(
    tmp_path: Path, change: Callable[[list[list[Any]]], None], titles: list[Any] = TITLES_3_1
) -> Path:
    rows = [list(r) for r in ROWS_3_1]
    change(rows)
    return build(tmp_path / "bad.xlsx", {"3.1": (titles, rows)})


def test_unknown_sheet(workbook: Path) -> None:
    with pytest.raises(ReaderError, match=r"no sheet '9\.9'"):
        read_vgr_workbook(workbook, sheets=["9.9"])


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"Regional-schl\xfcssel;NUTS 3\n")
    with pytest.raises(EncodingError, match=r"not a readable \.xlsx"):
        read_vgr_workbook(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(ReaderError):
        read_vgr_workbook(path)


def test_text_in_value_cell(tmp_path: Path) -> None:
    path = bad(tmp_path, lambda rows: rows[2].__setitem__(9, "n/a"))
    with pytest.raises(NumericValueError, match="'n/a'") as info:
        read_vgr_workbook(path)
    assert (info.value.sheet, info.value.line, info.value.column) == ("3.1", 9, "2019")


def test_duplicate_district(tmp_path: Path) -> None:
    path = bad(tmp_path, lambda rows: rows[4].__setitem__(2, "08111"))
    with pytest.raises(DuplicateKeyError, match="08111 occurs twice") as info:
        read_vgr_workbook(path)
    assert info.value.line == 11


def test_malformed_key(tmp_path: Path) -> None:
    path = bad(tmp_path, lambda rows: rows[2].__setitem__(2, "0811"))
    with pytest.raises(ReaderError, match="malformed district key '0811'") as info:
        read_vgr_workbook(path)
    assert info.value.sheet == "3.1"


def test_missing_header(tmp_path: Path) -> None:
    path = tmp_path / "noheader.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "3.1"
    sheet.append(["3   Arbeitnehmer (Inland)"])
    sheet.append([1, "DE111", "08111", "BW", None, None, "3", "Stuttgart", 1.0])
    workbook.save(path)
    with pytest.raises(MissingHeaderError, match="Regional-schlüssel") as info:
        read_vgr_workbook(path)
    assert info.value.sheet == "3.1"


def test_sheet_without_district_rows(tmp_path: Path) -> None:
    path = bad(tmp_path, lambda rows: [r.__setitem__(6, None) for r in rows])
    with pytest.raises(ReaderError, match="no district"):
        read_vgr_workbook(path)


# --- real file -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_path(raw_dir: Path) -> Path:
    return raw_dir / "vgrdl" / "vgr_r2b2_bs2020_2.xlsx"


@pytest.fixture(scope="module")
def real(real_path: Path) -> pd.DataFrame:
    return read_vgr_workbook(real_path, sheets=["1.1", "3.1", "3.2", "4", "6.1"])


@pytest.mark.realdata
def test_real_has_401_districts_per_sheet(real: pd.DataFrame) -> None:
    per_sheet = real.groupby("sheet")["ags"].nunique()
    assert (per_sheet == 401).all()
    keys = set(real["ags"])
    assert {"03159", "16056", "16063", "02000", "11000"} <= keys
    assert all(len(k) == 5 and k.isdigit() for k in keys)
    assert sorted(real["year"].unique()) == list(range(2000, 2020))
    assert not real.duplicated(["ags", "year", "sheet"]).any()


@pytest.mark.realdata
def test_real_sheets_describe_themselves(real: pd.DataFrame) -> None:
    units = real.drop_duplicates("sheet").set_index("sheet")["unit"].to_dict()
    assert units == {
        "1.1": "Mio. EUR",
        "3.1": "1000 Personen",
        "3.2": "1000 Personen",
        "4": "EUR",
        "6.1": "Mio. Arbeitsstunden",
    }
    sectors = real.drop_duplicates("sheet").set_index("sheet")["sector"].to_dict()
    assert sectors["3.1"] == "A-T" and sectors["3.2"] == "A"
    assert real.loc[real.sheet == "3.1", "variable"].iloc[0].startswith("3.1 Arbeitnehmer")
    # 6.x hours are published later: the newest year is '…' (missing) everywhere.
    assert real.loc[real.sheet == "6.1", "value"].isna().any()


@pytest.mark.realdata
def test_real_values_equal_cells(real: pd.DataFrame, real_path: Path) -> None:
    workbook = openpyxl.load_workbook(real_path, read_only=True, data_only=True)
    rows = list(workbook["3.1"].iter_rows(min_row=5, values_only=True))
    workbook.close()
    header = rows[0]
    year_col = header.index(2019)
    cells = {r[2]: r[year_col] for r in rows[1:] if r[6] == "3"}
    parsed = real[(real.sheet == "3.1") & (real.year == 2019)].set_index("ags")["value"]
    assert parsed["08111"] == cells["08111"]
    assert parsed["02000"] == cells["02"]
    assert parsed.sum() == pytest.approx(sum(v for v in cells.values()))
