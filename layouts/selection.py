"""What follows the selected district and the page address: map outline and print links."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, Patch, State, callback, html

from layouts import ids, places
from layouts.i18n import t
from layouts.inputs import checked
from layouts.print_routes import map_href, report_href
from layouts.state import from_query
from layouts.upload import data_for

#: Index of the outline trace in the map figure (choropleth, Länder borders, outline).
OUTLINE_TRACE = 2


def outline_patch(data: Any, ags: str | None) -> Patch:
    """Patch that moves the outline to the selected district (or removes it)."""
    outline = places.district_outline(data, ags)
    p = Patch()
    p["data"][OUTLINE_TRACE]["lon"] = outline["lon"]
    p["data"][OUTLINE_TRACE]["lat"] = outline["lat"]
    return p


@callback(
    Output(ids.MAP, "figure", allow_duplicate=True),
    Input(ids.DISTRICT, "value"),
    State(ids.USER, "data"),
    prevent_initial_call=True,
)
@checked
def _outline(ags: str | None, user: Any = None) -> Patch:
    return outline_patch(data_for(user), ags)


def _link(text: str, href: str) -> html.A:
    return html.A(text, href=href, target="_blank", rel="noopener", className="button-link")


def print_links(query: str | None, lang: str) -> list[Any]:
    """Links to the map sheets and, with a district selected, to its report."""
    query = query or ""
    links: list[Any] = [
        _link(t(f"export.map.{fmt}", lang), map_href(query, fmt)) for fmt in ("pdf", "png", "svg")
    ]
    district = from_query(query).district
    if district:
        links.append(_link(t("export.report", lang), report_href(query, district)))
    else:
        links.append(html.Span(t("export.report.none", lang), className="help"))
    return links


def profile_links(query: str | None, lang: str) -> list[Any]:
    """Link to the selected district's report (empty without a selection)."""
    query = query or ""
    district = from_query(query).district
    if not district:
        return []
    return [_link(t("profile.report", lang), report_href(query, district))]


@callback(
    Output(ids.PRINT_LINKS, "children"),
    Output(ids.PROFILE_LINKS, "children"),
    Input(ids.URL_WRITER, "data"),
    State(ids.LANG, "value"),
    prevent_initial_call=True,  # the page comes with its links
)
@checked
def _links(query: str | None, lang: str | None) -> tuple[list[Any], list[Any]]:
    lang = lang or "de"
    return print_links(query, lang), profile_links(query, lang)


def print_panel(state: Any, query: str) -> html.Section:
    """Export-tab panel with the links to the print-ready sheets of the current view."""
    lang = state.lang
    return html.Section(
        [
            html.H2(t("export.print", lang)),
            html.P(t("export.print.help", lang), className="help"),
            html.Div(print_links(query, lang), id=ids.PRINT_LINKS, className="button-row"),
        ],
        className="panel",
    )
