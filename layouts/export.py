"""Export of the scores with the user's weights: GeoPackage and CSV via the engine."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dash import Input, Output, State, callback, ctx, dcc, html
from dash.exceptions import PreventUpdate

from layouts import data as appdata
from layouts import ids
from layouts.i18n import t

FILE_STEM = "integrationspotenzial_kreise"


def export_section(data: Any, state: Any) -> html.Section:
    """Download buttons and the help text."""
    lang = state.lang
    return html.Section(
        [
            html.H2(t("export", lang)),
            html.P(t("export.help", lang), className="help"),
            html.Div(
                [
                    html.Button(t("export.gpkg", lang), id=ids.EXPORT_GPKG),
                    html.Button(t("export.csv", lang), id=ids.EXPORT_CSV),
                ],
                className="button-row",
            ),
            dcc.Download(id=ids.DOWNLOAD),
        ],
        className="panel",
    )


def _writers() -> tuple[Callable[..., Any], Callable[..., Any]]:
    """Return the engine's writers, or a thin stand-in while ``potentials.export`` is absent."""
    try:
        from potentials import export as engine_export
    except ImportError:
        return _write_geopackage, _write_csv
    return engine_export.write_geopackage, engine_export.write_csv


def _scored(result: Any, atlas: Any) -> Any:
    districts = atlas.districts[["ags", "name", "kind", "state", "geometry"]]
    scores = result.scores.drop(columns=["name"], errors="ignore")
    return districts.merge(scores, left_on="ags", right_index=True, how="left")


def _write_geopackage(result: Any, atlas: Any, path: Path) -> None:
    _scored(result, atlas).to_file(path, layer="scores", driver="GPKG")


def _write_csv(result: Any, atlas: Any, path: Path) -> None:
    _scored(result, atlas).drop(columns="geometry").to_csv(path, index=False)


def export_bytes(weights: Any, kind: str) -> tuple[str, bytes]:
    """Write the scores for ``weights`` to a temporary file and return name and bytes."""
    data = appdata.get()
    result = data.result(weights)
    suffix = ".gpkg" if kind == "gpkg" else ".csv"
    write_gpkg, write_csv = _writers()
    writer = write_gpkg if kind == "gpkg" else write_csv
    with tempfile.TemporaryDirectory(prefix="potentials-export-") as tmp:
        path = Path(tmp) / f"{FILE_STEM}{suffix}"
        writer(result, data.atlas, path)
        return path.name, path.read_bytes()


@callback(
    Output(ids.DOWNLOAD, "data"),
    Input(ids.EXPORT_GPKG, "n_clicks"),
    Input(ids.EXPORT_CSV, "n_clicks"),
    State(ids.WEIGHTS, "data"),
    prevent_initial_call=True,
)
def _export(_gpkg, _csv, weights):
    kind = {ids.EXPORT_GPKG: "gpkg", ids.EXPORT_CSV: "csv"}.get(ctx.triggered_id)
    if kind is None:
        raise PreventUpdate
    name, content = export_bytes(weights, kind)
    return dcc.send_bytes(content, filename=name)
