"""Uncertainty view.

Every district's median rank with its 5–95 % interval, robust groups highlighted, and
the sensitivity indices of the assumptions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

import pandas as pd
import plotly.graph_objects as go
from dash import Input, Output, State, callback, dcc, html, no_update

from layouts import ids
from layouts.engine import draws_of
from layouts.i18n import TEXT, fmt_count, t
from layouts.places import short_name
from layouts.upload import data_for
from potentials import WeightError

if TYPE_CHECKING:
    from layouts.data import AppData
    from layouts.state import AppState

GROUPS = ("robust_high", "weight_dependent", "middle", "robust_low")
#: Colour-blind-safe group colours (Okabe–Ito).
GROUP_COLOURS = {
    "robust_high": "#0072B2",
    "weight_dependent": "#E69F00",
    "middle": "#999999",
    "robust_low": "#D55E00",
}


def uncertainty_section(data: AppData, state: AppState) -> html.Section:
    """Rank-interval chart and sensitivity chart, always for the weights set."""
    lang = state.lang
    return html.Section(
        [
            html.H2(t("uncertainty", lang)),
            html.P(id=ids.UNC_HELP, className="help"),
            html.P(id=ids.UNC_NOTE, className="note", role="status"),
            dcc.Graph(id=ids.UNC_RANKS, config={"displaylogo": False}),
            html.Div(id=ids.UNC_GROUPS, className="robust-groups"),
            html.H3(t("uncertainty.sensitivity", lang)),
            html.P(t("uncertainty.sensitivity.help", lang), className="help"),
            dcc.Graph(id=ids.UNC_SENSITIVITY, config={"displaylogo": False}),
        ],
        className="panel",
    )


def ranks_figure(
    data: AppData, scores: pd.DataFrame, lang: str, selected: str | None = None
) -> dict:
    """Districts ordered by median rank, with 5–95 % intervals, one trace per group.

    The x axis names every tenth of the districts; the selected district is marked.
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
        position = s["position"].astype(int).to_dict()[selected]
        median = s["rank_median"].astype(float).to_dict()[selected]
        label = str(data.names.get(selected, selected))
        fig.add_scatter(
            x=[position],
            y=[round(median, 1)],
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


class UncertaintyOutputs(TypedDict):
    """Named outputs of the uncertainty callback."""

    ranks: Any
    sensitivity: Any
    note: Any
    note_class: Any
    help: Any
    groups: Any


def uncertainty_view(
    weights: Any, lang: str, *, user: Any = None, selected: str | None = None
) -> tuple[dict, dict, str, str]:
    """Figures, note and help for the weights set (and the session's own indicators).

    The counts shown are the evaluations the engine actually made.

    Raises
    ------
    potentials.WeightError
        If the weights cannot be scored.
    """
    data = data_for(user)
    result = data.result(weights)
    n = fmt_count(draws_of(result), lang)
    return (
        ranks_figure(data, result.scores, lang, selected),
        sensitivity_figure(result.sensitivity, lang),
        t("uncertainty.live", lang, n=n),
        t("uncertainty.help", lang, n=n),
    )


@callback(
    output={
        "ranks": Output(ids.UNC_RANKS, "figure"),
        "sensitivity": Output(ids.UNC_SENSITIVITY, "figure"),
        "note": Output(ids.UNC_NOTE, "children"),
        "note_class": Output(ids.UNC_NOTE, "className"),
        "help": Output(ids.UNC_HELP, "children"),
        "groups": Output(ids.UNC_GROUPS, "children"),
    },
    inputs={"view": Input(ids.VIEW, "value"), "weights": Input(ids.WEIGHTS, "data")},
    state={
        "lang": State(ids.LANG, "value"),
        "user": State(ids.USER, "data"),
        "district": State(ids.DISTRICT, "value"),
    },
)
def _uncertainty(
    view: Any, weights: Any, lang: Any, user: Any = None, district: Any = None
) -> UncertaintyOutputs:
    unchanged = UncertaintyOutputs(
        ranks=no_update, sensitivity=no_update, note=no_update, note_class=no_update,
        help=no_update, groups=no_update,
    )  # fmt: skip
    if view != "uncertainty":
        return unchanged
    try:
        ranks, sensitivity, note, help_text = uncertainty_view(
            weights, lang or "de", user=user, selected=district
        )
    except WeightError:
        return unchanged  # the map says why
    data = data_for(user)
    groups = robust_groups(data, data.result(weights).scores, lang or "de")
    return UncertaintyOutputs(
        ranks=ranks,
        sensitivity=sensitivity,
        note=note,
        note_class="note",
        help=help_text,
        groups=groups,
    )
