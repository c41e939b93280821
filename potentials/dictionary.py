"""The data dictionary of an export: what every column means, in which unit, from where.

One :class:`Column` per exported column gives its Table Schema type, German and
English titles, unit, reference period, source, licence and a description. The
same entries feed the Frictionless data package beside a CSV
(:mod:`potentials.datapackage`) and the field aliases of the QGIS style in the
GeoPackage, so both files explain their columns in the same words.

Indicator columns (``raw_<code>``, ``norm_<code>``) take name, unit, year, source
and licence from the atlas catalogue; district attributes from the atlas
catalogue entries of ``population``, ``area_km2`` and ``density`` and the atlas's
boundary source; computed columns name the software that computed them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geodata.atlas.model import Atlas
    from potentials.pipeline import Result

__all__ = ["Column", "attribution", "boundary_source", "describe_columns", "licences"]

COMPUTED = "computed by potentials from the indicator columns"
COMPUTED_LICENCE = "derived data; the licences of the contributing sources apply (attribution)"


@dataclass(frozen=True)
class Column:
    """One column of the data dictionary.

    Attributes
    ----------
    name
        Column name.
    type
        Table Schema type: ``string``, ``integer``, ``number`` or ``boolean``.
    title_de, title_en
        Short titles (German, English).
    description
        What the column means (English), including direction and missing values.
    unit
        Unit of the values ("" for codes and names).
    period
        Reference period of the values ("" when not applicable).
    source, licence
        Where the values come from and under which licence.
    constraints
        Table Schema constraints (``pattern``, ``enum``, ``minimum`` …).
    """

    name: str
    type: str
    title_de: str
    title_en: str
    description: str
    unit: str = ""
    period: str = ""
    source: str = ""
    licence: str = ""
    constraints: dict[str, Any] = field(default_factory=dict)

    @property
    def alias(self) -> str:
        """Field alias for QGIS: ``"<German title> / <English title>"``."""
        if self.title_de == self.title_en:
            return self.title_de
        return f"{self.title_de} / {self.title_en}"

    def table_schema(self) -> dict[str, Any]:
        """Return the Frictionless Table Schema field descriptor."""
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "title": self.title_en,
            "description": self.description,
            "titles": {"de": self.title_de, "en": self.title_en},
        }
        for key in ("unit", "period", "source", "licence"):
            value = getattr(self, key)
            if value:
                out["referencePeriod" if key == "period" else key] = value
        if self.constraints:
            out["constraints"] = dict(self.constraints)
        return out

    def record(self) -> dict[str, Any]:
        """Return the entry as a plain mapping (for JSON and tables)."""
        out = asdict(self)
        out["constraints"] = json.dumps(self.constraints, ensure_ascii=False)
        return out


def _catalogue(atlas: Atlas) -> dict[str, dict[str, Any]]:
    return {
        str(row["code"]): {str(k): v for k, v in row.items()}
        for row in atlas.catalogue.to_dict(orient="records")
    }


def _period(meta: dict[str, Any]) -> str:
    """Return the reference period of an entry (``period`` where recorded, else ``year``)."""
    return _text(meta.get("period")) or _text(meta.get("year"))


def _unit(meta: dict[str, Any]) -> str:
    return _text(meta.get("unit_en")) or _text(meta.get("unit"))


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def boundary_source(atlas: Atlas) -> dict[str, str]:
    """Return the source of the district boundaries, names and keys of ``atlas``.

    Taken from the atlas's build record (``sources``, the entry whose table code
    names VG250). An atlas without that record (synthetic and test atlases) has
    no boundary source: all values are empty.

    Returns
    -------
    dict
        ``name``, ``attribution``, ``licence``, ``year``.
    """
    build = dict(zip(atlas.build["item"].astype(str), atlas.build["value"], strict=True))
    try:
        recorded = json.loads(str(build.get("sources", "[]")))
    except ValueError:
        recorded = []
    for entry in recorded if isinstance(recorded, list) else []:
        if isinstance(entry, dict) and "VG250" in str(entry.get("table_code", "")):
            year = _text(entry.get("year")) or _text(entry.get("edition"))
            return {
                "name": _text(entry.get("name")),
                "attribution": _text(entry.get("attribution")),
                "licence": _text(entry.get("licence")),
                "year": year,
            }
    return {"name": "", "attribution": "", "licence": "", "year": ""}


def _split(text: str) -> list[str]:
    """Split a catalogue field joined with ``"; "`` (not inside parentheses)."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == ";" and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def attribution(atlas: Atlas, codes: Iterable[str]) -> list[str]:
    """Attribution lines of every source contributing to an export.

    The boundary source first, then the catalogue sources of the indicator ``codes``
    and of the district attributes ``population``, ``area_km2`` and ``density``.

    Parameters
    ----------
    atlas
        The atlas.
    codes
        Indicator codes whose columns are exported.

    Returns
    -------
    list of str
        Unique lines, in order of first appearance.
    """
    catalogue = _catalogue(atlas)
    lines = [boundary_source(atlas)["attribution"]]
    for code in [*codes, "population", "area_km2", "density"]:
        lines.extend(_split(_text(catalogue.get(code, {}).get("source"))))
    return list(dict.fromkeys(line for line in lines if line))


