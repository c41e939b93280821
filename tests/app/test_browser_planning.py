"""Chromium flows of planners and policymakers on the SYNTHETIC test atlas: the ranking
table, the forgiving search, print links, and a layout without sideways overflow on a
phone (390×844) and a desktop (1440×900)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from layouts import ids
from layouts.i18n import t
from tests.app.test_browser import TIMEOUT_MS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


def _page(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.base = live_server  # type: ignore[attr-defined]
    return context, page


@pytest.fixture()
def page(browser, live_server):
    context, pg = _page(browser, live_server, DESKTOP)
    yield pg
    context.close()


def _open(page, query: str, ready: str) -> None:
    page.goto(f"{page.base}/{query}")
    page.wait_for_selector(ready)


def test_ranking_row_click_opens_the_right_profile(page, app_data):
    scores = app_data.result(None).scores
    ags = scores["rank"].idxmin()  # rank 1 is the first row of the sorted table
    _open(page, "", ".choroplethlocation")
    page.get_by_text(t("view.ranking", "de"), exact=True).click()  # rows come with the view
    page.wait_for_selector(f".ag-row[row-id='{ags}']")
    page.locator(f".ag-pinned-left-cols-container .ag-row[row-id='{ags}'] [col-id='name']").click()
    expect(page.locator("#profile-title")).to_have_text(
        f"{app_data.names[ags]} ({ags})", timeout=TIMEOUT_MS
    )
    expect(page).to_have_url(re.compile(f"d={ags}"), timeout=TIMEOUT_MS)
    # the selected district is outlined on the map
    expect(page.locator(".scattergeo path.js-line").last).to_have_attribute(
        "d", re.compile(r"M.+"), timeout=TIMEOUT_MS
    )


def test_ranking_follows_the_weights_and_filters_by_land(page, app_data):
    domain = app_data.framework.domains[0].code
    weights = {"domains": {domain: 5.0}}
    top = app_data.result(weights).scores["rank"].idxmin()
    _open(page, f"?view=ranking&w={domain}:5", ".ag-row")
    first = page.locator(".ag-pinned-left-cols-container .ag-row[row-index='0']")
    expect(first).to_have_attribute("row-id", top, timeout=TIMEOUT_MS)
    land = app_data.atlas.districts.set_index("ags").at[top, "state"]
    n = int((app_data.atlas.districts["state"] == land).sum())
    page.locator(f"#{ids.RANK_STATE}").click()
    page.keyboard.type(land)
    page.keyboard.press("Enter")
    expect(page.locator(f"#{ids.RANK_COUNT}")).to_contain_text(f"{n} von 400", timeout=TIMEOUT_MS)


@pytest.mark.parametrize(
    "typed",
    [
        "Landkreis Synthetischer Kreis 002",
        "Kreis Synthetischer 002",
        "LK synthetischer 002",
        "90002",
    ],
)
def test_search_finds_a_landkreis_by_its_usual_spellings(page, app_data, typed):
    districts = app_data.atlas.districts.set_index("ags")
    assert districts.at["90002", "kind"] == "Landkreis"
    _open(page, "", f"#{ids.DISTRICT}")
    # keys typed while the page's first callbacks re-render the dropdown can be lost
    page.wait_for_load_state("networkidle")
    page.locator(f"#{ids.DISTRICT}").click()
    page.keyboard.type(typed)
    option = page.get_by_role("option", name=re.compile(r"Synthetischer Kreis 002 \(Landkreis\)"))
    expect(option).to_be_visible(timeout=TIMEOUT_MS)
    option.click()
    expect(page.locator("#profile-title")).to_have_text(
        f"{app_data.names['90002']} (90002)", timeout=TIMEOUT_MS
    )


def test_export_tab_links_to_the_print_sheets_of_the_view(page, app_data):
    ags = app_data.ags[7]
    _open(page, f"?view=export&d={ags}&k=4", f"#{ids.PRINT_LINKS} a")
    links = page.locator(f"#{ids.PRINT_LINKS} a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert f"export/report/{ags}.pdf?view=export&k=4&d={ags}" in hrefs
    pdf = page.request.get(f"{page.base}/export/report/{ags}.pdf?k=4&d={ags}")
    assert pdf.status == 200
    text = PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text()
    assert str(app_data.names[ags]) in text


# Any element wider than its container (its nearest block ancestor) or reaching outside
# the viewport horizontally, and any box that needs sideways scrolling, is reported. The
# ranking grid's own column viewport is the one accepted scroller (a data grid scrolls
# its columns); the grid itself must still fit.
OVERFLOW_JS = "\n".join(
    line
    for line in Path(__file__).with_name("overflow.js").read_text().splitlines()
    if not line.startswith("//")
)

VIEWS = {
    "map": "#profile-title",
    "ranking": ".ag-row",
    "compare": f"#{ids.COMPARE_TABLE} th",
    "types": f"#{ids.TYPE_MEANS} td",
    "uncertainty": f"#{ids.UNC_RANKS} .scatterlayer",
    "export": f"#{ids.PRINT_LINKS} a",
    "about": ".about",
}


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_nothing_overflows_sideways(browser, live_server, app_data, size, view):
    context, page = _page(browser, live_server, PHONE if size == "phone" else DESKTOP)
    try:
        a, b = app_data.ags[1], app_data.ags[2]
        _open(page, f"?view={view}&d={a}&c={a},{b}", VIEWS[view])
        page.wait_for_timeout(300)  # let Plotly finish its layout
        problems = page.evaluate(OVERFLOW_JS)
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_on_a_phone_the_map_comes_first_with_the_search_above_it(browser, live_server):
    context, page = _page(browser, live_server, PHONE)
    try:
        _open(page, "", ".choroplethlocation")
        search = page.locator(".search-bar").bounding_box()
        graph = page.locator(f"#{ids.MAP}").bounding_box()
        sidebar = page.locator(".sidebar")
        assert search["y"] + search["height"] <= graph["y"] + 1
        assert graph["y"] < 400  # the map starts on the first screen
        assert graph["width"] >= 0.9 * PHONE["width"] - 20
        expect(sidebar).to_be_hidden()
        page.get_by_text("Einstellungen und Gewichte zeigen").click()
        expect(sidebar).to_be_visible()
        geo = page.locator(f"#{ids.MAP} .geolayer").bounding_box()
        assert geo["width"] >= 0.8 * graph["width"]  # the colour bar no longer takes the side
    finally:
        context.close()
