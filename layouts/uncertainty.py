"""Uncertainty view.

Every district's median rank with its 5–95 % interval, robust groups highlighted, and
the sensitivity indices of the assumptions.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from layouts import data as appdata
from layouts import ids
from layouts.i18n import TEXT, t
from layouts.inputs import checked
from layouts.upload import data_for

GROUPS = ("robust_high", "weight_dependent", "middle", "robust_low")
#: Colour-blind-safe group colours (Okabe–Ito).
GROUP_COLOURS = {
    "robust_high": "#0072B2",
    "weight_dependent": "#E69F00",
    "middle": "#999999",
    "robust_low": "#D55E00",
}


def uncertainty_section(data: Any, state: Any) -> html.Section:
    """Rank-interval chart, sensitivity chart and the recompute button."""
    lang = state.lang
    return html.Section(
        [
            html.H2(t("uncertainty", lang)),
            html.P(t("uncertainty.help", lang, n=data.mc_draws), className="help"),
            html.Button(t("uncertainty.recompute", lang), id=ids.UNC_RECOMPUTE),
            dcc.Loading(html.P(id=ids.UNC_NOTE, className="note", role="status")),
            dcc.Graph(id=ids.UNC_RANKS, config={"displaylogo": False}),
            html.H3(t("uncertainty.sensitivity", lang)),
            dcc.Graph(id=ids.UNC_SENSITIVITY, config={"displaylogo": False}),
        ],
        className="panel",
    )


def ranks_figure(data: Any, scores: pd.DataFrame, lang: str) -> dict:
    """Districts ordered by median rank, with 5–95 % intervals, one trace per group."""
    s = scores.dropna(subset=["rank_median"]).sort_values("rank_median")
    s = s.assign(position=range(1, len(s) + 1))
    fig = go.Figure()
    for group in GROUPS:
        sub = s[s["robustness"] == group]
        if sub.empty:
            continue
        fig.add_scatter(
            x=sub["position"].tolist(),
            y=sub["rank_median"].round(1).tolist(),
            mode="markers",
            name=t(group, lang),
            marker={"color": GROUP_COLOURS[group], "size": 5},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": (sub["rank_p95"] - sub["rank_median"]).round(1).tolist(),
                "arrayminus": (sub["rank_median"] - sub["rank_p05"]).round(1).tolist(),
                "thickness": 1,
                "width": 0,
                "color": GROUP_COLOURS[group],
            },
            text=[f"{data.names.get(a, a)} ({a})" for a in sub.index],
            hovertemplate=("%{text}<br>" + t("uncertainty.median", lang) + ": %{y}<extra></extra>"),
        )
    fig.update_layout(
        height=460,
        margin={"l": 50, "r": 10, "t": 10, "b": 40},
        xaxis_title=t("col.district", lang),
        yaxis={"title": t("col.rank", lang), "autorange": "reversed"},
        legend={"orientation": "h", "y": 1.08},
    )
    return fig.to_plotly_json()


def sensitivity_figure(sensitivity: pd.DataFrame | None, lang: str) -> dict:
    """First-order and total-order indices per assumption as horizontal bars."""
    fig = go.Figure()
    if sensitivity is not None and len(sensitivity):
        names = [
            t(f"factor.{i}", lang) if f"factor.{i}" in TEXT else str(i) for i in sensitivity.index
        ]
        for col, key, colour in (
            ("first_order", "uncertainty.first", "#56B4E9"),
            ("total_order", "uncertainty.total", "#0072B2"),
        ):
            if col in sensitivity.columns:
                fig.add_bar(
                    y=names,
                    x=sensitivity[col].round(3).tolist(),
                    name=t(key, lang),
                    orientation="h",
                    marker_color=colour,
                )
    fig.update_layout(
        barmode="group",
        height=320,
        margin={"l": 160, "r": 10, "t": 10, "b": 40},
        legend={"orientation": "h", "y": 1.1},
    )
    return fig.to_plotly_json()


def uncertainty_view(
    weights: Any, recompute: bool, lang: str, *, user: Any = None
) -> tuple[dict, dict, str]:
    """Figures and note: the baseline analysis, or a fresh one for the user's weights.

    A fresh analysis includes the session's own indicators, if any.
    """
    data = data_for(user)
    if recompute:
        result = data.scorer.result(weights, mc_draws=appdata.USER_MC_DRAWS)
        which, n = t("uncertainty.user", lang), appdata.USER_MC_DRAWS
    else:
        result, which, n = data.baseline, t("uncertainty.framework", lang), data.mc_draws
    return (
        ranks_figure(data, result.scores, lang),
        sensitivity_figure(getattr(result, "sensitivity", None), lang),
        t("uncertainty.current", lang, which=which, n=n),
    )


@callback(
    Output(ids.UNC_RANKS, "figure"),
    Output(ids.UNC_SENSITIVITY, "figure"),
    Output(ids.UNC_NOTE, "children"),
    Input(ids.VIEW, "value"),
    Input(ids.UNC_RECOMPUTE, "n_clicks"),
    State(ids.WEIGHTS, "data"),
    State(ids.LANG, "value"),
    State(ids.USER, "data"),
)
@checked
def _uncertainty(view, clicks, weights, lang, user=None):
    if view != "uncertainty":
        return no_update, no_update, no_update
    return uncertainty_view(weights, ctx.triggered_id == ids.UNC_RECOMPUTE, lang or "de", user=user)
