"""District profile.

Every indicator with unit and year, positions against Germany and against districts of
the same settlement type, domain scores, rank interval and data gaps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

import numpy as np
import pandas as pd
from dash import Input, Output, State, callback, html, no_update

from layouts import ids, labels, places
from layouts.aria import aria
from layouts.engine import draws_of
from layouts.i18n import fmt_count, fmt_number, t
from layouts.inputs import checked
from layouts.similar_view import similar_section
from layouts.upload import data_for
from potentials import WeightError
from potentials.extra import YEAR_NOT_STATED

if TYPE_CHECKING:
    from layouts.data import AppData
    from layouts.state import AppState


def district_options(data: AppData, lang: str = "de") -> list[dict[str, str]]:
    """Search options: name with its kind, found by its usual spellings and its AGS."""
    return places.district_options(data, lang)


def percentile(values: pd.Series, ags: str) -> float | None:
    """Share (0–100) of districts with a value at or below the district's (NaN-free)."""
    v = values.get(ags)
    if v is None or pd.isna(v):
        return None
    known = values.to_numpy(dtype=float)
    known = known[~np.isnan(known)]  # numpy, not dropna(): this runs ~40 times per profile
    below = float((known < v).sum()) + 0.5 * float((known == v).sum())
    return round(100.0 * below / known.size)


def _bar(pct: float | None, lang: str) -> Any:
    if pct is None:
        return html.Span(t("missing", lang), className="missing")
    return html.Div(
        [
            html.Div(className="pbar-fill", style={"width": f"{pct:.0f}%"}),
            html.Span(f"{pct:.0f}", className="pbar-text"),
        ],
        className="pbar",
        role="img",
        **aria(label=f"{pct:.0f} / 100"),
    )


def _year_text(year: Any) -> str:
    """Year cell: "–" if missing, "—" if an upload did not state it."""
    if year is None or pd.isna(year):
        return "–"
    return "—" if int(year) == YEAR_NOT_STATED else str(int(year))


def profile_content(data: AppData, result: Any, ags: str | None, lang: str) -> list[Any]:
    """Build the profile of one district as a component list (empty-state text if none).

    Percentiles use the normalised values, which point in the favourable direction:
    100 means the most favourable conditions of all districts (or of the same type).
    """
    if not ags or ags not in result.scores.index:
        return [html.P(t("profile.empty", lang), className="help")]
    scores = result.scores
    row = scores.loc[ags]
    same_type = scores.index[scores["settlement_type"] == row["settlement_type"]]
    total = int(scores["rank"].notna().sum())
    interval = labels.rank_interval(result).get(ags, (np.nan, np.nan))
    rural = labels.type_name(row.get("rural_type"), lang)
    head = [
        html.H3(f"{data.names[ags]} ({ags})", id="profile-title"),
        html.P(
            [
                html.Span(
                    f"{t('profile.type', lang)}: {labels.type_name(row['settlement_type'], lang)}"
                ),
                html.Br(),
                html.Span(f"{t('profile.rural_type', lang)}: {rural}"),
                html.Br(),
                html.Span(places.context_line(data, ags, lang), id="profile-context"),
            ]
        ),
    ]
    composite = [
        html.P(
            [
                html.Strong(f"{t('profile.composite', lang)}: "),
                html.Span(fmt_number(row["composite"], lang), id="profile-composite"),
                " ",
                html.Span(t("score.unit", lang)),
            ]
        ),
    ]
    if pd.notna(row.get("rank")):
        composite.append(
            html.P(t("profile.rank", lang, rank=int(row["rank"]), total=total), id="profile-rank")
        )
    if not pd.isna(interval[0]):
        composite.append(
            html.P(
                [
                    html.Span(
                        t("profile.interval", lang, lo=int(interval[0]), hi=int(interval[1])),
                        className="rank-interval",
                    ),
                    " ",
                    html.Span(
                        t("profile.draws", lang, n=fmt_count(draws_of(result), lang)),
                        className="rank-interval",
                    ),
                    html.Span(t("stale", lang), className="stale-note"),
                ],
                id="profile-interval",
            )
        )
    if "coverage" in row and pd.notna(row["coverage"]):
        composite.append(html.P(t("profile.coverage", lang, pct=round(100 * row["coverage"]))))
    if bool(row.get("flagged", False)):
        composite.append(html.P(t("profile.flagged", lang), className="warning"))

    domain_rows = []
    for d in data.framework.domains:
        col = f"domain_{d.code}"
        values = scores[col]
        domain_rows.append(
            html.Tr(
                [
                    html.Td(labels.domain_name(data, d.code, lang)),
                    html.Td(fmt_number(row.get(col), lang), className="num"),
                    html.Td(_bar(percentile(values, ags), lang)),
                    html.Td(_bar(percentile(values.loc[same_type], ags), lang)),
                ]
            )
        )
    domain_table = html.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(t("col.domain", lang)),
                        html.Th(t("col.score", lang)),
                        html.Th(t("col.pct_de", lang)),
                        html.Th(t("col.pct_type", lang)),
                    ]
                )
            ),
            html.Tbody(domain_rows),
        ],
        className="table profile-domains",
    )

    raw, norm = result.raw, result.normalised
    ind_rows, gaps = [], []
    for ind in data.framework.indicators:
        code = ind.code
        value = raw[code].get(ags) if code in raw.columns else np.nan
        year = data.years[code].get(ags) if code in data.years.columns else None
        name = labels.indicator_name(data, code, lang)
        if pd.isna(value):
            gaps.append(html.Li(name))
        nvalues = norm[code] if code in norm.columns else pd.Series(dtype=float)
        ind_rows.append(
            html.Tr(
                [
                    html.Td(labels.marked_name(data, code, lang)),
                    html.Td(fmt_number(value, lang), className="num"),
                    html.Td(labels.indicator_unit(data, code, lang)),
                    html.Td(labels.direction_text(data, code, lang, result.framework)),
                    html.Td(_year_text(year)),
                    html.Td(_bar(percentile(nvalues, ags), lang)),
                    html.Td(_bar(percentile(nvalues.reindex(same_type), ags), lang)),
                ]
            )
        )
    ind_table = html.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(t(k, lang))
                        for k in (
                            "col.indicator",
                            "col.value",
                            "col.unit",
                            "col.direction",
                            "col.year",
                            "col.pct_de",
                            "col.pct_type",
                        )
                    ]
                )
            ),
            html.Tbody(ind_rows),
        ],
        className="table profile-indicators",
    )
    return [
        *head,
        *composite,
        html.H4(t("profile.domains", lang)),
        domain_table,
        html.P(t("profile.pct_help", lang), className="help"),
        html.H4(t("profile.indicators", lang)),
        ind_table,
        *[
            html.P(f"{t('proxy.mark', lang)}: {note}", className="help")
            for note in labels.proxy_notes(data, data.framework.codes, lang)
        ],
        html.H4(t("profile.gaps", lang)),
        html.Ul(gaps) if gaps else html.P(t("profile.nogaps", lang)),
    ]


