"""Map section: the choropleth, its legend and the recolouring callbacks."""

from __future__ import annotations

from typing import Any, TypedDict

from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from layouts import ids, labels
from layouts.aria import aria
from layouts.colours import METHODS, PALETTES, changed
from layouts.data import AppData
from layouts.engine import COMPOSITE, default_weights, draws_of, parse_weights
from layouts.i18n import fmt_count, fmt_number, t
from layouts.inputs import checked, text, weights_part, weights_store
from layouts.mapfig import MapPayload, figure, map_payload, patch
from layouts.places import with_overlays
from layouts.state import AppState
from layouts.upload import data_for
from layouts.weights import collect, weight_message
from potentials import ClassificationError, Result, WeightError
from potentials.classify import check_k


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
    wrap: Any


class SliderRecoloured(TypedDict):
    """Named outputs of the slider callback (the legend follows with :func:`with_intervals`)."""

    figure: Any
    classes: Any
    message: Any
    wrap: Any
    weights: Any
    note: str


#: Class of the map's frame while its rank intervals are being computed (hover hidden).
STALE_WRAP = "map-wrap stale"
WRAP = "map-wrap"


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
    provisional: bool = False,
) -> Recoloured:
    """Recolour the map for new weights, measure, classes or palette (plain function).

    Weights that cannot be scored keep the map as it is and say why. After a change
    of weights the message counts the districts that changed class; back at the
    framework's weights (reset) it is cleared.

    With ``provisional``, weights whose rank intervals are not at hand are drawn at
    once from their scores (the classes and ranks are final, the Monte Carlo only adds
    the intervals); the frame is then marked stale, which hides the hover, until
    :func:`with_intervals` sends the same map with its intervals.
    """
    data = data_for(user)
    try:
        result = data.scorer.provisional(weights) if provisional else data.result(weights)
    except WeightError as err:
        text = f"{weight_message(err, data, lang)} {t('weights.kept', lang)}"
        return Recoloured(
            figure=no_update, classes=no_update, message=text, legend=no_update, wrap=WRAP
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
    pending = data.scorer.mc_draws > 0 and draws_of(result) == 0
    return Recoloured(
        figure=patch(payload),
        classes=list(payload.classes.cls),
        message=message,
        legend=legend(data, payload, measure=measure, lang=lang),
        wrap=STALE_WRAP if pending else WRAP,
    )


class Completed(TypedDict):
    """Named outputs of the callback that follows a change of the weights store."""

    figure: Any
    classes: Any
    wrap: Any
    legend: Any


def with_intervals(
    weights: Any,
    measure: str,
    method: str,
    k: int,
    palette: str,
    lang: str,
    *,
    redraw: bool,
    user: Any = None,
) -> Completed:
    """Return the legend for ``weights`` and, with ``redraw``, the map with its intervals.

    The legend follows the map here rather than with the provisional colours, so the
    first answer to a slider stays small. The map is redrawn when its frame is stale
    or when the weights came from elsewhere than the sliders (an applied upload); it
    carries its colours, so that a late answer for earlier weights still shows one
    consistent setting.
    """
    data = data_for(user)
    try:
        result = data.result(weights) if redraw else data.scorer.provisional(weights)
    except WeightError:
        keep = WRAP if redraw else no_update
        return Completed(figure=no_update, classes=no_update, wrap=keep, legend=no_update)
    if measure not in labels.measures(data):
        measure = COMPOSITE
    payload = map_payload(
        data, result, measure, method=method, k=int(k), palette=palette, lang=lang
    )
    return Completed(
        figure=patch(payload) if redraw else no_update,
        classes=list(payload.classes.cls) if redraw else no_update,
        wrap=WRAP if redraw else no_update,
        legend=legend(data, payload, measure=measure, lang=lang),
    )


def _settings_valid(measure: Any, method: Any, k: Any, palette: Any) -> bool:
    if not measure or not method or not k or not palette:
        return False
    return method in METHODS and palette in PALETTES and _valid_k(method, k)


# A weight slider recolours the map in one round trip: the weights are read and
# checked here, and the map is drawn from the scores before the rank intervals are
# computed. The other views follow the weights store once the map is painted.
@callback(
    output={
        "figure": Output(ids.MAP, "figure", allow_duplicate=True),
        "classes": Output(ids.CLASSES, "data", allow_duplicate=True),
        "message": Output(ids.MAP_MESSAGE, "children", allow_duplicate=True),
        "wrap": Output(ids.MAP_WRAP, "className", allow_duplicate=True),
        "weights": Output(ids.SLIDER_WEIGHTS, "data"),
        "note": Output(ids.WEIGHTS_NOTE, "children"),
    },
    inputs={
        "domain_values": Input({"type": ids.DOMAIN_WEIGHT, "code": ALL}, "value"),
        "ind_values": Input({"type": ids.INDICATOR_WEIGHT, "code": ALL}, "value"),
        "direction_values": Input({"type": ids.DIRECTION, "code": ALL}, "value"),
        "preset_indicators": Input(ids.PRESET_INDICATORS, "data"),
    },
    state={
        "current_weights": State(ids.WEIGHTS, "data"),
        "measure": State(ids.MEASURE, "value"),
        "method": State(ids.CLASS_METHOD, "value"),
        "k": State(ids.CLASS_K, "value"),
        "palette": State(ids.PALETTE, "value"),
        "before": State(ids.CLASSES, "data"),
        "lang": State(ids.LANG, "value"),
        "user": State(ids.USER, "data"),
    },
    prevent_initial_call=True,
)
@checked(preset_indicators=weights_part)
def _recolour_weights(
    domain_values: Any,
    ind_values: Any,
    direction_values: Any,
    preset_indicators: Any,
    current_weights: Any,
    measure: Any,
    method: Any,
    k: Any,
    palette: Any,
    before: Any,
    lang: Any,
    user: Any = None,
) -> SliderRecoloured:
    lang = lang or "de"
    inputs = ctx.inputs_list
    # indicators whose sliders are not shown keep their weight, or take the preset's
    if ids.PRESET_INDICATORS in {p.split(".")[0] for p in ctx.triggered_prop_ids}:
        hidden = preset_indicators
    else:
        hidden = (current_weights or {}).get("indicators") or {}
    got = collect(
        [x["id"] for x in inputs[0]],
        domain_values,
        [x["id"] for x in inputs[1]],
        ind_values,
        lang,
        user=user,
        direction_ids=[x["id"] for x in inputs[2]],
        direction_values=direction_values,
        indicators=hidden,
    )
    weights = got["weights"]
    keep = SliderRecoloured(
        figure=no_update,
        classes=no_update,
        message=no_update,
        wrap=no_update,
        weights=weights,
        note=got["note"],
    )
    if weights is no_update or not _settings_valid(measure, method, k, palette):
        return keep
    framework = data_for(user).framework
    if current_weights is not None and parse_weights(framework, current_weights) == weights:
        return {**keep, "weights": no_update}  # nothing changed: the map stays as it is
    out = recolour(
        weights,
        measure,
        method,
        k,
        palette,
        before,
        lang,
        weights_changed=True,
        user=user,
        provisional=True,
    )
    return SliderRecoloured(
        figure=out["figure"],
        classes=out["classes"],
        message=out["message"],
        wrap=out["wrap"],
        weights=weights,
        note=got["note"],
    )


# One callback follows the weights store and the map settings, so that Dash keeps only
# the latest of its answers: a late map for earlier settings never lands over a newer.
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
        "slider_weights": State(ids.SLIDER_WEIGHTS, "data"),
        "wrap": State(ids.MAP_WRAP, "className"),
        "before": State(ids.CLASSES, "data"),
        "lang": State(ids.LANG, "value"),
        "user": State(ids.USER, "data"),
    },
    prevent_initial_call=True,
)
@checked(wrap=text, slider_weights=weights_store)
def _recolour(
    weights: Any,
    measure: Any,
    method: Any,
    k: Any,
    palette: Any,
    slider_weights: Any,
    wrap: Any,
    before: Any,
    lang: Any,
    user: Any = None,
) -> Recoloured:
    if not _settings_valid(measure, method, k, palette):
        raise PreventUpdate
    lang = lang or "de"
    triggered = {p.split(".")[0] for p in ctx.triggered_prop_ids}
    if triggered != {ids.WEIGHTS}:  # the measure, classes or palette changed
        return recolour(
            weights, measure, method, k, palette, before, lang, weights_changed=False, user=user
        )
    stale = "stale" in (wrap or "").split()
    done = with_intervals(
        weights,
        measure,
        method,
        k,
        palette,
        lang,
        redraw=stale or weights != slider_weights,
        user=user,
    )
    return Recoloured(message=no_update, **done)


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
# view's callback removes the mark with its new content (the map marks its own).
clientside_callback(
    """
    function(weights) {
        return ["profile stale", "table-wrap stale", "note stale"];
    }
    """,
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


__all__ = ["district_from_click", "legend", "map_section", "recolour", "with_intervals"]
