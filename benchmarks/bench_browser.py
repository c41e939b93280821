"""Where the planner feels it: the dashboard in Debian's Chromium, served by gunicorn.

``gunicorn app:server`` (two workers, four threads, the embedded atlas, debug off) is
started on a free loopback port as in :mod:`benchmarks.bench_load`, and driven by
Playwright with Chromium at ``/usr/bin/chromium`` (headless, software rendering).
Times are taken inside the page with ``performance.now()``:

``browser_first_map_s``
    Cold load, empty cache (a new browser context each time): from navigation start to
    the first map drawn (all district paths in the DOM and filled, after the next
    animation frame). Median of three loads.
``first_load_bytes``
    Bytes on the wire (encoded, i.e. Brotli or gzip as served) of everything the cold
    load fetched until the network is idle.
``browser_weight_change_p50_s``, ``browser_weight_change_p95_s``
    From the key press that moves a domain-weight slider by one step (the thumb has the
    focus) to the map redrawn with the new colours (Plotly's ``plotly_afterplot`` of the
    map, then the next animation frame). 20 changes, each to weights not used before,
    so no result is served from a memo; median and 95th percentile.
``browser_measure_change_p50_s``, ``browser_measure_change_p95_s``
    The same for switching the shown measure in the measure list (from the mouse-down of a
    click on an option of the open list), 10 changes through different measures.

``browser_plotly_redraw_p50_s``
    ``Plotly.react`` of the map with new values called in the page, to the next frame:
    no server and no Dash, so the floor of any recolouring, a clientside callback's
    included. Median of 20.

The profile of a weight change (``--profile``; ``python -m benchmarks.bench_browser``)
splits it into the server round trips (Resource Timing of ``_dash-update-component``)
and what follows in the page.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks._registry import suite
from benchmarks.bench_load import served

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 1000}
COLD_LOADS = 3
WEIGHT_CHANGES = 20
MEASURE_CHANGES = 10
TIMEOUT_MS = 60000
MEASURE = "measure-select"

#: Marks the time of every map redraw (``plotly_afterplot``, then the next frame).
_WATCH_MAP = """
() => {
    const gd = document.querySelector('#map-graph .js-plotly-plot');
    if (!gd || gd.__benchWatched) { return !!gd; }
    gd.__benchWatched = true;
    window.__drawn = [];
    gd.on('plotly_afterplot', () => {
        requestAnimationFrame(() => window.__drawn.push(performance.now()));
    });
    window.__inflight = 0;
    const fetch = window.fetch;
    window.fetch = (...args) => {
        window.__inflight += 1;
        return fetch(...args).finally(() => { window.__inflight -= 1; });
    };
    window.__keys = [];
    const mark = () => window.__keys.push(performance.now());
    document.addEventListener('keydown', mark, true);
    document.addEventListener('mousedown', mark, true);
    return true;
}
"""

_FIRST_MAP = """
() => {
    const paths = document.querySelectorAll('#map-graph .choroplethlocation');
    if (paths.length < 300) { return false; }
    for (const p of paths) { if (!p.getAttribute('fill')) { return false; } }
    return new Promise(resolve => requestAnimationFrame(() => resolve(performance.now())));
}
"""


@contextmanager
def chromium() -> Iterator[Any]:
    """One headless Chromium (Debian's) through Playwright."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"Chromium is not installed at {CHROMIUM}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def cold_load(browser: Any, url: str) -> tuple[float, float, Any]:
    """Seconds to the first drawn map and bytes fetched, in a fresh context (empty cache).

    Returns the open context too (the caller closes it).
    """
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes: list[float] = []
    cdp.on("Network.loadingFinished", lambda e: sizes.append(e["encodedDataLength"]))
    page.goto(url, wait_until="commit")
    drawn = page.wait_for_function(_FIRST_MAP, polling="raf", timeout=TIMEOUT_MS).json_value()
    page.wait_for_load_state("networkidle")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    return float(drawn) / 1000.0, float(sum(sizes)), (context, page)


def _wait_drawn(page: Any, after: float) -> float:
    handle = page.wait_for_function(
        "(t) => window.__drawn.find(x => x > t) || false", arg=after, polling="raf"
    )
    return float(handle.json_value())


def _last_key(page: Any) -> float:
    return float(page.evaluate("() => window.__keys[window.__keys.length - 1]"))


def _settle(page: Any) -> None:
    """Wait until no callback request is in flight (and a little longer)."""
    page.wait_for_timeout(100)
    page.wait_for_function("() => window.__inflight === 0", polling="raf")
    page.wait_for_timeout(100)


def weight_changes(page: Any, n: int = WEIGHT_CHANGES) -> list[float]:
    """Seconds from slider key press to recoloured map, for ``n`` new weight settings."""
    page.wait_for_function(_WATCH_MAP)
    thumbs = page.locator(".weight-slider [role=slider]")
    domains = page.locator(".domain-weight > .slider-row [role=slider]")
    count = domains.count() or thumbs.count()
    out = []
    for i in range(n):
        thumb = domains.nth(i % count)
        thumb.focus()
        # up on the first round, then down past the start: every setting is new
        key = "ArrowRight" if (i // count) % 2 == 0 else "ArrowLeft"
        if (i // count) >= 2:
            key = "ArrowLeft"
        page.keyboard.press(key)
        pressed = _last_key(page)
        drawn = _wait_drawn(page, pressed)
        out.append((drawn - pressed) / 1000.0)
        _settle(page)
    return out


def measure_changes(page: Any, n: int = MEASURE_CHANGES) -> list[float]:
    """Seconds from clicking another measure in the open list to the redrawn map."""
    page.wait_for_function(_WATCH_MAP)
    out = []
    for i in range(n):
        page.locator(f"#{MEASURE}").click()
        options = page.locator(".dash-dropdown-content .dash-options-list-option")
        options.nth(0).wait_for()
        options.nth((i + 1) % options.count()).click()
        pressed = _last_key(page)
        drawn = _wait_drawn(page, pressed)
        out.append((drawn - pressed) / 1000.0)
        _settle(page)
    return out


_REDRAW = """
async () => {
    const gd = document.querySelector('#map-graph .js-plotly-plot');
    const z = gd.data[0].z.map(v => v * (1 + 0.02 * (Math.random() - 0.5)));
    const start = performance.now();
    await Plotly.react(gd, [{...gd.data[0], z}, ...gd.data.slice(1)], gd.layout);
    await new Promise(resolve => requestAnimationFrame(resolve));
    return performance.now() - start;
}
"""


def plotly_redraws(page: Any, n: int = WEIGHT_CHANGES) -> list[float]:
    """Seconds for Plotly alone to redraw the map with new values (no server, no Dash)."""
    return [float(page.evaluate(_REDRAW)) / 1000.0 for _ in range(n)]


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def measure_browser() -> dict[str, float]:
    """Every browser figure on one served app (see the module docstring)."""
    with served() as (url, _), chromium() as browser:
        firsts, sizes = [], []
        for i in range(COLD_LOADS):
            seconds, size, (context, page) = cold_load(browser, url + "/")
            firsts.append(seconds)
            sizes.append(size)
            if i < COLD_LOADS - 1:
                context.close()
        weights = weight_changes(page)
        measures = measure_changes(page)
        redraws = plotly_redraws(page)
        context.close()
    return {
        "browser_first_map_s": statistics.median(firsts),
        "first_load_bytes": statistics.median(sizes),
        "browser_weight_change_p50_s": statistics.median(weights),
        "browser_weight_change_p95_s": _p95(weights),
        "browser_measure_change_p50_s": statistics.median(measures),
        "browser_measure_change_p95_s": _p95(measures),
        "browser_plotly_redraw_p50_s": statistics.median(redraws),
    }


@suite(
    {
        "browser_first_map_s": ("s", 1.5),
        "first_load_bytes": ("bytes", None),
        "browser_weight_change_p50_s": ("s", None),
        "browser_weight_change_p95_s": ("s", 0.15),
        "browser_measure_change_p50_s": ("s", None),
        "browser_measure_change_p95_s": ("s", 0.3),
        "browser_plotly_redraw_p50_s": ("s", None),
    },
    repeat=1,
)
def bench_browser() -> dict[str, float]:
    return measure_browser()


_PROFILE = """
(t) => performance.getEntriesByType('resource')
    .filter(e => e.name.includes('_dash-update-component') && e.startTime >= t)
    .map(e => ({start: e.startTime, request: e.requestStart, first_byte: e.responseStart,
                end: e.responseEnd, bytes: e.encodedBodySize}))
"""


def profile(n: int = 10) -> list[dict[str, Any]]:
    """Split ``n`` weight changes into callback round trips and the rest, in the page."""
    rows = []
    with served() as (url, _), chromium() as browser:
        _, _, (context, page) = cold_load(browser, url + "/")
        page.wait_for_function(_WATCH_MAP)
        domains = page.locator(".domain-weight > .slider-row [role=slider]")
        for i in range(n):
            domains.nth(i % domains.count()).focus()
            page.keyboard.press("ArrowRight")
            pressed = _last_key(page)
            drawn = _wait_drawn(page, pressed)
            _settle(page)
            calls = page.evaluate(_PROFILE, pressed)
            rows.append({"key": pressed, "drawn": drawn, "calls": calls})
        context.close()
    return rows


if __name__ == "__main__":
    for row in profile():
        key = row["key"]
        total = row["drawn"] - key
        calls = sorted(row["calls"], key=lambda c: c["start"])
        parts = [
            f"[{c['start'] - key:.0f}→{c['end'] - key:.0f} ms, "
            f"ttfb {c['first_byte'] - c['request']:.0f}, {c['bytes']} B]"
            for c in calls
        ]
        print(f"total {total:.0f} ms; callbacks: {' '.join(parts)}")
    print(json.dumps({"note": "times relative to the key press"}))
