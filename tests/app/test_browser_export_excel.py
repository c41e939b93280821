"""In Chromium: the export tab downloads a CSV German Excel opens (SYNTHETIC test atlas)."""

from __future__ import annotations

import pandas as pd
import pytest

from layouts import export, ids
from tests.app.test_browser import _open, _page

pytestmark = pytest.mark.browser


def test_excel_csv_button_downloads_semicolon_csv_with_text_keys(browser, live_server, tmp_path):
    context, page = _page(browser, live_server)
    try:
        _open(page, "?view=export", ready=f"#{ids.EXPORT_CSV_EXCEL}")
        with page.expect_download() as info:
            page.click(f"#{ids.EXPORT_CSV_EXCEL}")
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
    finally:
        context.close()
    assert target.name == f"{export.FILE_STEM}_excel.csv"
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(target, sep=";", decimal=",", encoding="utf-8-sig")
    assert len(table) == 400 and table["ags"].str.fullmatch(r'="\d{5}"').all()
    assert table["composite"].notna().sum() > 350