def profile_section(
    data: AppData, state: AppState, result: Any, links: list[Any] | None = None
) -> html.Section:
    """Build the profile of ``state``'s district for ``result``, its ``links`` and peers.

    The page comes with them; the callbacks follow later changes only.
    """
    lang = state.lang
    return html.Section(
        [
            html.H2(t("profile", lang)),
            html.Div(links or [], id=ids.PROFILE_LINKS, className="button-row"),
            html.Div(
                profile_content(data, result, state.district, lang),
                id=ids.PROFILE,
                className="profile",
                tabIndex="0",  # scrollable region: reachable by keyboard
                role="region",
                **aria(live="polite", label=t("profile", lang)),
            ),
            similar_section(data, state, result),
        ],
        className="panel profile-section",
    )


class ProfileOutputs(TypedDict):
    """Named outputs of the profile callback."""

    children: Any
    className: str


@callback(
    output={
        "children": Output(ids.PROFILE, "children"),
        "className": Output(ids.PROFILE, "className"),
    },
    inputs={"ags": Input(ids.DISTRICT, "value"), "weights": Input(ids.WEIGHTS, "data")},
    state={"lang": State(ids.LANG, "value"), "user": State(ids.USER, "data")},
    prevent_initial_call=True,  # the page comes with the profile (:func:`profile_section`)
)
@checked
def _profile(ags: Any, weights: Any, lang: Any, user: Any = None) -> ProfileOutputs:
    try:
        children: Any = profile_view(weights, ags, lang or "de", user=user)
    except WeightError:
        children = no_update  # the map says why; the profile keeps the last valid weights
    return ProfileOutputs(children=children, className="profile")


def profile_view(weights: Any, ags: str | None, lang: str, *, user: Any = None) -> list[Any]:
    """Profile for the session's weights and own indicators (plain function).

    Raises
    ------
    potentials.WeightError
        If the weights cannot be scored.
    """
    data = data_for(user)
    return profile_content(data, data.result(weights), ags, lang)
