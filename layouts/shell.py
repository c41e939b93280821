"""The page: a fixed shell (URL, stores, header, language switch) and the body.

The body is rendered from an :class:`~layouts.state.AppState`, both for the first
load (state from the URL) and after a language switch.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from layouts import ids
from layouts.about import about_section, attribution
from layouts.aria import aria
from layouts.compare import compare_section
from layouts.controls import map_controls, weights_panel
from layouts.data import AppData
from layouts.export import export_section
from layouts.i18n import DEFAULT_LANG, t
from layouts.map_view import map_section
from layouts.profile import profile_section
from layouts.ranking import ranking_section
from layouts.search import search_bar
from layouts.selection import print_panel, profile_links
from layouts.state import AppState, to_query
from layouts.types_view import types_section
from layouts.uncertainty import uncertainty_section
from layouts.upload import upload_panel

TITLE_ID = "app-title"
SUBTITLE_ID = "app-subtitle"

INDEX_STRING = """<!DOCTYPE html>
<html lang="de">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def shell(
    lang: str = DEFAULT_LANG,
    *,
    search: str | None = None,
    content: list[Any] | None = None,
    state: dict[str, Any] | None = None,
    query: str | None = None,
) -> html.Div:
    """Build the page: header, stores and the body.

    Without ``content`` the body says it is loading and the routing callback fills
    it once the browser reports its address. With it (rendered for the address
    ``search``), the page arrives whole; the address bar then already matches the
    location's ``search``, so the routing callback does not fire.
    """
    return html.Div(
        [
            dcc.Location(
                id=ids.URL, refresh=False, **({"search": search} if search is not None else {})
            ),
            dcc.Store(id=ids.STATE, data=state),
            dcc.Store(id=ids.URL_WRITER, data=query),
            dcc.Store(id=ids.URL_SINK),
            # the session's own indicators: browser memory only, never the server
            dcc.Store(id=ids.USER, storage_type="memory"),
            dcc.Store(id=ids.UPLOAD_PENDING, storage_type="memory"),
            html.Header(
                [
                    html.Div(
                        [
                            html.H1(t("title", lang), id=TITLE_ID),
                            html.P(t("subtitle", lang), id=SUBTITLE_ID, className="subtitle"),
                        ]
                    ),
                    html.Div(
                        [
                            html.Span(
                                "Sprache / Language", id="lang-label", className="control-label"
                            ),
                            dcc.RadioItems(
                                id=ids.LANG,
                                options=[
                                    {"label": "Deutsch", "value": "de"},
                                    {"label": "English", "value": "en"},
                                ],
                                value=lang,
                                inline=True,
                                className="radio-row",
                            ),
                        ],
                        role="group",
                        className="lang-switch",
                        **aria(labelledby="lang-label"),
                    ),
                ],
                className="app-header",
            ),
            html.Main(
                content if content is not None else html.P(t("loading", lang), className="help"),
                id=ids.BODY,
                className="app-body",
            ),
        ],
        className="app",
    )


def _tab(label: str, value: str, children: list[Any]) -> dcc.Tab:
    return dcc.Tab(
        label=label,
        value=value,
        children=children,
        className="tab",
        selected_className="tab--selected",
        id=f"tab-{value}",
    )


def banner(data: AppData, lang: str) -> html.P:
    """Name the atlas shown and the span of its data years."""
    kind = data.atlas_kind
    build = data.atlas.build
    if "item" in build.columns and (build["item"] == "synthetic").any():
        kind = "synthetic"
    label = t(f"about.{kind}", lang) if kind in ("embedded", "full", "synthetic") else kind
    return html.P(
        t("banner", lang, atlas=label, years=data.score_years), id=ids.BANNER, className="banner"
    )


def body(
    data: AppData,
    state: AppState,
    result: Any,
    user: Any = None,
    pending: Any = None,
    *,
    notice: str | None = None,
) -> list[Any]:
    """Build the interactive page for ``state`` (sidebar, views, attribution).

    Parameters
    ----------
    data
        The app data.
    state
        Validated user state.
    result
        Engine result for ``state.weights``.
    user
        The session's own indicators (user store), shown as active in the upload panel.
    pending
        A read upload not yet applied (its form is shown again).
    notice
        A message for the whole page (e.g. why a link's weights were not used).

    Returns
    -------
    list
        Components for the body container.
    """
    lang = state.lang
    query = to_query(state, framework=data.framework)
    views = [
        _tab(
            t("view.map", lang),
            "map",
            [
                html.Div(
                    [
                        search_bar(data, state),
                        map_section(data, state, result),
                        profile_section(data, state, result, profile_links(query, lang)),
                    ],
                    className="map-view",
                )
            ],
        ),
        _tab(t("view.ranking", lang), "ranking", [ranking_section(data, state, result)]),
        _tab(t("view.compare", lang), "compare", [compare_section(data, state)]),
        _tab(t("view.types", lang), "types", [types_section(data, state)]),
        _tab(t("view.uncertainty", lang), "uncertainty", [uncertainty_section(data, state)]),
        _tab(
            t("view.export", lang),
            "export",
            [
                export_section(data, state),
                print_panel(state, query),
            ],
        ),
        _tab(t("view.about", lang), "about", [about_section(data, state)]),
    ]
    notices = [html.P(notice, id=ids.NOTICE, className="warning", role="alert")] if notice else []
    return [
        banner(data, lang),
        *notices,
        dcc.Store(id=ids.WEIGHTS, data=dict(state.weights)),
        dcc.Store(id=ids.SLIDER_WEIGHTS),
        dcc.Store(id=ids.PRESET_INDICATORS),
        # phones: the settings fold away behind this disclosure (CSS only, no script)
        html.Details(
            html.Summary(t("settings.show", lang)),
            id=ids.SIDEBAR_TOGGLE,
            className="sidebar-toggle",
        ),
        html.Div(
            [
                html.Aside(
                    [
                        map_controls(data, state),
                        html.Div(weights_panel(data, state), id=ids.WEIGHTS_PANEL),
                        upload_panel(data, state, user, pending),
                    ],
                    className="sidebar",
                ),
                html.Div(
                    dcc.Tabs(
                        id=ids.VIEW,
                        value=state.view,
                        children=views,
                        className="tabs",
                        parent_className="tabs-parent",
                        mobile_breakpoint=0,  # tabs wrap in a row (CSS), never stack
                    ),
                    className="content",
                ),
            ],
            className="layout",
        ),
        attribution(data, lang),
    ]
