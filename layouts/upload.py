"""Planners' own indicators: the upload panel, its callbacks and the per-session data.

An upload is read with :func:`geodata.readers.user_table.read_uploaded_contents`
(which never raises for bad data) in a child process with a CPU and memory budget
(:mod:`layouts.upload_budget`). A valid table goes into the session's pending
store; nothing is scored until the user chooses domain, direction and weight per
column and presses "apply". The applied table and its specs live in a
``dcc.Store(storage_type="memory")`` of the browser session as compact JSON
(column → AGS → value) and travel with every scoring request; the server keeps
no user data. :func:`data_for` turns that store into app data with the indicators
merged by :func:`potentials.extra.with_user_indicators` (pure), memoised in a small
bounded LRU keyed by the store's content (read-only values, never user state that
another session could change).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import replace
from typing import Any

import pandas as pd
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from geodata.readers.user_table import UserTable, screen_uploaded_contents
from layouts import data as appdata
from layouts import ids, labels
from layouts.aria import aria
from layouts.engine import Scorer, clean_weights
from layouts.i18n import dropdown_labels, t
from layouts.inputs import checked, user_store, weights_store
from layouts.upload_budget import read_with_budget
from potentials.extra import (
    UserSpecError,
    unique_codes,
    user_code,
    user_spec,
    with_user_indicators,
)

#: Derived data sets kept per process (one per distinct applied upload).
CACHE_SIZE = 8
MAX_MESSAGES = 30
DIRECTIONS = (1, -1)


# ----------------------------------------------------------------------------- store


def table_to_store(table: UserTable) -> dict[str, Any]:
    """Compact JSON form of a valid upload: ``{filename, columns, values: {col: {ags: v}}}``."""
    values: dict[str, dict[str, float]] = {}
    for column in table.columns:
        series = table.values[column].dropna()
        values[column] = {str(a): float(v) for a, v in series.items()}
    return {"filename": table.filename, "columns": list(table.columns), "values": values}


def table_from_store(store: dict[str, Any]) -> UserTable:
    """Inverse of :func:`table_to_store` (a table without problems)."""
    columns = [str(c) for c in store.get("columns") or []]
    raw = store.get("values") or {}
    frame = pd.DataFrame(
        {c: pd.Series({str(a): float(v) for a, v in (raw.get(c) or {}).items()}) for c in columns}
    )
    frame = frame.reindex(columns=columns).astype(float)
    frame.index = frame.index.astype(str)
    frame.index.name = "ags"
    return UserTable(
        values=frame.sort_index(), columns=tuple(columns), filename=str(store.get("filename", ""))
    )


def specs_of(store: dict[str, Any]) -> list[Any]:
    """Return the :class:`~potentials.extra.UserIndicatorSpec` of every applied column."""
    out = []
    for entry in store.get("specs") or []:
        out.append(
            user_spec(
                str(entry["column"]),
                domain=str(entry["domain"]),
                direction=int(entry.get("direction", 1)),
                weight=float(entry.get("weight", 1.0)),
                code=str(entry["code"]) if entry.get("code") else None,
            )
        )
    return out


def has_user(store: Any) -> bool:
    """Whether a user store holds applied indicators."""
    return bool(isinstance(store, dict) and store.get("specs") and store.get("values"))


def _canonical(store: dict[str, Any]) -> str:
    keep = {k: store.get(k) for k in ("filename", "columns", "values", "specs")}
    return json.dumps(keep, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def merged(base: Any, store: dict[str, Any]) -> tuple[Any, Any]:
    """Atlas and framework of ``base`` with the store's indicators (pure; may raise)."""
    table, specs = table_from_store(store), specs_of(store)
    return with_user_indicators(base.atlas, base.framework, table, specs)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _derived(canonical: str, base_id: int) -> appdata.AppData:
    base = appdata.get()
    store = json.loads(canonical)
    atlas, framework = merged(base, store)
    scorer = Scorer(atlas, framework, mc_draws=base.mc_draws, cache_size=16)
    years = atlas.indicators.pivot(index="ags", columns="indicator", values="year")
    return replace(
        base,
        atlas=atlas,
        framework=framework,
        scorer=scorer,
        catalogue=atlas.catalogue.drop_duplicates("code").set_index("code"),
        years=years.reindex(list(base.ags)),
    )


