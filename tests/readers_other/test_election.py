"""Tests of :func:`geodata.readers.read_europawahl`.

The CSV built here is a synthetic miniature of ``ew19_kerg.csv`` (made-up counts).
"""

from __future__ import annotations

from pathlib import Path

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
from geodata.readers import read_europawahl

TITLE = ["EW2019;", "Amtliches Endergebnis;"]
HEADER = [
    "Nr;Gebiet;gehört zu;Wahlberechtigte;;Wähler/-innen;;Ungültige;;Gültige;;"
    "Partei A;;Volt Deutschland;;",
    ";;;Stimmen;;Stimmen;;Stimmen;;Stimmen;;Stimmen;;Stimmen;;",
    ";;;Endgültig;Vorperiode;Endgültig;Vorperiode;Endgültig;Vorperiode;Endgültig;Vorperiode;"
    "Endgültig;Vorperiode;Endgültig;Vorperiode;",
]
ROWS = [
    "01001;Flensburg, Stadt;01;1000;1200;600;480;10;12;590;468;400;300;190;;",
    "01002;Kiel, Landeshauptstadt;01;2000;1800;1500;700;20;10;1480;690;1000;690;480;;",
    ";",
    "01;Schleswig-Holstein;99;3000;3000;2100;1180;30;22;2070;1158;1400;990;670;;",
    ";",
    "99;Bundesgebiet;;3000;3000;2100;1180;30;22;2070;1158;1400;990;670;;",
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_bytes("\ufeff".encode() + "\n".join(lines).encode("utf-8"))
    return path


def test_reads_areas_levels_counts_and_turnout(tmp_path: Path) -> None:
    result = read_europawahl(_write(tmp_path / "ew19_kerg.csv", TITLE + HEADER + ROWS))
    assert result.columns.tolist() == [
        "ags",
        "level",
        "name",
        "parent",
        "electorate",
        "voters",
        "invalid",
        "valid",
        "turnout",
        "electorate_2014",
        "voters_2014",
        "invalid_2014",
        "valid_2014",
        "turnout_2014",
    ]
    assert result["ags"].tolist() == ["01001", "01002", "01", "99"]
    assert result["level"].tolist() == ["district", "district", "state", "country"]
    assert result["name"].tolist()[0] == "Flensburg, Stadt"
    assert result["parent"].tolist() == ["01", "01", "99", None]
    assert result["electorate"].tolist() == [1000, 2000, 3000, 3000]
    assert result["voters"].tolist() == [600, 1500, 2100, 2100]
    assert result["invalid"].tolist() == [10, 20, 30, 30]
    assert result["valid"].tolist() == [590, 1480, 2070, 2070]
    assert result["turnout"].tolist() == [60.0, 75.0, 70.0, 70.0]
    assert result["electorate_2014"].tolist() == [1200, 1800, 3000, 3000]
    assert result["turnout_2014"].tolist() == [
        40.0,
        pytest.approx(700 / 18),
        pytest.approx(1180 / 30),
        pytest.approx(1180 / 30),
    ]
    assert str(result["electorate"].dtype) == "int64"
    assert result.attrs["title"] == "EW2019 Amtliches Endergebnis"


def test_party_votes_are_kept_long_without_parties_not_standing(tmp_path: Path) -> None:
    result = read_europawahl(_write(tmp_path / "ew.csv", TITLE + HEADER + ROWS[:2]))
    votes = result.attrs["party_votes"]
    assert votes.columns.tolist() == ["ags", "party", "votes", "votes_2014"]
    assert votes["ags"].tolist() == ["01001", "01001", "01002", "01002"]
    assert votes["party"].tolist() == ["Partei A", "Volt Deutschland"] * 2
    assert votes["votes"].tolist() == [400, 190, 1000, 480]
    assert votes["votes_2014"].tolist()[0] == 300
    assert pd.isna(votes["votes_2014"].iloc[1])  # Volt did not stand in 2014


def test_missing_previous_period_total_is_missing_not_zero(tmp_path: Path) -> None:
    row = "03159;Göttingen;03;900;;450;;9;;441;;300;;141;;"
    result = read_europawahl(_write(tmp_path / "ew.csv", TITLE + HEADER + [row]))
    assert result["ags"].tolist() == ["03159"]
    assert pd.isna(result["electorate_2014"].iloc[0])
    assert pd.isna(result["turnout_2014"].iloc[0])
    assert result["turnout"].tolist() == [50.0]


def test_zero_electorate_gives_missing_turnout(tmp_path: Path) -> None:
    row = "01001;Leer;01;0;0;0;0;0;0;0;0;0;0;0;;"
    result = read_europawahl(_write(tmp_path / "ew.csv", TITLE + HEADER + [row]))
    assert pd.isna(result["turnout"].iloc[0])


def test_text_in_count_names_line_and_column(tmp_path: Path) -> None:
    row = ROWS[0].replace(";600;", ";6OO;")
    with pytest.raises(NumericValueError, match=r"line 6, column 'Wähler/-innen'.*6OO"):
        read_europawahl(_write(tmp_path / "ew.csv", TITLE + HEADER + [row]))


def test_empty_final_total_is_an_error(tmp_path: Path) -> None:
    row = ROWS[0].replace(";1000;", ";;")
    with pytest.raises(NumericValueError, match="2019 Wahlberechtigte count is empty"):
        read_europawahl(_write(tmp_path / "ew.csv", TITLE + HEADER + [row]))


def test_duplicate_area(tmp_path: Path) -> None:
    with pytest.raises(DuplicateKeyError, match=r"line 7.*01001 already on line 6"):
        read_europawahl(_write(tmp_path / "ew.csv", TITLE + HEADER + [ROWS[0], ROWS[0]]))


@pytest.mark.parametrize("key", ["1001", "010011", "17001", "00", "17", "X1001"])
def test_malformed_key(tmp_path: Path, key: str) -> None:
    row = key + ROWS[0][5:]
    with pytest.raises(ReaderError, match="line 6, column 'Nr'"):
        read_europawahl(_write(tmp_path / "ew.csv", TITLE + HEADER + [row]))


def test_short_row(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="line 6: expected at least 15 fields, found 6"):
        read_europawahl(_write(tmp_path / "ew.csv", TITLE + HEADER + ["01001;F;01;1;2;3"]))


def test_missing_header(tmp_path: Path) -> None:
    with pytest.raises(MissingHeaderError, match="Nr;Gebiet"):
        read_europawahl(_write(tmp_path / "ew.csv", TITLE + ROWS))


def test_missing_total_column(tmp_path: Path) -> None:
    header = [HEADER[0].replace("Ungültige", "Sonstige"), *HEADER[1:]]
    with pytest.raises(MissingHeaderError, match="column 'Ungültige'"):
        read_europawahl(_write(tmp_path / "ew.csv", TITLE + header + ROWS))


def test_missing_period_line(tmp_path: Path) -> None:
    header = [HEADER[0], HEADER[1], HEADER[1]]
    with pytest.raises(MissingHeaderError, match="Endgültig;Vorperiode"):
        read_europawahl(_write(tmp_path / "ew.csv", TITLE + header + ROWS))


def test_header_without_rows(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no result rows"):
        read_europawahl(_write(tmp_path / "ew.csv", TITLE + HEADER + [";", ";"]))


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "ew.csv"
    path.write_bytes(b"\x00\x01binary")
    with pytest.raises(EncodingError):
        read_europawahl(path)


VALID = "\n".join(TITLE + HEADER + ROWS[:2]).encode()


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.binary(max_size=400)
    | st.builds(
        lambda a, b: VALID[:a] + b + VALID[a:], st.integers(0, len(VALID)), st.binary(max_size=6)
    )
)
def test_any_bytes_parse_or_raise_reader_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(content)
    try:
        result = read_europawahl(path)
    except ReaderError:
        return
    assert len(result) >= 1
    assert set(result["level"]) <= {"country", "state", "district"}


@pytest.mark.realdata
def test_real_file_has_401_districts_with_plausible_turnout(raw_dir: Path) -> None:
    result = read_europawahl(raw_dir / "bundeswahlleiter" / "ew19_kerg.csv")
    districts = result[result["level"] == "district"]
    assert len(districts) == 401
    assert districts["ags"].is_unique
    assert {"02000", "11000", "03159", "16056"} <= set(districts["ags"])
    assert districts["turnout"].between(40, 80).all()
    assert (result["level"] == "state").sum() == 16
    country = result[result["level"] == "country"].iloc[0]
    assert country["ags"] == "99"
    assert districts["electorate"].sum() == country["electorate"]
    assert (districts["invalid"] + districts["valid"] == districts["voters"]).all()
    votes = result.attrs["party_votes"]
    by_area = votes.groupby("ags")["votes"].sum()
    assert (by_area.loc[districts["ags"]].to_numpy() == districts["valid"].to_numpy()).all()
