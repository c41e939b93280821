"""Ranking table of all districts (dash-ag-grid): sortable, filtered by Land and type.

Rows follow the current weights; the 5–95 % rank interval is drawn as a bar by the
``RankInterval`` cell renderer in ``assets/ranking.js`` (a file, so the strict CSP
allows it). Clicking a row opens the district's profile on the map view.
"""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
import numpy as np
import pandas as pd
from dash import Input, Output, State, callback, dcc, html, no_update

from layouts import ids, labels
from layouts.i18n import dropdown_labels, t
from layouts.places import district_label
from layouts.upload import data_for

ALL_FILTERS: tuple[str, ...] = (ids.RANK_STATE, ids.RANK_TYPE, ids.RANK_RURAL)


def ranking_rows(data: Any, result: Any, lang: str) -> list[dict[str, Any]]:
    """One row per district: names, Land, types, scores, rank and rank interval."""
    scores = result.scores
    districts = data.atlas.districts.set_index("ags").reindex(list(data.ags))
    interval = labels.rank_interval(result).reindex(list(data.ags))
    rows: list[dict[str, Any]] = []
    for ags in data.ags:
        row = scores.loc[ags]
        lo, hi = interval[ags]
        record: dict[str, Any] = {
            "ags": ags,
            "name": district_label(str(data.names[ags]), districts.at[ags, "kind"], lang),
            "state": str(districts.at[ags, "state"]),
            "settlement_type": labels.type_name(row.get("settlement_type"), lang),
            "rural_type": labels.type_name(row.get("rural_type"), lang),
            "composite": _round(row.get("composite")),
            "rank": None if pd.isna(row.get("rank")) else int(row["rank"]),
            "rank_p05": None if pd.isna(lo) else int(lo),
            "rank_p95": None if pd.isna(hi) else int(hi),
            "rank_width": None if pd.isna(lo) else int(hi) - int(lo),
        }
        for d in data.framework.domains:
            record[f"domain_{d.code}"] = _round(row.get(f"domain_{d.code}"))
        rows.append(record)
    return rows


