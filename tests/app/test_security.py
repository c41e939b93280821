"""Security headers, the Content-Security-Policy and debug-off of the served app.

Flask test client on the session app (SYNTHETIC atlas); the deployment object
``app:server`` is checked in a subprocess (it builds its own app on the embedded atlas,
and Dash attaches callbacks to the first app of a process only).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from dashtree import callback_request

from layouts import ids
from layouts.security import content_security_policy, inline_scripts, script_hash
from tests.conftest import REPO, require

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
#: Source expressions that name no host (anything else would be a third party or '*').
LOCAL_SOURCES = re.compile(
    r"^('self'|'none'|'unsafe-inline'|'sha256-[A-Za-z0-9+/]+=*'|data:|blob:)$"
)


def _policy(header: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in out, f"directive {name} twice"
        out[name] = sources
    return out


def _weight_change_body(client, weights: dict) -> dict:
    return callback_request(
        client,
        f"{ids.MAP}.figure",
        {
            f"{ids.WEIGHTS}.data": weights,
            f"{ids.MEASURE}.value": "composite",
            f"{ids.CLASS_METHOD}.value": "quantiles",
            f"{ids.CLASS_K}.value": 5,
            f"{ids.PALETTE}.value": "viridis",
            f"{ids.CLASSES}.data": [0] * 400,
            f"{ids.LANG}.value": "de",
        },
    )


def _responses(client) -> dict[str, object]:
    index = client.get("/")
    scripts = re.findall(r'<script src="(/_dash-component-suites/[^"]+\.js)"', index.get_data(True))
    assert scripts, "no component-suite script in the index"
    body = _weight_change_body(client, {"domains": {"labour": 3.0}, "indicators": {}})
    return {
        "/": index,
        "/_dash-layout": client.get("/_dash-layout"),
        scripts[0]: client.get(scripts[0]),
        "callback": client.post(
            "/_dash-update-component",
            data=json.dumps(body),
            content_type="application/json",
            headers={"Accept-Encoding": "gzip"},
        ),
    }


def test_every_kind_of_response_carries_the_security_headers(client):
    for what, response in _responses(client).items():
        assert response.status_code == 200, what
        for name, value in EXPECTED.items():
            assert response.headers.get(name) == value, (what, name)
        policy = _policy(response.headers["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"], what
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    callback = _responses(client)["callback"]
    assert callback.headers.get("Content-Encoding") == "gzip"  # compression still applies


def test_policy_has_strict_scripts_and_no_third_party_host(client):
    policy = _policy(client.get("/_dash-layout").headers["Content-Security-Policy"])
    script = policy["script-src"]
    assert script[0] == "'self'"
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert all(s.startswith("'sha256-") for s in script[1:])
    for name in ("connect-src", "font-src", "base-uri"):
        assert policy[name] == ["'self'"], name
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    for name, sources in policy.items():
        for source in sources:
            assert LOCAL_SOURCES.match(source), f"{name} allows {source}"
            if source == "'unsafe-inline'":
                assert name == "style-src", name


def test_every_executable_inline_script_of_the_index_is_hashed(client, dash_app):
    html = client.get("/").get_data(as_text=True)
    bodies = inline_scripts(html)
    # Dash's renderer bootstrap and the inline clientside callback (URL writer)
    assert any("new DashRenderer" in b for b in bodies)
    assert any("replaceState" in b for b in bodies)
    # the JSON config block is data, not script, and needs no hash
    assert '<script id="_dash-config" type="application/json">' in html
    assert not any(b.lstrip().startswith('{"url_base_pathname"') for b in bodies)
    allowed = set(_policy(client.get("/").headers["Content-Security-Policy"])["script-src"])
    for b in bodies:
        assert script_hash(b) in allowed, b[:80]
    # Dash's own computation agrees (independent hashing of the same scripts)
    assert set(dash_app.csp_hashes()) == allowed - {"'self'"}


def test_inline_script_parser_and_hash():
    html = textwrap.dedent(
        """
        <script src="/a.js"></script>
        <script>alert(1)</script>
        <script type="application/json">{"a": 1}</script>
        <script type="module">import "/b.js";</script>
        <SCRIPT TYPE="text/JavaScript">x &amp;&amp; y</SCRIPT>
        """
    )
    assert inline_scripts(html) == ["alert(1)", 'import "/b.js";', "x &amp;&amp; y"]
    # sha256("alert(1)"), base64 – the textbook CSP example value
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    assert "script-src 'self'; " in content_security_policy([])


def test_reload_hash_is_not_served_unless_debugging(client, dash_app):
    missing = client.get("/_reload-hash")
    assert missing.status_code == 404
    assert missing.headers.get("X-Frame-Options") == "DENY"  # error responses too
    assert "script-src 'self'" in missing.headers["Content-Security-Policy"]
    server = dash_app.server
    server.debug = True
    try:
        assert client.get("/_reload-hash").status_code == 200
    finally:
        server.debug = False
    assert client.get("/_reload-hash").status_code == 404


def test_session_app_has_debug_and_dev_tools_off(dash_app):
    assert dash_app.server.debug is False
    tools = dash_app._dev_tools
    for flag in ("ui", "props_check", "serve_dev_bundles", "hot_reload"):
        assert tools[flag] is False, flag


@pytest.mark.slow
def test_deployed_server_has_debug_and_dev_tools_off():
    """``gunicorn app:server`` imports this object: no debugger, no dev tools, no reload."""
    require((REPO / "geodata" / "data" / "atlas.gpkg").exists(), "embedded atlas not built")
    probe = textwrap.dedent(
        """
        import json
        import app
        client = app.server.test_client()
        index = client.get("/").get_data(as_text=True)
        print(json.dumps({
            "debug": app.server.debug,
            "dash_debug": app.app.config.get("debug"),
            "dev_tools": {k: app.app._dev_tools[k]
                          for k in ("ui", "props_check", "serve_dev_bundles", "hot_reload")},
            "reload_hash": client.get("/_reload-hash").status_code,
            "csp": client.get("/").headers.get("Content-Security-Policy"),
            "config_ui": '"ui":false' in index and '"props_check":false' in index,
        }))
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "POTENTIALS_DEBUG"}
    env["POTENTIALS_MC_DRAWS"] = "20"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    info = json.loads(done.stdout.strip().splitlines()[-1])
    assert info["debug"] is False and not info["dash_debug"]
    assert info["dev_tools"] == dict.fromkeys(info["dev_tools"], False)
    assert info["reload_hash"] == 404
    assert info["config_ui"] is True
    assert "'unsafe-inline'" not in _policy(info["csp"])["script-src"]


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
def test_browser_renders_the_map_without_csp_violations(live_server):
    require(CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(30000)
            # registered before any page script runs (DevTools protocol, not an inline script)
            page.add_init_script(
                "window.__csp = [];"
                "document.addEventListener('securitypolicyviolation', e =>"
                " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
            )
            console: list[str] = []
            page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
            page.goto(f"{live_server}/")
            # locator waits (a wait_for_function string would itself need 'unsafe-eval')
            page.locator(".choroplethlocation").nth(399).wait_for(state="attached")
            assert page.locator(".choroplethlocation").count() == 400
            page.wait_for_load_state("networkidle")
            violations = page.evaluate("window.__csp")
            # a blocked inline script would have left the page without the renderer
            assert page.evaluate("typeof window.dash_clientside") == "object"
        finally:
            browser.close()
    assert violations == []
    assert not [m for m in console if "Content Security Policy" in m], console
