"""Compare 2–6 districts side by side: domain-score chart and an indicator table."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from dash import Input, Output, State, callback, dcc, html, no_update

from layouts import ids, labels, places
from layouts.classes import palette_colours
from layouts.controls import radio_group
from layouts.i18n import dropdown_labels, fmt_number, t
from layouts.profile import district_options
from layouts.state import MAX_COMPARE
from layouts.upload import data_for


def compare_section(data: Any, state: Any) -> html.Section:
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
            html.Div(id=ids.COMPARE_TABLE, className="table-wrap", tabIndex="0"),
        ],
        className="panel",
    )


def compare_figure(data: Any, result: Any, selected: list[str], lang: str) -> dict:
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


def compare_table(data: Any, result: Any, selected: list[str], mode: str, lang: str) -> Any:
    """Tabulate indicator rows × district columns, raw values (with unit and year) or z-scores."""
    source = result.raw if mode == "raw" else result.normalised
    header = [html.Th(t("col.indicator", lang)), html.Th(t("col.unit", lang))]
    header += [html.Th(f"{data.names[a]} ({a})") for a in selected]
    rows = places.context_rows(data, selected, lang)
    for ind in data.framework.indicators:
        code = ind.code
        unit = labels.indicator_unit(data, code, lang) if mode == "raw" else t("score.unit", lang)
        cells = [html.Td(labels.indicator_name(data, code, lang)), html.Td(unit)]
        for a in selected:
            v = source[code].get(a) if code in source.columns else None
            cells.append(html.Td(fmt_number(v, lang), className="num"))
        rows.append(html.Tr(cells))
    return html.Table([html.Thead(html.Tr(header)), html.Tbody(rows)], className="table")


def compare_view(
    weights: Any, selected: Any, mode: str, lang: str, *, user: Any = None
) -> tuple[Any, Any]:
    """Chart and table for the selection (plain function)."""
    data = data_for(user)
    selected = [a for a in (selected or []) if a in data.names.index][:MAX_COMPARE]
    if len(selected) < 2:
        return go.Figure().to_plotly_json(), html.P(t("compare.hint", lang), className="help")
    result = data.result(weights)
    return (
        compare_figure(data, result, selected, lang),
        compare_table(data, result, selected, mode, lang),
    )


@callback(
    Output(ids.COMPARE_CHART, "figure"),
    Output(ids.COMPARE_TABLE, "children"),
    Output(ids.COMPARE_SELECT, "value"),
    Input(ids.COMPARE_SELECT, "value"),
    Input(ids.COMPARE_MODE, "value"),
    Input(ids.WEIGHTS, "data"),
    Input(ids.VIEW, "value"),
    State(ids.LANG, "value"),
    State(ids.USER, "data"),
)
def _compare(selected, mode, weights, view, lang, user=None):
    if view != "compare":
        return no_update, no_update, no_update
    lang = lang or "de"
    figure, table = compare_view(weights, selected, mode or "normalised", lang, user=user)
    if selected and len(selected) > MAX_COMPARE:
        note = html.P(t("compare.max", lang, n=MAX_COMPARE), className="note", role="status")
        return figure, [note, table], selected[:MAX_COMPARE]
    return figure, table, no_update
