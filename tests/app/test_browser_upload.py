"""Own indicators in a real browser (Chromium through Playwright), SYNTHETIC data.

The uploaded column is computed from the AGS of the synthetic test atlas; the file is
handed to the ``dcc.Upload`` input with ``set_input_files``.
"""

from __future__ import annotations

import base64
import time

import pytest
from playwright.sync_api import expect

from geodata.readers.user_table import read_uploaded_contents
from layouts import ids
from layouts.i18n import t
from potentials.extra import user_code
from tests.app.test_browser import TIMEOUT_MS, _open, _page

pytestmark = pytest.mark.browser

COLUMN = "Kurse synthetisch"
CODE = user_code(COLUMN)


def synthetic_value(ags: str) -> float:
    """SYNTHETIC upload value of a district, computed from its AGS."""
    return float(int(ags) % 89) + 0.5


@pytest.fixture()
def page(browser, live_server):
    # reading the figure's data from the page needs script evaluation: bypass the CSP
    context, pg = _page(browser, live_server, bypass_csp=True)
    yield pg
    context.close()


def _upload(page, name: str, text: str) -> None:
    page.locator(f"#{ids.UPLOAD} input[type=file]").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}
    )


def _map_z(page) -> list[float]:
    return page.evaluate(
        "() => Array.from(document.querySelector('#map-graph .js-plotly-plot').data[0].z)"
    )


def _wait_for_z(page, index: int, want: float) -> float:
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    got = None
    while time.monotonic() < deadline:
        got = _map_z(page)[index]
        if got == pytest.approx(want):
            return got
        page.wait_for_timeout(200)
    raise AssertionError(f"map value {got}, expected {want}")


def test_valid_upload_is_selectable_and_drawn_on_the_map(page, app_data):
    order = list(app_data.ags)
    rows = "\n".join(f"{a};{str(synthetic_value(a)).replace('.', ',')}" for a in order)
    _open(page)
    _upload(page, "kurse.csv", f"Kreisschlüssel;{COLUMN}\n{rows}\n")
    expect(page.locator(f"#{ids.UPLOAD_STATUS}")).to_contain_text("kurse.csv")
    # nothing is applied before "apply": the indicator is not yet a map measure
    page.locator(f"#{ids.UPLOAD_APPLY}").wait_for()
    page.locator(f"#{ids.MEASURE}").click()
    label = f"{COLUMN} {t('upload.suffix', 'de')}"
    assert page.get_by_role("option", name=label).count() == 0
    page.keyboard.press("Escape")
    page.click(f"#{ids.UPLOAD_APPLY}")
    expect(page.locator(f"#{ids.UPLOAD_ACTIVE}")).to_contain_text(COLUMN)
    # listed in the weights panel, among its domain's indicators
    page.locator(f"#{ids.WEIGHTS_PANEL} .indicator-toggle").first.click()
    expect(page.locator(f"#{ids.WEIGHTS_PANEL}")).to_contain_text(label)
    # selectable in the map's indicator choice and drawn with the uploaded values
    page.locator(f"#{ids.MEASURE}").click()
    page.get_by_role("option", name=label).click()
    ags = order[42]
    _wait_for_z(page, order.index(ags), synthetic_value(ags))
    ags = order[300]
    assert _map_z(page)[order.index(ags)] == pytest.approx(synthetic_value(ags))


def test_bad_upload_is_rejected_with_its_message(page, app_data):
    text = "AGS;Kurse\n90001;12,5\n90001;13,0\n90002;viele\n"
    _open(page)
    _upload(page, "kaputt.csv", text)
    status = page.locator(f"#{ids.UPLOAD_STATUS}")
    expect(status).to_contain_text(t("upload.rejected", "de", filename="kaputt.csv"))
    table = read_uploaded_contents(
        "data:text/csv;base64," + base64.b64encode(text.encode()).decode(),
        filename="kaputt.csv",
        districts=app_data.atlas.districts,
    )
    assert table.errors
    for problem in table.errors:
        expect(status).to_contain_text(problem.message("de"))
    assert page.locator(f"#{ids.UPLOAD_APPLY}").count() == 0
    assert page.locator(f"#{ids.UPLOAD_ACTIVE}").inner_text() == ""
