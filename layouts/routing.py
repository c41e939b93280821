"""Routing callbacks: URL → page, controls → state → URL, language switch."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypedDict
from urllib.parse import urlsplit

import flask
from dash import Input, Output, State, callback, clientside_callback, ctx, get_app

from layouts import data as appdata
from layouts import ids, labels
from layouts.engine import BoundedMemo, weights_problem
from layouts.i18n import t
from layouts.inputs import MAX_QUERY, checked, state_store
from layouts.shell import SUBTITLE_ID, TITLE_ID, body, shell
from layouts.state import AppState, from_query, to_query, validated
from layouts.upload import data_for
from layouts.weights import weight_message
from potentials import WeightError


def resolve_state(
    search: str | None,
    lang: str | None,
    current: dict[str, Any] | None,
    *,
    lang_switched: bool,
    user: Any = None,
) -> AppState:
    """Return the state to render: from the URL, or the current one in another language."""
    return _resolve(search, lang, current, lang_switched=lang_switched, user=user)[0]


def _resolve(
    search: str | None,
    lang: str | None,
    current: dict[str, Any] | None,
    *,
    lang_switched: bool,
    user: Any = None,
) -> tuple[AppState, WeightError | None]:
    data = data_for(user)
    if lang_switched and current:
        state = replace(AppState.from_dict(current), lang=lang or "de")
    else:
        state = from_query(search)
    problem = weights_problem(data.framework, state.weights) if state.weights else None
    checked = validated(
        state, framework=data.framework, measures=labels.measures(data), ags=set(data.ags)
    )
    return checked, problem


class Rendered(TypedDict):
    """Named outputs of a page render."""

    body: Any
    state: dict[str, Any]
    lang: str
    title: str
    subtitle: str
    query: str


def render(
    search: str | None,
    lang: str | None,
    current: dict[str, Any] | None,
    *,
    lang_switched: bool,
    user: Any = None,
    pending: Any = None,
) -> Rendered:
    """Body, state, language, title, subtitle and URL query for a page view.

    A link whose weights cannot be scored opens with the framework's weights and a
    notice that says why.
    """
    data = data_for(user)
    state, problem = _resolve(search, lang, current, lang_switched=lang_switched, user=user)
    notice = None
    if problem is not None:
        why = weight_message(problem, data, state.lang)
        notice = f"{t('weights.link_defaults', state.lang)} {why}"
    result = data.result(state.weights)
    return Rendered(
        body=body(data, state, result, user, pending if lang_switched else None, notice=notice),
        state=state.to_dict(),
        lang=state.lang,
        title=t("title", state.lang),
        subtitle=t("subtitle", state.lang),
        query=to_query(state, framework=appdata.get().framework),
    )


#: Pages kept per worker, by address (the landing page and the most recent links).
PAGE_CACHE_SIZE = 8
_pages = BoundedMemo(PAGE_CACHE_SIZE)


def page_query(referrer: str | None, host_url: str, prefix: str) -> str | None:
    """Return the address query (``?…`` or ``""``) of the app page asking for its layout.

    The browser names the page in the ``Referer`` of its layout request (the app sends
    ``Referrer-Policy: same-origin``). None if it does not, or names another page.
    """
    if not referrer:
        return None
    parts = urlsplit(referrer)
    origin = urlsplit(host_url)
    if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc) or parts.path != prefix:
        return None
    return f"?{parts.query}" if parts.query else ""


def page(search: str | None) -> Any:
    """Return the whole page for the address query ``search`` (memoised), or the shell.

    The body comes with the page, so the first map needs no callback round trip.
    """
    if search is None or len(search) > MAX_QUERY:
        return shell()

    def build() -> Any:
        rendered = render(search, None, None, lang_switched=False)
        return shell(
            rendered["lang"],
            search=search,
            content=rendered["body"],
            state=rendered["state"],
            query=rendered["query"],
        )

    return _pages.get(search, build)


def page_layout() -> Any:
    """Dash's layout function: the page for the address the browser is at."""
    if not flask.has_request_context():  # Dash checks the layout once, outside a request
        return shell()
    request = flask.request
    prefix = get_app().config.requests_pathname_prefix
    return page(page_query(request.referrer, request.host_url, prefix))


@callback(
    output={
        "body": Output(ids.BODY, "children"),
        "state": Output(ids.STATE, "data"),
        "lang": Output(ids.LANG, "value"),
        "title": Output(TITLE_ID, "children"),
        "subtitle": Output(SUBTITLE_ID, "children"),
        "query": Output(ids.URL_WRITER, "data"),
    },
    inputs={"search": Input(ids.URL, "search"), "lang": Input(ids.LANG, "value")},
    state={
        "current": State(ids.STATE, "data"),
        "user": State(ids.USER, "data"),
        "pending": State(ids.UPLOAD_PENDING, "data"),
    },
    # the page arrives with its body (:func:`page`): only a new address or language
    # renders it again (or the browser's address, when the page could not know it)
    prevent_initial_call=True,
)
@checked(current=state_store)
def _render(
    search: Any, lang: Any, current: Any, user: Any = None, pending: Any = None
) -> Rendered:
    return render(
        search,
        lang,
        current,
        lang_switched=ctx.triggered_id == ids.LANG,
        user=user,
        pending=pending,
    )


def collect_state(
    current: dict[str, Any] | None, *, user: Any = None, **changes: Any
) -> tuple[dict[str, Any], str]:
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
