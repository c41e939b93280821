"""Hostile and malformed uploads are refused cheaply, with a message that says what is wrong.

The files are built in code (:mod:`badinput.hostile`); what they cost is measured in
``benchmarks/bench_upload_attack.py``, here only what the reader says.
"""

from __future__ import annotations

import base64

import pytest

from badinput import hostile
from geodata.readers.user_table import (
    UserTableError,
    load_user_table,
    read_uploaded_contents,
    read_user_table,
)
from potentials.cli import main


def only_error(table):
    assert len(table.errors) == 1, [p.code for p in table.errors]
    return table.errors[0]


@pytest.mark.parametrize(
    ("shape", "code", "words_en", "words_de"),
    [
        ("xlsx_far_cell", "sheet_dimension", ["A1:XFD1048576", "200 columns"], ["A1:XFD1048576"]),
        ("xlsx_shared_strings", "too_many_strings", ["5,500,000", "100,000"], ["5.500.000"]),
        ("csv_wide", "too_many_fields", ["Row 1", "100,000 columns", "at most 200"], ["Zeile 1"]),
    ],
)
def test_the_three_attack_shapes_are_refused_before_parsing(
    districts, shape, code, words_en, words_de
):
    name, data = hostile.shapes()[shape]
    problem = only_error(read_user_table(data, filename=name, districts=districts))
    assert problem.code == code
    for word in words_en:
        assert word in problem.message_en
    for word in words_de:
        assert word in problem.message_de


def test_far_cell_without_a_declared_dimension_is_found_in_the_cells(districts):
    cell = '<row r="1"><c r="A1" t="inlineStr"><is><t>AGS</t></is></c></row>'
    cell += '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    data = hostile.xlsx_workbook(cell)
    problem = only_error(read_user_table(data, filename="x.xlsx", districts=districts))
    assert problem.code == "far_cell"
    assert "XFD1048576" in problem.message_en and "XFD1048576" in problem.message_de


def test_shared_strings_that_do_not_declare_their_count_are_counted(districts):
    book = hostile.xlsx_workbook(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        shared=b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<si><t>AGS</t></si>" * 150_000
        + b"</sst>",
    )
    problem = only_error(read_user_table(book, filename="s.xlsx", districts=districts))
    assert problem.code == "too_many_strings"
    assert "at most 100,000" in problem.message_en


def test_a_16000_column_workbook_is_refused_not_cut(districts):
    header = ["AGS"] + [f"w{i}" for i in range(1, 16_000)]
    row = ["09162"] + [1] * 15_999
    data = hostile.xlsx_cells([header, row])
    problem = only_error(read_user_table(data, filename="breit.xlsx", districts=districts))
    assert problem.code == "far_cell"
    assert "reaches cell WQJ1" in problem.message_en  # column 16,000
    assert "200 columns" in problem.message_en


def test_too_many_cells_in_a_sheet(districts):
    rows = [["AGS"] + [f"w{i}" for i in range(1, 40)]]
    rows += [[f"{i:05d}"] + [1] * 39 for i in range(3_000)]
    data = hostile.xlsx_cells(rows)
    problem = only_error(read_user_table(data, filename="viel.xlsx", districts=districts))
    assert problem.code == "too_many_cells"
    assert "100,000" in problem.message_en and "100.000" in problem.message_de


def test_oversized_xml_part_is_refused(districts):
    import io
    import zipfile

    data = hostile.xlsx_cells([["AGS", "Wert"], ["09162", 1]])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/styles.xml", b"<styleSheet>" + b" " * 3_000_000 + b"</styleSheet>")
    problem = only_error(read_user_table(buffer.getvalue(), filename="s.xlsx", districts=districts))
    assert problem.code == "part_too_large"
    assert "xl/styles.xml" in problem.message_en


# --------------------------------------------------------------- never raises, located


LONG_FIELD = "AGS;Wert;Notiz\n09162;1,5;kurz\n09184;2,5;" + "x" * 140_000 + "\n"


