"""Real-browser flows (Chromium through Playwright) on the SYNTHETIC test atlas.

One browser for all of them, one context per test; every wait is explicit.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pyogrio
import pytest
from playwright.sync_api import expect

from layouts import ids
from layouts.i18n import fmt_number, t
from tests.conftest import require

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20000
AXE_DIR = Path(os.environ.get("POTENTIALS_AXE_DIR", Path.home() / ".cache" / "potentials-axe"))


def _page(browser, base: str, *, bypass_csp: bool = False):
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, accept_downloads=True, bypass_csp=bypass_csp
    )
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.base = base  # type: ignore[attr-defined]
    return context, pg


@pytest.fixture()
def page(browser, live_server):
    context, pg = _page(browser, live_server)
    yield pg
    context.close()


@pytest.fixture()
def audit_page(browser, live_server):
    """A page that may inject axe-core inline (the app's CSP forbids inline scripts)."""
    context, pg = _page(browser, live_server, bypass_csp=True)
    yield pg
    context.close()


def _slider_id(kind: str, code: str) -> str:
    return json.dumps({"code": code, "type": kind}, separators=(",", ":"))


def _open(page, query: str = "", ready: str = ".choroplethlocation") -> None:
    page.goto(f"{page.base}/{query}")
    page.wait_for_selector(ready)


def test_map_draws_400_district_shapes(page):
    _open(page)
    expect(page.locator(".choroplethlocation")).to_have_count(400, timeout=TIMEOUT_MS)


def test_slider_changes_the_composite_to_the_engine_value(page, app_data):
    ags = app_data.ags[5]
    _open(page, f"?d={ags}")
    shown = page.locator("#profile-composite")
    before = fmt_number(app_data.result(None).scores.at[ags, "composite"], "de")
    expect(shown).to_have_text(before, timeout=TIMEOUT_MS)
    thumb = page.locator(f"[id='{_slider_id(ids.DOMAIN_WEIGHT, 'labour')}'] [role=slider]")
    thumb.focus()
    page.keyboard.press("End")  # to the slider's maximum
    top = float(thumb.get_attribute("aria-valuemax"))
    weights = {"domains": {"labour": top}}
    expected = fmt_number(app_data.result(weights).scores.at[ags, "composite"], "de")
    assert expected != before
    expect(shown).to_have_text(expected, timeout=TIMEOUT_MS)
    expect(page).to_have_url(re.compile(f"labour:{top:g}"), timeout=TIMEOUT_MS)
    # the class-change message comes from its own callback request: wait for it
    expect(page.locator(f"#{ids.MAP_MESSAGE}")).to_contain_text("Klasse", timeout=TIMEOUT_MS)


#: The weight of one indicator in a store of the page (null until it is set).
STORED_WEIGHT = """
([store, code]) => {
    const state = window.dash_stores[0].getState();
    let node = state.layout;
    for (const key of state.paths.strs[store]) { node = node[key]; }
    const data = node.props.data;
    return data && data.indicators && data.indicators[code] > 0;
}
"""


def _map_z(page) -> list[float]:
    return page.evaluate(
        "() => Array.from(document.querySelector('#map-graph .js-plotly-plot').data[0].z)"
    )


def test_indicator_sliders_on_demand_and_the_map_with_its_intervals(page, app_data):
    fw = app_data.framework
    _open(page)
    expect(page.locator(".weight-slider")).to_have_count(len(fw.domains))
    # the labour indicators' sliders appear on demand, at the link's weights
    toggle = page.locator(f"[id='{_slider_id(ids.INDICATOR_TOGGLE, 'labour')}']")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    first = fw.indicators_of("labour")[0].code
    thumb = page.locator(f"[id='{_slider_id(ids.INDICATOR_WEIGHT, first)}'] [role=slider]")
    thumb.focus()
    page.keyboard.press("Home")  # this indicator out of the composite
    # the sliders fold away again; their weight stays in effect when a domain moves
    toggle.click()
    expect(thumb).to_have_count(0)
    domain = page.locator(f"[id='{_slider_id(ids.DOMAIN_WEIGHT, 'social')}'] [role=slider]")
    domain.focus()
    page.keyboard.press("End")
    top = float(domain.get_attribute("aria-valuemax"))
    weights = {"domains": {"social": top}, "indicators": {first: 0.0}}
    want = app_data.result(weights).scores["composite"].reindex(list(app_data.ags))
    ok = want.notna().to_numpy()
    page.wait_for_function(
        "(z) => { const gd = document.querySelector('#map-graph .js-plotly-plot');"
        " return gd && gd.data[0].z.every((v, i) => z[i] === null || Math.abs(v - z[i]) < 1e-9); }",
        arg=[round(v, 3) if k else None for v, k in zip(want.to_numpy(), ok, strict=True)],
    )
    # the hover shows the intervals of these weights once they are computed
    wrap = page.locator(f"#{ids.MAP_WRAP}")
    expect(wrap).to_have_class("map-wrap", timeout=TIMEOUT_MS)
    scores = app_data.result(weights).scores.reindex(list(app_data.ags))
    rows = page.evaluate(
        "() => document.querySelector('#map-graph .js-plotly-plot').data[0].customdata"
    )
    i = int(ok.nonzero()[0][0])
    assert rows[i][3:] == [int(scores["rank_p05"].iloc[i]), int(scores["rank_p95"].iloc[i])]
    # a preset reaches the indicators whose sliders are not shown
    page.click(f"#{ids.PRESET_EQUAL_INDICATORS}")
    # once the preset's weights are in the store (Dash may answer its outputs in turn)
    page.wait_for_function(STORED_WEIGHT, arg=[ids.WEIGHTS, first])
    toggle.click()
    thumb = page.locator(f"[id='{_slider_id(ids.INDICATOR_WEIGHT, first)}'] [role=slider]")
    expect(thumb).not_to_have_attribute("aria-valuenow", "0")


def test_clicking_a_district_opens_its_profile(page, app_data):
    _open(page)
    assert page.locator("#profile-title").count() == 0
    page.locator(".choroplethlocation").nth(210).click(force=True)
    title = page.locator("#profile-title")
    title.wait_for()
    names = {f"{app_data.names[a]} ({a})" for a in app_data.ags}
    assert title.inner_text() in names
    expect(page).to_have_url(re.compile(r"[?&]d=\d{5}"), timeout=TIMEOUT_MS)


def test_geopackage_download_has_400_features(page, tmp_path):
    _open(page, "?view=export", ready=f"#{ids.EXPORT_GPKG}")
    with page.expect_download() as info:
        page.click(f"#{ids.EXPORT_GPKG}")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.suffix == ".gpkg"
    assert len(pyogrio.read_dataframe(target, layer="districts")) == 400


def test_language_switch_changes_the_labels(page):
    _open(page)
    page.get_by_text(t("view.map", "de"), exact=True).wait_for()
    page.get_by_text("English", exact=True).click()
    page.get_by_text(t("view.map", "en"), exact=True).wait_for()
    assert page.get_by_text(t("view.map", "de"), exact=True).count() == 0
    assert page.locator("h1").inner_text() == t("title", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en", timeout=TIMEOUT_MS)
    expect(page).to_have_url(re.compile("lang=en"), timeout=TIMEOUT_MS)


def test_shared_url_restores_weights_view_and_selection(page, app_data):
    a, b = app_data.ags[1], app_data.ags[2]
    _open(page, f"?lang=en&w=labour:2.5,housing:0.5&d={a}&c={a},{b}")
    thumb = page.locator(f"[id='{_slider_id(ids.DOMAIN_WEIGHT, 'labour')}'] [role=slider]")
    assert thumb.get_attribute("aria-valuenow") == "2.5"
    weights = {"domains": {"labour": 2.5, "housing": 0.5}}
    expected = fmt_number(app_data.result(weights).scores.at[a, "composite"], "en")
    expect(page.locator("#profile-composite")).to_have_text(expected, timeout=TIMEOUT_MS)
    page.get_by_text(t("view.compare", "en"), exact=True).click()
    table = page.locator(f"#{ids.COMPARE_TABLE} th")
    table.nth(3).wait_for()
    headers = table.all_inner_texts()
    assert f"{app_data.names[a]} ({a})" in headers and f"{app_data.names[b]} ({b})" in headers


@pytest.fixture(scope="session")
def axe_script() -> str:
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        require(bool(subprocess.run(["which", "npm"], capture_output=True).stdout), "npm missing")
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(AXE_DIR), "axe-core@4"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return script.read_text()


@pytest.mark.parametrize("view", ["map", "compare", "types", "uncertainty", "about"])
def test_no_serious_accessibility_violations(audit_page, axe_script, app_data, view):
    page = audit_page
    a, b = app_data.ags[1], app_data.ags[2]
    ready = {
        "map": "#profile-title",
        "compare": f"#{ids.COMPARE_TABLE} th",
        "types": f"#{ids.TYPE_MEANS} td",
        "uncertainty": f"#{ids.UNC_RANKS} .scatterlayer",
        "about": ".about",
    }
    _open(page, f"?view={view}&d={a}&c={a},{b}", ready=ready[view])
    page.add_script_tag(content=axe_script)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, "\n".join(bad)
