"""Create the Dash app: local assets only, compression, the shell and all callbacks.

Callbacks are registered with ``@dash.callback`` when their modules are imported
and are attached to the first app created in a process, so create one app per
process (``app.py`` does; tests use one session-wide app).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import dash
from dash import html

# Importing the view modules registers their callbacks.
from layouts import (
    compare,
    export,
    ids,
    map_view,
    print_routes,
    profile,
    ranking,
    routing,
    selection,
    similar_view,
    types_view,
    uncertainty,
    upload,
    weights,
)
from layouts import data as appdata
from layouts.i18n import t
from layouts.security import apply_security_headers, limit_request_size
from layouts.shell import INDEX_STRING, body, shell
from layouts.state import AppState, validated

ASSETS = Path(__file__).resolve().parents[1] / "assets"
_CALLBACK_MODULES = (
    compare,
    export,
    map_view,
    profile,
    ranking,
    routing,
    selection,
    similar_view,
    types_view,
    uncertainty,
    upload,
    weights,
)


def validation_layout() -> html.Div:
    """Shell plus a complete body, so Dash knows every id callbacks refer to."""
    data = appdata.get()
    state = validated(AppState(), framework=data.framework, measures=[], ags=set())
    # buttons that only appear after an upload is read or applied
    later = [html.Button(id=ids.UPLOAD_APPLY), html.Button(id=ids.UPLOAD_REMOVE)]
    return html.Div(
        [shell(), html.Div(body(data, state, data.result(state.weights))), html.Div(later)]
    )


#: Dash's @babel/polyfill script tag (its one needed part is assets/regenerator-runtime.js).
_POLYFILL = re.compile(r'<script src="[^"]*/polyfill@[^"]*"></script>\s*')


class AtlasDash(dash.Dash):
    """Dash whose page leaves out @babel/polyfill.

    Current browsers have natively all that core-js 2 provides, and it replaces some
    natives it wrongly finds broken, which slows every callback; the global
    ``regeneratorRuntime`` that Dash's lazily loaded components call comes from
    ``assets/regenerator-runtime.js`` (``scripts/build_regenerator_runtime.sh``).
    """

    def interpolate_index(  # type: ignore[override]
        self, *, scripts: str = "", **parts: Any
    ) -> str:
        """Render the page (:meth:`dash.Dash.interpolate_index`) without the polyfill."""
        return str(super().interpolate_index(scripts=_POLYFILL.sub("", scripts), **parts))


def create_app(*, debug: bool = False) -> dash.Dash:
    """Create the dashboard app (data are loaded and prepared on creation).

    Parameters
    ----------
    debug
        Enable Dash dev tools (never in a served deployment).

    Returns
    -------
    dash.Dash
    """
    app = AtlasDash(
        __name__,
        title=t("title"),
        assets_folder=str(ASSETS),
        serve_locally=True,
        compress=True,
        update_title="",  # the title never changes while callbacks run
        external_stylesheets=[],
        external_scripts=[],
    )
    apply_security_headers(app.server)
    limit_request_size(app.server)
    print_routes.register(app.server, prefix=app.config.routes_pathname_prefix)
    app.index_string = INDEX_STRING
    app.layout = routing.page_layout
    app.validation_layout = validation_layout()  # type: ignore[assignment]
    app.enable_dev_tools(
        debug=debug,
        dev_tools_ui=debug,
        dev_tools_props_check=debug,
        dev_tools_hot_reload=False,
        dev_tools_serve_dev_bundles=debug,
    )
    # Dash learns which component scripts it may serve while it renders the page; render
    # it once now, or a worker's first requests (scripts asked for at once, for a page
    # another worker sent) race that rendering and fail.
    app.server.test_client().get(app.config.requests_pathname_prefix)
    routing.page("")  # the landing page, kept ready for the first visitor of this worker
    return app
