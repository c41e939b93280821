"""Export a scoring result: GeoPackage (with metadata and QGIS style) and CSV.

GeoPackage layout (``write_geopackage``):

``districts``
    One feature per district: identifiers, typology, coverage, composite, ranks
    and rank interval, one ``domain_<code>`` column per domain, ``raw_<code>`` and
    ``norm_<code>`` per indicator, and the composite's map class.
``indicators``
    One row per scored indicator: domain, direction, weights, proxy flag, name,
    unit, source, year, licence and rationale.
``metadata``
    ``item, value`` pairs: framework, every assumption of the spec, seed,
    software version, atlas kind and build, sources, licences and attribution.
``sensitivity``
    Sensitivity indices per assumption (only with Monte Carlo).

The metadata are also registered as an OGC GeoPackage metadata record
(``gpkg_metadata`` + ``gpkg_metadata_reference``, JSON), and a graduated QGIS
style on ``composite`` (same classes and colours as the dashboard) is stored in
``layer_styles`` so QGIS opens the layer styled.

Every file is written to a temporary file in the target folder and renamed at the
end, so a failed export never leaves a half-written file behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyogrio

from geodata.readers.user_table import neutralise_formula
from potentials._style import graduated_qml, graduated_sld
from potentials.classify import Classes, ClassMethod, classify
from potentials.palettes import Palette, palette
from potentials.pipeline import Result

if TYPE_CHECKING:
    import geopandas as gpd

    from geodata.atlas.model import Atlas

__all__ = [
    "ATTRIBUTION",
    "export_table",
    "metadata_items",
    "neutralise_formulas",
    "write_csv",
    "write_geopackage",
]

#: Attribution lines for the official sources of the atlas.
ATTRIBUTION = (
    "Verwaltungsgrenzen: © GeoBasis-DE / BKG (VG250), dl-de/by-2-0",
    "Statistische Daten: © Statistische Ämter des Bundes und der Länder, Deutschland, dl-de/by-2-0",
)
SOFTWARE = "potentials"
DISTRICTS_LAYER = "districts"
_FIRST_COLUMNS = [
    "ags", "name", "kind", "state", "settlement_type", "rural_type", "rurality",
    "coverage", "flagged", "composite", "rank", "rank_median", "rank_p05", "rank_p95",
    "robustness",
]  # fmt: skip


def software_version() -> str:
    """Return the installed version of the ``potentials`` package."""
    try:
        return version(SOFTWARE)
    except PackageNotFoundError:  # running from a source tree without installation
        return "unknown"


def export_table(result: Result, atlas: Atlas) -> gpd.GeoDataFrame:
    """One row per district with every exported column and the geometry.

    Parameters
    ----------
    result
        The scoring result.
    atlas
        The atlas the result was computed from (boundaries, kind, state).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``ags, name, kind, state, settlement_type, rural_type, rurality,
        coverage, flagged, composite, rank, rank_median, rank_p05, rank_p95,
        robustness``, ``domain_<code>``, ``raw_<code>``, ``norm_<code>``, geometry.
        Rank interval columns are empty (NaN) without Monte Carlo.
    """
    districts = atlas.districts.set_index("ags")
    scores = result.scores.reindex(districts.index)
    table = pd.DataFrame(index=districts.index)
    table["name"] = districts["name"]
    table["kind"] = districts["kind"]
    table["state"] = districts["state"]
    for column in _FIRST_COLUMNS[4:]:
        table[column] = scores[column] if column in scores else np.nan
    table["robustness"] = table["robustness"].astype(object)
    for column in result.domain_columns:
        table[column] = scores[column]
    raw = result.raw.reindex(districts.index)
    norm = result.normalised.reindex(districts.index)
    for code in result.framework.codes:
        table[f"raw_{code}"] = raw[code]
    for code in result.framework.codes:
        table[f"norm_{code}"] = norm[code]
    table = table.reset_index()
    import geopandas as gpd

    return gpd.GeoDataFrame(table, geometry=districts.geometry.to_numpy(), crs=districts.crs)


def indicator_table(result: Result, atlas: Atlas) -> pd.DataFrame:
    """Describe every scored indicator: weights, direction, proxy flag and provenance.

    Parameters
    ----------
    result
        The scoring result.
    atlas
        The atlas (its catalogue gives names, units, sources and licences).

    Returns
    -------
    pandas.DataFrame
        One row per indicator.
    """
    weights = result.weights.query("level == 'indicator'").set_index("code")
    within = weights["weight"].astype(float).to_dict()
    effective = weights["effective"].astype(float).to_dict()
    catalogue: dict[str, dict[str, object]] = {
        str(row["code"]): {str(k): v for k, v in row.items()}
        for row in atlas.catalogue.to_dict(orient="records")
    }
    rows = []
    for ind in result.framework.indicators:
        meta = catalogue.get(ind.code, {})
        rows.append(
            {
                "code": ind.code,
                "domain": ind.domain,
                "direction": ind.direction,
                "weight_in_domain": within[ind.code],
                "weight_effective": effective[ind.code],
                "is_proxy": bool(ind.is_proxy),
                "proxy_of": ind.proxy_of or "",
                "transform": ind.transform.value,
                "winsorise": ""
                if ind.winsorise is None
                else f"{ind.winsorise[0]}-{ind.winsorise[1]}",
                "name_de": str(meta.get("name_de", "")),
                "name_en": str(meta.get("name_en", "")),
                "unit": str(meta.get("unit", "")),
                "source": str(meta.get("source", "")),
                "table_code": str(meta.get("table_code", "")),
                "year": str(meta.get("year", "")),
                "period": _str(meta.get("period")),
                "unit_de": _str(meta.get("unit_de")),
                "unit_en": _str(meta.get("unit_en")),
                "caveats_en": _str(meta.get("caveats_en")),
                "licence": str(meta.get("licence", "")),
                "rationale": ind.rationale,
            }
        )
    return pd.DataFrame(rows)


def _str(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _quantiles(pair: tuple[float, float] | None) -> str:
    return "" if pair is None else f"{pair[0]:g}-{pair[1]:g}"


def metadata_items(result: Result, atlas: Atlas) -> dict[str, str]:
    """Describe the run for the metadata table: spec, versions, atlas, sources, licences.

    Parameters
    ----------
    result
        The scoring result.
    atlas
        The atlas the result was computed from.

    Returns
    -------
    dict
        ``{item: value}`` (all strings).
    """
    fw = result.framework
    items: dict[str, str] = {
        "title": "Integrationspotenzial der Kreise / integration potential of German districts",
        "note": "Scores describe the conditions a district offers, never its inhabitants.",
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "software": f"{SOFTWARE} {software_version()}",
        "framework_title": fw.title,
    }
    items.update({f"spec.{k}": v for k, v in result.spec.describe().items()})
    for _, row in result.weights.iterrows():
        items[f"weight.{row['level']}.{row['code']}"] = f"{row['effective']:.6g}"
    items["indicators"] = ",".join(fw.codes)
    items["proxies"] = ",".join(f"{c} for {p}" for c, p in result.proxies.items())
    items["dropped_indicators"] = ",".join(fw.dropped)
    items["rank"] = "1 = most favourable conditions; flagged districts are not ranked"
    items["robustness"] = (
        "robust_high: rank_p95 within the top quintile; robust_low: rank_p05 within the "
        "bottom quintile; weight_dependent: 5-95 % rank interval wider than two quintiles"
    )
    items.update(result.metadata)
    items["atlas.kind"] = str(atlas.kind)
    if atlas.path:
        items["atlas.path"] = Path(atlas.path).name
    for _, row in atlas.build.iterrows():
        items[f"atlas.build.{row['item']}"] = str(row["value"])
    catalogue = atlas.catalogue
    used = catalogue[catalogue["code"].isin(fw.codes)] if len(catalogue) else catalogue
    sources = sorted({str(s) for s in used.get("source", []) if str(s)})
    licences = sorted({str(s) for s in used.get("licence", []) if str(s)})
    items["sources"] = " | ".join(sources)
    items["licences"] = " | ".join(licences)
    if "period" in used.columns:
        periods = {str(r["code"]): _str(r["period"]) for _, r in used.iterrows()}
        items["periods"] = "; ".join(f"{c}: {p}" for c, p in sorted(periods.items()))
        items["vintages"] = (
            "Vintages are mixed: each indicator has its own reference period (see periods); "
            "scores combine values from different years."
        )
    synthetic = any(
        str(r["item"]) == "synthetic" and str(r["value"]).lower() == "true"
        for _, r in atlas.build.iterrows()
    )
    items["attribution"] = (
        "SYNTHETIC DATA: random numbers for testing, no official source"
        if synthetic
        else " | ".join(ATTRIBUTION)
    )
    return items


def _classes_and_colours(
    result: Result,
    classes: Classes | None,
    method: ClassMethod | str,
    k: int,
    colours: list[str] | None,
) -> tuple[Classes, list[str]]:
    if classes is None:
        classes = classify(result.scores["composite"].to_numpy(), method=method, k=k)
    colours = colours or palette(Palette.VIRIDIS, classes.k)
    return classes, colours


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it to ``path`` on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # the writers create the file themselves
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in ("-journal", "-wal"))):
            leftover.unlink(missing_ok=True)


def write_geopackage(
    result: Result,
    atlas: Atlas,
    path: str | os.PathLike[str],
    *,
    classes: Classes | None = None,
    method: ClassMethod | str = ClassMethod.QUANTILES,
    k: int = 5,
    colours: list[str] | None = None,
) -> Path:
    """Write the result as a GeoPackage with metadata and a default QGIS style.

    Parameters
    ----------
    result
        The scoring result.
    atlas
        The atlas the result was computed from.
    path
        Target ``.gpkg`` file (replaced if it exists).
    classes
        Map classes of the composite; computed with ``method`` and ``k`` if None.
    method, k
        Classification used when ``classes`` is None.
    colours
        One hex colour per class (default: viridis, as in the dashboard).

    Returns
    -------
    pathlib.Path
        The written file.
    """
    target = Path(path)
    classes, colours = _classes_and_colours(result, classes, method, k, colours)
    table = export_table(result, atlas)
    composite = result.scores["composite"].reindex(table["ags"]).to_numpy()
    class_index = classify_into(composite, classes)
    table.insert(table.columns.get_loc("composite") + 1, "composite_class", class_index)
    items = metadata_items(result, atlas)
    items["classes.method"] = classes.method.value
    items["classes.breaks"] = ",".join(f"{b:.6g}" for b in classes.breaks)
    items["classes.colours"] = ",".join(colours)
    metadata = pd.DataFrame({"item": list(items), "value": list(items.values())})
    with _atomic(target) as tmp:
        pyogrio.write_dataframe(table, tmp, layer=DISTRICTS_LAYER, driver="GPKG")
        pyogrio.write_dataframe(indicator_table(result, atlas), tmp, layer="indicators")
        pyogrio.write_dataframe(metadata, tmp, layer="metadata")
        if result.sensitivity is not None:
            pyogrio.write_dataframe(result.sensitivity.reset_index(), tmp, layer="sensitivity")
        with contextlib.closing(sqlite3.connect(tmp)) as con, con:
            geometry_column = con.execute(
                "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?",
                (DISTRICTS_LAYER,),
            ).fetchone()[0]
            _add_metadata_record(con, items)
            _add_layer_style(con, geometry_column, classes, colours)
    return target


def classify_into(values: np.ndarray, classes: Classes) -> np.ndarray:
    """Return the class index of each value for given classes (-1 where missing).

    Parameters
    ----------
    values
        Values to place.
    classes
        Class breaks (upper bounds, inclusive).

    Returns
    -------
    numpy.ndarray
        Integer class indices.
    """
    values = np.asarray(values, dtype=np.float64)
    idx = np.searchsorted(classes.breaks, values, side="left")
    idx = np.minimum(idx, classes.k - 1)
    return np.where(np.isfinite(values), idx, -1).astype(np.int64)


_EXTENSION_DDL = """
CREATE TABLE IF NOT EXISTS gpkg_extensions (
  table_name TEXT,
  column_name TEXT,
  extension_name TEXT NOT NULL,
  definition TEXT NOT NULL,
  scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
);
CREATE TABLE IF NOT EXISTS gpkg_metadata (
  id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL,
  md_scope TEXT NOT NULL DEFAULT 'dataset',
  md_standard_uri TEXT NOT NULL,
  mime_type TEXT NOT NULL DEFAULT 'text/xml',
  metadata TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS gpkg_metadata_reference (
  reference_scope TEXT NOT NULL,
  table_name TEXT,
  column_name TEXT,
  row_id_value INTEGER,
  timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  md_file_id INTEGER NOT NULL,
  md_parent_id INTEGER,
  CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id),
  CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id)
);
"""
_METADATA_EXTENSION = "http://www.geopackage.org/spec121/#extension_metadata"


def _add_metadata_record(con: sqlite3.Connection, items: dict[str, str]) -> None:
    con.executescript(_EXTENSION_DDL)
    for table in ("gpkg_metadata", "gpkg_metadata_reference"):
        con.execute(
            "INSERT OR IGNORE INTO gpkg_extensions VALUES (?, NULL, 'gpkg_metadata', ?, "
            "'read-write')",
            (table, _METADATA_EXTENSION),
        )
    cursor = con.execute(
        "INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) "
        "VALUES ('dataset', ?, 'application/json', ?)",
        (
            "http://www.iana.org/assignments/media-types/application/json",
            json.dumps(items, ensure_ascii=False, indent=1),
        ),
    )
    con.execute(
        "INSERT INTO gpkg_metadata_reference (reference_scope, table_name, md_file_id) "
        "VALUES ('table', ?, ?)",
        (DISTRICTS_LAYER, cursor.lastrowid),
    )


_LAYER_STYLES_DDL = """
CREATE TABLE IF NOT EXISTS layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  f_table_catalog TEXT(256),
  f_table_schema TEXT(256),
  f_table_name TEXT(256),
  f_geometry_column TEXT(256),
  styleName TEXT(30),
  styleQML TEXT,
  styleSLD TEXT,
  useAsDefault BOOLEAN,
  description TEXT,
  owner TEXT(30),
  ui TEXT(30),
  update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
