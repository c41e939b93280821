"""Behaviour of read_user_table on small hand-written uploads."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from geodata.readers.user_table import neutralise_formula, read_user_table


def read(text, districts, *, encoding="utf-8", **options):
    data = text.encode(encoding) if isinstance(text, str) else text
    return read_user_table(data, filename="upload.csv", districts=districts, **options)


def xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def codes(problems):
    return [(p.code, p.row, p.column) for p in problems]


@pytest.mark.parametrize(
    "header",
    [
        "AGS",
        "ags",
        "Kreisschlüssel",
        "Regionalschlüssel",
        "Kennziffer",
        "key",
        "district_key",
        "Kreisschluessel",
        "AGS (Kreis)",
    ],
)
def test_key_header_aliases(header, districts):
    table = read(f"{header};Wert\n09162;1\n", districts)
    assert table.ok and table.matched_by == "ags"
    assert table.values.loc["09162", "Wert"] == 1.0


@pytest.mark.parametrize("header", ["Name", "Kreis", "Landkreis", "district", "Kreisname"])
def test_name_header_aliases(header, districts):
    table = read(f"{header};Wert\nLandkreis München;2\n", districts)
    assert table.ok and table.matched_by == "name"
    assert table.values.loc["09184", "Wert"] == 2.0


@pytest.mark.parametrize(
    "key", ["9162", "09162", "09162000", "9162000", "09162 München", "'09162", " 09162 "]
)
def test_key_spellings(key, districts):
    table = read(f"AGS;Wert\n{key};1,5\n", districts)
    assert table.values.index.tolist() == ["09162"], table.errors


def test_city_states_from_land_keys(districts):
    table = read("AGS;Wert\n02;1\n11;2\n", districts)
    assert table.values["Wert"].to_dict() == {"02000": 1.0, "11000": 2.0}


def test_aggregate_rows_are_skipped_with_warning(districts):
    table = read("AGS;Wert\nDG;100\n09;50\n09162;1\n", districts)
    assert table.ok
    assert table.values.index.tolist() == ["09162"]
    assert codes(table.warnings)[:2] == [("aggregate_row", 2, None), ("aggregate_row", 3, None)]


def test_title_rows_above_header_and_footer_without_values(districts):
    text = "Kursplätze 2024\n\nAGS;Kreis;Plätze\n09162;München;3\nQuelle: eigene Erhebung;;\n"
    table = read(text, districts)
    assert table.ok, table.errors
    assert table.values["Plätze"].to_dict() == {"09162": 3.0}
    assert ("rows_above_header", 3, None) in codes(table.warnings)


def test_name_contradicting_key_is_a_warning(districts):
    table = read("AGS;Kreis;Wert\n09162;Nürnberg;1\n", districts)
    assert table.ok
    [warning] = [p for p in table.warnings if p.code == "name_key_mismatch"]
    assert warning.row == 2 and "Nürnberg" in warning.message_en and "09162" in warning.message_en


def test_empty_cells_leave_nan_and_warn(districts):
    table = read("AGS;A;B\n09162;1;\n09184;;2\n06413;3;4\n", districts)
    assert table.ok
    assert table.values["A"].isna().tolist() == [False, False, True]  # sorted: 06413, 09162, 09184
    assert ("empty_cells", 3, "A") in codes(table.warnings)
    [empty_b] = [p for p in table.warnings if p.code == "empty_cells" and p.column == "B"]
    assert "row 2" in empty_b.message_en and "1 empty" in empty_b.message_en


def test_text_column_is_ignored_with_warning(districts):
    table = read("AGS;Bemerkung;Wert\n09162;gut;1\n09184;schlecht;2\n", districts)
    assert table.ok and table.columns == ("Wert",)
    assert ("text_column_ignored", None, "Bemerkung") in codes(table.warnings)


def test_state_column_is_not_an_indicator(districts):
    table = read("AGS;Bundesland;Wert\n09162;9;1\n", districts)
    assert table.columns == ("Wert",)


def test_all_400_districts_give_no_missing_warning(districts):
    lines = ["AGS;Wert"] + [f"{k};{i},5" for i, k in enumerate(districts["ags"])]
    table = read("\n".join(lines), districts)
    assert table.ok and table.warnings == ()
    assert table.values.shape == (400, 1)
    assert table.values.loc["01001", "Wert"] == 0.5


def test_thousands_separators_decided_per_column(districts):
    table = read("AGS;A;B\n09162;1.234,5;1.234\n09184;12,5;2.5\n", districts)
    assert table.ok, table.errors
    assert table.values.loc["09162"].tolist() == [1234.5, 1.234]
    assert table.decimals == {"A": "comma", "B": "point"}


def test_comma_file_with_quoted_english_numbers(districts):
    table = read('AGS,Value\n09162,"1,234.5"\n09184,2.5\n', districts)
    assert table.values["Value"].tolist() == [1234.5, 2.5]


def test_size_limit_checked_before_parsing(districts):
    table = read("AGS;Wert\n" + "09162;1\n" * 100, districts, max_bytes=50)
    assert codes(table.errors) == [("too_large", None, None)]
    assert "at most 50 bytes" in table.errors[0].message_en


def test_errors_come_in_row_order_and_nothing_is_applied(districts):
    table = read("AGS;Wert\n09162;x\n99999;1\n09184;=1\n", districts)
    assert [(p.code, p.row) for p in table.errors] == [
        ("text_in_numeric", 2),
        ("unknown_key", 3),
        ("formula", 4),
    ]
    assert table.values.empty and table.columns == ("Wert",)


def test_missing_key_with_values(districts):
    table = read("AGS;Wert\n09162;1\n;2\n", districts)
    assert codes(table.errors) == [("missing_key", 3, "AGS")]


def test_problem_flood_is_capped(districts):
    table = read("AGS;Wert\n" + "".join(f"{k};=1\n" for k in districts["ags"]), districts)
    assert len(table.errors) == 201
    assert table.errors[-1].code == "too_many_problems"
    assert "200 further" in table.errors[-1].message_en


def test_xlsx_typed_cells(districts):
    data = xlsx(
        [
            ["AGS", "Zahl", "Wahr", "Beginn"],
            [9162, 1.5, True, dt.date(2024, 1, 1)],
            ["09184", 2, 1, 3],
        ]
    )
    table = read_user_table(data, filename="u.xlsx", districts=districts)
    assert codes(table.errors) == [
        ("not_a_number_type", 2, "Wahr"),
        ("not_a_number_type", 2, "Beginn"),
    ]
    assert "boolean" in table.errors[0].message_en and "Datum" in table.errors[1].message_de


def test_xlsx_valid(districts):
    data = xlsx([["Kreis", "Wert"], ["Landkreis München", 1.25], ["Stadt München", "2,5"]])
    table = read_user_table(data, filename="u.xlsx", districts=districts)
    assert table.ok, table.errors
    assert table.values["Wert"].to_dict() == {"09162": 2.5, "09184": 1.25}


def test_type_by_content_not_name(districts):
    csv_as_xlsx = read_user_table(b"AGS;W\n09162;1\n", filename="x.xlsx", districts=districts)
    assert csv_as_xlsx.ok
    xlsx_as_csv = read_user_table(
        xlsx([["AGS", "W"], ["09162", 1]]), filename="x.csv", districts=districts
    )
    assert xlsx_as_csv.ok and xlsx_as_csv.values.loc["09162", "W"] == 1.0


def test_windows_1252_bytes(districts):
    table = read(b"AGS;Kosten \x80 je EW \x96 2024\n09162;1\n", districts)
    assert table.columns == ("Kosten € je EW – 2024",)


def test_c1_control_bytes_are_not_text(districts):
    table = read(b"AGS;K\x81rs\n09162;1\n", districts)
    assert [p.code for p in table.errors] == ["not_a_table"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+49 30", "'+49 30"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Kursplätze", "Kursplätze"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_formula(text, expected):
    assert neutralise_formula(text) == expected


def test_named_district_without_values_is_kept_as_missing(districts):
    table = read("Kreis;A\nLandkreis München;\nStadt München;2\nQuelle: Amt;\n", districts)
    assert table.ok
    assert table.values["A"].isna().to_dict() == {"09162": False, "09184": True}
    assert [p.code for p in table.warnings][:2] == ["note_row", "empty_cells"]


@given(st.text(max_size=30))
def test_neutralised_text_is_never_a_formula(text):
    safe = neutralise_formula(text)
    assert safe[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert safe.removeprefix("'") == text or safe == text
    assert neutralise_formula(safe) == safe


def test_row_numbers_and_years_are_not_indicators(districts):
    table = read(
        "Lfd. Nr.;Kreis;Jahr;Wert\n1;Stadt München;2024;5\n2;Landkreis München;2024;6\n", districts
    )
    assert table.ok and table.columns == ("Wert",)
    ignored = [p.column for p in table.warnings if p.code == "column_ignored"]
    assert ignored == ["Lfd. Nr.", "Jahr"]


def test_id_column_alone_is_the_key(districts):
    table = read("ID;Wert\n09162;5\n", districts)
    assert table.ok and table.values.loc["09162", "Wert"] == 5.0


def test_keys_in_the_name_column(districts):
    table = read("Kreis;Wert\n09162;5\nLandkreis München;6\n03152;1\n", districts)
    assert [(p.code, p.row) for p in table.errors] == [("old_key", 4)]


def test_read_uploaded_contents(districts):
    import base64

    from geodata.readers.user_table import read_uploaded_contents

    payload = base64.b64encode("AGS;Plätze\n09162;1,5\n".encode("cp1252")).decode()
    table = read_uploaded_contents(
        f"data:text/csv;base64,{payload}", filename="u.csv", districts=districts
    )
    assert table.ok and table.values.loc["09162", "Plätze"] == 1.5
    broken = read_uploaded_contents(
        "data:text/csv;base64,@@@", filename="u.csv", districts=districts
    )
    assert [p.code for p in broken.errors] == ["not_a_table"]
    assert "incomplete transfer" in broken.errors[0].message_en
    big = read_uploaded_contents(
        "data:text/csv;base64," + "A" * 4000, filename="u.csv", districts=districts, max_bytes=100
    )
    assert [p.code for p in big.errors] == ["too_large"]
