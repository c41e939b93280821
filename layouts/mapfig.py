"""The choropleth: built once with the geometry, recoloured afterwards with a Patch.

:func:`map_payload` computes everything that depends on the user's choices
(values, classes, colours, hover data); :func:`figure` wraps it with the geometry
for the first load and :func:`patch` sends only the payload on a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from layouts import labels
from layouts.colours import MapClasses, classify, stepped_colorscale
from layouts.data import AppData
from layouts.engine import measure_values
from layouts.i18n import fmt_number, t
from potentials.extra import YEAR_NOT_STATED

#: Decimal places of the values sent to the browser.
DECIMALS = 3


@dataclass(frozen=True)
class MapPayload:
    """The part of the map figure that changes with weights, measure or classes."""

    z: list[float]
    customdata: list[list[object]]
    colorscale: list[list[object]]
    zmin: float
    zmax: float
    tickvals: list[float]
    ticktext: list[str]
    hovertemplate: str
    colorbar_title: str
    classes: MapClasses
    direction: str


def _year(value: object) -> str:
    try:
        year = int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    return "—" if year == YEAR_NOT_STATED else str(year)


def map_payload(
    data: AppData,
    result: Any,
    measure: str,
    *,
    method: str,
    k: int,
    palette: str,
    lang: str,
) -> MapPayload:
    """Values, classes and hover data of one measure for the map.

    Parameters
    ----------
    data
        The app data (district order, years, baseline intervals).
    result
        Engine result for the user's weights.
    measure
        ``composite``, ``domain_<code>`` or an indicator code.
    method, k, palette
        Classification method, class count and palette name.
    lang
        Interface language.

    Returns
    -------
    MapPayload
    """
    order = list(data.ags)
    values = measure_values(result, measure).reindex(order)
    high = labels.favourable_high(data, measure, result.framework)
    classes = classify(values, method=method, k=k, palette=palette, favourable_high=high)
    scale, zmin, zmax, ticks = stepped_colorscale(values, classes)
    arr = values.to_numpy(dtype=float)
    z = np.where(np.isfinite(arr), np.round(arr, DECIMALS), round(zmin, DECIMALS))
    unit = labels.measure_unit(data, measure, lang)
    rank = result.scores["rank"].reindex(order).to_numpy(dtype=float)
    interval = labels.rank_interval(result).reindex(order).tolist()
    if measure in data.years.columns:
        years = [_year(y) if pd.notna(y) else "–" for y in data.years[measure].reindex(order)]
    else:
        years = [labels.score_year(data)] * len(order)
    missing = t("missing", lang)
    custom: list[list[object]] = [
        [
            fmt_number(v, lang) if np.isfinite(v) else missing,
            yr,
            int(r) if np.isfinite(r) else "–",
            "–" if pd.isna(lo) else int(lo),
            "–" if pd.isna(hi) else int(hi),
        ]
        for v, yr, r, (lo, hi) in zip(arr, years, rank, interval, strict=True)
    ]
    direction = labels.direction_text(data, measure, lang, result.framework)
    target = labels.proxy_target(data, measure, lang)
    proxy = f"{t('proxy.mark', lang)}: {t('hover.proxy', lang)} {target}<br>" if target else ""
    hover = (
        "<b>%{text}</b><br>"
        f"{t('hover.value', lang)}: %{{customdata[0]}} {unit} ({direction})<br>"
        f"{proxy}"
        f"{t('hover.year', lang)}: %{{customdata[1]}}<br>"
        f"{t('hover.rank', lang)}: %{{customdata[2]}} "
        f"({t('hover.interval', lang)}: %{{customdata[3]}}–%{{customdata[4]}})"
        "<extra></extra>"
    )
    return MapPayload(
        z=[float(x) for x in z],
        customdata=custom,
        colorscale=scale,
        zmin=round(zmin, DECIMALS + 2),
        zmax=round(zmax, DECIMALS + 2),
        tickvals=[round(x, DECIMALS + 2) for x in ticks],
        ticktext=[fmt_number(x, lang) for x in ticks],
        hovertemplate=hover,
        colorbar_title=f"{unit} · {direction}" if unit else direction,
        classes=classes,
        direction=direction,
    )


def figure(data: AppData, payload: MapPayload, *, lang: str, uirevision: str = "map") -> dict:
    """Build the full map figure (geometry included once) as a plain dict."""
    minx, miny, maxx, maxy = data.bounds
    trace = go.Choropleth(
        locations=list(data.ags),
        featureidkey="id",
        z=payload.z,
        zmin=payload.zmin,
        zmax=payload.zmax,
        zauto=False,
        colorscale=payload.colorscale,
        text=[str(data.names[a]) for a in data.ags],
        customdata=payload.customdata,
        hovertemplate=payload.hovertemplate,
        marker={"line": {"width": 0.3, "color": "#ffffff"}},
        colorbar={
            "tickvals": payload.tickvals,
            "ticktext": payload.ticktext,
            "title": {"text": payload.colorbar_title, "side": "top"},
            # under the map, so that on a phone the map keeps the full width
            "orientation": "h",
            "thickness": 12,
            "len": 0.9,
            "y": -0.02,
            "yanchor": "top",
        },
    )
    fig = go.Figure(trace)
    fig.update_geos(
        projection_type="mercator",
        lonaxis_range=[minx - 0.2, maxx + 0.2],
        lataxis_range=[miny - 0.1, maxy + 0.1],
        visible=False,
        showframe=False,
        bgcolor="rgba(0,0,0,0)",
        fitbounds="locations",
    )
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=640,
        uirevision=uirevision,
        paper_bgcolor="rgba(0,0,0,0)",
        dragmode=False,
        meta={"lang": lang},
    )
    figure = fig.to_plotly_json()
    # Plotly deep-copies and validates a geojson it is given (0.1 s for 400 districts on
    # every page render); the shared, never-mutated geometry is attached afterwards.
    figure["data"][0]["geojson"] = dict(data.geojson)
    return figure


def patch(payload: MapPayload) -> Patch:
    """Build a Patch that recolours the map: values, colours, hover data and colour bar only."""
    p = Patch()
    p["data"][0]["z"] = payload.z
    p["data"][0]["zmin"] = payload.zmin
    p["data"][0]["zmax"] = payload.zmax
    p["data"][0]["colorscale"] = payload.colorscale
    p["data"][0]["customdata"] = payload.customdata
    p["data"][0]["hovertemplate"] = payload.hovertemplate
    p["data"][0]["colorbar"]["tickvals"] = payload.tickvals
    p["data"][0]["colorbar"]["ticktext"] = payload.ticktext
    p["data"][0]["colorbar"]["title"]["text"] = payload.colorbar_title
    return p