def data_for(store: Any) -> appdata.AppData:
    """Return the app data for a session: shared data, or with the session's own indicators.

    Without applied indicators this is :func:`layouts.data.get` itself (no extra cost).
    Every result of the derived scorer carries its own rank intervals.
    """
    base = appdata.get()
    store = user_store(store)
    if not has_user(store):
        return base
    try:
        return _derived(_canonical(store), id(base))
    except UserSpecError:  # a hand-edited store the data do not fit: the shared data
        return base


# ----------------------------------------------------------------------------- layout


def problem_list(problems: Any, lang: str, *, class_name: str) -> html.Ul:
    """Problems of an upload as a plain-language list (at most :data:`MAX_MESSAGES`)."""
    items = [html.Li(p.message(lang)) for p in list(problems)[:MAX_MESSAGES]]
    if len(problems) > MAX_MESSAGES:
        items.append(html.Li(f"… (+{len(problems) - MAX_MESSAGES})"))
    return html.Ul(items, className=class_name)


def column_form(data: Any, pending: dict[str, Any], lang: str) -> list[Any]:
    """One small form per uploaded column: domain, direction, weight; then "apply"."""
    domains = [
        {"label": labels.domain_name(data, d.code, lang), "value": d.code}
        for d in data.framework.domains
    ]
    blocks: list[Any] = []
    for i, column in enumerate(pending.get("columns") or []):
        domain_id = ids.upload_field(ids.UPLOAD_DOMAIN, i)
        weight_id = ids.upload_field(ids.UPLOAD_WEIGHT, i)
        blocks.append(
            html.Fieldset(
                [
                    html.Legend(t("upload.column", lang, column=column)),
                    html.Span(t("upload.domain", lang), className="control-label"),
                    dcc.Dropdown(
                        id=domain_id,
                        options=domains,
                        value=domains[0]["value"] if domains else None,
                        clearable=False,
                        labels=dropdown_labels(lang),
                    ),
                    html.Span(t("upload.direction", lang), className="control-label"),
                    dcc.RadioItems(
                        id=ids.upload_field(ids.UPLOAD_DIRECTION, i),
                        options=[
                            {"label": t("upload.higher", lang), "value": 1},
                            {"label": t("upload.lower", lang), "value": -1},
                        ],
                        value=1,
                        className="radio-row",
                    ),
                    html.Label(
                        [
                            html.Span(t("upload.weight", lang), className="control-label"),
                            dcc.Input(
                                id=weight_id, type="number", min=0.05, max=10, step=0.05, value=1
                            ),
                        ]
                    ),
                ],
                className="upload-column",
            )
        )
    if blocks:
        blocks.append(html.Button(t("upload.apply", lang), id=ids.UPLOAD_APPLY))
    return blocks


def active_note(data: Any, user: Any, lang: str) -> list[Any]:
    """Say what is applied in this session, with a remove button (empty if nothing is)."""
    if not has_user(user):
        return []
    names = ", ".join(str(s["column"]) for s in user["specs"])
    return [
        html.P(
            t("upload.active", lang, names=names, filename=user.get("filename", "")),
            className="note",
        ),
        html.Button(t("upload.remove", lang), id=ids.UPLOAD_REMOVE, className="secondary"),
    ]