def test_field_over_the_csv_limit_is_located(districts):
    problem = only_error(
        read_user_table(LONG_FIELD.encode(), filename="f.csv", districts=districts)
    )
    assert problem.code == "field_too_long"
    assert (problem.row, problem.column) == (3, "Notiz")
    assert "Row 3, column 'Notiz'" in problem.message_en
    assert "131,072" in problem.message_en and "131.072" in problem.message_de


def test_field_over_the_limit_in_the_first_lines_does_not_break_delimiter_sniffing(districts):
    text = "AGS;Wert\n09162;" + "y" * 200_000 + "\n09184;2\n"
    problem = only_error(read_user_table(text.encode(), filename="f.csv", districts=districts))
    assert problem.code == "field_too_long"
    assert (problem.row, problem.column) == (2, "Wert")


def test_400_digit_number_in_a_workbook_is_a_located_error(districts):
    data = hostile.xlsx_cells([["AGS", "Wert"], ["09162", 1.5], ["09184", int("9" * 400)]])
    problem = only_error(read_user_table(data, filename="z.xlsx", districts=districts))
    assert problem.code == "huge_value"
    assert (problem.row, problem.column) == (3, "Wert")
    assert "Row 3, column 'Wert'" in problem.message_en


def test_5000_digit_number_in_a_workbook_is_a_located_error(districts):
    data = hostile.xlsx_workbook(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>AGS</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Wert</t></is></c></row>'
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>09162</t></is></c><c r="B2"><v>{"9" * 5000}'
        "</v></c></row>"
    )
    problem = only_error(read_user_table(data, filename="z.xlsx", districts=districts))
    assert problem.code == "long_number"
    assert (problem.row, problem.column) == (2, "B")


def test_cli_reports_long_field_and_long_number_with_row_and_column(tmp_path, capsys):
    spec = '[[indicator]]\ncolumn = "Wert"\ndomain = "services"\ndirection = 1\n'
    cases = {
        "lang.csv": (LONG_FIELD.encode(), "line 3, column 'Notiz'"),
        "zahl.xlsx": (
            hostile.xlsx_cells([["AGS", "Wert"], ["90001", 1.5], ["90002", int("9" * 400)]]),
            "line 3, column 'Wert'",
        ),
    }
    for name, (content, where) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        path.with_suffix(".toml").write_text(spec, encoding="utf-8")
        out = tmp_path / "o.gpkg"
        code = main(["score", "--synthetic", "5", "--extra", str(path), "--out", str(out)])
        err = capsys.readouterr().err
        assert code == 2, err
        assert where in err, err
        assert "Traceback" not in err
        assert not out.exists()


# --------------------------------------------------------------------- what is wrong


def test_unterminated_quote_on_line_2(districts):
    text = 'AGS;Wert\n09162;"12,5\n09184;3\n09185;4\n'
    problem = only_error(read_user_table(text.encode(), filename="q.csv", districts=districts))
    assert problem.code == "unterminated_quote"
    assert (problem.row, problem.column) == (2, "Wert")
    assert "never closed" in problem.message_en and "Zeile 2" in problem.message_de


def test_quote_closed_many_lines_later(districts):
    text = 'AGS;Wert\n09162;"12,5\n09184;3\n09185;4\n09186;5"\n09187;6\n'
    problem = only_error(read_user_table(text.encode(), filename="q.csv", districts=districts))
    assert problem.code == "quote_spans_rows"
    assert problem.row == 2 and "line 5" in problem.message_en


def test_quoted_header_with_a_line_break_is_fine(districts):
    text = 'AGS;"Kursplätze\nje 1000 EW"\n09162;1,5\n09184;2,5\n'
    table = read_user_table(text.encode(), filename="ok.csv", districts=districts)
    assert table.ok, [p.message_en for p in table.errors]
    assert table.columns == ("Kursplätze je 1000 EW",)


