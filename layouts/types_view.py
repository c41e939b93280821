"""Rural vs urban view.

Per settlement type (an approximation of the BBSR types) or rural type (after Küpper 2016,
recomputed): the size of each type (districts, Kreisregionen, population and area share beside
the published shares), score distributions and means, and a map limited to one type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

import pandas as pd
import plotly.graph_objects as go
from dash import Input, Output, State, callback, dcc, html, no_update

import potentials
from layouts import ids, labels
from layouts.colours import DEFAULT_PALETTE, palette_colours
from layouts.controls import radio_group
from layouts.i18n import dropdown_labels, fmt_count, fmt_number, t
from layouts.map_view import graph_config
from layouts.mapfig import map_payload
from layouts.upload import data_for
from potentials import WeightError
from potentials.typology import NON_RURAL, type_summary

if TYPE_CHECKING:
    from layouts.data import AppData
    from layouts.state import AppState

BY = ("settlement_type", "rural_type")


def _types(scores: pd.DataFrame, by: str) -> list[str]:
    present = [x for x in scores[by].dropna().unique()]
    order = labels.type_order()
    return sorted(present, key=lambda x: order.index(x) if x in order else len(order))


def rural_label(result: Any, lang: str) -> str:
    """Label of the rural types: "Ländlichkeit nach Küpper (2016), mit Daten … neu berechnet"."""
    years = getattr(result, "metadata", {}).get("typology.data_years")
    return t("types.rural", lang, data=years or t("types.data_current", lang))


def types_section(data: AppData, state: AppState) -> html.Section:
    """Build the controls, box plot, means table and filtered map."""
    lang = state.lang
    score_options = [
        {"label": labels.measure_name(data, m, lang), "value": m}
        for m in labels.measures(data)
        if m == "composite" or m.startswith("domain_")
    ]
    return html.Section(
        [
            html.H2(t("types", lang)),
            radio_group(
                t("types.by", lang),
                ids.TYPE_BY,
                [
                    {"label": t("types.settlement", lang), "value": "settlement_type"},
                    {"label": rural_label(data.baseline, lang), "value": "rural_type"},
                ],
                "settlement_type",
            ),
            html.Label(
                t("types.measure", lang), htmlFor=ids.TYPE_MEASURE, className="control-label"
            ),
            dcc.Dropdown(
                id=ids.TYPE_MEASURE,
                options=score_options,
                value="composite",
                clearable=False,
                labels=dropdown_labels(lang),
            ),
            dcc.Graph(id=ids.TYPE_BOX, config={"displaylogo": False}),
            html.Div(id=ids.TYPE_MEANS, className="table-wrap", tabIndex="0"),
            html.Label(t("types.filter", lang), htmlFor=ids.TYPE_FILTER, className="control-label"),
            dcc.Dropdown(id=ids.TYPE_FILTER, clearable=False, labels=dropdown_labels(lang)),
            dcc.Graph(id=ids.TYPE_MAP, config=graph_config()),
        ],
        className="panel",
    )


def box_figure(data: AppData, result: Any, by: str, measure: str, lang: str) -> dict:
    """One box (with all districts as points) per type."""
    scores = result.scores
    types = _types(scores, by)
    colours = palette_colours(DEFAULT_PALETTE, max(len(types), 1))
    fig = go.Figure()
    for colour, typ in zip(colours, types, strict=True):
        sub = scores[scores[by] == typ]
        fig.add_box(
            y=sub[measure].round(3).tolist(),
            name=labels.type_name(typ, lang),
            text=[str(data.names.get(a, a)) for a in sub.index],
            boxpoints="all",
            jitter=0.4,
            pointpos=0,
            marker={"size": 4, "color": colour},
            line={"color": colour},
            hovertemplate="%{text}: %{y:.2f}<extra></extra>",
        )
    fig.update_layout(
        showlegend=False,
        height=420,
        margin={"l": 50, "r": 10, "t": 10, "b": 120},
        yaxis_title=f"{labels.measure_name(data, measure, lang)} ({t('score.unit', lang)})",
    )
    return fig.to_plotly_json()


def _percent(share: float, lang: str) -> str:
    return f"{fmt_number(100.0 * share, lang, decimals=1)} %"


def sizes_table(result: Any, by: str, lang: str) -> html.Div:
    """Districts, Kreisregionen, population and area share per type (``type_summary``)."""
    table = type_summary(result, by=by)
    rural = by == "rural_type"
    header = [
        html.Th(t("col.type", lang)),
        html.Th(t("col.districts", lang)),
        html.Th(t("col.kreisregionen", lang)),
        html.Th(t("col.pop_share", lang)),
        html.Th(t("col.area_share", lang)),
    ]

    def row(name: str, districts: int, regions: object, population: float, area: float) -> Any:
        return html.Tr(
            [
                html.Td(name),
                html.Td(str(districts), className="num"),
                html.Td(str(regions), className="num"),
                html.Td(_percent(population, lang), className="num"),
                html.Td(_percent(area, lang), className="num"),
            ]
        )

    rows = [
        row(
            labels.type_name(r[by], lang),
            int(r["districts"]),
            int(r["kreisregionen"]) if rural else "–",
            float(r["population_share"]),
            float(r["area_share"]),
        )
        for _, r in table.iterrows()
    ]
    if rural:
        types = table[table[by] != NON_RURAL]
        rows.append(
            row(
                t("types.rural_total", lang),
                int(types["districts"].sum()),
                int(types["kreisregionen"].sum()),
                float(types["population_share"].sum()),
                float(types["area_share"].sum()),
            )
        )
    note = t("types.published", lang) if rural else t("types.settlement_note", lang)
    return html.Div(
        [
            html.H3(t("types.sizes", lang)),
            html.Table([html.Thead(html.Tr(header)), html.Tbody(rows)], className="table"),
            html.P(note, className="help"),
        ]
    )


def means_table(data: AppData, result: Any, by: str, lang: str) -> Any:
    """Mean, median and quartiles of the composite and each domain score by type.

    From :func:`potentials.compare_by_type`; each cell shows the mean and below it the
    median with the interquartile range.
    """
    table = potentials.compare_by_type(result, by=by)
    wide = table.pivot(index=by, columns="score", values="mean")
    stats = {s: table.pivot(index=by, columns="score", values=s) for s in ("median", "q25", "q75")}
    counts = table[table["score"] == "composite"].set_index(by)["n"]
    cols = ["composite", *(f"domain_{d.code}" for d in data.framework.domains)]
    cols = [c for c in cols if c in wide.columns]
    header = [html.Th(t("col.type", lang)), html.Th(t("col.n", lang))]
    header += [html.Th(labels.measure_name(data, c, lang)) for c in cols]
    rows = []
    for typ in _types(result.scores, by):
        if typ not in wide.index:
            continue
        count = fmt_count(counts.get(typ, 0), lang)
        cells = [html.Td(labels.type_name(typ, lang)), html.Td(count, className="num")]
        for c in cols:
            spread = t(
                "types.spread",
                lang,
                median=fmt_number(stats["median"].loc[typ, c], lang),
                q25=fmt_number(stats["q25"].loc[typ, c], lang),
                q75=fmt_number(stats["q75"].loc[typ, c], lang),
            )
            cells.append(
                html.Td(
                    [fmt_number(wide.loc[typ, c], lang), html.Br(), html.Small(spread)],
                    className="num",
                )
            )
        rows.append(html.Tr(cells))
    return html.Div(
        [
            html.Table([html.Thead(html.Tr(header)), html.Tbody(rows)], className="table"),
            html.P(t("types.means_help", lang), className="help"),
        ]
    )


def type_map(data: AppData, result: Any, by: str, typ: str, measure: str, lang: str) -> dict:
    """Choropleth of one type's districts (the others in grey)."""
    payload = map_payload(
        data, result, measure, method="quantiles", k=5, palette=DEFAULT_PALETTE, lang=lang
    )
    in_type = [result.scores.at[a, by] == typ for a in data.ags]
    # districts of other types stay visible, in the grey of "no value", for orientation
    z = [v if keep else payload.zmin for v, keep in zip(payload.z, in_type, strict=True)]
    fig = go.Figure(
        go.Choropleth(
            geojson=dict(data.geojson),
            locations=list(data.ags),
            z=z,
            zmin=payload.zmin,
            zmax=payload.zmax,
            colorscale=payload.colorscale,
            customdata=payload.customdata,
            text=[str(data.names[a]) for a in data.ags],
            hovertemplate=payload.hovertemplate,
            marker={"line": {"width": 0.3, "color": "#ffffff"}},
            colorbar={"tickvals": payload.tickvals, "ticktext": payload.ticktext},
        )
    )
    minx, miny, maxx, maxy = data.bounds
    fig.update_geos(
        visible=False,
        projection_type="mercator",
        lonaxis_range=[minx, maxx],
        lataxis_range=[miny, maxy],
    )
    fig.update_layout(height=520, margin={"l": 0, "r": 0, "t": 0, "b": 0}, dragmode=False)
    return fig.to_plotly_json()


