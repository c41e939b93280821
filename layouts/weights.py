"""Weight callbacks: sliders → weights store, presets and reset → sliders."""

from __future__ import annotations

from typing import Any

import numpy as np
from dash import ALL, Input, Output, State, callback, ctx, no_update
from dash.exceptions import PreventUpdate

import potentials
from layouts import ids, labels
from layouts.controls import SLIDER_STEP, slider_max
from layouts.engine import clean_weights, default_weights, preset_weights, spec_for
from layouts.i18n import t
from layouts.inputs import checked
from layouts.upload import data_for

PRESETS = {
    ids.PRESET_EQUAL_DOMAINS: "equal_domains",
    ids.PRESET_EQUAL_INDICATORS: "equal_indicators",
    ids.PRESET_PCA: "pca",
    ids.RESET: "framework",
}


def _snap(values: np.ndarray, top: int) -> list[float]:
    """Scale to mean 1 where needed, clip to the slider range and snap to its step."""
    snapped = np.round(np.clip(values, 0, top) / SLIDER_STEP) * SLIDER_STEP
    return [round(float(v), 2) for v in snapped]


def pca_weights(data: Any) -> dict[str, dict[str, float]]:
    """PCA-derived weights from the engine, rescaled to the sliders (mean 1, snapped)."""
    fw = data.framework
    spec = spec_for(fw, default_weights(fw), weighting=potentials.Weighting.PCA)
    table = data.scorer.run(spec).weights
    top = slider_max(fw)
    dom = table[table["level"] == "domain"]
    ind = table[table["level"] == "indicator"]
    domain = dom["weight"].to_numpy(dtype=float)
    domain = domain / domain.mean() if domain.mean() > 0 else np.ones_like(domain)
    within = ind["weight"].to_numpy(dtype=float)
    scaled = within.copy()
    for code in dom["code"]:
        members = (ind["domain"] == code).to_numpy()
        mean = within[members].mean() if members.any() else 0.0
        scaled[members] = within[members] / mean if mean > 0 else 1.0
    return {
        "domains": dict(zip(dom["code"], _snap(domain, top), strict=True)),
        "indicators": dict(zip(ind["code"], _snap(scaled, top), strict=True)),
    }


def preset(data: Any, name: str) -> dict[str, dict[str, float]]:
    """Slider weights of a preset (``framework`` = reset)."""
    if name == "pca":
        return pca_weights(data)
    return preset_weights(data.framework, name)


def shares_note(data: Any, weights: dict[str, dict[str, float]], lang: str) -> str:
    """Each domain's share of the composite in percent, e.g. ``Arbeitsmarkt 14 %``."""
    total = sum(weights["domains"].values())
    if total <= 0:
        return ""
    parts = [
        f"{labels.domain_name(data, code, lang)} {round(100 * w / total)} %"
        for code, w in weights["domains"].items()
    ]
    return " · ".join(parts)


def collect(
    domain_ids: list[dict],
    domain_values: list,
    ind_ids: list[dict],
    ind_values: list,
    lang: str,
    *,
    user: Any = None,
) -> tuple[Any, str]:
    """Weights store data and note from the slider values (plain function)."""
    data = data_for(user)
    raw = {
        "domains": {i["code"]: v for i, v in zip(domain_ids, domain_values, strict=True)},
        "indicators": {i["code"]: v for i, v in zip(ind_ids, ind_values, strict=True)},
    }
    weights = clean_weights(data.framework, raw)
    if sum(weights["domains"].values()) <= 0:
        return no_update, t("weights.help", lang)
    return weights, shares_note(data, weights, lang)


@callback(
    Output(ids.WEIGHTS, "data"),
    Output(ids.WEIGHTS_NOTE, "children"),
    Input({"type": ids.DOMAIN_WEIGHT, "code": ALL}, "value"),
    Input({"type": ids.INDICATOR_WEIGHT, "code": ALL}, "value"),
    State(ids.LANG, "value"),
    State(ids.USER, "data"),
    prevent_initial_call=True,
)
@checked
def _collect(domain_values, ind_values, lang, user=None):
    domain_ids = [x["id"] for x in ctx.inputs_list[0]]
    ind_ids = [x["id"] for x in ctx.inputs_list[1]]
    return collect(domain_ids, domain_values, ind_ids, ind_values, lang or "de", user=user)


@callback(
    Output({"type": ids.DOMAIN_WEIGHT, "code": ALL}, "value"),
    Output({"type": ids.INDICATOR_WEIGHT, "code": ALL}, "value"),
    Input(ids.PRESET_EQUAL_DOMAINS, "n_clicks"),
    Input(ids.PRESET_EQUAL_INDICATORS, "n_clicks"),
    Input(ids.PRESET_PCA, "n_clicks"),
    Input(ids.RESET, "n_clicks"),
    State(ids.USER, "data"),
    prevent_initial_call=True,
)
def _preset(*args):
    name = PRESETS.get(ctx.triggered_id)
    if name is None:
        raise PreventUpdate
    weights = preset(data_for(args[-1]), name)
    domain_ids = [o["id"]["code"] for o in ctx.outputs_list[0]]
    ind_ids = [o["id"]["code"] for o in ctx.outputs_list[1]]
    return (
        [weights["domains"][c] for c in domain_ids],
        [weights["indicators"][c] for c in ind_ids],
    )
