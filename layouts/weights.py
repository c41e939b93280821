"""Weight callbacks: sliders → weights store, presets and reset → sliders.

Presets are the engine's (:class:`potentials.Weighting`): the shares it derives are
put on the sliders; a setting the engine cannot score never reaches the store.
"""

from __future__ import annotations

from typing import Any, TypedDict

import numpy as np
import pandas as pd
from dash import ALL, Input, Output, State, callback, ctx, no_update
from dash.exceptions import PreventUpdate

import potentials
from layouts import ids, labels
from layouts.controls import SLIDER_STEP, slider_max
from layouts.data import AppData
from layouts.engine import WeightSetting, check_weights, default_weights, spec_for
from layouts.i18n import t
from layouts.inputs import checked
from layouts.map_view import weight_message
from layouts.upload import data_for
from potentials import WeightError
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
) -> Collected:
    """Weights store data and note from the slider values (plain function).

    A setting the engine cannot score leaves the store (and so map and profile) as
    it was, and the note says why.
    """
    data = data_for(user)
    raw = {
        "domains": {i["code"]: v for i, v in zip(domain_ids, domain_values, strict=True)},
        "indicators": {i["code"]: v for i, v in zip(ind_ids, ind_values, strict=True)},
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
    output={
        "weights": Output(ids.WEIGHTS, "data"),
        "note": Output(ids.WEIGHTS_NOTE, "children"),
    },
    inputs={
        "domain_values": Input({"type": ids.DOMAIN_WEIGHT, "code": ALL}, "value"),
        "ind_values": Input({"type": ids.INDICATOR_WEIGHT, "code": ALL}, "value"),
        "direction_values": Input({"type": ids.DIRECTION, "code": ALL}, "value"),
    },
    state={"lang": State(ids.LANG, "value"), "user": State(ids.USER, "data")},
    prevent_initial_call=True,
)
@checked
def _collect(
    domain_values: Any, ind_values: Any, direction_values: Any, lang: Any, user: Any = None
) -> Collected:
    inputs = ctx.inputs_list
    domain_ids = [x["id"] for x in inputs[0]]
    ind_ids = [x["id"] for x in inputs[1]]
    direction_ids = [x["id"] for x in inputs[2]]
    return collect(
        domain_ids,
        domain_values,
        ind_ids,
        ind_values,
        lang or "de",
        user=user,
        direction_ids=direction_ids,
        direction_values=direction_values,
    )


@callback(
    Output({"type": ids.DOMAIN_WEIGHT, "code": ALL}, "value"),
    Output({"type": ids.INDICATOR_WEIGHT, "code": ALL}, "value"),
    Output({"type": ids.DIRECTION, "code": ALL}, "value"),
    Input(ids.PRESET_EQUAL_DOMAINS, "n_clicks"),
    Input(ids.PRESET_EQUAL_INDICATORS, "n_clicks"),
    Input(ids.PRESET_PCA, "n_clicks"),
    Input(ids.RESET, "n_clicks"),
    State(ids.USER, "data"),
    prevent_initial_call=True,
)
def _preset(*args: Any) -> tuple[list[float], list[float], list[Any]]:
    name = PRESETS.get(str(ctx.triggered_id))
    if name is None:
        raise PreventUpdate
    data = data_for(args[-1])
    weights = preset(data, name)
    domain_ids = [o["id"]["code"] for o in ctx.outputs_list[0]]
    ind_ids = [o["id"]["code"] for o in ctx.outputs_list[1]]
    direction_ids = [o["id"]["code"] for o in ctx.outputs_list[2]]
    # presets change weights only; reset also restores the framework's directions
    reset = name is potentials.Weighting.FRAMEWORK
    defaults = default_weights(data.framework)["directions"]
    return (
        [weights["domains"][c] for c in domain_ids],
        [weights["indicators"][c] for c in ind_ids],
        [defaults.get(c, 1) if reset else no_update for c in direction_ids],
    )
