"""Frictionless Data Package descriptor (``datapackage.json``) for an exported CSV.

The descriptor lists the CSV as a tabular resource with its dialect, encoding and a
Table Schema built from the data dictionary (:mod:`potentials.dictionary`), plus
the sources, licences and how the run can be repeated. It is read and validated by
the :mod:`frictionless` library in the tests (``frictionless validate
datapackage.json``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from potentials.dictionary import Column

__all__ = ["CSV_DIALECTS", "CsvDialect", "licence_entries", "package_descriptor"]


class CsvDialect:
    """How a CSV is written: delimiter, decimal mark, encoding, text protection of ``ags``."""

    def __init__(
        self, name: str, delimiter: str, decimal: str, encoding: str, protect_ags: bool
    ) -> None:
        self.name = name
        self.delimiter = delimiter
        self.decimal = decimal
        self.encoding = encoding
        self.protect_ags = protect_ags

    def __repr__(self) -> str:
        return f"CsvDialect({self.name!r})"


#: Supported CSV dialects: ``default`` for code (``,``, ``.``, UTF-8) and
#: ``excel-de`` for German Excel (``;``, decimal comma, UTF-8 with BOM, ``ags`` as
#: the text formula ``="01001"`` so that Excel keeps the leading zero).
CSV_DIALECTS: dict[str, CsvDialect] = {
    "default": CsvDialect("default", ",", ".", "utf-8", protect_ags=False),
    "excel-de": CsvDialect("excel-de", ";", ",", "utf-8-sig", protect_ags=True),
}

_LICENCES: tuple[tuple[str, dict[str, str]], ...] = (
    ("dl-de/by-2-0", {"name": "dl-de-by-2.0", "path": "https://www.govdata.de/dl-de/by-2-0",
                      "title": "Datenlizenz Deutschland – Namensnennung – Version 2.0"}),
    ("GeoNutzV", {"name": "GeoNutzV", "path": "https://sg.geodatenzentrum.de/web_public/gdz/"
                  "lizenz/geonutzv.pdf", "title": "Verordnung zur Festlegung der "
                  "Nutzungsbestimmungen für die Bereitstellung von Geodaten des Bundes"}),
    ("CC BY 4.0", {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                   "title": "Creative Commons Attribution 4.0"}),
    ("ODbL", {"name": "ODbL-1.0", "path": "https://opendatacommons.org/licenses/odbl/1-0/",
              "title": "Open Data Commons Open Database License 1.0"}),
)  # fmt: skip


def licence_entries(statements: list[str]) -> list[dict[str, str]]:
    """Map licence statements to Data Package ``licenses`` entries.

    Known licences (dl-de/by-2-0, GeoNutzV, CC BY 4.0, ODbL) get their identifier
    and URL; any other statement is kept as the title of an ``other-attribution``
    entry, so that nothing is lost.
    """
    out: dict[str, dict[str, str]] = {}
    for statement in statements:
        text = _squeeze(statement)
        known = [entry for key, entry in _LICENCES if _squeeze(key) in text]
        for entry in known:
            out.setdefault(entry["name"], dict(entry))
        if not known:
            out.setdefault(f"other:{statement}", {"name": "other-attribution", "title": statement})
    return list(out.values())


def _squeeze(text: str) -> str:
    """Lower case without spaces and hyphens: ``"CC-BY-4.0"`` matches ``"CC BY 4.0"``."""
    return re.sub(r"[\s-]+", "", text.lower())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-") or "table"


def _field(column: Column, dialect: CsvDialect) -> dict[str, Any]:
    field = column.table_schema()
    if field["type"] == "number" and dialect.decimal != ".":
        field["decimalChar"] = dialect.decimal
    if column.name == "ags" and dialect.protect_ags:
        field["constraints"] = {**field["constraints"], "pattern": '="[0-9]{5}"'}
        field["description"] += ' In this Excel dialect written as ="01001" (kept as text).'
    return field


def package_descriptor(
    csv_path: Path,
    columns: list[Column],
    *,
    dialect: CsvDialect,
    title: str,
    description: str,
    sources: list[str],
    licences: list[str],
    run: dict[str, str],
    sidecar: Path | None = None,
    geopackage: Path | None = None,
    existing: Path | None = None,
) -> dict[str, Any]:
    """Build the ``datapackage.json`` descriptor of one exported CSV.

    Parameters
    ----------
    csv_path
        The CSV (the resource ``path`` is its name, relative to the package).
    columns
        Data dictionary of the CSV's columns, in order.
    dialect
        How the CSV is written.
    title, description
        Package title and description.
    sources, licences
        Attribution lines and licence statements of the contributing sources.
    run
        Reproducibility items (command, versions, seed, …), stored as ``potentials``.
    sidecar, geopackage
        Companion files of the same run, named in the descriptor.
    existing
        An existing ``datapackage.json`` in the same folder: its resources for
        other CSV files that still exist are kept.

    Returns
    -------
    dict
        The descriptor.
    """
    resource: dict[str, Any] = {
        "name": _slug(csv_path.stem),
        "path": csv_path.name,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": dialect.encoding,
        "title": title,
        "description": description,
        "dialect": {"delimiter": dialect.delimiter, "header": True},
        "schema": {
            "fields": [_field(c, dialect) for c in columns],
            "primaryKey": ["ags"],
            "missingValues": [""],
        },
        "sources": [{"title": s} for s in sources],
        "licenses": licence_entries(licences),
    }
    if sidecar is not None:
        resource["potentials:metadata"] = sidecar.name
    if geopackage is not None:
        resource["potentials:geopackage"] = geopackage.name
    resources = [resource]
    if existing is not None and existing.is_file():
        try:
            previous = json.loads(existing.read_text(encoding="utf-8"))
            for other in previous.get("resources", []):
                path = other.get("path")
                if (
                    isinstance(path, str)
                    and path != csv_path.name
                    and (csv_path.parent / path).is_file()
                    and other.get("name") != resource["name"]
                ):
                    resources.append(other)
        except (OSError, ValueError, AttributeError):
            pass  # an unreadable old descriptor is replaced
    return {
        "profile": "tabular-data-package",
        "name": "integrationspotenzial-kreise",
        "title": title,
        "description": description,
        "licenses": licence_entries(licences),
        "sources": [{"title": s} for s in sources],
        "created": run.get("created", ""),
        "potentials": run,
        "resources": resources,
    }