def licences(atlas: Atlas, codes: Iterable[str]) -> list[str]:
    """Licence statements of every source contributing to an export (see :func:`attribution`)."""
    catalogue = _catalogue(atlas)
    lines = [boundary_source(atlas)["licence"]]
    for code in [*codes, "population", "area_km2", "density"]:
        lines.extend(_split(_text(catalogue.get(code, {}).get("licence"))))
    return list(dict.fromkeys(line for line in lines if line))


_ROBUSTNESS = ("robust_high", "robust_low", "weight_dependent", "middle")

#: Fixed columns: name -> (type, German title, English title, unit, description).
_FIXED: dict[str, tuple[str, str, str, str, str]] = {
    "ags": ("string", "Kreisschlüssel (AGS)", "District key (AGS)", "",
            "Amtlicher Gemeindeschlüssel of the district: 5 digits, state code first; text, "
            "keep the leading zero."),
    "name": ("string", "Kreis", "District", "",
             "Official district name; where two districts share a name the kind is added, "
             "e.g. 'Bamberg (kreisfreie Stadt)' and 'Bamberg (Landkreis)'."),
    "kind": ("string", "Kreistyp (Verwaltung)", "Administrative kind", "",
             "Kreisfreie Stadt (independent city) or Landkreis (rural district)."),
    "state": ("string", "Land", "State", "", "Federal state (Land) of the district."),
    "nuts3": ("string", "NUTS-3-Code", "NUTS 3 code", "", "Eurostat NUTS 3 code of the district."),
    "population": ("integer", "Einwohner", "Population", "persons",
                   "Resident population of the district (denominator of the per-capita "
                   "indicators)."),
    "area_km2": ("number", "Fläche", "Area", "km²", "Area of the district."),
    "density": ("number", "Einwohnerdichte", "Population density", "persons per km²",
                "Population divided by area."),
    "kreisregion": ("string", "Kreisregion", "District region (Kreisregion)", "",
                    "Key of the Kreisregion the typology works on (Küpper 2016: a small "
                    "kreisfreie Stadt forms one region with its surrounding Landkreis); "
                    "see the metadata items typology.*."),
    "settlement_type": ("string", "Siedlungsstruktureller Kreistyp (Näherung)",
                        "Settlement type (approximation)", "",
                        "Approximation of the BBSR siedlungsstrukturelle Kreistypen without "
                        "the town-share criterion (from kind, population and density only); "
                        "not the official BBSR classification (see the metadata items "
                        "typology.*)."),
    "rurality": ("number", "Ländlichkeit", "Rurality", "index",
                 "Rurality index after Küpper (2016), Thünen Working Paper 68, recomputed "
                 "from the atlas data; higher = more rural. Not the official Thünen values "
                 "(see the metadata items typology.*)."),
    "socioeconomic": ("number", "Sozioökonomische Lage", "Socio-economic position", "index",
                      "Socio-economic index of the rural typology after Küpper (2016), "
                      "recomputed; higher = more favourable (see the metadata items "
                      "typology.*)."),
    "rural_type": ("string", "Ländlicher Raumtyp (Neuberechnung)", "Rural type (recomputed)", "",
                   "Rural type after Küpper (2016), recomputed with the atlas data (not the "
                   "official classification): rurality crossed with socio-economic position "
                   "per Kreisregion; 'nicht ländlich' for non-rural districts (see the "
                   "metadata items typology.*)."),
    "coverage": ("number", "Datenabdeckung", "Coverage", "share 0-1",
                 "Share of the effective indicator weight with a value for this district."),
    "flagged": ("boolean", "Nicht bewertet", "Not scored", "",
                "True when coverage is below the minimum coverage of the run: no composite, "
                "rank or class (NULL)."),
    "composite": ("number", "Gesamtwert", "Composite score", "score",
                  "Weighted aggregate of the domain scores; higher = more favourable "
                  "conditions for integration. It describes a district's conditions, never "
                  "its people. NULL for districts not scored."),
    "composite_p05": ("number", "Gesamtwert 5-%-Quantil", "Composite 5th percentile", "score",
                      "5th percentile of the composite over the Monte Carlo draws with the "
                      "run's normalisation and aggregation (weights and missing-value rule "
                      "perturbed). Empty without Monte Carlo."),
    "composite_p95": ("number", "Gesamtwert 95-%-Quantil", "Composite 95th percentile", "score",
                      "95th percentile of the composite over the Monte Carlo draws with the "
                      "run's normalisation and aggregation. Empty without Monte Carlo."),
    "composite_class": ("integer", "Kartenklasse", "Map class", "class",
                        "Class of the composite on the map (0 = lowest), with the method, "
                        "number of classes and breaks in the metadata; NULL = not scored."),
    "rank": ("integer", "Rang", "Rank", "rank",
             "Rank of the composite among the scored districts: 1 = most favourable "
             "conditions; NULL for districts not scored."),
    "rank_median": ("integer", "Rang (Median)", "Rank (median)", "rank",
                    "Median rank over the Monte Carlo draws (sensitivity analysis for the "
                    "weights in effect). Empty without Monte Carlo."),
    "rank_p05": ("integer", "Rang 5-%-Quantil", "Rank 5th percentile", "rank",
                 "5th percentile of the rank over the Monte Carlo draws: the best rank the "
                 "district reaches in 95 % of the draws; with rank_p95 the 90 % rank "
                 "interval. Empty without Monte Carlo."),
    "rank_p95": ("integer", "Rang 95-%-Quantil", "Rank 95th percentile", "rank",
                 "95th percentile of the rank over the Monte Carlo draws (upper end of the "
                 "90 % rank interval). Empty without Monte Carlo."),
    "robustness": ("string", "Robustheit", "Robustness", "",
                   "robust_high: rank_p95 within the top quintile; robust_low: rank_p05 "
                   "within the bottom quintile; weight_dependent: 5-95 % rank interval wider "
                   "than two quintiles; middle: otherwise. Empty without Monte Carlo."),
}  # fmt: skip


