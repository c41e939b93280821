"""Compare 2–6 districts side by side: domain-score chart and an indicator table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Input, Output, State, callback, dcc, html, no_update

from layouts import ids, labels, places
from layouts.colours import palette_colours
from layouts.controls import radio_group
from layouts.engine import draws_of
from layouts.i18n import dropdown_labels, fmt_count, fmt_number, t
from layouts.profile import district_options
from layouts.state import MAX_COMPARE
from layouts.upload import data_for
from potentials import WeightError

if TYPE_CHECKING:
    from layouts.data import AppData
    from layouts.state import AppState


def compare_section(data: AppData, state: AppState) -> html.Section:
    """Build the selection, value mode, chart and table."""
    lang = state.lang
    return html.Section(
        [
            html.H2(t("compare", lang)),
            html.Label(
                t("compare.select", lang), htmlFor=ids.COMPARE_SELECT, className="control-label"
            ),
            dcc.Dropdown(
                id=ids.COMPARE_SELECT,
                options=district_options(data, lang),
                value=list(state.compare),
                multi=True,
                searchable=True,
                placeholder=t("compare.select", lang),
                labels=dropdown_labels(lang),
            ),
            radio_group(
                t("compare.mode", lang),
                ids.COMPARE_MODE,
                [
                    {"label": t("compare.normalised", lang), "value": "normalised"},
                    {"label": t("compare.raw", lang), "value": "raw"},
                ],
                "normalised",
            ),
            dcc.Graph(
                id=ids.COMPARE_CHART,
                config={"displaylogo": False},
                figure=go.Figure().to_plotly_json(),
            ),
            html.Div(id=ids.COMPARE_RANKS, className="table-wrap", tabIndex="0"),
            html.Div(id=ids.COMPARE_TABLE, className="table-wrap", tabIndex="0"),
        ],
        className="panel",
    )


def compare_figure(data: AppData, result: Any, selected: list[str], lang: str) -> dict:
    """Draw grouped bars of composite and domain scores, one colour per district."""
    cols = ["composite", *(f"domain_{d.code}" for d in data.framework.domains)]
    names = [labels.measure_name(data, c, lang) for c in cols]
    colours = palette_colours("viridis", max(len(selected), 1))
    fig = go.Figure()
    for colour, ags in zip(colours, selected, strict=False):
        row = result.scores.loc[ags, cols].astype(float).round(3)
        fig.add_bar(name=f"{data.names[ags]} ({ags})", x=names, y=row.tolist(), marker_color=colour)
    fig.update_layout(
        barmode="group",
        margin={"l": 40, "r": 10, "t": 60, "b": 120},
        height=440,
        yaxis_title=t("score.unit", lang),
        # legend above the plot area, clear of the bars
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    return fig.to_plotly_json()


def rank_table(data: AppData, result: Any, selected: list[str], lang: str) -> Any:
    """Rank, rank interval for these weights and robustness group of each district."""
    scores = result.scores
    interval = labels.rank_interval(result)
    header = [html.Th(t("col.district", lang)), html.Th(t("compare.ranks", lang))]
    header.append(html.Th(t("compare.robustness", lang)))
    rows = []
    for a in selected:
        rank = scores.at[a, "rank"]
        lo, hi = interval.get(a, (np.nan, np.nan))
        text = "–" if pd.isna(rank) else str(int(rank))
        if not pd.isna(lo):
            text += f" ({int(lo)}–{int(hi)})"
        group = scores.at[a, "robustness"] if "robustness" in scores.columns else None
        rows.append(
            html.Tr(
                [
                    html.Td(f"{data.names[a]} ({a})"),
                    html.Td(
                        [html.Span(text, className="rank-interval"),
                         html.Span(t("stale", lang), className="stale-note")],
                        className="num",
                    ),
                    html.Td(t(str(group), lang) if isinstance(group, str) else "–"),
                ]
            )
        )  # fmt: skip
    caption = t("profile.draws", lang, n=fmt_count(draws_of(result), lang))
    return html.Table(
        [html.Caption(caption), html.Thead(html.Tr(header)), html.Tbody(rows)],
        className="table compare-ranks",
    )


def compare_table(data: AppData, result: Any, selected: list[str], mode: str, lang: str) -> Any:
    """Tabulate indicator rows × district columns, raw values (with unit and year) or z-scores."""
    source = result.raw if mode == "raw" else result.normalised
    header = [html.Th(t("col.indicator", lang)), html.Th(t("col.unit", lang))]
    header += [html.Th(t("col.direction", lang))]
    header += [html.Th(f"{data.names[a]} ({a})") for a in selected]
    rows = places.context_rows(data, selected, lang)
    for ind in data.framework.indicators:
        code = ind.code
        unit = labels.indicator_unit(data, code, lang) if mode == "raw" else t("score.unit", lang)
        direction = (
            labels.direction_text(data, code, lang, result.framework)
            if mode == "raw"
            else t("direction.higher", lang)
        )
        cells = [
            html.Td(labels.marked_name(data, code, lang)),
            html.Td(unit),
            html.Td(direction),
        ]
        for a in selected:
            v = source[code].get(a) if code in source.columns else None
            cells.append(html.Td(fmt_number(v, lang), className="num"))
        rows.append(html.Tr(cells))
    notes = [
        html.P(f"{t('proxy.mark', lang)}: {note}", className="help")
        for note in labels.proxy_notes(data, data.framework.codes, lang)
    ]
    table = html.Table([html.Thead(html.Tr(header)), html.Tbody(rows)], className="table")
    return html.Div([table, *notes])


class CompareOutputs(TypedDict):
    """Named outputs of the compare callback."""

    chart: Any
    ranks: Any
    ranks_class: Any
    table: Any
    selection: Any


def compare_view(
    weights: Any, selected: Any, mode: str, lang: str, *, user: Any = None
) -> tuple[Any, Any, Any]:
    """Chart, rank table and indicator table for the selection (plain function).

    Raises
    ------
    potentials.WeightError
        If the weights cannot be scored.
    """
    data = data_for(user)
    selected = [a for a in (selected or []) if a in data.names.index][:MAX_COMPARE]
    if len(selected) < 2:
        hint = html.P(t("compare.hint", lang), className="help")
        return go.Figure().to_plotly_json(), [], hint
    result = data.result(weights)
    return (
        compare_figure(data, result, selected, lang),
        rank_table(data, result, selected, lang),
        compare_table(data, result, selected, mode, lang),
    )


@callback(
    output={
        "chart": Output(ids.COMPARE_CHART, "figure"),
        "ranks": Output(ids.COMPARE_RANKS, "children"),
        "ranks_class": Output(ids.COMPARE_RANKS, "className"),
        "table": Output(ids.COMPARE_TABLE, "children"),
        "selection": Output(ids.COMPARE_SELECT, "value"),
    },
    inputs={
        "selected": Input(ids.COMPARE_SELECT, "value"),
        "mode": Input(ids.COMPARE_MODE, "value"),
        "weights": Input(ids.WEIGHTS, "data"),
        "view": Input(ids.VIEW, "value"),
    },
    state={"lang": State(ids.LANG, "value"), "user": State(ids.USER, "data")},
)
def _compare(
    selected: Any, mode: Any, weights: Any, view: Any, lang: Any, user: Any = None
) -> CompareOutputs:
    unchanged = CompareOutputs(
        chart=no_update, ranks=no_update, ranks_class=no_update, table=no_update,
        selection=no_update,
    )  # fmt: skip
    if view != "compare":
        return unchanged
    lang = lang or "de"
    try:
        figure, ranks, table = compare_view(
            weights, selected, mode or "normalised", lang, user=user
        )
    except WeightError:
        return unchanged  # the map says why
    out = CompareOutputs(
        chart=figure, ranks=ranks, ranks_class="table-wrap", table=table, selection=no_update
    )
    if selected and len(selected) > MAX_COMPARE:
        note = html.P(t("compare.max", lang, n=MAX_COMPARE), className="note", role="status")
        out["table"] = [note, table]
        out["selection"] = selected[:MAX_COMPARE]
    return out
