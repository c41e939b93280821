"""HTTP security headers of the served app: a strict Content-Security-Policy and friends.

:func:`apply_security_headers` adds to every response of the Flask server

* ``Content-Security-Policy``: everything from the app's own origin, no third-party
  host, no ``unsafe-inline``/``unsafe-eval`` for scripts. Dash writes two kinds of
  executable inline ``<script>`` into its index page (the ``DashRenderer`` bootstrap and
  the bodies of inline clientside callbacks); they are allowed by their SHA-256 hashes,
  computed from the index HTML the app itself renders on its first request (after Dash
  has collected its inline scripts), never hard-coded and never taken from a response
  on its way out;
* ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin`` (the page's
  address goes only to the app itself, which renders the page for it),
  ``X-Frame-Options: DENY``, ``Cross-Origin-Opener-Policy: same-origin``.

It also hides Dash's ``/_reload-hash`` endpoint (hot reload) unless the server runs in
debug mode (``python app.py --debug``): a deployment answers it with 404.

:func:`limit_request_size` caps request bodies (Flask's ``MAX_CONTENT_LENGTH``): a body
larger than :data:`MAX_REQUEST_BYTES` is answered with 413 before it is read, so a huge
POST costs the server nothing.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from collections.abc import Iterable
from html.parser import HTMLParser

import flask

#: ``<script type>`` values a browser executes (empty = classic script).
EXECUTABLE_TYPES = frozenset(
    {
        "",
        "module",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "application/x-javascript",
        "application/x-ecmascript",
        "text/ecmascript",
        "text/jscript",
        "text/livescript",
        "text/x-javascript",
        "text/x-ecmascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
    }
)

#: Directives besides ``script-src`` (filled in by :func:`content_security_policy`).
BASE_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    # Plotly.js injects <style> elements (hover labels, mode bar, cursors) and Dash/
    # React components set style attributes (e.g. the profile's percentile bars,
    # legend swatches); neither works without 'unsafe-inline' for styles, and Plotly
    # offers no nonce hook (checked in Chromium: with style-src 'self' the map page
    # reports style-src-elem and style-src-attr violations). Scripts stay strict.
    ("style-src", "'self' 'unsafe-inline'"),
    # data:/blob: for Plotly's "download as PNG" and its SVG-to-image rendering
    ("img-src", "'self' data: blob:"),
    ("connect-src", "'self'"),
    ("font-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)

STATIC_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

RELOAD_HASH_ENDPOINT = "_reload-hash"

#: Largest request body: a 5 MB upload as base64 (6.7 MB) plus the callback's JSON.
MAX_REQUEST_BYTES = 8 * 1024 * 1024


class _InlineScripts(HTMLParser):
    """Collect the bodies of executable inline ``<script>`` elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.bodies: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = {k.lower(): (v or "") for k, v in attrs}
        kind = attributes.get("type", "").strip().lower()
        executable = "src" not in attributes and kind in EXECUTABLE_TYPES
        self._current = [] if executable else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.bodies.append("".join(self._current))
        if tag == "script":
            self._current = None


def inline_scripts(html: str) -> list[str]:
    """Return the exact text of every executable inline ``<script>`` in ``html``.

    Scripts with ``src`` and data blocks (e.g. ``type="application/json"``) are left out.
    """
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.bodies


def script_hash(body: str) -> str:
    """CSP source expression of an inline script: ``'sha256-<base64>'``."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script_hashes: Iterable[str]) -> str:
    """Build the policy string for the given ``'sha256-…'`` script sources."""
    hashes = list(dict.fromkeys(script_hashes))
    directives = [BASE_DIRECTIVES[0], ("script-src", " ".join(["'self'", *hashes]))]
    directives += list(BASE_DIRECTIVES[1:])
    return "; ".join(f"{name} {value}" for name, value in directives)


def _render_index(server: flask.Flask) -> str:
    """Render the index HTML as the app serves it at ``/`` (inside the current request)."""
    endpoint = server.url_map.bind("localhost").match("/", method="GET")[0]
    body = server.view_functions[endpoint]()
    if isinstance(body, flask.Response):
        return body.get_data(as_text=True)
    if isinstance(body, bytes):
        return body.decode("utf-8")
    return str(body)


def apply_security_headers(server: flask.Flask) -> None:
    """Add the security headers to every response of ``server`` (call once per server).

    The script hashes are computed once, from the index HTML rendered on the first
    request (Dash gathers its inline scripts then); every later response reuses them.

    Parameters
    ----------
    server
        The Flask server of the Dash app (``app.server``).
    """
    lock = threading.Lock()
    cache: dict[str, str] = {}

    def policy() -> str:
        if "csp" not in cache:
            with lock:
                if "csp" not in cache:
                    try:
                        html = _render_index(server)
                    except Exception:  # the index itself is broken: stay strict, retry later
                        server.logger.exception("index not rendered; CSP without script hashes")
                        return content_security_policy([])
                    cache["csp"] = content_security_policy(map(script_hash, inline_scripts(html)))
        return cache["csp"]

    @server.before_request
    def _hide_reload_hash() -> None:
        endpoint = flask.request.endpoint or ""
        if endpoint.endswith(RELOAD_HASH_ENDPOINT) and not server.debug:
            flask.abort(404)

    @server.after_request
    def _security_headers(response: flask.Response) -> flask.Response:
        response.headers["Content-Security-Policy"] = policy()
        for name, value in STATIC_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def limit_request_size(server: flask.Flask, limit: int = MAX_REQUEST_BYTES) -> None:
    """Refuse request bodies over ``limit`` bytes with 413 before reading them.

    Parameters
    ----------
    server
        The Flask server of the Dash app (``app.server``).
    limit
        Largest accepted body in bytes (``Content-Length`` and what is actually sent).
    """
    server.config["MAX_CONTENT_LENGTH"] = limit


__all__ = [
    "MAX_REQUEST_BYTES",
    "apply_security_headers",
    "content_security_policy",
    "inline_scripts",
    "limit_request_size",
    "script_hash",
]