def describe_columns(columns: Iterable[str], result: Result, atlas: Atlas) -> list[Column]:
    """Describe every column of an export table.

    Parameters
    ----------
    columns
        Column names of the table (a geometry column is skipped).
    result
        The scoring result (framework: domains and indicators).
    atlas
        The atlas (catalogue: names, units, years, sources, licences).

    Returns
    -------
    list of Column
        One entry per column, in order.
    """
    from potentials.export import software_version

    catalogue = _catalogue(atlas)
    boundaries = boundary_source(atlas)
    fw = result.framework
    domains = {d.code: d for d in fw.domains}
    years = sorted({_text(catalogue.get(c, {}).get("year"))[:4] for c in fw.codes} - {""})
    span = years[0] if len(years) == 1 else (f"{years[0]}–{years[-1]}" if years else "")
    computed = f"{COMPUTED} ({', '.join(fw.codes)}); potentials {software_version()}"
    out = []
    for name in columns:
        if name == "geometry":
            continue
        if name in _FIXED:
            kind, de, en, unit, text = _FIXED[name]
            entry = Column(name, kind, de, en, text, unit)
            if name in ("ags", "name", "kind", "state", "nuts3"):
                entry = _with(entry, boundaries["year"], boundaries["attribution"],
                              boundaries["licence"])  # fmt: skip
            elif name in ("population", "area_km2", "density"):
                meta = catalogue.get(name, {})
                entry = _with(entry, _period(meta), _text(meta.get("source")),
                              _text(meta.get("licence")))  # fmt: skip
            else:
                entry = _with(entry, span, computed, COMPUTED_LICENCE)
            out.append(_constrained(entry))
            continue
        prefix, _, code = name.partition("_")
        if prefix == "domain" and code in domains:
            d = domains[code]
            out.append(
                Column(
                    name,
                    "number",
                    f"Bereich: {d.name_de}",
                    f"Domain: {d.name_en}",
                    f"Score of the domain {d.name_en!r} (weighted aggregate of its "
                    "normalised indicators, norm_*); higher = more favourable.",
                    "score",
                    span,
                    computed,
                    COMPUTED_LICENCE,
                )
            )
        elif name.startswith("rank_domain_") and name[len("rank_domain_") :] in domains:
            d = domains[name[len("rank_domain_") :]]
            out.append(
                Column(
                    name,
                    "integer",
                    f"Rang Bereich: {d.name_de}",
                    f"Rank domain: {d.name_en}",
                    f"Rank of the domain score domain_{d.code} among all districts with "
                    "a value: 1 = most favourable.",
                    "rank",
                    span,
                    computed,
                    COMPUTED_LICENCE,
                    {"minimum": 1},
                )
            )
        elif prefix in ("raw", "norm") and (code in catalogue or code in fw.codes):
            meta = catalogue.get(code, {})
            ind_de = _text(meta.get("name_de")) or code
            ind_en = _text(meta.get("name_en")) or code
            indicator = next((i for i in fw.indicators if i.code == code), None)
            proxy = ""
            if indicator is not None and indicator.proxy_of:
                proxy = f" Proxy (stand-in) for {indicator.proxy_of}."
            if prefix == "raw":
                out.append(
                    Column(
                        name,
                        "number",
                        ind_de,
                        ind_en,
                        f"Indicator {code} as published, before any transformation.{proxy}",
                        _text(meta.get("unit")),
                        _text(meta.get("year")),
                        _text(meta.get("source")),
                        _text(meta.get("licence")),
                    )
                )
            else:
                direction = "" if indicator is None else (
                    " A lower raw value is more favourable, so the sign is reversed."
                    if indicator.direction < 0 else ""
                )  # fmt: skip
                out.append(
                    Column(
                        name,
                        "number",
                        f"{ind_de} (normiert)",
                        f"{ind_en} (normalised)",
                        f"Indicator {code} after transformation, winsorising and "
                        f"normalisation ({result.spec.normalisation.value}), oriented so "
                        f"that higher = more favourable.{direction}{proxy}",
                        "normalised score",
                        _text(meta.get("year")),
                        f"{computed}, from {_text(meta.get('source'))}",
                        _text(meta.get("licence")),
                    )
                )
        else:
            out.append(Column(name, "string", name, name, f"Column {name}."))
    return out


def _with(entry: Column, period: str, source: str, licence: str) -> Column:
    return Column(entry.name, entry.type, entry.title_de, entry.title_en, entry.description,
                  entry.unit, period, source, licence, entry.constraints)  # fmt: skip


def _constrained(entry: Column) -> Column:
    constraints: dict[str, Any] = {}
    if entry.name == "ags":
        constraints = {"required": True, "unique": True, "pattern": "[0-9]{5}"}
    elif entry.name == "robustness":
        constraints = {"enum": list(_ROBUSTNESS)}
    elif entry.name in ("rank", "rank_median", "rank_p05", "rank_p95"):
        constraints = {"minimum": 1}
    elif entry.name == "composite_class":
        constraints = {"minimum": 0}
    elif entry.name == "coverage":
        constraints = {"minimum": 0, "maximum": 1}
    if not constraints:
        return entry
    return Column(entry.name, entry.type, entry.title_de, entry.title_en, entry.description,
                  entry.unit, entry.period, entry.source, entry.licence, constraints)  # fmt: skip
