"""Export of the scores with the user's weights: GeoPackage and CSV via the engine."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dash import Input, Output, State, callback, ctx, dcc, html
from dash.exceptions import PreventUpdate

import potentials
import potentials.export
from layouts import ids
from layouts.colours import (
    DEFAULT_K,
    DEFAULT_METHOD,
    DEFAULT_PALETTE,
    K_CHOICES,
    METHODS,
    PALETTES,
    palette_colours,
)
from layouts.i18n import t
from layouts.upload import data_for, has_user
from potentials import WeightError

if TYPE_CHECKING:
    from layouts.data import AppData
    from layouts.state import AppState

FILE_STEM = "integrationspotenzial_kreise"


def export_section(data: AppData, state: AppState) -> html.Section:
    """Download buttons and the help text."""
    lang = state.lang
    method = t(f"class.{state.method}", lang)
    return html.Section(
        [
            html.H2(t("export", lang)),
            html.P(t("export.help", lang), className="help"),
            html.P(t("export.classes", lang, method=method, k=state.k), className="help"),
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


def export_bytes(
    weights: Any,
    kind: str,
    *,
    user: Any = None,
    method: str = DEFAULT_METHOD,
    k: int = DEFAULT_K,
    palette: str = DEFAULT_PALETTE,
) -> tuple[str, bytes]:
    """Write the scores for ``weights`` to a temporary file and return name and bytes.

    The result carries the rank intervals of the Monte Carlo for these weights. The
    GeoPackage's QGIS style classifies the composite with the map's method, class
    count and palette. With own indicators in ``user``, the atlas written is the
    merged one, whose catalogue marks them ``user-supplied``; the CSV then comes in
    a zip with its metadata sidecar, which lists every indicator's source.

    Raises
    ------
    potentials.WeightError
        If the weights cannot be scored.
    """
    data = data_for(user)
    result = data.result(weights)
    suffix = {"gpkg": ".gpkg", "csv": ".csv", "csv-excel": "_excel.csv"}[kind]
    # the composite's classes as on screen: favourable (high) in the palette's last colour
    classes = potentials.classify(result.scores["composite"].to_numpy(), method=method, k=int(k))
    with tempfile.TemporaryDirectory(prefix="potentials-export-") as tmp:
        path = Path(tmp) / f"{FILE_STEM}{suffix}"
        if kind == "gpkg":
            colours = list(palette_colours(palette, classes.k))
            potentials.export.write_geopackage(
                result, data.atlas, path, classes=classes, colours=colours
            )
        else:  # "csv-excel": semicolons, decimal comma, BOM, ags kept as text
            dialect = "excel-de" if kind == "csv-excel" else "default"
            potentials.export.write_csv(result, data.atlas, path, dialect=dialect, classes=classes)
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
    State(ids.CLASS_METHOD, "value"),
    State(ids.CLASS_K, "value"),
    State(ids.PALETTE, "value"),
    prevent_initial_call=True,
)
def _export(
    _gpkg: Any,
    _csv: Any,
    _csv_excel: Any,
    weights: Any,
    user: Any,
    method: Any,
    k: Any,
    palette: Any,
) -> Any:
    kinds = {ids.EXPORT_GPKG: "gpkg", ids.EXPORT_CSV: "csv", ids.EXPORT_CSV_EXCEL: "csv-excel"}
    kind = kinds.get(str(ctx.triggered_id))
    if kind is None:
        raise PreventUpdate
    method = method if method in METHODS else DEFAULT_METHOD
    palette = palette if palette in PALETTES else DEFAULT_PALETTE
    k = k if k in K_CHOICES else DEFAULT_K
    try:
        name, content = export_bytes(weights, kind, user=user, method=method, k=k, palette=palette)
    except WeightError:
        raise PreventUpdate from None  # the map says why the weights cannot be scored
    return dcc.send_bytes(content, filename=name)
