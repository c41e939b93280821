"""Print-ready map sheets and district reports at stable addresses (Flask routes).

``GET /export/map.png|svg|pdf`` and ``GET /export/report/<ags>.pdf`` take the page's
query string (:func:`layouts.state.to_query`). This module turns it into the texts,
classes and colours the screen shows (same classifier, same palettes, same labels)
and hands them to :mod:`potentials.printing`, which draws with matplotlib. A bad AGS
or query value is answered with HTTP 400 and a message naming it.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qs

import flask
import numpy as np
import pandas as pd

from layouts import data as appdata
from layouts import labels
from layouts.about import FIXED_ATTRIBUTION, attribution_items
from layouts.colours import K_CHOICES, METHODS, MISSING_COLOUR, PALETTES
from layouts.engine import COMPOSITE, DOMAIN_PREFIX, clean_weights, is_score
from layouts.i18n import DEFAULT_LANG, LANGUAGES, fmt_number, t
from layouts.mapfig import map_payload
from layouts.places import district_label, kind_label
from layouts.profile import percentile
from layouts.state import AppState, from_query
from potentials import WeightError
from potentials.printing import (
    FORMATS,
    DistrictReport,
    LegendEntry,
    MapSheet,
    ReportSection,
    ReportTable,
    SheetGeometry,
    render_map_sheet,
    render_report,
    sheet_geometry,
)

MIMETYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
FILE_STEM = "integrationspotenzial"
_geometry: dict[int, SheetGeometry] = {}
_lock = threading.Lock()


class BadRequest(ValueError):
    """A query value or AGS the export cannot use (answered with HTTP 400)."""


def geometry_for(data: Any) -> SheetGeometry:
    """Projected, simplified districts and dissolved Länder of the atlas (built once)."""
    key = id(data.atlas)
    ready = _geometry.get(key)
    if ready is None:
        with _lock:
            ready = _geometry.get(key)
            if ready is None:
                districts = data.atlas.districts
                ready = sheet_geometry(districts[districts["ags"].isin(data.ags)])
                _geometry[key] = ready
    return ready


# ------------------------------------------------------------------ query


def _weights(text: str, known: set[str], param: str, lang: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in text.split(","):
        code, _, value = item.partition(":")
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if code not in known or not math.isfinite(number) or number < 0:
            raise BadRequest(t("print.bad", lang, param=param, value=item))
        out[code] = number
    return out


def print_state(query: str, data: Any) -> AppState:
    """Parse and check the page's query string strictly (no silent defaults for bad values).

    Raises
    ------
    BadRequest
        Naming the first parameter whose value is not known.
    """
    args = {k: v[0] for k, v in parse_qs(query.lstrip("?")).items()}
    lang = args.get("lang", DEFAULT_LANG)
    if lang not in LANGUAGES:
        raise BadRequest(t("print.bad", DEFAULT_LANG, param="lang", value=lang))
    state = from_query(query)
    checks: list[tuple[str, str, bool]] = [
        ("m", state.measure, state.measure in labels.measures(data)),
        ("cls", state.method, state.method in METHODS),
        ("k", args.get("k", str(state.k)), str(args.get("k", state.k)) in map(str, K_CHOICES)),
        ("pal", state.palette, state.palette in PALETTES),
        ("d", str(state.district), state.district is None or state.district in data.ags),
    ]
    for param, value, ok in checks:
        if not ok:
            raise BadRequest(t("print.bad", lang, param=param, value=value))
    framework = data.framework
    weights: dict[str, Any] = dict(state.weights)
    if "w" in args:
        weights["domains"] = _weights(args["w"], {d.code for d in framework.domains}, "w", lang)
    if "iw" in args:
        codes = {i.code for i in framework.indicators}
        weights["indicators"] = _weights(args["iw"], codes, "iw", lang)
    if "dir" in args:
        reversible = set(clean_weights(framework, None)["directions"])
        for item in args["dir"].split(","):
            code, _, value = item.partition(":")
            if code not in reversible or value not in ("1", "-1"):
                raise BadRequest(t("print.bad", lang, param="dir", value=item))
    return replace(state, lang=lang, weights=clean_weights(framework, weights))


# ------------------------------------------------------------------ shared texts


def measure_line(data: Any, measure: str, lang: str) -> str:
    """Measure with unit and reference period, e.g. ``Arbeitslosenquote (%), 2019``."""
    name = labels.measure_name(data, measure, lang)
    unit = labels.measure_unit(data, measure, lang)
    if measure in data.years.columns:
        period = labels.year_span(data.years[[measure]])
    else:
        period = labels.score_year(data)
    head = f"{name} ({unit})" if unit else name
    return f"{head}, {t('print.period', lang)} {period}"


def direction_text(data: Any, measure: str, lang: str, framework: Any = None) -> str:
    """Which values are favourable for the measure (with the user's reversed directions)."""
    if is_score(measure):
        return t("print.direction.score", lang)
    if labels.favourable_high(data, measure, framework):
        return t("print.direction.up", lang)
    return t("print.direction.down", lang)


def weights_lines(data: Any, weights: Any, lang: str) -> list[str]:
    """Domain weights with their shares of the composite."""
    total = sum(weights["domains"].values()) or 1.0
    parts = [
        f"{labels.domain_name(data, code, lang)} {fmt_number(w, lang)} ({round(100 * w / total)} %)"
        for code, w in weights["domains"].items()
    ]
    return [f"{t('print.weights', lang)}: " + "; ".join(parts)]


def source_lines(data: Any, codes: list[str], lang: str) -> list[str]:
    """Attribution (boundaries first), then the sources and licences of the indicators used."""
    sources: list[str] = []
    licences: list[str] = []
    for code in codes:
        if code not in data.catalogue.index:
            continue
        row = data.catalogue.loc[code]
        sources.extend(p.strip() for p in str(row.get("source")).split("; "))
        licences.extend(p.strip() for p in str(row.get("licence")).split("; "))
    lines = [f"{t('print.boundaries', lang)}: {FIXED_ATTRIBUTION[0]}"]
    if sources:
        lines.append(f"{t('attribution', lang)}: " + "; ".join(dict.fromkeys(sources)))
    if licences:
        lines.append(f"{t('col.licence', lang)}: " + "; ".join(dict.fromkeys(licences)))
    return lines


def footer(lang: str, url: str) -> str:
    """Date of the sheet and the address of its view."""
    return t("print.footer", lang, date=dt.date.today().isoformat(), url=url)


def _codes_of(data: Any, measure: str) -> list[str]:
    if measure == COMPOSITE:
        return list(data.framework.codes)
    if measure.startswith(DOMAIN_PREFIX):
        return [i.code for i in data.framework.indicators_of(measure[len(DOMAIN_PREFIX) :])]
    return [measure]


# ------------------------------------------------------------------ map sheet


def map_sheet(data: Any, state: AppState, url: str) -> MapSheet:
    """Content of the map sheet for a checked state (same classes and colours as on screen)."""
    lang = state.lang
    result = data.result(state.weights)
    # the screen's own classes and colours (same classifier, palette and direction)
    payload = map_payload(
        data,
        result,
        state.measure,
        method=state.method,
        k=int(state.k),
        palette=state.palette,
        lang=lang,
    )
    classes = payload.classes
    colours = {a: classes.colours[c] for a, c in zip(data.ags, classes.cls, strict=True) if c >= 0}
    unit = labels.measure_unit(data, state.measure, lang)
    entries = [
        LegendEntry(
            colour=colour,
            label=f"{fmt_number(classes.edges[i], lang)} – "
            f"{fmt_number(classes.edges[i + 1], lang)} {unit}".strip(),
            count=t("legend.count", lang, n=classes.counts[i]),
        )
        for i, colour in enumerate(classes.colours)
    ]
    missing = sum(1 for c in classes.cls if c < 0)
    if missing:
        entries.append(
            LegendEntry(
                MISSING_COLOUR, t("legend.missing", lang), t("legend.count", lang, n=missing)
            )
        )
    notes = weights_lines(data, state.weights, lang) if is_score(state.measure) else []
    if not is_score(state.measure) and data.framework.indicator(state.measure).is_proxy:
        notes.append(t("print.proxy", lang))
    return MapSheet(
        title=t("title", lang),
        measure=measure_line(data, state.measure, lang),
        colours=colours,
        legend_title=f"{t('legend', lang)}: {t('class.' + state.method, lang)}",
        legend=tuple(entries),
        direction=direction_text(data, state.measure, lang, result.framework),
        notes=tuple(notes),
        sources=tuple(source_lines(data, _codes_of(data, state.measure), lang)),
        footer=footer(lang, url),
        highlight=state.district,
    )


# ------------------------------------------------------------------ district report


def domain_rank(data: Any, weights: Any, domain: str, ags: str) -> tuple[float, float, float]:
    """Rank of ``ags`` in one domain with its 5–95 % interval, for the weights in effect.

    With every other domain weighted 0 the composite *is* the domain score, so the
    engine's Monte Carlo over the indicator weights, normalisation, aggregation and
    missing-value rule of that run gives the domain's rank interval (memoised like
    every weight setting). Returns NaNs where the domain cannot be scored.
    """
    setting = clean_weights(data.framework, weights)
    only = {c: (1.0 if c == domain else 0.0) for c in setting["domains"]}
    try:
        result = data.result({**setting, "domains": only})
    except WeightError:
        return (math.nan, math.nan, math.nan)
    rank = result.scores["rank"].get(ags)
    lo, hi = labels.rank_interval(result).get(ags, (math.nan, math.nan))
    return (float(rank) if pd.notna(rank) else math.nan, float(lo), float(hi))


def _year(value: Any) -> str:
    if value is None or pd.isna(value):
        return "–"
    return str(int(value))


def district_report(data: Any, state: AppState, ags: str, url: str) -> DistrictReport:
    """Content of the district report for a checked state."""
    lang = state.lang
    result = data.result(state.weights)
    scores = result.scores
    row = scores.loc[ags]
    district = data.atlas.districts.set_index("ags").loc[ags]
    total = int(scores["rank"].notna().sum())
    lo, hi = labels.rank_interval(result).get(ags, (np.nan, np.nan))
    population = float(district.get("population", np.nan))
    area = float(district.get("area_km2", np.nan))
    density = population / area if area and area > 0 else np.nan
    facts = (
        (t("print.ags", lang), ags),
        (t("print.state", lang), str(district.get("state", "–"))),
        (t("print.kind", lang), kind_label(district.get("kind", ""), lang)),
        (t("print.population", lang), fmt_number(population, lang, 0)),
        (t("print.area", lang), f"{fmt_number(area, lang, 0)} km²"),
        (t("print.density", lang), f"{fmt_number(density, lang, 0)} {t('print.per_km2', lang)}"),
        (t("profile.type", lang), labels.type_name(row.get("settlement_type"), lang)),
        (t("profile.rural_type", lang), labels.type_name(row.get("rural_type"), lang)),
    )
    interval = "–" if pd.isna(lo) else f"{int(lo)}–{int(hi)}"
    robustness = _robustness(data, result, ags)
    rank_rows: list[tuple[str, ...]] = [
        (
            t("profile.composite", lang),
            fmt_number(row["composite"], lang),
            f"{int(row['rank'])} / {total}" if pd.notna(row.get("rank")) else "–",
            interval,
            t(robustness, lang) if robustness else "–",
        )
    ]
    for d in data.framework.domains:
        col = f"{DOMAIN_PREFIX}{d.code}"
        rank, d_lo, d_hi = domain_rank(data, state.weights, d.code, ags)
        rank_rows.append(
            (
                labels.domain_name(data, d.code, lang),
                fmt_number(row.get(col), lang),
                f"{int(rank)} / {total}" if pd.notna(rank) else "–",
                "–" if pd.isna(d_lo) else f"{int(d_lo)}–{int(d_hi)}",
                "",
            )
        )
    ranks = ReportSection(
        heading=t("print.ranks", lang),
        paragraphs=(t("print.rank_text", lang, rank=_rank_text(row, total), interval=interval),),
        table=ReportTable(
            columns=(
                t("col.measure", lang),
                t("col.score", lang),
                t("col.rank", lang),
                t("hover.interval", lang),
                t("col.robustness", lang),
            ),
            rows=tuple(rank_rows),
            widths=(3.0, 1.0, 1.1, 1.4, 1.6),
            numeric=frozenset({1, 2, 3}),
        ),
        after=(t("print.domain_interval", lang), t("score.help.print", lang)),
    )
    same_type = scores.index[scores["settlement_type"] == row["settlement_type"]]
    raw, norm = result.raw, result.normalised
    ind_rows: list[tuple[str, ...]] = []
    proxies: list[str] = []
    for ind in data.framework.indicators:
        code = ind.code
        name = labels.indicator_name(data, code, lang)
        if ind.is_proxy:
            name += " *"
            stands = (
                data.catalogue.loc[code].get("proxy_for") if code in data.catalogue.index else None
            )
            proxies.append(f"{labels.indicator_name(data, code, lang)} → {stands or ind.proxy_of}")
        nvalues = norm[code] if code in norm.columns else pd.Series(dtype=float)
        pct_de = percentile(nvalues, ags)
        pct_type = percentile(nvalues.reindex(same_type), ags)
        year = data.years[code].get(ags) if code in data.years.columns else None
        ind_rows.append(
            (
                name,
                fmt_number(raw[code].get(ags) if code in raw.columns else None, lang),
                labels.indicator_unit(data, code, lang),
                _year(year),
                "–" if pct_de is None else f"{pct_de:.0f}",
                "–" if pct_type is None else f"{pct_type:.0f}",
            )
        )
    indicators = ReportSection(
        heading=t("profile.indicators", lang),
        table=ReportTable(
            columns=(
                t("col.indicator", lang),
                t("col.value", lang),
                t("col.unit", lang),
                t("col.year", lang),
                t("col.pct_de", lang),
                t("col.pct_type", lang),
            ),
            rows=tuple(ind_rows),
            widths=(3.2, 1.0, 1.6, 0.6, 1.0, 1.2),
            numeric=frozenset({1, 3, 4, 5}),
        ),
        after=(t("profile.pct_help", lang), t("print.proxy_mark", lang)),
    )
    sections = [ranks, indicators]
    if proxies:
        sections.append(ReportSection(t("print.proxies", lang), paragraphs=tuple(proxies)))
    sections.append(
        ReportSection(
            t("weights", lang), paragraphs=tuple(weights_lines(data, state.weights, lang))
        )
    )
    sources = [
        f"{labels.indicator_name(data, c, lang)}: {data.catalogue.loc[c].get('source')}; "
        f"{t('col.licence', lang)}: {data.catalogue.loc[c].get('licence')}; "
        f"{t('col.year', lang)}: {data.catalogue.loc[c].get('year')}"
        for c in data.framework.codes
        if c in data.catalogue.index
    ]
    sections.append(
        ReportSection(
            t("print.sources", lang),
            paragraphs=(f"{t('print.boundaries', lang)}: {FIXED_ATTRIBUTION[0]}", *sources),
            after=("; ".join(attribution_items(data)[:2]),),
        )
    )
    name = district_label(str(data.names[ags]), district.get("kind", ""), lang)
    return DistrictReport(
        ags=ags,
        title=f"{data.names[ags]}",
        subtitle=f"{t('print.report', lang)}: {name} · {measure_line(data, COMPOSITE, lang)}",
        facts=facts,
        sections=tuple(sections),
        footer=footer(lang, url),
    )


def _robustness(data: Any, result: Any, ags: str) -> str:
    """Robustness group of the district under the weights in effect ("" if not analysed)."""
    value = result.scores.get("robustness", pd.Series(dtype=object)).get(ags)
    return value if isinstance(value, str) else ""


def _rank_text(row: pd.Series, total: int) -> str:
    return f"{int(row['rank'])} / {total}" if pd.notna(row.get("rank")) else "–"


# ------------------------------------------------------------------ routes


def _bad(message: str) -> flask.Response:
    return flask.Response(message + "\n", status=400, mimetype="text/plain")


def _page_url(ags: str | None = None) -> str:
    """Address of the view the export was made from (the page with the same query)."""
    request = flask.request
    query = request.query_string.decode("utf-8", "replace")
    root = request.host_url.rstrip("/") + (request.script_root or "")
    if ags and "d=" not in query:
        query = f"{query}&d={ags}" if query else f"d={ags}"
    return f"{root}/?{query}" if query else f"{root}/"


def export_map(fmt: str) -> flask.Response:
    """Answer ``/export/map.<fmt>``."""
    data = appdata.get()
    query = flask.request.query_string.decode("utf-8", "replace")
    if fmt not in FORMATS:
        return _bad(t("print.bad", DEFAULT_LANG, param="format", value=fmt))
    try:
        state = print_state(query, data)
    except BadRequest as error:
        return _bad(str(error))
    content = render_map_sheet(map_sheet(data, state, _page_url()), geometry_for(data), fmt=fmt)
    response = flask.Response(content, mimetype=MIMETYPES[fmt])
    name = f"{FILE_STEM}_{state.measure}.{fmt}"
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def export_report(ags: str) -> flask.Response:
    """Answer ``/export/report/<ags>.pdf``."""
    data = appdata.get()
    query = flask.request.query_string.decode("utf-8", "replace")
    try:
        state = print_state(query, data)
    except BadRequest as error:
        return _bad(str(error))
    if ags not in data.ags:
        return _bad(t("print.bad_ags", state.lang, ags=ags[:20]))
    report = district_report(data, state, ags, _page_url(ags))
    content = render_report(report, geometry_for(data))
    response = flask.Response(content, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{FILE_STEM}_{ags}.pdf"'
    return response


def register(server: flask.Flask, *, prefix: str = "/") -> None:
    """Add the export routes to the app's Flask server (call once per server).

    Parameters
    ----------
    server
        ``app.server``.
    prefix
        The app's ``routes_pathname_prefix``.
    """
    base = prefix.rstrip("/")
    server.add_url_rule(f"{base}/export/map.<fmt>", "export_map", export_map)
    server.add_url_rule(f"{base}/export/report/<ags>.pdf", "export_report", export_report)


def map_href(query: str, fmt: str) -> str:
    """Relative link to a map sheet of the view with ``query`` (``?…`` or empty)."""
    return f"export/map.{fmt}{query or ''}"


def report_href(query: str, ags: str) -> str:
    """Relative link to the district report of the view with ``query``."""
    return f"export/report/{ags}.pdf{query or ''}"
