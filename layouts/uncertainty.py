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
from layouts.places import short_name
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
            html.Div(id=ids.UNC_GROUPS, className="robust-groups"),
            html.H3(t("uncertainty.sensitivity", lang)),
            html.P(t("uncertainty.sensitivity.help", lang), className="help"),
            dcc.Graph(id=ids.UNC_SENSITIVITY, config={"displaylogo": False}),
        ],
        className="panel",
    )


def ranks_figure(data: Any, scores: pd.DataFrame, lang: str, selected: str | None = None) -> dict:
    """Districts ordered by median rank, with 5–95 % intervals, one trace per group.

    The x axis names every 40th district; the selected district is marked and labelled.
    """
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
    names = [short_name(str(data.names.get(a, a))) for a in s.index]
    step = max(1, len(s) // 10)
    ticks = list(range(1, len(s) + 1, step))
    if selected in s.index:
        row = s.loc[selected]
        label = str(data.names.get(selected, selected))
        fig.add_scatter(
            x=[int(row["position"])],
            y=[round(float(row["rank_median"]), 1)],
            mode="markers+text",
            marker={"symbol": "diamond-open", "size": 16, "color": "#000000", "line": {"width": 2}},
            text=[label],
            textposition="top center",
            name=t("uncertainty.selected", lang, name=label),
            hovertemplate=f"{label}<extra></extra>",
        )
    fig.update_layout(
        height=480,
        margin={"l": 60, "r": 10, "t": 60, "b": 40},
        xaxis={
            "title": t("uncertainty.axis", lang),
            "tickvals": ticks,
            "ticktext": [names[i - 1] for i in ticks],
            "tickangle": -40,
            "automargin": True,
        },
        yaxis={"title": t("col.rank", lang), "autorange": "reversed"},
        # legend above the plot area, clear of the data and the axis titles
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    return fig.to_plotly_json()


def robust_groups(data: Any, scores: pd.DataFrame, lang: str) -> list[Any]:
    """Name the robustly high and robustly low districts (by median rank)."""
    out: list[Any] = []
    for group, key in (("robust_high", "uncertainty.top"), ("robust_low", "uncertainty.bottom")):
        sub = scores[scores["robustness"] == group].sort_values("rank_median")
        names = [f"{data.names.get(a, a)} ({int(r)})" for a, r in sub["rank_median"].items()]
        out.append(html.H4(t(key, lang, n=len(sub))))
        out.append(html.P(", ".join(names) if names else t("uncertainty.none", lang)))
    return out


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
        height=340,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        xaxis={"title": t("uncertainty.sensitivity.axis", lang), "rangemode": "tozero"},
        yaxis={"automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    return fig.to_plotly_json()


def uncertainty_view(
    weights: Any, recompute: bool, lang: str, *, user: Any = None, selected: str | None = None
) -> tuple[dict, dict, str, list[Any]]:
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
        ranks_figure(data, result.scores, lang, selected),
        sensitivity_figure(getattr(result, "sensitivity", None), lang),
        t("uncertainty.current", lang, which=which, n=n),
        robust_groups(data, result.scores, lang),
    )


@callback(
    Output(ids.UNC_RANKS, "figure"),
    Output(ids.UNC_SENSITIVITY, "figure"),
    Output(ids.UNC_NOTE, "children"),
    Output(ids.UNC_GROUPS, "children"),
    Input(ids.VIEW, "value"),
    Input(ids.UNC_RECOMPUTE, "n_clicks"),
    State(ids.WEIGHTS, "data"),
    State(ids.LANG, "value"),
    State(ids.USER, "data"),
    State(ids.DISTRICT, "value"),
)
def _uncertainty(view, clicks, weights, lang, user=None, district=None):
    if view != "uncertainty":
        return no_update, no_update, no_update, no_update
    recompute = ctx.triggered_id == ids.UNC_RECOMPUTE
    return uncertainty_view(weights, recompute, lang or "de", user=user, selected=district)
