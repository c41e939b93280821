"""“About the data” page and the always-visible source attribution.

Atlas shown, every indicator of the atlas with its unit, reference period, source,
licence and caveats (vintages are mixed, and the page says so), the build record and
the method in plain language.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import pandas as pd
from dash import html

from layouts import labels
from layouts.aria import aria
from layouts.i18n import TEXT, localise, t

if TYPE_CHECKING:
    from layouts.data import AppData
    from layouts.state import AppState

#: Attribution required by the boundary and statistics licences, always shown.
_SPLIT = re.compile(r";\s*(?![^()]*\))")  # semicolons outside parentheses
FIXED_ATTRIBUTION = (
    "© GeoBasis-DE / BKG 2016",
    "Statistische Ämter des Bundes und der Länder, dl-de/by-2-0",
)


def attribution_items(data: AppData) -> list[str]:
    """Return the fixed attributions followed by every other source of the atlas catalogue."""
    sources = [str(s) for s in data.catalogue.get("source", pd.Series(dtype=str)).dropna()]
    parts = [p.strip() for s in sources for p in _SPLIT.split(s)]
    extra = [p for p in dict.fromkeys(parts) if p and p not in FIXED_ATTRIBUTION]
    return [*FIXED_ATTRIBUTION, *extra]


def attribution(data: AppData, lang: str) -> html.Footer:
    """Footer with all sources (visible on every view), licence phrases in ``lang``."""
    items = [localise(item, lang) for item in attribution_items(data)]
    return html.Footer(
        [html.Strong(f"{t('attribution', lang)}: "), "; ".join(items)],
        className="attribution",
        id="attribution",
    )


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


#: Build-record items whose values the atlas build writes as English prose.
RECORDED_IN_ENGLISH = ("territorial_status", "boundaries", "software", "vintages")


def _build_item(item: Any, lang: str) -> str:
    """Name of a build-record item in the interface language."""
    text = _text(item)
    if text.startswith("input:"):
        return t("build.input", lang, path=text[len("input:") :])
    key = f"build.{text}"
    return t(key, lang) if key in TEXT else text


def _year(value: Any) -> str:
    try:
        return str(int(float(value)))
    except (TypeError, ValueError):
        return _text(value)


def _build_value(value: Any, lang: str = "de", item: str = "") -> Any:
    """Render a build-record value; a JSON list of source records becomes a list."""
    text = _text(value)
    if item == "kind" and f"about.{text}" in TEXT:
        return t(f"about.{text}", lang)
    if text.lower() in ("true", "false"):
        return t("yes" if text.lower() == "true" else "no", lang)
    if item in RECORDED_IN_ENGLISH and lang != "en":
        # a technical note the atlas build records in English: say so to browsers and
        # screen readers instead of passing it off as German
        return html.Span(text, lang="en")
    if not text.startswith("[{"):
        return text
    try:
        records = json.loads(text)
    except ValueError:
        return text
    items = []
    for rec in records:
        if not isinstance(rec, dict):
            return text
        details = ", ".join(
            localise(rec[k], lang)
            for k in ("table_code", "year", "licence")
            if rec.get(k) not in (None, "")
        )
        items.append(html.Li(f"{rec.get('name', '')} ({details})" if details else rec.get("name")))
    return html.Ul(items)


def _indicator_rows(data: AppData, lang: str) -> list[html.Tr]:
    """One row per atlas indicator: framework indicators first, then the others."""
    used = [i.code for i in data.framework.indicators]
    order = [c for c in used if c in data.catalogue.index]
    order += sorted(c for c in data.catalogue.index if c not in set(used))
    rows = []
    for code in order:
        row = data.catalogue.loc[code]
        in_framework = code in set(used)
        domain, direction = "–", "–"
        if in_framework:
            ind = data.framework.indicator(code)
            domain = labels.domain_name(data, ind.domain, lang)
            direction = labels.direction_text(data, code, lang)
        period = _text(row.get("period")) or _year(row.get("year"))
        caveats = _text(row.get("caveats_de" if lang == "de" else "caveats_en"))
        rows.append(
            html.Tr(
                [
                    html.Td(labels.marked_name(data, code, lang)),
                    html.Td(domain),
                    html.Td(labels.indicator_unit(data, code, lang)),
                    html.Td(direction),
                    html.Td(period),
                    html.Td(localise(row.get("source"), lang)),
                    html.Td(localise(row.get("licence"), lang)),
                    html.Td(caveats),
                    html.Td(labels.proxy_target(data, code, lang) if in_framework else ""),
                ]
            )
        )
    return rows


def about_section(data: AppData, state: AppState) -> html.Section:
    """Everything about the data and the method."""
    lang = state.lang
    kind = getattr(data.atlas, "kind", "embedded")
    rows = _indicator_rows(data, lang)
    header = [
        "col.indicator",
        "col.domain",
        "col.unit",
        "col.direction",
        "col.period",
        "col.source",
        "col.licence",
        "col.caveats",
        "col.proxy",
    ]
    build_rows = [
        html.Tr(
            [
                html.Td(_build_item(r["item"], lang)),
                html.Td(_build_value(r["value"], lang, _text(r["item"]))),
            ]
        )
        for _, r in data.atlas.build.iterrows()
    ]
    return html.Section(
        [
            html.H2(t("about", lang)),
            html.H3(t("about.atlas", lang)),
            html.P(t(f"about.{kind}", lang) if f"about.{kind}" in TEXT else kind),
            html.H3(t("about.method", lang)),
            html.P(t("about.method.text", lang)),
            html.P(t("about.weights.text", lang)),
            html.P(t("about.proxy", lang)),
            *[
                html.P(f"{t('proxy.mark', lang)}: {note}", className="help")
                for note in labels.proxy_notes(data, data.framework.codes, lang)
            ],
            html.H3(t("about.sources", lang)),
            html.P(t("about.vintages", lang), className="about-vintages"),
            html.Table(
                [html.Thead(html.Tr([html.Th(t(h, lang)) for h in header])), html.Tbody(rows)],
                className="table",
            ),
            html.H3(t("about.build", lang)),
            html.Table(
                [
                    html.Thead(
                        html.Tr([html.Th(t("col.item", lang)), html.Th(t("col.value", lang))])
                    ),
                    html.Tbody(build_rows),
                ],
                className="table",
            ),
        ],
        className="panel about",
        tabIndex="0",  # scrollable region (wide tables): reachable by keyboard
        role="region",
        **aria(label=t("about", lang)),
    )