def _round(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(number, 2) if np.isfinite(number) else None


def column_defs(data: Any, lang: str) -> list[dict[str, Any]]:
    """Columns: rank first, name pinned, interval bar, composite and domain scores."""
    number = {
        "type": "numericColumn",
        "width": 120,
        "valueFormatter": {"function": f"formatScore(params.value, '{lang}')"},
    }
    domains = [
        {
            "field": f"domain_{d.code}",
            "headerName": labels.domain_name(data, d.code, lang),
            "headerTooltip": labels.domain_name(data, d.code, lang),
            **number,
        }
        for d in data.framework.domains
    ]
    return [
        {
            "field": "rank",
            "headerName": t("col.rank", lang),
            "sort": "asc",
            "type": "numericColumn",
            "width": 95,
        },
        {
            "field": "name",
            "headerName": t("col.name", lang),
            "pinned": "left",
            "width": 230,
            "filter": "agTextColumnFilter",
        },
        {
            "field": "rank_width",
            "headerName": t("col.interval", lang),
            "headerTooltip": t("ranking.help", lang),
            "cellRenderer": "RankInterval",
            "cellRendererParams": {"total": len(data.ags)},
            "minWidth": 160,
            "sortable": True,
        },
        {"field": "composite", "headerName": t("profile.composite", lang), **number},
        {"field": "state", "headerName": t("col.state", lang), "minWidth": 130},
        {"field": "settlement_type", "headerName": t("col.settlement_type", lang), "minWidth": 150},
        {"field": "rural_type", "headerName": t("col.rural_type", lang), "minWidth": 150},
        *domains,
        {"field": "ags", "headerName": "AGS", "width": 90},
    ]


def _filter(label: str, control_id: str, options: list[str], lang: str) -> html.Div:
    return html.Div(
        [
            html.Label(label, htmlFor=control_id, className="control-label"),
            dcc.Dropdown(
                id=control_id,
                options=[{"label": o, "value": o} for o in options],
                multi=True,
                placeholder=t("ranking.all", lang),
                labels=dropdown_labels(lang),
            ),
        ],
        className="control ranking-filter",
    )


def ranking_section(data: Any, state: Any, result: Any) -> html.Section:
    """Build the filters, the district count and the grid."""
    lang = state.lang
    rows = ranking_rows(data, result, lang)
    states = sorted({r["state"] for r in rows})
    order = [labels.type_name(code, lang) for code in labels.type_order()]
    present_types = {r["settlement_type"] for r in rows}
    present_rural = {r["rural_type"] for r in rows}
    types = [o for o in order if o in present_types] or sorted(present_types)
    rural = [o for o in order if o in present_rural] or sorted(present_rural)
    return html.Section(
        [
            html.H2(t("ranking", lang)),
            html.P(t("ranking.help", lang), className="help"),
            html.Div(
                [
                    _filter(t("ranking.state", lang), ids.RANK_STATE, states, lang),
                    _filter(t("ranking.type", lang), ids.RANK_TYPE, types, lang),
                    _filter(t("ranking.rural", lang), ids.RANK_RURAL, rural, lang),
                ],
                className="ranking-filters",
            ),
            html.P(
                t("ranking.count", lang, n=len(rows), total=len(rows)),
                id=ids.RANK_COUNT,
                className="note",
                role="status",
            ),
            dag.AgGrid(
                id=ids.RANK_GRID,
                # rows travel only with the ranking view (the callback fills them on a switch)
                rowData=rows if state.view == "ranking" else [],
                columnDefs=column_defs(data, lang),
                defaultColDef={"sortable": True, "resizable": True, "filter": False},
                getRowId="params.data.ags",
                dashGridOptions={
                    "animateRows": False,
                    "rowSelection": {"mode": "singleRow", "checkboxes": False},
                    "suppressCellFocus": False,
                    "tooltipShowDelay": 300,
                },
                className="ranking-grid",
                style={"height": "600px", "width": "100%"},
            ),
        ],
        className="panel ranking",
    )


def filtered_rows(
    weights: Any,
    states: list[str] | None,
    types: list[str] | None,
    rural: list[str] | None,
    lang: str,
    *,
    user: Any = None,
) -> tuple[list[dict[str, Any]], str]:
    """Rows for the weights, kept by Land and type filters, and the count text."""
    data = data_for(user)
    rows = ranking_rows(data, data.result(weights), lang)
    kept = [
        r
        for r in rows
        if (not states or r["state"] in states)
        and (not types or r["settlement_type"] in types)
        and (not rural or r["rural_type"] in rural)
    ]
    return kept, t("ranking.count", lang, n=len(kept), total=len(rows))


@callback(
    Output(ids.RANK_GRID, "rowData"),
    Output(ids.RANK_COUNT, "children"),
    Input(ids.WEIGHTS, "data"),
    Input(ids.RANK_STATE, "value"),
    Input(ids.RANK_TYPE, "value"),
    Input(ids.RANK_RURAL, "value"),
    Input(ids.VIEW, "value"),
    State(ids.LANG, "value"),
    State(ids.USER, "data"),
    prevent_initial_call=True,
)
def _rows(
    weights: Any,
    states: list[str] | None,
    types: list[str] | None,
    rural: list[str] | None,
    view: str | None,
    lang: str | None,
    user: Any = None,
) -> tuple[Any, Any]:
    if view != "ranking":
        return no_update, no_update
    return filtered_rows(weights, states, types, rural, lang or "de", user=user)


def district_from_row(cell: Any) -> Any:
    """AGS of a clicked row (``no_update`` when the click carries none)."""
    try:
        ags = cell["rowId"]
    except (TypeError, KeyError):
        return no_update
    return str(ags) if ags else no_update


@callback(
    Output(ids.DISTRICT, "value", allow_duplicate=True),
    Output(ids.VIEW, "value", allow_duplicate=True),
    Input(ids.RANK_GRID, "cellClicked"),
    prevent_initial_call=True,
)
def _open_profile(cell: Any) -> tuple[Any, Any]:
    ags = district_from_row(cell)
    if ags is no_update:
        return no_update, no_update
    return ags, "map"
