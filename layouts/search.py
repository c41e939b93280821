"""The district search above the map (forgiving: see :func:`layouts.places.search_text`)."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from layouts import ids
from layouts.i18n import dropdown_labels, t
from layouts.places import district_options


def search_bar(data: Any, state: Any) -> html.Div:
    """Label and dropdown that select the district (the map and the profile follow it)."""
    lang = state.lang
    return html.Div(
        [
            html.Label(t("profile.search", lang), htmlFor=ids.DISTRICT, className="control-label"),
            dcc.Dropdown(
                id=ids.DISTRICT,
                options=district_options(data, lang),
                value=state.district,
                placeholder=t("profile.search", lang),
                searchable=True,
                clearable=True,
                labels=dropdown_labels(lang),
            ),
        ],
        className="search-bar",
        role="search",
    )
