"""Map section: the choropleth, its legend and the recolouring callbacks."""

from __future__ import annotations

from typing import Any, TypedDict

from dash import Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from layouts import ids, labels
from layouts.aria import aria
from layouts.colours import METHODS, PALETTES, changed
from layouts.data import AppData
from layouts.engine import COMPOSITE, default_weights, parse_weights
from layouts.i18n import fmt_count, fmt_general, fmt_number, t
from layouts.inputs import checked
from layouts.mapfig import MapPayload, figure, map_payload, patch
from layouts.places import with_overlays
from layouts.state import AppState
from layouts.upload import data_for
from potentials import ClassificationError, Result, WeightError
from potentials.classify import check_k
from potentials.spec import MAX_WEIGHT, MIN_WEIGHT


def graph_config() -> dcc.Graph.Config:
    """Return the Plotly config: no logo or scroll zoom, PNG export, local base-map file."""
    # relative to the page, so it also works under a path prefix
    config = GRAPH_CONFIG.copy()
    config["topojsonURL"] = "assets/topojson/"
    return config


GRAPH_CONFIG = dcc.Graph.Config(
    displaylogo=False,
    scrollZoom=False,
    modeBarButtonsToRemove=["select2d", "lasso2d"],
    toImageButtonOptions={"format": "png", "filename": "integrationspotenzial", "scale": 2},
)


def legend(data: AppData, payload: MapPayload, *, measure: str, lang: str) -> list[Any]:
    """Build the legend: favourable direction, one row per class, notes.

    A row has the class range with unit and the district count; the notes say why
    there are fewer classes than asked and what a proxy stands for.
    """
    classes = payload.classes
    unit = labels.measure_unit(data, measure, lang)
    items = []
    for i, colour in enumerate(classes.colours):
        lo, hi = classes.edges[i], classes.edges[i + 1]
        items.append(
            html.Li(
                [
                    html.Span(className="swatch", style={"backgroundColor": colour}),
                    html.Span(
                        f"{fmt_number(lo, lang)} – {fmt_number(hi, lang)} {unit}".strip(),
                        className="range",
                    ),
                    html.Span(
                        t("legend.count", lang, n=fmt_count(classes.counts[i], lang)),
                        className="count",
                    ),
                ]
            )
        )
    missing = sum(1 for c in classes.cls if c < 0)
    if missing:
        items.append(
            html.Li(
                [
                    html.Span(className="swatch missing"),
                    html.Span(t("legend.missing", lang), className="range"),
                    html.Span(
                        t("legend.count", lang, n=fmt_count(missing, lang)), className="count"
                    ),
                ]
            )
        )
    notes: list[Any] = [
        html.P(
            [html.Strong(payload.direction), " · ",
             t("direction.colour", lang)],
            className="legend-direction",
        )
    ]  # fmt: skip
    if classes.shortfall:
        notes.append(
            html.P(
                t(
                    f"class.shortfall.{classes.shortfall}",
                    lang,
                    k=len(classes.colours),
                    requested=classes.requested,
                ),
                className="note legend-shortfall",
            )
        )
    note = labels.proxy_note(data, measure, lang)
    if note:
        notes.append(html.P(f"{t('proxy.mark', lang)}: {note}", className="help legend-proxy"))
    return [
        html.H3(t("legend", lang)),
        *notes[:1],
        html.Ul(items, className="legend-list"),
        *notes[1:],
    ]


def map_section(data: AppData, state: AppState, result: Result) -> html.Section:
    """Build the map with its legend, class-change message and class store."""
    lang = state.lang
    payload = map_payload(
        data,
        result,
        state.measure,
        method=state.method,
        k=state.k,
        palette=state.palette,
        lang=lang,
    )
    return html.Section(
        [
            html.H2(t("map.title", lang), className="visually-hidden"),
            html.Div(
                dcc.Graph(
                    id=ids.MAP,
                    figure=with_overlays(figure(data, payload, lang=lang), data, state.district),
                    config=graph_config(),
                    className="map-graph",
                ),
                id=ids.MAP_WRAP,
                className="map-wrap",
                role="figure",
                **aria(label=t("map.aria", lang)),
            ),
            html.P(id=ids.MAP_MESSAGE, className="note", role="status", **aria(live="polite")),
            html.Div(
                legend(data, payload, measure=state.measure, lang=lang),
                id=ids.LEGEND,
                className="legend",
            ),
            dcc.Store(id=ids.CLASSES, data=list(payload.classes.cls)),
        ],
        className="map-section",
    )


class Recoloured(TypedDict):
    """Named outputs of the recolouring callback."""

    figure: Any
    classes: Any
    message: Any
    legend: Any
    wrap: str


