"""Routing callbacks: URL → page, controls → state → URL, language switch."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dash import Input, Output, State, callback, clientside_callback, ctx

from layouts import data as appdata
from layouts import ids, labels
from layouts.i18n import t
from layouts.inputs import checked, state_store
from layouts.shell import SUBTITLE_ID, TITLE_ID, body
from layouts.state import AppState, from_query, to_query, validated
from layouts.upload import data_for


def resolve_state(
    search: str | None,
    lang: str | None,
    current: dict | None,
    *,
    lang_switched: bool,
    user: Any = None,
) -> AppState:
    """Return the state to render: from the URL, or the current one in another language."""
    data = data_for(user)
    if lang_switched and current:
        state = replace(AppState.from_dict(current), lang=lang or "de")
    else:
        state = from_query(search)
    return validated(
        state, framework=data.framework, measures=labels.measures(data), ags=set(data.ags)
    )


def render(
    search: str | None,
    lang: str | None,
    current: dict | None,
    *,
    lang_switched: bool,
    user: Any = None,
    pending: Any = None,
) -> tuple[Any, ...]:
    """Body, state, language, title, subtitle and URL query for a page view."""
    data = data_for(user)
    state = resolve_state(search, lang, current, lang_switched=lang_switched, user=user)
    result = data.result(state.weights)
    return (
        body(data, state, result, user, pending if lang_switched else None),
        state.to_dict(),
        state.lang,
        t("title", state.lang),
        t("subtitle", state.lang),
        to_query(state, framework=appdata.get().framework),
    )


@callback(
    Output(ids.BODY, "children"),
    Output(ids.STATE, "data"),
    Output(ids.LANG, "value"),
    Output(TITLE_ID, "children"),
    Output(SUBTITLE_ID, "children"),
    Output(ids.URL_WRITER, "data"),
    Input(ids.URL, "search"),
    Input(ids.LANG, "value"),
    State(ids.STATE, "data"),
    State(ids.USER, "data"),
    State(ids.UPLOAD_PENDING, "data"),
)
@checked(current=state_store)
def _render(search, lang, current, user=None, pending=None):
    return render(
        search,
        lang,
        current,
        lang_switched=ctx.triggered_id == ids.LANG,
        user=user,
        pending=pending,
    )


def collect_state(current: dict | None, *, user: Any = None, **changes: Any) -> tuple[dict, str]:
    """Merge control values into the state and give its URL query (plain function).

    The URL never carries own indicators: :func:`to_query` writes the shared
    framework's weights only.
    """
    data = data_for(user)
    state = replace(AppState.from_dict(current), **changes)
    state = validated(
        state, framework=data.framework, measures=labels.measures(data), ags=set(data.ags)
    )
    return state.to_dict(), to_query(state, framework=appdata.get().framework)


@callback(
    Output(ids.STATE, "data", allow_duplicate=True),
    Output(ids.URL_WRITER, "data", allow_duplicate=True),
    Input(ids.WEIGHTS, "data"),
    Input(ids.MEASURE, "value"),
    Input(ids.CLASS_METHOD, "value"),
    Input(ids.CLASS_K, "value"),
    Input(ids.PALETTE, "value"),
    Input(ids.VIEW, "value"),
    Input(ids.DISTRICT, "value"),
    Input(ids.COMPARE_SELECT, "value"),
    State(ids.STATE, "data"),
    State(ids.USER, "data"),
    prevent_initial_call=True,
)
@checked(current=state_store)
def _collect_state(
    weights, measure, method, k, palette, view, district, compare, current, user=None
):
    return collect_state(
        current,
        user=user,
        weights=weights,
        measure=measure,
        method=method,
        k=k,
        palette=palette,
        view=view,
        district=district,
        compare=tuple(compare or ()),
    )


# Write the query into the address bar without reloading (replaceState does not
# notify dcc.Location, so no render loop), and keep <html lang> in step.
clientside_callback(
    """
    function(query, lang) {
        if (typeof query === "string") {
            const url = window.location.pathname + query + window.location.hash;
            if (url !== window.location.pathname + window.location.search + window.location.hash) {
                window.history.replaceState(window.history.state, "", url);
            }
        }
        if (lang) { document.documentElement.lang = lang; }
        return window.dash_clientside.no_update;
    }
    """,
    Output(ids.URL_SINK, "data"),
    Input(ids.URL_WRITER, "data"),
    Input(ids.LANG, "value"),
)