def upload_panel(data: Any, state: Any, user: Any = None, pending: Any = None) -> html.Section:
    """Build the upload field, the format help, problems, the column form and what is active."""
    lang = state.lang
    return html.Section(
        [
            html.H2(t("upload", lang)),
            html.P(t("upload.help", lang), className="help"),
            html.P(t("upload.privacy", lang), className="help"),
            # the label around the drop zone names its (hidden) file input for screen readers
            html.Label(
                dcc.Upload(
                    id=ids.UPLOAD,
                    children=html.Div(t("upload.drop", lang)),
                    accept=".csv,.xlsx",
                    multiple=False,
                    className="upload-drop",
                ),
                className="upload-label",
            ),
            html.Div(id=ids.UPLOAD_STATUS, role="status", **aria(live="polite")),
            # a read but not yet applied upload keeps its form across a language switch
            html.Div(column_form(data, pending, lang) if pending else [], id=ids.UPLOAD_FORM),
            html.Div(active_note(data, user, lang), id=ids.UPLOAD_ACTIVE),
        ],
        className="panel upload",
        **aria(label=t("upload", lang)),
    )


# ----------------------------------------------------------------------------- callbacks


def read_upload(contents: Any, filename: Any, lang: str) -> tuple[Any, list[Any], list[Any]]:
    """Read an upload: pending store (None if invalid), status and form (plain function)."""
    if not contents:
        raise PreventUpdate
    data = appdata.get()
    name = str(filename or "upload")
    table = screen_uploaded_contents(str(contents), filename=name) or read_with_budget(
        str(contents), filename=name, districts=data.atlas.districts
    )
    if not table.ok:
        status: list[Any] = [
            html.P(t("upload.rejected", lang, filename=name), className="warning"),
            problem_list(table.errors, lang, class_name="upload-errors"),
        ]
        if table.warnings:
            status += [
                html.P(t("upload.warnings", lang)),
                problem_list(table.warnings, lang, class_name="upload-warnings"),
            ]
        return None, status, []
    pending = table_to_store(table)
    status = [
        html.P(
            t("upload.read", lang, filename=name, rows=len(table.values), n=len(table.columns)),
            className="note",
        )
    ]
    if table.warnings:
        status += [
            html.P(t("upload.warnings", lang)),
            problem_list(table.warnings, lang, class_name="upload-warnings"),
        ]
    return pending, status, column_form(data, pending, lang)


@callback(
    Output(ids.UPLOAD_PENDING, "data"),
    Output(ids.UPLOAD_STATUS, "children"),
    Output(ids.UPLOAD_FORM, "children"),
    Input(ids.UPLOAD, "contents"),
    State(ids.UPLOAD, "filename"),
    State(ids.LANG, "value"),
    prevent_initial_call=True,
)
@checked
def _read(contents, filename, lang):
    return read_upload(contents, filename, lang or "de")


def _weight(value: Any) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return 1.0
    return x if math.isfinite(x) and x > 0 else 1.0


def apply_upload(
    pending: Any,
    domains: list[Any],
    directions: list[Any],
    weights_in: list[Any],
    current_weights: Any,
    state: Any,
    lang: str,
) -> tuple[Any, ...]:
    """Apply a pending upload (plain function).

    Returns
    -------
    User store, weights store, weights panel, measure options, status, form, active note,
    pending store (cleared once applied).
    """
    if not pending or not pending.get("columns"):
        raise PreventUpdate
    specs = []
    base = appdata.get()
    taken = set(base.framework.codes) | set(base.atlas.catalogue["code"])
    codes = unique_codes(pending["columns"], taken=taken)
    for column, code, domain, direction, weight in zip(
        pending["columns"], codes, domains, directions, weights_in, strict=False
    ):
        specs.append(
            {
                "column": column,
                "code": code,
                "domain": domain,
                "direction": -1 if direction in (-1, "-1") else 1,
                "weight": _weight(weight),
            }
        )
    user = {**pending, "specs": specs}
    try:
        data = data_for(user)
    except UserSpecError as err:
        status = [
            html.P(t("upload.failed", lang), className="warning"),
            problem_list(err.details, lang, class_name="upload-errors"),
        ]
        return (no_update,) * 4 + (status,) + (no_update,) * 3
    return _outputs(data, user, current_weights, state, lang, applied=True)