@pytest.mark.parametrize(
    ("size", "shown_en", "shown_de"),
    [
        (5_000_001, "is 5,000,001 bytes; at most 5,000,000 bytes", "5.000.001 Bytes"),
        (5_000_000 + 3, "is 5,000,003 bytes", "5.000.003 Bytes"),
    ],
)
def test_size_message_is_exact(districts, tmp_path, size, shown_en, shown_de):
    data = b"AGS;Wert\n" + b"0" * (size - 9)
    problem = only_error(read_user_table(data, filename="gross.csv", districts=districts))
    assert problem.code == "too_large"
    assert shown_en in problem.message_en and shown_de in problem.message_de
    url = "data:text/csv;base64," + base64.b64encode(data).decode()
    web = only_error(read_uploaded_contents(url, filename="gross.csv", districts=districts))
    assert web.message_en == problem.message_en
    path = tmp_path / "gross.csv"
    path.write_bytes(data)
    with pytest.raises(UserTableError) as info:
        load_user_table(path, districts=districts)
    assert shown_en in str(info.value)


def test_file_of_exactly_the_limit_is_not_refused_for_its_size(districts):
    data = b"AGS;Wert\n09162;1\n" + b"\n" * (5_000_000 - 17)
    url = "data:text/csv;base64," + base64.b64encode(data).decode()
    table = read_uploaded_contents(url, filename="genau.csv", districts=districts)
    assert "too_large" not in {p.code for p in table.errors}


def test_utf8_file_with_one_bad_byte_is_refused_with_its_position(districts):
    data = "AGS;Kursplätze\n09162;1,5\n".encode() + b"09184;2\xe4\n"
    problem = only_error(read_user_table(data, filename="k.csv", districts=districts))
    assert problem.code == "mixed_encoding"
    assert problem.row == 3
    assert "byte 34" in problem.message_en and "0xE4" in problem.message_en
    assert "line 3, character 8" in problem.message_en


def test_windows_1252_file_is_still_read(districts):
    data = "AGS;Kursplätze\n09162;1,5\n09184;2\n".encode("cp1252")
    table = read_user_table(data, filename="k.csv", districts=districts)
    assert table.ok and table.columns == ("Kursplätze",)


def test_encrypted_workbook_is_named_encrypted(districts):
    # the start of an OLE container holding an encrypted OOXML package
    name = "EncryptedPackage".encode("utf-16-le")
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000 + name + b"\x00" * 100
    problem = only_error(read_user_table(data, filename="geheim.xlsx", districts=districts))
    assert problem.code == "encrypted"
    assert "encrypted" in problem.message_en and "verschlüsselt" in problem.message_de
    assert ".xls" not in problem.message_en.replace(".xlsx", "")


def test_zip_level_encryption_is_named_encrypted(districts):
    import io
    import zipfile

    data = bytearray(hostile.xlsx_cells([["AGS", "Wert"], ["09162", 1]]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        offsets = [i.header_offset for i in archive.infolist()]
    for offset in offsets:  # set the "encrypted" bit in each local header
        data[offset + 6] |= 0x1
    start = bytes(data).find(b"PK\x01\x02")
    while start >= 0:  # and in the central directory
        data[start + 8] |= 0x1
        start = bytes(data).find(b"PK\x01\x02", start + 4)
    problem = only_error(read_user_table(bytes(data), filename="z.xlsx", districts=districts))
    assert problem.code == "encrypted"


def test_screening_refuses_the_attack_shapes_and_passes_a_good_table(districts):
    from geodata.readers.user_table import screen_uploaded_contents

    for shape, (name, data) in hostile.shapes().items():
        url = "data:application/octet-stream;base64," + base64.b64encode(data).decode()
        screened = screen_uploaded_contents(url, filename=name)
        full = read_uploaded_contents(url, filename=name, districts=districts)
        assert screened is not None, shape
        assert [p.code for p in screened.errors] == [p.code for p in full.errors]
    good = hostile.xlsx_cells([["AGS", "Wert"], ["09162", 1.5], ["09184", 2.5]])
    url = "data:application/octet-stream;base64," + base64.b64encode(good).decode()
    assert screen_uploaded_contents(url, filename="gut.xlsx") is None
