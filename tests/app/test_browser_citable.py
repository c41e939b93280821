"""In Chromium: every rank comes with the interval of the weights in effect, and weights
that cannot be scored never break the page (SYNTHETIC test atlas)."""

from __future__ import annotations

import re

import pyogrio
import pytest
from playwright.sync_api import expect

from layouts import ids
from layouts.i18n import t
from tests.app.test_browser import TIMEOUT_MS, _open, _page, _slider_id

pytestmark = pytest.mark.browser

#: Several live Monte-Carlo runs in a row on a busy two-core machine.
SLOW_MS = 60_000
ZERO = "labour:0,prosperity:0,housing:0,services:0,access:0,social:0,integration:0"
Z_OF_MAP = "() => document.getElementById('map-graph').querySelector('.js-plotly-plot').data[0].z"
HOUSING_ONLY = "labour:0,prosperity:0,housing:6,services:0,access:0,social:0,integration:0"


@pytest.fixture()
def page(browser, live_server):
    context, pg = _page(browser, live_server)
    statuses: list[int] = []
    pg.on("response", lambda r: statuses.append(r.status) if "_dash" in r.url else None)
    pg.statuses = statuses  # type: ignore[attr-defined]
    yield pg
    context.close()


def _rank_and_interval(page) -> tuple[int, int, int]:
    rank = page.locator("#profile-rank").inner_text()
    interval = page.locator("#profile-interval .rank-interval").first.inner_text()
    n = int(re.search(r"Rang (\d+) von", rank).group(1))
    lo, hi = (int(x) for x in re.findall(r"(\d+)–(\d+)", interval)[-1])
    return n, lo, hi


def test_a_shared_link_shows_the_interval_of_its_own_weights(page, app_data):
    ags = app_data.ags[14]
    _open(page, f"?d={ags}&w={HOUSING_ONLY}", ready="#profile-interval")
    n, lo, hi = _rank_and_interval(page)
    expected = app_data.result({"domains": {d: 0.0 for d in app_data.framework.domain_codes}
                                | {"housing": 6.0}}).scores  # fmt: skip
    assert n == int(expected.at[ags, "rank"])
    assert (lo, hi) == (int(expected.at[ags, "rank_p05"]), int(expected.at[ags, "rank_p95"]))
    assert lo <= n <= hi
    default = app_data.baseline.scores
    assert (lo, hi) != (int(default.at[ags, "rank_p05"]), int(default.at[ags, "rank_p95"]))
    assert not [s for s in page.statuses if s >= 500]


def test_moving_a_slider_replaces_the_interval_with_the_new_one(page, app_data):
    ags = app_data.ags[5]
    _open(page, f"?d={ags}", ready="#profile-interval")
    thumb = page.locator(f"[id='{_slider_id(ids.DOMAIN_WEIGHT, 'access')}'] [role=slider]")
    thumb.focus()
    page.keyboard.press("End")
    top = float(thumb.get_attribute("aria-valuemax"))
    expect(thumb).to_have_attribute("aria-valuenow", f"{top:g}")
    fresh = app_data.result({"domains": {"access": top}}).scores
    lo, hi = int(fresh.at[ags, "rank_p05"]), int(fresh.at[ags, "rank_p95"])
    expect(page.locator("#profile-interval .rank-interval").first).to_have_text(
        t("profile.interval", "de", lo=lo, hi=hi), timeout=SLOW_MS
    )
    n, lo_shown, hi_shown = _rank_and_interval(page)
    assert n == int(fresh.at[ags, "rank"]) and lo_shown <= n <= hi_shown
    expect(page.locator(f"#{ids.PROFILE}")).not_to_have_class(re.compile("stale"))