def _outputs(
    data: Any, user: Any, current_weights: Any, state: Any, lang: str, *, applied: bool
) -> tuple[Any, ...]:
    from layouts.controls import weights_panel
    from layouts.state import AppState

    base = clean_weights(appdata.get().framework, current_weights)
    weights = clean_weights(
        data.framework,
        {"domains": base["domains"], "indicators": dict(base["indicators"])},
    )
    view_state = replace(AppState.from_dict(state), lang=lang, weights=weights)
    if applied:
        names = ", ".join(str(s["column"]) for s in user["specs"])
        status = [html.P(t("upload.applied", lang, names=names), className="note")]
        status += [
            html.P(
                t("upload.code_renamed", lang, column=s["column"], code=s["code"], taken=derived),
                className="note",
            )
            for s in user["specs"]
            if s.get("code") and s["code"] != (derived := user_code(str(s["column"])))
        ]
        form: Any = []
    else:
        status = [html.P(t("upload.removed", lang), className="note")]
        form = no_update
    return (
        user,
        weights,
        weights_panel(data, view_state),
        labels.measure_options(data, lang),
        status,
        form,
        active_note(data, user, lang),
        None if applied else no_update,
    )


_APPLY_OUTPUTS = (
    Output(ids.USER, "data"),
    Output(ids.WEIGHTS, "data", allow_duplicate=True),
    Output(ids.WEIGHTS_PANEL, "children"),
    Output(ids.MEASURE, "options"),
    Output(ids.UPLOAD_STATUS, "children", allow_duplicate=True),
    Output(ids.UPLOAD_FORM, "children", allow_duplicate=True),
    Output(ids.UPLOAD_ACTIVE, "children"),
    Output(ids.UPLOAD_PENDING, "data", allow_duplicate=True),
)


@callback(
    *_APPLY_OUTPUTS,
    Input(ids.UPLOAD_APPLY, "n_clicks"),
    State(ids.UPLOAD_PENDING, "data"),
    State({"type": ids.UPLOAD_DOMAIN, "col": ALL}, "value"),
    State({"type": ids.UPLOAD_DIRECTION, "col": ALL}, "value"),
    State({"type": ids.UPLOAD_WEIGHT, "col": ALL}, "value"),
    State(ids.WEIGHTS, "data"),
    State(ids.STATE, "data"),
    State(ids.LANG, "value"),
    prevent_initial_call=True,
)
@checked(current=weights_store)
def _apply(clicks, pending, domains, directions, weights_in, current, state, lang):
    if not clicks:
        raise PreventUpdate
    return apply_upload(pending, domains, directions, weights_in, current, state, lang or "de")


def remove_upload(current_weights: Any, state: Any, lang: str) -> tuple[Any, ...]:
    """Drop the session's own indicators (plain function); same outputs as apply."""
    return _outputs(appdata.get(), None, current_weights, state, lang, applied=False)


@callback(
    *(Output(o.component_id, o.component_property, allow_duplicate=True) for o in _APPLY_OUTPUTS),
    Input(ids.UPLOAD_REMOVE, "n_clicks"),
    State(ids.WEIGHTS, "data"),
    State(ids.STATE, "data"),
    State(ids.LANG, "value"),
    prevent_initial_call=True,
)
@checked(current=weights_store)
def _remove(clicks, current, state, lang):
    if not clicks or ctx.triggered_id != ids.UPLOAD_REMOVE:
        raise PreventUpdate
    return remove_upload(current, state, lang or "de")


__all__ = [
    "apply_upload",
    "data_for",
    "has_user",
    "read_upload",
    "remove_upload",
    "table_from_store",
    "table_to_store",
    "upload_panel",
]
