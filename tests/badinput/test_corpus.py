"""Every malformed file of the upload corpus yields the precise problem, located in words.

The corpus is written by ``tests/fixtures/userdata/make_corpus.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.readers.user_table import UserTableError, load_user_table, read_user_table

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "userdata" / "corpus"

# file -> (code, row, column, words every message must contain (en, de))
BAD = {
    "empty.csv": ("empty_file", None, None, ["empty.csv"], ["empty.csv", "leer"]),
    "only_whitespace.csv": ("empty_file", None, None, ["empty"], ["leer"]),
    "header_only.csv": ("no_rows", None, None, ["no data rows"], ["keine Datenzeilen"]),
    "utf16_without_bom.csv": ("encoding", None, None, ["UTF-16", "UTF-8"], ["UTF-16", "UTF-8"]),
    "png_renamed.csv": ("not_a_table", None, None, ["PNG image"], ["PNG-Bild"]),
    "binary_garbage.csv": ("not_a_table", None, None, ["binary"], ["Binärdaten"]),
    "old_excel.xls": ("not_a_table", None, None, [".xls", ".xlsx"], [".xls", ".xlsx"]),
    "truncated.xlsx": ("broken_xlsx", None, None, ["truncated.xlsx", "damaged"], ["beschädigt"]),
    "zip_not_xlsx.xlsx": ("not_a_table", None, None, ["ZIP archive"], ["ZIP-Archiv"]),
    "no_key_column.csv": ("no_key_column", None, None, ["Wert", "Anzahl"], ["Wert", "Anzahl"]),
    "no_numeric_column.csv": ("no_numeric_column", None, None, ["numbers"], ["Zahlen"]),
    "duplicate_keys.csv": (
        "duplicate_district",
        4,
        "AGS",
        ["Row 4", "09162", "München", "row 2"],
        ["Zeile 4", "09162", "Zeile 2"],
    ),
    "old_keys.csv": (
        "old_key",
        3,
        "AGS",
        ["Row 3", "03152", "old district key", "Göttingen (03159)"],
        ["Zeile 3", "03152", "alter Kreisschlüssel", "Göttingen (03159)", "01.11.2016"],
    ),
    "unknown_key.csv": ("unknown_key", 3, "AGS", ["Row 3", "09999"], ["Zeile 3", "09999"]),
    "bad_key.csv": ("bad_key", 3, "AGS", ["Row 3", "München"], ["Zeile 3", "München"]),
    "text_in_numeric.csv": (
        "text_in_numeric",
        3,
        "Kursplätze",
        ["Row 3", "'Kursplätze'", "k. A.", "München"],
        ["Zeile 3", "„Kursplätze“", "k. A."],
    ),
    "nan_inf.csv": ("not_finite", 3, "Wert", ["Row 3", "'Wert'", "NaN"], ["Zeile 3", "NaN"]),
    "huge_numbers.csv": ("huge_value", 3, "Wert", ["Row 3", "2e15", "München"], ["Zeile 3"]),
    "formula_cells.csv": (
        "formula",
        3,
        "Wert",
        ["Row 3", "=1+2", "never evaluated"],
        ["Zeile 3", "=1+2"],
    ),
    "formula_cells.xlsx": (
        "formula",
        3,
        "Kursplätze",
        ["Row 3", "=B2*2", "München"],
        ["Zeile 3", "=B2*2"],
    ),
    "formula_header.csv": (
        "formula_header",
        None,
        '=HYPERLINK("http://example.invalid")',
        ["starts with '='"],
        ["Formel"],
    ),
    "mixed_decimals.csv": (
        "mixed_decimals",
        None,
        "Wert",
        ["'Wert'", "row 2", "1,5", "row 3", "2.5"],
        ["„Wert“", "Zeile 2", "Zeile 3"],
    ),
    "ambiguous_names.csv": (
        "ambiguous_name",
        2,
        "Kreis",
        [
            "Row 2",
            "Offenbach am Main, Stadt (06413, independent city)",
            "Offenbach (06438, rural district)",
        ],
        ["Zeile 2", "Landkreis"],
    ),
    "unmatched_names.csv": (
        "unmatched_name",
        2,
        "Kreis",
        ["Row 2", "Eisenach", "Wartburgkreis (16063)"],
        ["Zeile 2", "Eisenach", "Wartburgkreis"],
    ),
    "comma_file_decimal_commas.csv": (
        "ragged_row",
        2,
        None,
        ["Row 2", "3 fields", "semicolons"],
        ["Zeile 2", "Semikolon"],
    ),
    "duplicate_headers.csv": ("duplicate_header", None, "Wert", ["'Wert'"], ["„Wert“"]),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_is_rejected_with_located_message(name, districts):
    code, row, column, words_en, words_de = BAD[name]
    table = read_user_table((CORPUS / name).read_bytes(), filename=name, districts=districts)
    assert not table.ok
    assert table.values.empty  # nothing of a broken file is applied
    first = table.errors[0]
    assert (first.code, first.row, first.column) == (code, row, column), table.errors
    for word in words_en:
        assert word in first.message_en
    for word in words_de:
        assert word in first.message_de


def test_corpus_has_no_untested_file():
    good = {p.name for p in CORPUS.iterdir() if p.name.startswith("good")}
    assert {p.name for p in CORPUS.iterdir()} == set(BAD) | good


def test_second_ambiguous_name_and_kind_words(districts):
    table = read_user_table(
        (CORPUS / "ambiguous_names.csv").read_bytes(), filename="a.csv", districts=districts
    )
    codes = [(p.code, p.row) for p in table.errors]
    # "München" is both city and Landkreis; "Landkreis Rostock" names its kind: no error.
    assert codes == [("ambiguous_name", 2), ("ambiguous_name", 3)]


def test_old_eisenach_key_names_the_wartburgkreis(districts):
    table = read_user_table(
        (CORPUS / "old_keys.csv").read_bytes(), filename="o.csv", districts=districts
    )
    eisenach = table.errors[1]
    assert (eisenach.code, eisenach.row) == ("old_key", 4)
    assert "16056" in eisenach.message_en and "Wartburgkreis (16063)" in eisenach.message_en
    assert "2021-07-01" in eisenach.message_en


def test_nan_and_minus_infinity_both_reported(districts):
    table = read_user_table(
        (CORPUS / "nan_inf.csv").read_bytes(), filename="n.csv", districts=districts
    )
    assert [(p.code, p.row) for p in table.errors] == [("not_finite", 3), ("not_finite", 4)]
    assert "-inf" in table.errors[1].message_en
    assert "Offenbach am Main" in table.errors[1].message_en


def test_formula_cells_are_never_evaluated(districts):
    table = read_user_table(
        (CORPUS / "formula_cells.csv").read_bytes(), filename="f.csv", districts=districts
    )
    assert [(p.code, p.row) for p in table.errors] == [("formula", 3), ("formula", 4)]
    assert "@SUM(A1)" in table.errors[1].message_en


@pytest.mark.parametrize(
    "name", ["good_semicolon_cp1252.csv", "good_utf8_bom.csv", "good_utf16_tab.txt", "good.xlsx"]
)
def test_good_files_in_every_encoding_give_the_same_values(name, districts):
    table = read_user_table((CORPUS / name).read_bytes(), filename=name, districts=districts)
    assert table.ok, table.errors
    assert table.columns == ("Kursplätze je 1000 EW", "Beratungsstellen")
    assert table.values.index.tolist() == ["06413", "09162", "09184"]
    assert table.values["Kursplätze je 1000 EW"].tolist() == [7.0, 12.5, 3.25]
    assert table.values["Beratungsstellen"].tolist() == [3.0, 14.0, 4.0]
    missing = [p for p in table.warnings if p.code == "missing_districts"]
    assert len(missing) == 1 and "397 of 400" in missing[0].message_en
    assert "397 von 400 Kreisen" in missing[0].message_de


def test_good_names_with_kind_words_and_point_decimals(districts):
    name = "good_names_comma_point.csv"
    table = read_user_table((CORPUS / name).read_bytes(), filename=name, districts=districts)
    assert table.ok, table.errors
    assert table.matched_by == "name"
    assert table.values["courses per 1000"].to_dict() == {
        "06413": 2.25,
        "06438": 1.5,
        "12053": 0.5,
    }


def test_strict_entry_point_raises_with_all_problems(districts):
    with pytest.raises(UserTableError) as caught:
        load_user_table(CORPUS / "nan_inf.csv", districts=districts)
    error = caught.value
    assert isinstance(error, ValueError)
    assert [p.code for p in error.problems] == ["not_finite", "not_finite"]
    assert error.line == 3 and error.column == "Wert"
    assert "nan_inf.csv" in str(error) and "'-inf'" in str(error)


def test_strict_entry_point_returns_valid_table(districts):
    table = load_user_table(CORPUS / "good.xlsx", districts=districts)
    assert table.values.shape == (3, 2)
    assert [p.code for p in table.warnings] == ["other_sheets", "missing_districts"]


def test_strict_entry_point_refuses_large_file_without_reading_it(tmp_path, districts):
    path = tmp_path / "big.csv"
    path.write_bytes(b"AGS;Wert\n" + b"09162;1\n" * 200)
    with pytest.raises(UserTableError, match="at most 1,000 bytes") as caught:
        load_user_table(path, districts=districts, max_bytes=1000)
    assert caught.value.problems[0].code == "too_large"
