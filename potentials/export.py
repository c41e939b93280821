"""Export a scoring result: GeoPackage (metadata, QGIS style), CSV and its data package.

GeoPackage layout (``write_geopackage``; GeoPackage 1.3, which QGIS 3.22 reads
without warning):

``districts``
    One feature per district: identifiers and denominators (``ags``, unique
    readable ``name``, ``kind``, ``state``, ``nuts3``, ``population``,
    ``area_km2``, ``density``), typology, coverage, composite with its Monte Carlo
    bounds and map class, rank and rank interval, one ``domain_<code>`` and
    ``rank_domain_<code>`` per domain, ``raw_<code>`` and ``norm_<code>`` per
    indicator. Districts that are not scored keep their row and geometry with NULL
    composite, rank and class.
``indicators``
    One row per scored indicator: domain, direction, weights, proxy flag, name,
    unit, source, year, licence and rationale.
``columns``
    The data dictionary (:mod:`potentials.dictionary`): every column's titles,
    unit, period, source, licence and description.
``metadata``
    ``item, value`` pairs: framework, every assumption of the spec, seed, the call
    that produced the file, versions, atlas build, sources, licences, attribution.
``sensitivity``
    Sensitivity indices per assumption (only with Monte Carlo).

QGIS reads title and abstract from ``gpkg_contents`` and a QGIS layer metadata
document (title, abstract, licences, rights, history) from ``gpkg_metadata``; the
metadata items are also stored there as JSON. The default style in
``layer_styles`` draws the map classes (the method, number of classes and palette
the user chose) with a grey "keine Bewertung / not scored" class and shows the
dictionary's titles as field aliases.

The CSV (``write_csv``) has the same columns without geometry, a JSON sidecar with
the metadata and a Frictionless ``datapackage.json``. All files of one export are
written as a set (:func:`geodata.atomic.atomic_files`): all are replaced, or none.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyogrio

from geodata.atomic import atomic_files
from geodata.readers.user_table import neutralise_formula
from potentials._engine import rank_descending
from potentials._style import NOT_SCORED_LABEL, classes_qml, classes_sld
from potentials.classify import Classes, ClassMethod, classify
from potentials.datapackage import CSV_DIALECTS, CsvDialect, package_descriptor
from potentials.dictionary import Column, attribution, describe_columns, licences
from potentials.naming import unique_names
from potentials.palettes import Palette, palette
from potentials.pipeline import Result

if TYPE_CHECKING:
    import geopandas as gpd

    from geodata.atlas.model import Atlas

__all__ = [
    "DATAPACKAGE",
    "GPKG_VERSION",
    "export_table",
    "metadata_items",
    "neutralise_formulas",
    "write_csv",
    "write_export",
    "write_geopackage",
]

SOFTWARE = "potentials"
DISTRICTS_LAYER = "districts"
#: GeoPackage version written (1.4 makes QGIS 3.22 warn "may only be partially supported").
GPKG_VERSION = "1.3"
#: File name of the data package written beside a CSV.
DATAPACKAGE = "datapackage.json"
TITLE = "Integrationspotenzial der Kreise / Integration potential of German districts"
ABSTRACT = (
    "Domain scores and a composite score of the conditions for integration that each of "
    "Germany's districts offers (labour market, prosperity, housing, services, "
    "accessibility, social context), under the weights and methods recorded in the "
    "metadata, with rank intervals from a Monte Carlo sensitivity analysis for those "
    "weights. The scores describe a district's conditions, never its inhabitants."
)
_READING_HINT = (
    "ags is text with a leading zero: read it as a string, e.g. pandas.read_csv(path, "
    'dtype={"ags": str}) or frictionless.Resource(path).'
)
_FIRST_COLUMNS = (
    "ags", "name", "kind", "state", "nuts3", "population", "area_km2", "density",
    "kreisregion", "settlement_type", "rurality", "socioeconomic", "rural_type",
    "coverage", "flagged", "composite", "composite_p05", "composite_p95", "composite_class",
    "rank", "rank_median", "rank_p05", "rank_p95", "robustness",
)  # fmt: skip
_ALWAYS = {"composite_class", "rank", "rank_median", "rank_p05", "rank_p95", "robustness"}
_INTEGER = ("population", "composite_class", "rank", "rank_median", "rank_p05", "rank_p95")
_LIBRARIES = ("numpy", "pandas", "geopandas", "pyogrio", "shapely", "mapclassify",
              "scikit-learn", "frictionless")  # fmt: skip


def software_version() -> str:
    """Return the installed version of the ``potentials`` package."""
    try:
        return version(SOFTWARE)
    except PackageNotFoundError:  # running from a source tree without installation
        return "unknown"


def git_commit() -> str:
    """Return the git commit of the source tree ("" when not a git checkout)."""
    root = Path(__file__).resolve().parents[1]
    if not (root / ".git").exists():
        return ""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True, text=True, timeout=5, check=True,
        )  # fmt: skip
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, timeout=5, check=True,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() + (" (with local changes)" if dirty.stdout.strip() else "")


def _library_versions() -> str:
    found = []
    for name in _LIBRARIES:
        with contextlib.suppress(PackageNotFoundError):
            found.append(f"{name} {version(name)}")
    found.append(f"GDAL {pyogrio.__gdal_version_string__}")
    return ", ".join(found)


def map_classes(
    result: Result,
    *,
    classes: Classes | None = None,
    method: ClassMethod | str = ClassMethod.QUANTILES,
    k: int = 5,
    palette_name: Palette | str = Palette.VIRIDIS,
    colours: list[str] | None = None,
) -> tuple[Classes, list[str]]:
    """Map classes of the composite and their colours (as the dashboard draws them).

    Parameters
    ----------
    result
        The scoring result.
    classes
        Given classes (e.g. those on screen); computed with ``method`` and ``k``
        from the composite if None.
    method, k
        Classification (:func:`potentials.classify.classify`).
    palette_name
        Palette of the classes (:func:`potentials.palettes.palette`).
    colours
        Explicit hex colours, one per class (overrides ``palette_name``).

    Returns
    -------
    tuple
        ``(classes, colours)``.
    """
    if classes is None:
        classes = classify(result.scores["composite"].to_numpy(), method=method, k=k)
    colours = colours or palette(palette_name, classes.k)
    if len(colours) != classes.k:
        raise ValueError(f"need {classes.k} colours for {classes.k} classes, got {len(colours)}")
    return classes, colours


def _class_of(result: Result, classes: Classes, index: pd.Index) -> pd.Series:
    """Class of each district in ``index`` (NULL where not scored), from ``classes.bins``.

    The classes must have been computed from the composite of ``result`` (in the
    order of ``result.scores``), as :func:`map_classes` and the dashboard do; the
    classifier is :func:`potentials.classify.classify`, not a copy of it.
    """
    if len(classes.bins) != len(result.scores):
        raise ValueError(
            f"the classes were computed from {len(classes.bins)} values, the result has "
            f"{len(result.scores)} districts; classify result.scores['composite']"
        )
    bins = pd.Series(classes.bins, index=result.scores.index).reindex(index)
    return bins.astype("Int64").mask(bins.isna() | (bins < 0))


def export_table(result: Result, atlas: Atlas, classes: Classes | None = None) -> gpd.GeoDataFrame:
    """One row per district with every exported column and the geometry.

    Parameters
    ----------
    result
        The scoring result.
    atlas
        The atlas the result was computed from (boundaries, kind, state, nuts3,
        population, area).
    classes
        Map classes of the composite (default: quantiles, 5 classes).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns of :data:`_FIRST_COLUMNS` that exist (typology columns as far as the
        result has them; rank interval, score bounds and robustness empty without
        Monte Carlo), ``domain_<code>``, ``rank_domain_<code>``, ``raw_<code>``,
        ``norm_<code>``, geometry. Ranks and classes are nullable integers.
    """
    import geopandas as gpd

    if classes is None:
        classes, _ = map_classes(result)
    districts = atlas.districts.set_index("ags")
    scores = result.scores.reindex(districts.index)
    table = pd.DataFrame(index=districts.index)
    table["name"] = unique_names(districts["name"], districts["kind"], list(districts.index))
    for column in ("kind", "state", "nuts3", "population", "area_km2"):
        if column in districts:
            table[column] = districts[column]
    if {"population", "area_km2"} <= set(table.columns):
        area = pd.to_numeric(table["area_km2"], errors="coerce")
        table["density"] = pd.to_numeric(table["population"], errors="coerce") / area.where(
            area > 0
        )
    for column in _FIRST_COLUMNS[8:]:
        if column == "composite_class":
            table[column] = _class_of(result, classes, districts.index).to_numpy()
        elif column in scores:
            table[column] = scores[column]
        elif column in _ALWAYS or column.startswith("composite_p"):
            table[column] = np.nan
    table["robustness"] = table["robustness"].astype(object).where(table["robustness"].notna())
    for column in _INTEGER:
        if column in table:
            table[column] = pd.to_numeric(table[column], errors="coerce").round().astype("Int64")
    for column in result.domain_columns:
        table[column] = scores[column]
    for column in result.domain_columns:
        ranks = rank_descending(scores[column].to_numpy(np.float64)[None, :])[0]
        table[f"rank_{column}"] = pd.array(
            np.where(np.isnan(ranks), 0, ranks).astype(np.int64), dtype="Int64"
        )
        table.loc[np.isnan(ranks), f"rank_{column}"] = pd.NA
    raw = result.raw.reindex(districts.index)
    norm = result.normalised.reindex(districts.index)
    for code in result.framework.codes:
        table[f"raw_{code}"] = raw[code]
    for code in result.framework.codes:
        table[f"norm_{code}"] = norm[code]
    table = table.reset_index()
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


def _is_synthetic(atlas: Atlas) -> bool:
    return any(
        str(r["item"]) == "synthetic" and str(r["value"]).lower() == "true"
        for _, r in atlas.build.iterrows()
    )


def metadata_items(
    result: Result,
    atlas: Atlas,
    *,
    classes: Classes | None = None,
    colours: list[str] | None = None,
    command: str | None = None,
) -> dict[str, str]:
    """Describe the run: spec, how to repeat it, versions, atlas, sources, licences.

    Parameters
    ----------
    result
        The scoring result.
    atlas
        The atlas the result was computed from.
    classes, colours
        Map classes and their colours (recorded when given).
    command
        The command line or call that produced the export (default: this
        process's command line).

    Returns
    -------
    dict
        ``{item: value}`` (all strings).
    """
    fw = result.framework
    items: dict[str, str] = {
        "title": TITLE,
        "abstract": ABSTRACT,
        "note": "Scores describe the conditions a district offers, never its inhabitants.",
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "software": f"{SOFTWARE} {software_version()}",
        "run.command": command or " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        "run.git_commit": git_commit(),
        "run.python": sys.version.split()[0],
        "run.libraries": _library_versions(),
        "run.seed": str(result.spec.seed),
        "framework_title": fw.title,
    }
    items.update({f"spec.{k}": v for k, v in result.spec.describe().items()})
    for _, row in result.weights.iterrows():
        items[f"weight.{row['level']}.{row['code']}"] = f"{row['effective']:.6g}"
    items["indicators"] = ",".join(fw.codes)
    items["proxies"] = ",".join(f"{c} for {p}" for c, p in result.proxies.items())
    items["dropped_indicators"] = ",".join(fw.dropped)
    items["rank"] = "1 = most favourable conditions; districts not scored have no rank (NULL)"
    items["rank_interval"] = (
        "rank_p05-rank_p95: 90 % interval of the rank over the Monte Carlo draws for the "
        "weights in effect; composite_p05-composite_p95 the same for the score"
    )
    items["robustness"] = (
        "robust_high: rank_p95 within the top quintile; robust_low: rank_p05 within the "
        "bottom quintile; weight_dependent: 5-95 % rank interval wider than two quintiles"
    )
    items["norm_columns"] = (
        "norm_<code>: indicator after transformation, winsorising and normalisation, "
        "oriented so that higher = more favourable"
    )
    items.update(result.metadata)
    items["atlas.kind"] = str(atlas.kind)
    if atlas.path:
        items["atlas.path"] = Path(atlas.path).name
    for _, row in atlas.build.iterrows():
        items[f"atlas.build.{row['item']}"] = str(row["value"])
    if classes is not None:
        items["classes.method"] = classes.method.value
        items["classes.k"] = str(classes.k)
        items["classes.breaks"] = ",".join(f"{b:.6g}" for b in classes.breaks)
        items["classes.not_scored"] = NOT_SCORED_LABEL
    if colours is not None:
        items["classes.colours"] = ",".join(colours)
    used = atlas.catalogue[atlas.catalogue["code"].isin(fw.codes)]
    if "period" in used.columns:
        periods = {str(r["code"]): _str(r["period"]) for _, r in used.iterrows()}
        items["periods"] = "; ".join(f"{c}: {p}" for c, p in sorted(periods.items()))
        items["vintages"] = (
            "Vintages are mixed: each indicator has its own reference period (see periods); "
            "scores combine values from different years."
        )
    synthetic = _is_synthetic(atlas)
    items["sources"] = " | ".join(attribution(atlas, fw.codes))
    items["licences"] = " | ".join(licences(atlas, fw.codes))
    items["attribution"] = (
        "SYNTHETIC DATA: random numbers for testing, no official source"
        if synthetic
        else " | ".join(attribution(atlas, fw.codes))
    )
    return items


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


def _rights(items: dict[str, str]) -> list[str]:
    return [part.strip() for part in items["attribution"].split(" | ") if part.strip()]


def qgis_metadata_xml(items: dict[str, str]) -> str:
    """Build a QGIS layer metadata document (QMD) that QGIS shows in its Metadata tab.

    Title, abstract, licences, rights (attribution lines), keywords, history (the
    call that produced the file) and the creation date.
    """
    root = ET.Element("qgis", version="3.22.0")
    ET.SubElement(root, "identifier").text = "potentials-districts"
    ET.SubElement(root, "parentidentifier")
    ET.SubElement(root, "language").text = "de"
    ET.SubElement(root, "type").text = "dataset"
    ET.SubElement(root, "title").text = items["title"]
    ET.SubElement(root, "abstract").text = items["abstract"]
    keywords = ET.SubElement(root, "keywords", vocabulary="gmd:topicCategory")
    for word in ("society", "economy", "planningCadastre"):
        ET.SubElement(keywords, "keyword").text = word
    ET.SubElement(root, "history").text = (
        f"{items['software']}; {items['run.command']}; git {items['run.git_commit'] or '-'}; "
        f"seed {items['run.seed']}; {items['run.libraries']}"
    )
    for line in _rights(items):
        ET.SubElement(root, "rights").text = line
    for line in items["licences"].split(" | "):
        if line.strip():
            ET.SubElement(root, "license").text = line.strip()
    ET.SubElement(root, "encoding").text = "UTF-8"
    dates = ET.SubElement(root, "dates")
    ET.SubElement(dates, "date", type="Created", value=items["created"])
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(
        root, encoding="unicode"
    )


def _write_geopackage_file(
    tmp: Path,
    result: Result,
    atlas: Atlas,
    table: gpd.GeoDataFrame,
    columns: list[Column],
    items: dict[str, str],
    classes: Classes,
    colours: list[str],
) -> None:
    options = {"VERSION": GPKG_VERSION}
    pyogrio.write_dataframe(
        table, tmp, layer=DISTRICTS_LAYER, driver="GPKG", dataset_options=options
    )
    pyogrio.write_dataframe(indicator_table(result, atlas), tmp, layer="indicators", driver="GPKG")
    pyogrio.write_dataframe(
        pd.DataFrame([c.record() for c in columns]), tmp, layer="columns", driver="GPKG"
    )
    metadata = pd.DataFrame({"item": list(items), "value": list(items.values())})
    pyogrio.write_dataframe(metadata, tmp, layer="metadata", driver="GPKG")
    if result.sensitivity is not None:
        pyogrio.write_dataframe(
            result.sensitivity.reset_index(), tmp, layer="sensitivity", driver="GPKG"
        )
    with contextlib.closing(sqlite3.connect(tmp)) as con, con:
        geometry_column = con.execute(
            "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?",
            (DISTRICTS_LAYER,),
        ).fetchone()[0]
        con.execute(
            "UPDATE gpkg_contents SET identifier = ?, description = ? WHERE table_name = ?",
            (items["title"], items["abstract"], DISTRICTS_LAYER),
        )
        _add_metadata_record(con, items)
        aliases = {c.name: c.alias for c in columns}
        _add_layer_style(con, geometry_column, classes, colours, aliases)


def _add_metadata_record(con: sqlite3.Connection, items: dict[str, str]) -> None:
    con.executescript(_EXTENSION_DDL)
    for table in ("gpkg_metadata", "gpkg_metadata_reference"):
        con.execute(
            "INSERT OR IGNORE INTO gpkg_extensions VALUES (?, NULL, 'gpkg_metadata', ?, "
            "'read-write')",
            (table, _METADATA_EXTENSION),
        )
    records = (
        ("http://mrcc.com/qgis.dtd", "text/xml", qgis_metadata_xml(items)),
        (
            "http://www.iana.org/assignments/media-types/application/json",
            "application/json",
            json.dumps(items, ensure_ascii=False, indent=1),
        ),
    )
    for uri, mime, text in records:
        cursor = con.execute(
            "INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) "
            "VALUES ('dataset', ?, ?, ?)",
            (uri, mime, text),
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
    con: sqlite3.Connection,
    geometry_column: str,
    classes: Classes,
    colours: list[str],
    aliases: dict[str, str],
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
            classes_qml("composite", classes, colours, aliases=aliases),
            classes_sld(DISTRICTS_LAYER, "composite", classes, colours),
            f"Composite score, {classes.k} classes ({classes.method.value}) and "
            f"'{NOT_SCORED_LABEL}', as on screen",
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


def _csv_text_table(table: pd.DataFrame, dialect: CsvDialect) -> pd.DataFrame:
    out = neutralise_formulas(table)
    if dialect.protect_ags:
        # Excel turns 01001 into the number 1001; a text formula keeps the zero
        out["ags"] = [f'="{a}"' for a in out["ags"]]
    return out


def _write_csv_file(tmp: Path, table: pd.DataFrame, dialect: CsvDialect) -> None:
    _csv_text_table(table, dialect).to_csv(
        tmp,
        index=False,
        sep=dialect.delimiter,
        decimal=dialect.decimal,
        encoding=dialect.encoding,
        lineterminator="\r\n" if dialect.name == "excel-de" else "\n",
    )


def write_export(
    result: Result,
    atlas: Atlas,
    *,
    gpkg: str | os.PathLike[str] | None = None,
    csv: str | os.PathLike[str] | None = None,
    csv_dialect: str = "default",
    classes: Classes | None = None,
    method: ClassMethod | str = ClassMethod.QUANTILES,
    k: int = 5,
    palette_name: Palette | str = Palette.VIRIDIS,
    colours: list[str] | None = None,
    command: str | None = None,
) -> list[Path]:
    """Write the GeoPackage and/or CSV (+ sidecar + data package) of one run as a set.

    Every file goes to a temporary file first; the targets are replaced only when
    all are complete (:func:`geodata.atomic.atomic_files`), so a failure or a kill
    leaves the previous set in place, and the next run removes stale temporaries.

    Parameters
    ----------
    result
        The scoring result.
    atlas
        The atlas it was computed from.
    gpkg
        Target GeoPackage, or None.
    csv
        Target CSV, or None; ``<stem>.metadata.json`` and ``datapackage.json`` are
        written beside it.
    csv_dialect
        ``"default"`` (``,``, ``.``, UTF-8) or ``"excel-de"`` (``;``, decimal
        comma, UTF-8 with BOM, ``ags`` kept as text).
    classes, method, k, palette_name, colours
        Map classes and colours of the QGIS style (see :func:`map_classes`); pass
        what the user sees on screen.
    command
        The command line or call to record (default: this process's command line).

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ValueError
        For an unknown CSV dialect, or colours that do not match the classes.
    """
    if gpkg is None and csv is None:
        raise ValueError("nothing to write: give gpkg, csv or both")
    if csv_dialect not in CSV_DIALECTS:
        raise ValueError(
            f"unknown CSV dialect {csv_dialect!r}; choose one of {', '.join(CSV_DIALECTS)}"
        )
    dialect = CSV_DIALECTS[csv_dialect]
    classes, colours = map_classes(
        result, classes=classes, method=method, k=k, palette_name=palette_name, colours=colours
    )
    table = export_table(result, atlas, classes)
    columns = describe_columns(table.columns, result, atlas)
    items = metadata_items(result, atlas, classes=classes, colours=colours, command=command)
    targets: list[Path] = []
    if gpkg is not None:
        targets.append(Path(gpkg))
    csv_path = sidecar = package = None
    if csv is not None:
        csv_path = Path(csv)
        sidecar = csv_path.with_name(f"{csv_path.stem}.metadata.json")
        package = csv_path.with_name(DATAPACKAGE)
        targets += [csv_path, sidecar, package]
    with atomic_files(targets) as tmp:
        if gpkg is not None:
            _write_geopackage_file(
                tmp[Path(gpkg)], result, atlas, table, columns, items, classes, colours
            )
        if csv_path is not None and sidecar is not None and package is not None:
            frame = pd.DataFrame(table.drop(columns="geometry"))
            _write_csv_file(tmp[csv_path], frame, dialect)
            document = {
                "metadata": items,
                "columns": [c.record() for c in columns],
                "indicators": indicator_table(result, atlas).to_dict(orient="records"),
                "sensitivity": (
                    None
                    if result.sensitivity is None
                    else result.sensitivity.reset_index().to_dict(orient="records")
                ),
                "csv": csv_path.name,
                "csv_dialect": {
                    "name": dialect.name,
                    "delimiter": dialect.delimiter,
                    "decimal": dialect.decimal,
                    "encoding": dialect.encoding,
                },
                "datapackage": package.name,
            }
            tmp[sidecar].write_text(
                json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            run = {k: v for k, v in items.items() if k.startswith(("run.", "spec.", "classes."))}
            run["software"] = items["software"]
            run["created"] = items["created"]
            descriptor = package_descriptor(
                csv_path,
                columns,
                dialect=dialect,
                title=TITLE,
                description=f"{ABSTRACT} {_READING_HINT}",
                sources=items["sources"].split(" | "),
                licences=items["licences"].split(" | "),
                run=run,
                sidecar=sidecar,
                geopackage=Path(gpkg) if gpkg is not None else None,
                existing=package,
            )
            if _is_synthetic(atlas):
                descriptor["description"] += f" {items['attribution']}"
            tmp[package].write_text(
                json.dumps(descriptor, ensure_ascii=False, indent=1), encoding="utf-8"
            )
    return targets


def write_geopackage(
    result: Result,
    atlas: Atlas,
    path: str | os.PathLike[str],
    *,
    classes: Classes | None = None,
    method: ClassMethod | str = ClassMethod.QUANTILES,
    k: int = 5,
    palette_name: Palette | str = Palette.VIRIDIS,
    colours: list[str] | None = None,
    command: str | None = None,
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
    classes, method, k, palette_name, colours
        Map classes and colours of the style (see :func:`map_classes`).
    command
        The call to record in the metadata.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    write_export(
        result, atlas, gpkg=path, classes=classes, method=method, k=k,
        palette_name=palette_name, colours=colours, command=command,
    )  # fmt: skip
    return Path(path)


def write_csv(
    result: Result,
    atlas: Atlas,
    path: str | os.PathLike[str],
    *,
    dialect: str = "default",
    classes: Classes | None = None,
    method: ClassMethod | str = ClassMethod.QUANTILES,
    k: int = 5,
    command: str | None = None,
) -> Path:
    """Write the district table as CSV with a JSON sidecar and a Frictionless data package.

    The CSV has the columns of the GeoPackage layer ``districts`` without geometry;
    text cells are neutralised against spreadsheet formula injection
    (:func:`neutralise_formulas`). ``<name>.metadata.json`` next to it holds the
    metadata, data dictionary and indicator table; ``datapackage.json`` describes
    the CSV with a Table Schema (every column typed, titled and sourced).

    Parameters
    ----------
    result
        The scoring result.
    atlas
        The atlas the result was computed from.
    path
        Target ``.csv`` file (replaced if it exists).
    dialect
        ``"default"`` or ``"excel-de"`` (see :func:`write_export`).
    classes, method, k
        Map classes for ``composite_class``.
    command
        The call to record in the metadata.

    Returns
    -------
    pathlib.Path
        The written CSV file.
    """
    write_export(
        result, atlas, csv=path, csv_dialect=dialect, classes=classes, method=method, k=k,
        command=command,
    )  # fmt: skip
    return Path(path)