def weight_message(err: WeightError, data: AppData, lang: str) -> str:
    """Why a weight setting cannot be scored, in the interface language."""
    name = err.code or ""
    if err.code and err.level == "domain" and err.code in data.framework.domain_codes:
        name = labels.domain_name(data, err.code, lang)
    elif err.code and err.code in data.catalogue.index:
        name = labels.indicator_name(data, err.code, lang)
    values = {
        "name": name,
        "value": fmt_general(err.value, lang),
        "min": fmt_general(MIN_WEIGHT, lang),
        "max": fmt_general(MAX_WEIGHT, lang),
    }
    key = {
        "all_zero": "weights.error.all_zero",
        "too_small": "weights.error.too_small",
        "too_large": "weights.error.too_large",
    }.get(err.reason, "weights.error.invalid")
    return t(key, lang, **values)


def recolour(
    weights: Any,
    measure: str,
    method: str,
    k: int,
    palette: str,
    before: Any,
    lang: str,
    *,
    weights_changed: bool,
    user: Any = None,
) -> Recoloured:
    """Recolour the map for new weights, measure, classes or palette (plain function).

    Weights that cannot be scored keep the map as it is and say why. After a change
    of weights the message counts the districts that changed class; back at the
    framework's weights (reset) it is cleared.
    """
    data = data_for(user)
    try:
        result = data.result(weights)
    except WeightError as err:
        text = f"{weight_message(err, data, lang)} {t('weights.kept', lang)}"
        return Recoloured(
            figure=no_update, classes=no_update, message=text, legend=no_update, wrap="map-wrap"
        )
    if measure not in labels.measures(data):
        measure = COMPOSITE
    payload = map_payload(
        data, result, measure, method=method, k=int(k), palette=palette, lang=lang
    )
    message = ""
    at_defaults = parse_weights(data.framework, weights) == default_weights(data.framework)
    if weights_changed and not at_defaults:
        n = changed(before, payload.classes.cls)
        if n is not None:
            total = len(payload.classes.cls)
            message = t("map.changed", lang, n=n, total=total) if n else t("map.unchanged", lang)
    return Recoloured(
        figure=patch(payload),
        classes=list(payload.classes.cls),
        message=message,
        legend=legend(data, payload, measure=measure, lang=lang),
        wrap="map-wrap",
    )


@callback(
    output={
        "figure": Output(ids.MAP, "figure"),
        "classes": Output(ids.CLASSES, "data"),
        "message": Output(ids.MAP_MESSAGE, "children"),
        "legend": Output(ids.LEGEND, "children"),
        "wrap": Output(ids.MAP_WRAP, "className"),
    },
    inputs={
        "weights": Input(ids.WEIGHTS, "data"),
        "measure": Input(ids.MEASURE, "value"),
        "method": Input(ids.CLASS_METHOD, "value"),
        "k": Input(ids.CLASS_K, "value"),
        "palette": Input(ids.PALETTE, "value"),
    },
    state={
        "before": State(ids.CLASSES, "data"),
        "lang": State(ids.LANG, "value"),
        "user": State(ids.USER, "data"),
    },
    prevent_initial_call=True,
)
@checked
def _recolour(
    weights: Any,
    measure: Any,
    method: Any,
    k: Any,
    palette: Any,
    before: Any,
    lang: Any,
    user: Any = None,
) -> Recoloured:
    if not measure or not method or not k or not palette:
        raise PreventUpdate
    if method not in METHODS or palette not in PALETTES or not _valid_k(method, k):
        raise PreventUpdate
    return recolour(
        weights,
        measure,
        method,
        k,
        palette,
        before,
        lang or "de",
        weights_changed=ctx.triggered_id == ids.WEIGHTS,
        user=user,
    )


def _valid_k(method: str, k: Any) -> bool:
    try:
        check_k(method, k)
    except ClassificationError:
        return False
    return True


@callback(
    Output(ids.MAP_MESSAGE, "children", allow_duplicate=True),
    Input(ids.DISTRICT, "value"),
    prevent_initial_call=True,
)
def _clear_message(_district: Any) -> str:
    """Clear the class-change message: picking a district starts a new question."""
    return ""


# While the engine computes the intervals for new weights, the rank intervals on
# screen belong to the old weights: mark them stale at once (in the browser); each
# view's callback removes the mark with its new content.
clientside_callback(
    """
    function(weights) {
        return ["map-wrap stale", "profile stale", "table-wrap stale", "note stale"];
    }
    """,
    Output(ids.MAP_WRAP, "className", allow_duplicate=True),
    Output(ids.PROFILE, "className", allow_duplicate=True),
    Output(ids.COMPARE_RANKS, "className", allow_duplicate=True),
    Output(ids.UNC_NOTE, "className", allow_duplicate=True),
    Input(ids.WEIGHTS, "data"),
    prevent_initial_call=True,
)


@callback(
    Output(ids.DISTRICT, "value"),
    Input(ids.MAP, "clickData"),
    prevent_initial_call=True,
)
@checked
def _select_on_click(click):
    return district_from_click(click)


def district_from_click(click: Any) -> Any:
    """Return the AGS of the clicked district (``no_update`` for a click beside the map)."""
    try:
        location = click["points"][0]["location"]
    except (TypeError, KeyError, IndexError):
        return no_update
    return str(location) if location is not None else no_update


__all__ = ["district_from_click", "legend", "map_section", "recolour"]
