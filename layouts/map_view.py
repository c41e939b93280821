"""Map section: the choropleth, its legend and the recolouring callbacks."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from layouts import ids, labels
from layouts.classes import changed
from layouts.engine import COMPOSITE
from layouts.i18n import fmt_number, t
from layouts.mapfig import MapPayload, figure, map_payload, patch
from layouts.places import with_overlays
from layouts.upload import data_for


def graph_config() -> dict:
    """Return the Plotly config: no logo or scroll zoom, PNG export, local base-map file."""
    # relative to the page, so it also works under a path prefix
    return {**GRAPH_CONFIG, "topojsonURL": "assets/topojson/"}


GRAPH_CONFIG = {
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    "toImageButtonOptions": {"format": "png", "filename": "integrationspotenzial", "scale": 2},
}


def legend(payload: MapPayload, *, lang: str, unit: str) -> list[Any]:
    """Legend items: colour swatch, class range with unit and district count."""
    classes = payload.classes
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
                    html.Span(t("legend.count", lang, n=classes.counts[i]), className="count"),
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
                    html.Span(t("legend.count", lang, n=missing), className="count"),
                ]
            )
        )
    return [html.H3(t("legend", lang)), html.Ul(items, className="legend-list")]


def map_section(data: Any, state: Any, result: Any) -> html.Section:
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
    unit = labels.measure_unit(data, state.measure, lang)
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
                role="figure",
                **{"aria-label": t("map.aria", lang)},
            ),
            html.P(id=ids.MAP_MESSAGE, className="note", role="status", **{"aria-live": "polite"}),
            html.Div(legend(payload, lang=lang, unit=unit), id=ids.LEGEND, className="legend"),
            dcc.Store(id=ids.CLASSES, data=list(payload.classes.cls)),
        ],
        className="map-section",
    )


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
) -> tuple[Any, list[int], str, list[Any]]:
    """Recolour the map for new weights, measure, classes or palette (plain function).

    Returns
    -------
    Patch of the figure, class per district, message, legend.
    """
    data = data_for(user)
    result = data.result(weights)
    if measure not in labels.measures(data):
        measure = COMPOSITE
    payload = map_payload(
        data, result, measure, method=method, k=int(k), palette=palette, lang=lang
    )
    message = ""
    if weights_changed:
        n = changed(before, payload.classes.cls)
        if n is not None:
            total = len(payload.classes.cls)
            message = t("map.changed", lang, n=n, total=total) if n else t("map.unchanged", lang)
    unit = labels.measure_unit(data, measure, lang)
    return (
        patch(payload),
        list(payload.classes.cls),
        message,
        legend(payload, lang=lang, unit=unit),
    )


@callback(
    Output(ids.MAP, "figure"),
    Output(ids.CLASSES, "data"),
    Output(ids.MAP_MESSAGE, "children"),
    Output(ids.LEGEND, "children"),
    Input(ids.WEIGHTS, "data"),
    Input(ids.MEASURE, "value"),
    Input(ids.CLASS_METHOD, "value"),
    Input(ids.CLASS_K, "value"),
    Input(ids.PALETTE, "value"),
    State(ids.CLASSES, "data"),
    State(ids.LANG, "value"),
    State(ids.USER, "data"),
    prevent_initial_call=True,
)
def _recolour(weights, measure, method, k, palette, before, lang, user=None):
    if not measure or not method or not k or not palette:
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


@callback(
    Output(ids.DISTRICT, "value"),
    Input(ids.MAP, "clickData"),
    prevent_initial_call=True,
)
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
