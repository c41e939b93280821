"""Districts with a similar profile, shown under the profile (engine: :mod:`potentials.similar`)."""

from __future__ import annotations

from typing import Any

from dash import ALL, Input, Output, State, callback, ctx, html, no_update

from layouts import ids, labels
from layouts.controls import radio_group
from layouts.i18n import fmt_number, t
from layouts.inputs import checked, click_counts
from layouts.places import district_label
from layouts.upload import data_for
from potentials.similar import similar_districts

#: How many peers are listed.
PEERS = 5
PICK = "similar-pick"
#: Screen readers announce a new list of peers.
_LIVE: Any = {"aria-live": "polite"}


def similar_section(data: Any, state: Any, result: Any) -> html.Section:
    """Heading, help, the same-type switch and the list for ``state``'s district."""
    lang = state.lang
    return html.Section(
        [
            html.H3(t("similar", lang)),
            html.P(t("similar.help", lang), className="help"),
            radio_group(
                t("similar.among", lang),
                ids.SIMILAR_SAME_TYPE,
                [
                    {"label": t("similar.all", lang), "value": "all"},
                    {"label": t("similar.same_type", lang), "value": "same"},
                ],
                "all",
            ),
            html.Div(
                similar_list(data, result, state.district, same_type=False, lang=lang),
                id=ids.SIMILAR,
                role="region",
                **_LIVE,
            ),
        ],
        className="similar",
    )


def similar_list(
    data: Any, result: Any, ags: str | None, *, same_type: bool, lang: str
) -> list[Any]:
    """List the peers of ``ags`` with what they share and where they differ."""
    if not ags or ags not in result.normalised.index:
        return []
    codes = [c for c in data.framework.codes if c in result.normalised.columns]
    groups = result.scores["settlement_type"] if same_type else None
    peers = similar_districts(result.normalised[codes], ags, k=PEERS, groups=groups)
    if not peers:
        return [html.P(t("similar.none", lang), className="help")]
    kinds = data.atlas.districts.set_index("ags")["kind"]
    items = []
    for peer in peers:
        name = district_label(str(data.names[peer.ags]), kinds.get(peer.ags, ""), lang)
        shared = ", ".join(labels.indicator_name(data, c, lang) for c in peer.shared)
        differs = ", ".join(
            f"{labels.indicator_name(data, c, lang)} ({'+' if d > 0 else '−'}"
            f"{fmt_number(abs(d), lang, 1)})"
            for c, d in peer.differs
        )
        items.append(
            html.Li(
                [
                    html.Button(
                        name,
                        id={"type": PICK, "ags": peer.ags},
                        className="link-button",
                        title=peer.ags,
                    ),
                    html.Span(f" · {fmt_number(peer.distance, lang)}", className="help"),
                    html.Br(),
                    html.Span(f"{t('similar.shares', lang)}: {shared}", className="help"),
                    html.Br(),
                    html.Span(f"{t('similar.differs', lang)}: {differs}", className="help"),
                ]
            )
        )
    return [html.Ol(items, className="similar-list")]


@callback(
    Output(ids.SIMILAR, "children"),
    Input(ids.DISTRICT, "value"),
    Input(ids.WEIGHTS, "data"),
    Input(ids.SIMILAR_SAME_TYPE, "value"),
    State(ids.LANG, "value"),
    State(ids.USER, "data"),
    prevent_initial_call=True,  # the page comes with the list (:func:`similar_section`)
)
@checked
def _similar(
    ags: str | None, weights: Any, same: str | None, lang: str | None, user: Any = None
) -> list[Any]:
    data = data_for(user)
    return similar_list(data, data.result(weights), ags, same_type=bool(same), lang=lang or "de")


@callback(
    Output(ids.DISTRICT, "value", allow_duplicate=True),
    Input({"type": PICK, "ags": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
@checked(clicks=click_counts)
def _pick(clicks: list[int | None] | None) -> Any:
    chosen = ctx.triggered_id
    if not isinstance(chosen, dict) or not any(clicks or []):
        return no_update
    return chosen.get("ags", no_update)
