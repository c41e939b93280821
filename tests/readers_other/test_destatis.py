"""Tests of :func:`geodata.readers.read_destatis_kreise`.

The workbooks built here are synthetic imitations of the GV-ISys layout (made-up numbers).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from geodata.errors import (
    DuplicateKeyError,
    EncodingError,
    MissingHeaderError,
    NumericValueError,
    ReaderError,
)
from geodata.readers import read_destatis_kreise

TITLE = "Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und Bevölkerungsdichte"
HEADER = [
    (
        "Schlüssel-nummer",
        "Regionale Bezeichnung",
        "Kreisfreie Stadt",
        "NUTS3",
        "Fläche \nin km2",
        "Bevölkerung2)",
    ),
    (None, None, "Kreis / Landkreis", None, None, "insgesamt", "männlich", "weiblich", "je km2"),
    (1, "2", 3, 4, 5, 6, 7, 8, 9),
    (),
]
BODY: list[tuple[Any, ...]] = [
    ("01", "Schleswig-Holstein"),
    ("01001", "Kreisfreie Stadt", "Flensburg, Stadt", "DEF01", 53.02, 90164, 44904, 45260, 1701),
    ("01051", "Kreis", "Dithmarschen", "DEF05", 1428.17, 133193, 65718, 67475, 93),
    ("031", "Statistische Region Braunschweig"),
    ("0811", "Region Stuttgart", None, None, None, "", ""),
    (145, "Direktionsbezirk Chemnitz"),
    (
        "02000",
        "Kreisfreie Stadt",
        "Hamburg, Freie und Hansestadt",
        "DE600",
        755.09,
        1847253,
        903974,
        943279,
        2446,
    ),
    (None, None, "Insgesamt", None, 2236.28, 2070610, 1014596, 1056014, 926),
    (None, "Deutschland", "Insgesamt", None, 2236.28, 2070610, 1014596, 1056014, 926),
    ("Quelle: Gemeindeverzeichnis-Informationssystem GV-ISys",),
    ("1)  Fläche in Rheinland-Pfalz: Ohne das Gebiet …",),
    ("2) Die Ergebnisse ab Berichtsjahr 2016 sind …",),
]


def _workbook(
    path: Path,
    body: list[tuple[Any, ...]] = BODY,
    header: list[tuple[Any, ...]] = HEADER,
    stand: str = "Gebietsstand: 31.12.2019",
) -> Path:
    workbook = openpyxl.Workbook()
    cover = workbook.active
    cover.title = "Deckblatt"
    cover.append(("Statistisches Bundesamt",))
    sheet = workbook.create_sheet("Kreisfreie Städte u. Landkreise")
    for row in [(TITLE,), (stand,), (), *header, *body]:
        sheet.append(row)
    workbook.save(path)
    return path


def test_reads_district_rows_and_skips_regions_totals_and_footnotes(tmp_path: Path) -> None:
    result = read_destatis_kreise(_workbook(tmp_path / "04-kreise.xlsx"))
    assert result.columns.tolist() == [
        "ags",
        "kind",
        "name",
        "nuts3",
        "area_km2",
        "population",
        "population_male",
        "population_female",
        "density",
    ]
    assert result["ags"].tolist() == ["01001", "01051", "02000"]
    assert result["kind"].tolist() == ["Kreisfreie Stadt", "Kreis", "Kreisfreie Stadt"]
    assert result["name"].tolist() == [
        "Flensburg, Stadt",
        "Dithmarschen",
        "Hamburg, Freie und Hansestadt",
    ]
    assert result["nuts3"].tolist() == ["DEF01", "DEF05", "DE600"]
    assert result["area_km2"].tolist() == [53.02, 1428.17, 755.09]
    assert result["population"].tolist() == [90164, 133193, 1847253]
    assert result["population_male"].tolist() == [44904, 65718, 903974]
    assert result["population_female"].tolist() == [45260, 67475, 943279]
    assert result["density"].tolist() == [1701.0, 93.0, 2446.0]
    assert str(result["population"].dtype) == "int64"
    assert result.attrs["reference_date"] == "2019-12-31"
    assert result.attrs["sheet"] == "Kreisfreie Städte u. Landkreise"
    assert "Destatis" in result.attrs["source"]


def test_reference_date_comes_from_the_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "k.xlsx", stand="Gebietsstand: 31.12.2018")
    assert read_destatis_kreise(path).attrs["reference_date"] == "2018-12-31"


def test_integer_keys_and_text_numbers_are_accepted(tmp_path: Path) -> None:
    body = [
        (
            1001,
            "Kreisfreie Stadt",
            "Flensburg, Stadt",
            "DEF01",
            "53,02",
            "90164",
            44904,
            45260,
            1701,
        )
    ]
    result = read_destatis_kreise(_workbook(tmp_path / "k.xlsx", body=body))
    assert result["ags"].tolist() == ["01001"]
    assert result["area_km2"].tolist() == [53.02]
    assert result["population"].tolist() == [90164]


def test_text_in_number_column_names_row_and_column(tmp_path: Path) -> None:
    body = [*BODY[:2], ("01051", "Kreis", "Dithmarschen", "DEF05", 1428.17, "k.A.", 1, 2, 93)]
    with pytest.raises(NumericValueError, match=r"line 10, column 'insgesamt'.*k\.A\."):
        read_destatis_kreise(_workbook(tmp_path / "k.xlsx", body=body))


def test_fractional_population_is_rejected(tmp_path: Path) -> None:
    body = [("01051", "Kreis", "Dithmarschen", "DEF05", 1428.17, 133193.5, 1, 2, 93)]
    with pytest.raises(NumericValueError, match="whole number"):
        read_destatis_kreise(_workbook(tmp_path / "k.xlsx", body=body))


def test_duplicate_key_is_rejected(tmp_path: Path) -> None:
    body = [BODY[1], BODY[1]]
    with pytest.raises(DuplicateKeyError, match="01001 occurs twice"):
        read_destatis_kreise(_workbook(tmp_path / "k.xlsx", body=body))


def test_malformed_key_is_rejected(tmp_path: Path) -> None:
    body = [("0100X", *BODY[1][1:])]
    with pytest.raises(ReaderError, match="malformed district key '0100X'"):
        read_destatis_kreise(_workbook(tmp_path / "k.xlsx", body=body))


def test_missing_header_row(tmp_path: Path) -> None:
    header = [("Key", "Name"), *HEADER[1:]]
    with pytest.raises(MissingHeaderError, match="no sheet has"):
        read_destatis_kreise(_workbook(tmp_path / "k.xlsx", header=header))


def test_missing_sub_column(tmp_path: Path) -> None:
    header = [
        HEADER[0],
        (None, None, None, None, None, "insgesamt", "männlich", "je km2"),
        *HEADER[2:],
    ]
    with pytest.raises(MissingHeaderError, match="'weiblich'"):
        read_destatis_kreise(_workbook(tmp_path / "k.xlsx", header=header))


def test_missing_reference_date(tmp_path: Path) -> None:
    with pytest.raises(MissingHeaderError, match="Gebietsstand"):
        read_destatis_kreise(_workbook(tmp_path / "k.xlsx", stand="Stand: irgendwann"))


def test_table_without_districts(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no district rows"):
        read_destatis_kreise(_workbook(tmp_path / "k.xlsx", body=[BODY[0], BODY[3]]))


@pytest.mark.parametrize("content", [b"", b"AGS;name\n01001;Flensburg\n", b"\x00\x01\x02"])
def test_not_a_workbook(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "k.xlsx"
    path.write_bytes(content)
    with pytest.raises(EncodingError, match="not an XLSX workbook"):
        read_destatis_kreise(path)


def _germany_total(path: Path) -> int:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = workbook.worksheets[1]
    totals = [row for row in sheet.iter_rows(values_only=True) if row[1] == "Deutschland"]
    workbook.close()
    assert len(totals) == 1
    return int(totals[0][5])


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("relative", "date"),
    [
        ("destatis-gv-2019/04-kreise.xlsx", "2019-12-31"),
        ("landkreise-deutschland/source/04-kreise.xlsx", "2018-12-31"),
    ],
)
def test_real_workbooks_have_401_districts_summing_to_germany(
    raw_dir: Path, relative: str, date: str
) -> None:
    path = raw_dir / relative
    result = read_destatis_kreise(path)
    assert len(result) == 401
    assert result["ags"].is_unique
    assert {"02000", "11000", "03159", "16056"} <= set(result["ags"])
    assert result["population"].sum() == _germany_total(path)
    assert (result["population_male"] + result["population_female"] == result["population"]).all()
    assert result.attrs["reference_date"] == date
    assert set(result["kind"]) == {
        "Kreisfreie Stadt",
        "Landkreis",
        "Kreis",
        "Stadtkreis",
        "Regionalverband",
    }
