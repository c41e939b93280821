"""“About the data” page and the always-visible source attribution.

Atlas shown, every indicator of the atlas with its unit, reference period, source,
licence and caveats (vintages are mixed, and the page says so), the build record and
the method in plain language.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd
from dash import html

from layouts import labels
from layouts.i18n import pick, t

#: Attribution required by the boundary and statistics licences, always shown.
_SPLIT = re.compile(r";\s*(?![^()]*\))")  # semicolons outside parentheses
FIXED_ATTRIBUTION = (
    "© GeoBasis-DE / BKG 2016",
    "Statistische Ämter des Bundes und der Länder, dl-de/by-2-0",
)


def attribution_items(data: Any) -> list[str]:
    """Return the fixed attributions followed by every other source of the atlas catalogue."""
    sources = [str(s) for s in data.catalogue.get("source", pd.Series(dtype=str)).dropna()]
    parts = [p.strip() for s in sources for p in _SPLIT.split(s)]
    extra = [p for p in dict.fromkeys(parts) if p and p not in FIXED_ATTRIBUTION]
    return [*FIXED_ATTRIBUTION, *extra]


def attribution(data: Any, lang: str) -> html.Footer:
    """Footer with all sources (visible on every view)."""
    return html.Footer(
        [html.Strong(f"{t('attribution', lang)}: "), "; ".join(attribution_items(data))],
        className="attribution",
        id="attribution",
    )


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _build_value(value: Any) -> Any:
    """Render a build-record value; a JSON list of source records becomes a list."""
    text = _text(value)
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
            str(rec[k]) for k in ("table_code", "year", "licence") if rec.get(k) not in (None, "")
        )
        items.append(html.Li(f"{rec.get('name', '')} ({details})" if details else rec.get("name")))
    return html.Ul(items)


def _indicator_rows(data: Any, lang: str) -> list[html.Tr]:
    """One row per atlas indicator: framework indicators first, then the others."""
    used = [i.code for i in data.framework.indicators]
    order = [c for c in used if c in data.catalogue.index]
    order += sorted(c for c in data.catalogue.index if c not in set(used))
    rows = []
    for code in order:
        row = data.catalogue.loc[code]
        in_framework = code in set(used)
        proxy = _text(row.get("proxy_for")) if bool(row.get("is_proxy")) else ""
        domain = "–"
        if in_framework:
            ind = data.framework.indicator(code)
            domain = labels.domain_name(data, ind.domain, lang)
            if ind.is_proxy:
                proxy = proxy or _text(ind.proxy_of)
        period = _text(row.get("period")) or _text(row.get("year"))
        caveats = _text(row.get("caveats_de" if lang == "de" else "caveats_en"))
        rows.append(
            html.Tr(
                [
                    html.Td(pick(lang, row.get("name_de"), row.get("name_en")) or code),
                    html.Td(domain),
                    html.Td(labels.indicator_unit(data, code, lang)),
                    html.Td(period),
                    html.Td(_text(row.get("source"))),
                    html.Td(_text(row.get("licence"))),
                    html.Td(caveats),
                    html.Td(proxy),
                ]
            )
        )
    return rows


def about_section(data: Any, state: Any) -> html.Section:
    """Everything about the data and the method."""
    lang = state.lang
    kind = getattr(data.atlas, "kind", "embedded")
    rows = _indicator_rows(data, lang)
    header = [
        "col.indicator",
        "col.domain",
        "col.unit",
        "col.period",
        "col.source",
        "col.licence",
        "col.caveats",
        "col.proxy",
    ]
    build_rows = [
        html.Tr([html.Td(_text(r["item"])), html.Td(_build_value(r["value"]))])
        for _, r in data.atlas.build.iterrows()
    ]
    return html.Section(
        [
            html.H2(t("about", lang)),
            html.H3(t("about.atlas", lang)),
            html.P(t(f"about.{kind}", lang) if kind in ("embedded", "full") else kind),
            html.H3(t("about.method", lang)),
            html.P(t("about.method.text", lang)),
            html.P(t("about.weights.text", lang)),
            html.P(t("about.proxy", lang)),
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
    )