def types_view(
    weights: Any, by: str, measure: str, typ: Any, lang: str, *, user: Any = None
) -> tuple:
    """Box figure, size and means tables, filter options, filter value and type map."""
    data = data_for(user)
    result = data.result(weights)
    by = by if by in BY else "settlement_type"
    types = _types(result.scores, by)
    options = [{"label": labels.type_name(x, lang), "value": x} for x in types]
    typ = typ if typ in types else (types[0] if types else None)
    tmap = type_map(data, result, by, typ, measure, lang) if typ else go.Figure().to_plotly_json()
    tables = html.Div(
        [
            sizes_table(result, by, lang),
            html.H3(t("types.means", lang)),
            means_table(data, result, by, lang),
        ]
    )
    return (
        box_figure(data, result, by, measure, lang),
        tables,
        options,
        typ,
        tmap,
    )


class TypesOutputs(TypedDict):
    """Named outputs of the rural-vs-urban callback."""

    box: Any
    means: Any
    filter_options: Any
    filter_value: Any
    map: Any


@callback(
    output={
        "box": Output(ids.TYPE_BOX, "figure"),
        "means": Output(ids.TYPE_MEANS, "children"),
        "filter_options": Output(ids.TYPE_FILTER, "options"),
        "filter_value": Output(ids.TYPE_FILTER, "value"),
        "map": Output(ids.TYPE_MAP, "figure"),
    },
    inputs={
        "by": Input(ids.TYPE_BY, "value"),
        "measure": Input(ids.TYPE_MEASURE, "value"),
        "typ": Input(ids.TYPE_FILTER, "value"),
        "weights": Input(ids.WEIGHTS, "data"),
        "view": Input(ids.VIEW, "value"),
    },
    state={"lang": State(ids.LANG, "value"), "user": State(ids.USER, "data")},
)
def _types_cb(
    by: Any, measure: Any, typ: Any, weights: Any, view: Any, lang: Any, user: Any = None
) -> TypesOutputs:
    unchanged = TypesOutputs(
        box=no_update, means=no_update, filter_options=no_update, filter_value=no_update,
        map=no_update,
    )  # fmt: skip
    if view != "types":
        return unchanged
    try:
        box, means, options, value, tmap = types_view(
            weights, by, measure or "composite", typ, lang or "de", user=user
        )
    except WeightError:
        return unchanged  # the map says why
    return TypesOutputs(box=box, means=means, filter_options=options, filter_value=value, map=tmap)