def test_an_all_zero_link_opens_with_defaults_and_says_why(page, app_data):
    ags = app_data.ags[3]
    _open(page, f"?d={ags}&w={ZERO}", ready=f"#{ids.NOTICE}")
    notice = page.locator(f"#{ids.NOTICE}")
    expect(notice).to_contain_text(t("weights.link_defaults", "de"), timeout=10_000)
    expect(notice).to_contain_text(t("weights.error.all_zero", "de"), timeout=10_000)
    expect(page.locator(".choroplethlocation")).to_have_count(400, timeout=TIMEOUT_MS)
    expect(page.locator("#profile-title")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page).not_to_have_url(re.compile("w="), timeout=TIMEOUT_MS)
    assert not [s for s in page.statuses if s >= 500]


@pytest.mark.parametrize("value", ["0.0004", "1e308"])
def test_tiny_or_huge_link_weights_fall_back_with_a_notice(page, value):
    weights = ",".join(f"{d}:{value}" for d in ZERO.replace(":0", "").split(","))
    _open(page, f"?lang=en&w={weights}", ready=f"#{ids.NOTICE}")
    expect(page.locator(f"#{ids.NOTICE}")).to_contain_text(
        t("weights.link_defaults", "en"), timeout=10_000
    )
    expect(page.locator(".choroplethlocation")).to_have_count(400, timeout=TIMEOUT_MS)
    assert not [s for s in page.statuses if s >= 500]


def test_all_sliders_at_zero_keep_the_map_and_say_why(page, app_data):
    _open(page, f"?d={app_data.ags[2]}", ready="#profile-interval")
    *first, last = app_data.framework.domain_codes

    def to_zero(code):
        thumb = page.locator(f"[id='{_slider_id(ids.DOMAIN_WEIGHT, code)}'] [role=slider]")
        thumb.focus()
        page.keyboard.press("Home")
        expect(thumb).to_have_attribute("aria-valuenow", "0")

    for code in first:
        to_zero(code)
    # the last setting that can be scored: only the last domain weighted
    only_last = {"domains": {c: 0.0 for c in first}}
    fresh = app_data.result(only_last).scores.loc[app_data.ags[2]]
    lo, hi = int(fresh["rank_p05"]), int(fresh["rank_p95"])
    interval = page.locator("#profile-interval .rank-interval").first
    expect(interval).to_have_text(t("profile.interval", "de", lo=lo, hi=hi), timeout=SLOW_MS)
    expect(page.locator(f"#{ids.PROFILE}")).not_to_have_class(re.compile("stale"))
    z_before = page.evaluate(Z_OF_MAP)
    to_zero(last)
    note = page.locator(f"#{ids.WEIGHTS_NOTE}")
    expect(note).to_contain_text(t("weights.error.all_zero", "de"), timeout=10_000)
    expect(note).to_contain_text(t("weights.kept", "de"), timeout=10_000)
    expect(interval).to_have_text(t("profile.interval", "de", lo=lo, hi=hi))
    expect(page.locator(f"#{ids.PROFILE}")).not_to_have_class(re.compile("stale"))
    z_after = page.evaluate(Z_OF_MAP)
    assert z_after == z_before
    expect(page.locator(".choroplethlocation")).to_have_count(400)
    assert not [s for s in page.statuses if s >= 500]


def test_geopackage_has_intervals_for_every_district_and_its_draws(page, app_data, tmp_path):
    _open(page, f"?view=export&w={HOUSING_ONLY}", ready=f"#{ids.EXPORT_GPKG}")
    with page.expect_download() as info:
        page.click(f"#{ids.EXPORT_GPKG}")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    table = pyogrio.read_dataframe(target, layer="districts")
    assert len(table) == 400
    ranked = table["rank"].notna()
    for column in ("rank_median", "rank_p05", "rank_p95", "robustness"):
        assert table.loc[ranked, column].notna().all(), column
    meta = pyogrio.read_dataframe(target, layer="metadata").set_index("item")["value"]
    assert int(meta["spec.mc_draws"]) == app_data.mc_draws
    assert int(meta["mc_evaluations"]) >= app_data.mc_draws - 5