"""


def _add_layer_style(
    con: sqlite3.Connection, geometry_column: str, classes: Classes, colours: list[str]
) -> None:
    con.executescript(_LAYER_STYLES_DDL)
    # register as an attribute table, as QGIS does, so GeoPackage readers list it
    con.execute(
        "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier) "
        "VALUES ('layer_styles', 'attributes', 'layer_styles')"
    )
    con.execute(
        "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
        "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, "
        "owner, ui) VALUES ('', '', ?, ?, ?, ?, ?, 1, ?, '', NULL)",
        (
            DISTRICTS_LAYER,
            geometry_column,
            "composite",
            graduated_qml("composite", classes, colours),
            graduated_sld(DISTRICTS_LAYER, "composite", classes, colours),
            f"Composite score, {classes.k} classes ({classes.method.value}), same colours as "
            "the dashboard",
        ),
    )


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with ``'``.

    Cells of text columns starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
    return (OWASP CSV injection) get a leading apostrophe; numbers are untouched.

    Parameters
    ----------
    frame
        Table to be written as CSV.

    Returns
    -------
    pandas.DataFrame
        A copy with neutralised text cells.
    """
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        out[column] = [neutralise_formula(v) if isinstance(v, str) else v for v in series]
    return out


def write_csv(result: Result, atlas: Atlas, path: str | os.PathLike[str]) -> Path:
    """Write the district table as CSV with a JSON metadata sidecar.

    The CSV (UTF-8, comma-separated, ``.`` decimal) has the same columns as the
    GeoPackage layer ``districts`` without geometry; text cells are neutralised
    against spreadsheet formula injection (:func:`neutralise_formulas`). The
    metadata (as in the GeoPackage ``metadata`` table, plus the indicator table)
    go to ``<name>.metadata.json`` next to it, so the CSV stays a plain table.

    Parameters
    ----------
    result
        The scoring result.
    atlas
        The atlas the result was computed from.
    path
        Target ``.csv`` file (replaced if it exists).

    Returns
    -------
    pathlib.Path
        The written CSV file.
    """
    target = Path(path)
    table = pd.DataFrame(export_table(result, atlas).drop(columns="geometry"))
    sidecar = target.with_name(f"{target.stem}.metadata.json")
    document = {
        "metadata": metadata_items(result, atlas),
        "indicators": indicator_table(result, atlas).to_dict(orient="records"),
        "sensitivity": (
            None
            if result.sensitivity is None
            else result.sensitivity.reset_index().to_dict(orient="records")
        ),
        "csv": target.name,
    }
    with _atomic(sidecar) as tmp:
        tmp.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    with _atomic(target) as tmp:
        neutralise_formulas(table).to_csv(tmp, index=False, encoding="utf-8")
    return target
