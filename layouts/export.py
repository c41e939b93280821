"""Export of the scores with the user's weights: GeoPackage and CSV via the engine."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from dash import Input, Output, State, callback, ctx, dcc, html
from dash.exceptions import PreventUpdate

import potentials.export
from layouts import ids
from layouts.i18n import t
from layouts.upload import data_for, has_user

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
                    html.Button(t("export.csv_excel", lang), id=ids.EXPORT_CSV_EXCEL),
                ],
                className="button-row",
            ),
            dcc.Download(id=ids.DOWNLOAD),
        ],
        className="panel",
    )


def export_bytes(weights: Any, kind: str, *, user: Any = None) -> tuple[str, bytes]:
    """Write the scores for ``weights`` to a temporary file and return name and bytes.

    With own indicators in ``user``, the atlas written is the merged one, whose
    catalogue marks them ``user-supplied``; the CSV then comes in a zip with its
    metadata sidecar, which lists every indicator's source.
    """
    data = data_for(user)
    result = data.result(weights)
    suffix = {"gpkg": ".gpkg", "csv": ".csv", "csv-excel": "_excel.csv"}[kind]
    with tempfile.TemporaryDirectory(prefix="potentials-export-") as tmp:
        path = Path(tmp) / f"{FILE_STEM}{suffix}"
        if kind == "gpkg":
            potentials.export.write_geopackage(result, data.atlas, path)
        else:  # "csv-excel": semicolons, decimal comma, BOM, ags kept as text
            dialect = "excel-de" if kind == "csv-excel" else "default"
            potentials.export.write_csv(result, data.atlas, path, dialect=dialect)
        if kind != "gpkg" and has_user(user):
            # the CSV alone would lose the labelling: add its metadata (sources) in a zip
            sidecar = path.with_name(f"{path.stem}.metadata.json")
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.write(path, path.name)
                zf.write(sidecar, sidecar.name)
                zf.write(path.with_name("datapackage.json"), "datapackage.json")
            return f"{path.stem}.zip", buffer.getvalue()
        return path.name, path.read_bytes()


@callback(
    Output(ids.DOWNLOAD, "data"),
    Input(ids.EXPORT_GPKG, "n_clicks"),
    Input(ids.EXPORT_CSV, "n_clicks"),
    Input(ids.EXPORT_CSV_EXCEL, "n_clicks"),
    State(ids.WEIGHTS, "data"),
    State(ids.USER, "data"),
    prevent_initial_call=True,
)
def _export(_gpkg, _csv, _csv_excel, weights, user=None):
    kinds = {ids.EXPORT_GPKG: "gpkg", ids.EXPORT_CSV: "csv", ids.EXPORT_CSV_EXCEL: "csv-excel"}
    kind = kinds.get(ctx.triggered_id)
    if kind is None:
        raise PreventUpdate
    name, content = export_bytes(weights, kind, user=user)
    return dcc.send_bytes(content, filename=name)
