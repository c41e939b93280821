"""Weights: reading the sliders, presets and reset → sliders, indicator sliders on demand.

The sliders are read by :func:`collect`, called from the map's slider callback
(:mod:`layouts.map_view`), which writes the sliders' store; it reaches the weights
store once the map is painted. Presets are the engine's (:class:`potentials.Weighting`):
the shares it derives are put on the sliders; a setting the engine cannot score never
reaches the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

import numpy as np
import pandas as pd
from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, no_update
from dash.exceptions import PreventUpdate

import potentials
from layouts import ids, labels
from layouts.controls import SLIDER_STEP, indicator_sliders, slider_max
from layouts.data import AppData
from layouts.engine import WeightSetting, check_weights, default_weights, spec_for
from layouts.i18n import fmt_general, t
from layouts.inputs import checked, click_counts
from layouts.upload import data_for
from potentials import WeightError
from potentials.spec import MAX_WEIGHT, MIN_WEIGHT
from potentials.weighting import weight_shares

PRESETS = {
    ids.PRESET_EQUAL_DOMAINS: potentials.Weighting.EQUAL_DOMAINS,
    ids.PRESET_EQUAL_INDICATORS: potentials.Weighting.EQUAL_INDICATORS,
    ids.PRESET_PCA: potentials.Weighting.PCA,
    ids.RESET: potentials.Weighting.FRAMEWORK,
}


def _slider_values(shares: np.ndarray, top: int) -> list[float]:
    """Put shares on the sliders, clipped to their range and snapped to their step.

    The smallest positive share goes to 1 if the largest still fits, else the mean.
    """
    positive = shares[shares > 0]
    if positive.size == 0:
        return [1.0] * len(shares)
    scaled = shares / positive.min()
    if scaled.max() > top:
        scaled = shares / positive.mean()
    snapped = np.round(np.clip(scaled, 0, top) / SLIDER_STEP) * SLIDER_STEP
    return [round(float(v), 2) for v in snapped]


def preset(data: AppData, name: potentials.Weighting | str) -> WeightSetting:
    """Slider weights of one of the engine's presets (``framework`` = reset).

    The engine resolves the preset into shares (:meth:`potentials.Result.weights`);
    they are put on the sliders by :func:`_slider_values`.
    """
    weighting = potentials.Weighting(name)
    fw = data.framework
    if weighting is potentials.Weighting.FRAMEWORK:
        return default_weights(fw)
    spec = spec_for(fw, default_weights(fw), weighting=weighting)
    table: pd.DataFrame = data.scorer.run(spec).weights
    top = slider_max(fw)
    dom = table[table["level"] == "domain"]
    ind = table[table["level"] == "indicator"]
    indicators: dict[str, float] = {}
    for code in dom["code"]:
        members = ind[ind["domain"] == code]
        values = _slider_values(members["weight"].to_numpy(dtype=float), top)
        indicators.update(zip(members["code"], values, strict=True))
    return {
        "domains": dict(
            zip(dom["code"], _slider_values(dom["weight"].to_numpy(dtype=float), top), strict=True)
        ),
        "indicators": {i.code: indicators[i.code] for i in fw.indicators},
        "directions": default_weights(fw)["directions"],
    }


def shares_note(data: AppData, weights: WeightSetting, lang: str) -> str:
    """Each domain's share of the composite in percent, e.g. ``Arbeitsmarkt 14 %``.

    The shares are the engine's (:func:`potentials.weighting.weight_shares`).
    """
    codes = list(weights["domains"])
    shares = weight_shares(np.array([weights["domains"][c] for c in codes], dtype=float))
    parts = [
        f"{labels.domain_name(data, code, lang)} {round(100 * share)} %"
        for code, share in zip(codes, shares, strict=True)
    ]
    return " · ".join(parts)


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


class Collected(TypedDict):
    """Named outputs of the slider callback."""

    weights: Any
    note: str


def collect(
    domain_ids: list[dict[str, str]],
    domain_values: list[Any],
    ind_ids: list[dict[str, str]],
    ind_values: list[Any],
    lang: str,
    *,
    user: Any = None,
    direction_ids: list[dict[str, str]] | None = None,
    direction_values: list[Any] | None = None,
    indicators: Mapping[str, Any] | None = None,
) -> Collected:
    """Weights store data and note from the slider values (plain function).

    ``indicators`` holds the weights of indicators whose sliders are not shown (the
    current weights, or a preset's); a shown slider's value takes precedence. A setting
    the engine cannot score leaves the store (and so map and profile) as it was, and
    the note says why.
    """
    data = data_for(user)
    shown = {i["code"]: v for i, v in zip(ind_ids, ind_values, strict=True)}
    raw = {
        "domains": {i["code"]: v for i, v in zip(domain_ids, domain_values, strict=True)},
        "indicators": {**(indicators or {}), **shown},
        "directions": {
            i["code"]: v for i, v in zip(direction_ids or [], direction_values or [], strict=True)
        },
    }
    try:
        weights = check_weights(data.framework, raw)
    except WeightError as err:
        return Collected(
            weights=no_update, note=f"{weight_message(err, data, lang)} {t('weights.kept', lang)}"
        )
    return Collected(weights=weights, note=shares_note(data, weights, lang))


@callback(
    Output({"type": ids.DOMAIN_WEIGHT, "code": ALL}, "value"),
    Output({"type": ids.INDICATOR_WEIGHT, "code": ALL}, "value"),
    Output({"type": ids.DIRECTION, "code": ALL}, "value"),
    Output(ids.PRESET_INDICATORS, "data"),
    Input(ids.PRESET_EQUAL_DOMAINS, "n_clicks"),
    Input(ids.PRESET_EQUAL_INDICATORS, "n_clicks"),
    Input(ids.PRESET_PCA, "n_clicks"),
    Input(ids.RESET, "n_clicks"),
    State(ids.USER, "data"),
    prevent_initial_call=True,
)
@checked
def _preset(
    equal_domains: Any, equal_indicators: Any, pca: Any, reset: Any, user: Any = None
) -> tuple[list[float], list[float], list[Any], dict[str, float]]:
    name = PRESETS.get(str(ctx.triggered_id))
    if name is None:
        raise PreventUpdate
    data = data_for(user)
    weights = preset(data, name)
    domain_ids = [o["id"]["code"] for o in ctx.outputs_list[0]]
    ind_ids = [o["id"]["code"] for o in ctx.outputs_list[1]]
    direction_ids = [o["id"]["code"] for o in ctx.outputs_list[2]]
    # presets change weights only; reset also restores the framework's directions
    is_reset = name is potentials.Weighting.FRAMEWORK
    defaults = default_weights(data.framework)["directions"]
    return (
        [weights["domains"][c] for c in domain_ids],
        [weights["indicators"][c] for c in ind_ids],
        [defaults.get(c, 1) if is_reset else no_update for c in direction_ids],
        # the indicators whose sliders are not shown take the preset from here
        dict(weights["indicators"]),
    )


@callback(
    Output({"type": ids.INDICATOR_PANEL, "code": ALL}, "children"),
    Output({"type": ids.INDICATOR_TOGGLE, "code": ALL}, "aria-expanded"),
    Input({"type": ids.INDICATOR_TOGGLE, "code": ALL}, "n_clicks"),
    State(ids.WEIGHTS, "data"),
    State(ids.LANG, "value"),
    State(ids.USER, "data"),
    prevent_initial_call=True,
)
@checked(clicks=click_counts)
def _toggle_indicators(
    clicks: list[int | None], weights: Any, lang: Any, user: Any = None
) -> tuple[list[Any], list[Any]]:
    chosen = ctx.triggered_id.get("code") if isinstance(ctx.triggered_id, dict) else None
    codes = [o["id"].get("code") for o in ctx.outputs_list[0]]
    panels: list[Any] = [no_update] * len(codes)
    expanded: list[Any] = [no_update] * len(codes)
    data = data_for(user)
    if chosen in codes and chosen in data.framework.domain_codes:
        i = codes.index(chosen)
        count = clicks[i] if i < len(clicks) else None
        opened = count is not None and count % 2 == 1
        panels[i] = indicator_sliders(data, chosen, weights, lang or "de") if opened else []
        expanded[i] = "true" if opened else "false"
    return panels, expanded


# The sliders' weights reach the weights store, and so every view but the map, only
# after the browser has painted the recoloured map: the map answers first.
clientside_callback(
    """
    function(weights) {
        if (!weights) { return window.dash_clientside.no_update; }
        return new Promise(function(resolve) {
            requestAnimationFrame(function() { setTimeout(function() { resolve(weights); }, 0); });
        });
    }
    """,
    Output(ids.WEIGHTS, "data"),
    Input(ids.SLIDER_WEIGHTS, "data"),
    prevent_initial_call=True,
)
