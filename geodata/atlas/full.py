"""The full atlas: the embedded content plus official bulk indicators (Deutschlandatlas, INKAR).

The Deutschlandatlas workbook and the INKAR exports are downloaded by the user
(they are not redistributed with the product). :func:`build_full_atlas` adds

* district indicators of the Deutschlandatlas (official short codes, lower-cased),
  taken from the latest district sheet that carries them (status 31.12.2022 or
  31.12.2021 – both already the 400 current districts);
* municipal indicators (travel times, broadband) aggregated to districts with the
  **median** of the district's municipalities: the workbook has no municipal
  population or area, so a population-weighted mean cannot be derived;
* a few INKAR indicators (code ``inkar_<slug>``), harmonised from the 401-district
  status of the 2019/2020 edition with population weights.

Names and units of the Deutschlandatlas codes are written from the official
Deutschlandatlas documentation (the indicator legend is not part of the data file);
where the unit is not certain the catalogue says "see Deutschlandatlas".
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geodata.atlas.build import RAW_FILES, build_embedded_atlas, default_raw_dir, file_sha256
from geodata.atlas.catalogue import IndicatorSpec, catalogue_frame
from geodata.atlas.model import Atlas
from geodata.errors import MissingHeaderError
from geodata.territory import CURRENT_KEYS, Kind, current_key, harmonise
from geodata.topology import DEFAULT_TOLERANCE_M

__all__ = ["DA_DISTRICT", "DA_MUNICIPAL", "INKAR_INDICATORS", "build_full_atlas", "inkar_code"]

DA_SOURCE = "Deutschlandatlas, BMI/BBSR, Stand 12.12.2024, and the underlying official statistics"
DA_LICENCE = "dl-de/by-2-0"
INKAR_SOURCE = "INKAR – Indikatoren und Karten zur Raum- und Stadtentwicklung, © BBSR Bonn"

#: Sentinel the Deutschlandatlas uses for "no value" in municipal sheets.
NO_VALUE = -9999.0


@dataclass(frozen=True)
class _Official:
    name_de: str
    name_en: str
    unit: str
    domain: str
    direction: int
    note: str = ""


#: Deutschlandatlas district indicators used in the full atlas.
DA_DISTRICT: dict[str, _Official] = {
    "alq": _Official("Arbeitslosenquote", "Unemployment rate", "%", "labour", -1),
    "wohn_leer": _Official(
        "Leerstandsquote Wohnungen", "Housing vacancy rate", "%", "housing", 1,
        "Vacant dwellings make housing available to newcomers.",
    ),
    "preis_miet": _Official(
        "Angebotsmieten (Klassenmitte)", "Asking rents (class midpoint)",
        "EUR per m² (net, class midpoint)", "housing", -1,
        "Published as rent classes (e.g. '7,00 bis unter 8,50'); the value is the class "
        "midpoint, open classes take the width of the neighbouring class.",
    ),
    "fl_landw": _Official("Anteil Landwirtschaftsfläche", "Agricultural land share", "%",
                          "housing", 0),
    "fl_wald": _Official("Anteil Waldfläche", "Forest land share", "%", "housing", 0),
    "fl_suv": _Official("Anteil Siedlungs- und Verkehrsfläche",
                        "Settlement and transport area share", "%", "housing", 0),
    "v_harzt": _Official("Hausärztinnen und Hausärzte je 100.000 Einwohner",
                         "General practitioners per 100,000 inhabitants",
                         "per 100,000 inhabitants", "services", 1),
    "v_karzt": _Official("Kinderärztinnen und Kinderärzte", "Paediatricians",
                         "see Deutschlandatlas", "services", 1),
    "kbetr_u3": _Official("Betreuungsquote Kinder unter 3 Jahren",
                          "Childcare rate, children under 3", "%", "services", 1),
    "kbetr_ue3": _Official("Betreuungsquote Kinder von 3 bis unter 6 Jahren",
                           "Childcare rate, children aged 3 to under 6", "%", "services", 1),
    "bquali_unifh": _Official("Beschäftigte mit akademischem Berufsabschluss",
                              "Employees with an academic degree", "%", "labour", 1),
    "bquali_oabschl": _Official("Beschäftigte ohne Berufsabschluss",
                                "Employees without vocational qualification", "%", "labour", 0),
    "mitgl_sportv": _Official("Mitglieder in Sportvereinen", "Sports-club membership",
                              "see Deutschlandatlas", "social", 1),
    "wahl_beteil": _Official("Wahlbeteiligung Bundestagswahl",
                             "Turnout, federal election", "%", "social", 1),
    "erw_bip": _Official("Bruttoinlandsprodukt je Erwerbstätigen",
                         "GDP per person in employment", "1,000 EUR", "prosperity", 1),
    "hh_veink": _Official("Verfügbares Einkommen der privaten Haushalte je Einwohner",
                          "Disposable household income per inhabitant", "1,000 EUR",
                          "prosperity", 1),
    "sozsich": _Official("Mindestsicherungsquote", "Minimum-income benefit rate", "%",
                         "social", -1),
    "wohn_ezfh": _Official("Ein- und Zweifamilienhäuser", "One- and two-family houses",
                           "see Deutschlandatlas", "housing", 0),
    "bev_ausl": _Official("Ausländeranteil", "Share of foreign nationals", "%",
                          "integration", 0),
    "erw_wachs": _Official("Entwicklung der Erwerbstätigen", "Employment growth",
                           "% per year (see Deutschlandatlas)", "labour", 1),
    "straft": _Official("Straftaten je 100.000 Einwohner",
                        "Recorded offences per 100,000 inhabitants",
                        "per 100,000 inhabitants", "social", -1),
}  # fmt: skip

#: Deutschlandatlas municipal indicators aggregated to districts (median of municipalities).
DA_MUNICIPAL: dict[str, _Official] = {
    "p_markt": _Official("Fahrzeit zum nächsten Supermarkt/Discounter",
                         "Travel time to the nearest supermarket", "min (see Deutschlandatlas)",
                         "services", -1),
    "p_harzt": _Official("Fahrzeit zur nächsten Hausarztpraxis",
                         "Travel time to the nearest GP", "min (see Deutschlandatlas)",
                         "services", -1),
    "p_grunds": _Official("Fahrzeit zur nächsten Grundschule",
                          "Travel time to the nearest primary school",
                          "min (see Deutschlandatlas)", "services", -1),
    "p_apo": _Official("Fahrzeit zur nächsten Apotheke", "Travel time to the nearest pharmacy",
                       "min (see Deutschlandatlas)", "services", -1),
    "v_breitb50": _Official("Breitbandverfügbarkeit mindestens 50 Mbit/s",
                            "Broadband availability of at least 50 Mbit/s", "% of households",
                            "access", 1),
    "v_breitb1000": _Official("Breitbandverfügbarkeit mindestens 1.000 Mbit/s",
                              "Broadband availability of at least 1,000 Mbit/s",
                              "% of households", "access", 1),
}  # fmt: skip

#: INKAR indicators used: (file stem, indicator name) → (domain, direction).
INKAR_INDICATORS: dict[tuple[str, str], tuple[str, int]] = {
    ("Structure-Part-I", "Beschäftigtenquote"): ("labour", 1),
    ("Structure-Part-I", "Beschäftigtenquote Ausländer"): ("integration", 1),
    ("privateinkommen", "Medianeinkommen"): ("prosperity", 1),
    ("Gebaude-und-Wohnungsbestand", "Wohnfläche"): ("housing", 0),
    ("Gebaude-und-Wohnungsbestand", "Anteil Wohnungen in Mehrfamilienhäusern"): ("housing", 0),
}


def inkar_code(name: str) -> str:
    """Catalogue code of an INKAR indicator: ``"Beschäftigtenquote Ausländer"`` → ``inkar_…``."""
    text = name.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "inkar_" + re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _spec(code: str, meta: _Official, *, source: str, table: str, method: str) -> IndicatorSpec:
    return IndicatorSpec(
        code=code,
        name_de=meta.name_de,
        name_en=meta.name_en,
        unit=meta.unit,
        domain_hint=meta.domain,
        direction_hint=meta.direction,
        source=source,
        table_code=table,
        licence=DA_LICENCE,
        method=(method + (" " + meta.note if meta.note else "")).strip(),
    )


def _sheet_year(sheet: str) -> int:
    return 2000 + int(sheet[-2:])


def _deutschlandatlas(path: Path) -> tuple[pd.DataFrame, list[IndicatorSpec], dict[str, int]]:
    from geodata.readers import read_deutschlandatlas

    long: list[pd.DataFrame] = []
    specs: list[IndicatorSpec] = []
    years: dict[str, int] = {}

    districts = read_deutschlandatlas(path, level="district")
    for code, meta in DA_DISTRICT.items():
        rows = districts[(districts["indicator"] == code) & districts["value"].notna()]
        if rows.empty:
            raise MissingHeaderError(path, f"Deutschlandatlas indicator {code!r} not found")
        sheet = max(rows["sheet"], key=_sheet_year)  # latest territorial status
        rows = rows[rows["sheet"] == sheet]
        values = _to_current(rows.set_index("key")["value"], source=f"{path.name} {sheet}")
        years[code] = _sheet_year(sheet)
        long.append(_long(code, values, years[code]))
        status = rows["status"].iloc[0]
        specs.append(
            _spec(
                code, meta, source=DA_SOURCE, table=f"Deutschlandatlas {sheet.split('_')[-1]}",
                method=f"Official district value, territorial status {status}; the reference "
                "period of the data is given in the Deutschlandatlas.",
            )
        )  # fmt: skip

    municipalities = read_deutschlandatlas(path, level="municipality")
    municipalities = municipalities[municipalities["value"] != NO_VALUE]
    for code, meta in DA_MUNICIPAL.items():
        rows = municipalities[
            (municipalities["indicator"] == code) & municipalities["value"].notna()
        ]
        if rows.empty:
            raise MissingHeaderError(path, f"Deutschlandatlas indicator {code!r} not found")
        sheet = max(rows["sheet"], key=_sheet_year)
        rows = rows[rows["sheet"] == sheet]
        district = current_key(rows["key"].str[:5], source=f"{path.name} {sheet}")
        medians = rows.groupby(pd.Index(district, name="ags"))["value"].median()
        counts = rows.groupby(pd.Index(district, name="ags"))["value"].size()
        years[code] = _sheet_year(sheet)
        long.append(_long(code, medians, years[code]))
        specs.append(
            _spec(
                code, meta, source=DA_SOURCE, table=f"Deutschlandatlas {sheet.split('_')[-1]}",
                method=f"Median over the district's municipalities (sheet {sheet}, "
                f"{int(counts.sum())} municipalities with a value; -9999 = no value dropped). "
                "Not population-weighted: the workbook has no municipal population or area.",
            )
        )  # fmt: skip
    return pd.concat(long, ignore_index=True), specs, years


def _to_current(values: pd.Series, *, source: str, weights: pd.Series | None = None) -> pd.Series:
    """Map district values of status 2020–2022 onto current keys (rates: weighted)."""
    keys = pd.Index(values.index.astype(str))
    if set(keys) <= set(CURRENT_KEYS):
        return pd.Series(values.to_numpy(), index=keys)
    frame = pd.DataFrame({"ags": keys, "value": values.to_numpy()})
    if weights is None:
        raise ValueError(f"{source}: old district keys need population weights")
    out = harmonise(frame, kind=Kind.RATE, values=["value"], weights=weights, source=source)
    return out.set_index("ags")["value"]


def _long(code: str, values: pd.Series, year: int) -> pd.DataFrame:
    values = values.reindex(pd.Index(CURRENT_KEYS))
    return pd.DataFrame(
        {"ags": list(CURRENT_KEYS), "indicator": code, "year": year, "value": values.to_numpy()}
    )


def _inkar(
    folder: Path, population: pd.Series
) -> tuple[pd.DataFrame, list[IndicatorSpec], dict[str, int], list[Path]]:
    from geodata.readers import read_inkar, read_inkar_metadata

    long, specs, years, used = [], [], {}, []
    for stem in dict.fromkeys(s for s, _ in INKAR_INDICATORS):
        data_path = folder / f"{stem}.csv"
        meta_path = folder / f"Metadata-{stem}.csv"
        metadata = read_inkar_metadata(meta_path)
        frame = read_inkar(data_path, metadata=metadata)
        used += [data_path, meta_path]
        for (file_stem, name), (domain, direction) in INKAR_INDICATORS.items():
            if file_stem != stem:
                continue
            rows = frame[(frame["indicator"] == name) & frame["value"].notna()]
            if rows.empty:
                raise MissingHeaderError(data_path, f"INKAR indicator {name!r} not found")
            year = int(rows["year"].max())
            rows = rows[rows["year"] == year]
            code = inkar_code(name)
            values = _to_current(
                rows.set_index("ags")["value"], source=data_path.name, weights=population
            )
            long.append(_long(code, values, year))
            years[code] = year
            described = metadata.set_index("indicator")
            long_name = (
                str(described.loc[name, "long_name_de"]) if name in described.index else name
            )
            unit = rows["unit"].dropna()
            specs.append(
                IndicatorSpec(
                    code=code,
                    name_de=name,
                    name_en=str(rows["name_en"].dropna().iloc[0])
                    if rows["name_en"].notna().any()
                    else name,
                    unit=str(unit.iloc[0]) if not unit.empty else "see INKAR",
                    domain_hint=domain,
                    direction_hint=direction,
                    source=INKAR_SOURCE,
                    table_code=f"INKAR {stem}",
                    licence=DA_LICENCE,
                    method=f"{long_name}. INKAR 2019/2020 edition, {year}; Eisenach and "
                    "Wartburgkreis combined with population weights (31.12.2019).",
                )
            )
    return pd.concat(long, ignore_index=True), specs, years, used


def build_full_atlas(
    raw_dir: str | os.PathLike[str] | None = None,
    *,
    deutschlandatlas: str | os.PathLike[str],
    inkar_dir: str | os.PathLike[str],
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    accessibility: bool = True,
) -> Atlas:
    """Build the full atlas: embedded content plus Deutschlandatlas and INKAR indicators.

    Parameters
    ----------
    raw_dir
        Folder of the registry-derived raw files (see
        :func:`geodata.atlas.build.default_raw_dir`).
    deutschlandatlas
        The official ``Deutschlandatlas-Daten.xlsx``.
    inkar_dir
        Folder with the INKAR exports ``Structure-Part-I.csv``,
        ``Gebaude-und-Wohnungsbestand.csv``, ``privateinkommen.csv`` and their
        ``Metadata-*.csv``.
    tolerance_m
        Boundary simplification tolerance in metres.
    accessibility
        Add the station/stop accessibility indicators.

    Returns
    -------
    Atlas
        ``kind="full"``.
    """
    deutschlandatlas = Path(deutschlandatlas)
    inkar_dir = Path(inkar_dir)
    from geodata.readers import read_destatis_kreise

    base = build_embedded_atlas(raw_dir, tolerance_m=tolerance_m, accessibility=accessibility)
    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    kreise = read_destatis_kreise(raw / RAW_FILES["kreise"])
    population = kreise.set_index("ags")["population"].astype(float)  # 2019 status, 401 keys
    da_long, da_specs, da_years = _deutschlandatlas(deutschlandatlas)
    ink_long, ink_specs, ink_years, ink_paths = _inkar(inkar_dir, population)

    indicators = pd.concat([base.indicators, da_long, ink_long], ignore_index=True)
    indicators = indicators.dropna(subset=["value"]).astype({"year": "int64", "value": "float64"})
    indicators = indicators.sort_values(["ags", "indicator"], ignore_index=True)
    catalogue = pd.concat(
        [base.catalogue, catalogue_frame(da_specs + ink_specs, {**da_years, **ink_years})],
        ignore_index=True,
    ).sort_values("code", ignore_index=True)

    build = base.build.copy()
    build.loc[build["item"] == "kind", "value"] = "full"
    sources = json.loads(build.loc[build["item"] == "sources", "value"].iloc[0])
    sources += [
        {"name": "Deutschlandatlas (district and municipal sheets)",
         "table_code": "Deutschlandatlas-Daten", "year": 2024, "licence": DA_LICENCE,
         "attribution": DA_SOURCE},
        {"name": "INKAR 2019/2020 (BBSR)", "table_code": "INKAR", "year": 2020,
         "licence": DA_LICENCE, "attribution": INKAR_SOURCE},
    ]  # fmt: skip
    build.loc[build["item"] == "sources", "value"] = json.dumps(sources, ensure_ascii=False)
    extra = [(f"input:{deutschlandatlas.name}", file_sha256(deutschlandatlas))]
    extra += [(f"input:inkar/{p.name}", file_sha256(p)) for p in ink_paths]
    build = pd.concat([build, pd.DataFrame(extra, columns=["item", "value"])], ignore_index=True)
    return Atlas(base.districts, indicators, catalogue, build, kind="full")
