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
from layouts.inputs import checked
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
    suffix = ".gpkg" if kind == "gpkg" else ".csv"
    writer = potentials.export.write_geopackage if kind == "gpkg" else potentials.export.write_csv
    with tempfile.TemporaryDirectory(prefix="potentials-export-") as tmp:
        path = Path(tmp) / f"{FILE_STEM}{suffix}"
        writer(result, data.atlas, path)
        if kind == "csv" and has_user(user):
            # the CSV alone would lose the labelling: add its metadata (sources) in a zip
            sidecar = path.with_name(f"{path.stem}.metadata.json")
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.write(path, path.name)
                zf.write(sidecar, sidecar.name)
            return f"{FILE_STEM}.zip", buffer.getvalue()
        return path.name, path.read_bytes()


@callback(
    Output(ids.DOWNLOAD, "data"),
    Input(ids.EXPORT_GPKG, "n_clicks"),
    Input(ids.EXPORT_CSV, "n_clicks"),
    State(ids.WEIGHTS, "data"),
    State(ids.USER, "data"),
    prevent_initial_call=True,
)
@checked
def _export(_gpkg, _csv, weights, user=None):
    kind = {ids.EXPORT_GPKG: "gpkg", ids.EXPORT_CSV: "csv"}.get(ctx.triggered_id)
    if kind is None:
        raise PreventUpdate
    name, content = export_bytes(weights, kind, user=user)
    return dcc.send_bytes(content, filename=name)
