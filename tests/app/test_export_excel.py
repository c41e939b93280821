"""The export tab offers a CSV that German Excel opens (``excel-de`` dialect)."""

from __future__ import annotations

import io

import pandas as pd

from layouts import export


def test_excel_csv_download_has_semicolons_decimal_comma_bom_and_text_keys(app_data):
    weights = {"domains": {"labour": 2.0}}
    name, content = export.export_bytes(weights, "csv-excel")
    assert name == f"{export.FILE_STEM}_excel.csv"
    assert content.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(content), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(table) == 400 and table["ags"].str.fullmatch(r'="\d{5}"').all()
    expected = app_data.result(weights).scores["composite"]
    got = table.assign(ags=table["ags"].str[2:7]).set_index("ags")["composite"]
    pd.testing.assert_series_equal(
        got.reindex(expected.index), expected, check_names=False, check_index=False
    )


def test_export_section_has_the_excel_button(app_data):
    from layouts import ids
    from layouts.state import AppState

    section = export.export_section(app_data, AppState())
    assert ids.EXPORT_CSV_EXCEL in str(section)
