"""What each indicator of the embedded atlas means, where it comes from, and under which licence.

The catalogue describes *conditions in a district* – labour market, prosperity,
housing, services, accessibility, social context – never its residents.
``direction_hint`` is +1 when a higher value means more favourable conditions for
integration, −1 when it means less favourable ones, and 0 for context only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from geodata.atlas.model import CATALOGUE_COLUMNS

__all__ = ["DOMAINS", "SOURCES", "IndicatorSpec", "Source", "catalogue_frame"]

#: Domains an indicator may be assigned to (``domain_hint``).
DOMAINS = ("labour", "prosperity", "housing", "services", "access", "social", "integration")

DL_DE_BY = "dl-de/by-2-0"


@dataclass(frozen=True)
class Source:
    """A publisher's table with its attribution and licence."""

    name: str
    table_code: str
    licence: str
    attribution: str
    year: int


#: Sources of the embedded atlas, by short id.
SOURCES: dict[str, Source] = {
    "AI002-1": Source(
        "Regionalatlas Deutschland: Bevölkerung",
        "AI002-1",
        DL_DE_BY,
        "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland, "
        "Tabelle AI002-1",
        2019,
    ),
    "12411-05-01-4": Source(
        "Durchschnittliche Jahresbevölkerung",
        "12411-05-01-4",
        DL_DE_BY,
        "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland, "
        "Tabelle 12411-05-01-4",
        2019,
    ),
    "AI-N-06": Source(
        "Regionalatlas Deutschland: Nachhaltigkeit – Bildung",
        "AI-N-06",
        DL_DE_BY,
        "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland, "
        "Tabelle AI-N-06",
        2019,
    ),
    "82411-01-03-4": Source(
        "Verfügbares Einkommen der privaten Haushalte (VGR der Länder)",
        "82411-01-03-4",
        DL_DE_BY,
        "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland, "
        "Tabelle 82411-01-03-4",
        2018,
    ),
    "46251-01-02-4": Source(
        "Kraftfahrzeugbestand nach Kraftfahrzeugarten",
        "46251-01-02-4",
        DL_DE_BY,
        "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland, "
        "Tabelle 46251-01-02-4",
        2020,
    ),
    "12111-31-01-4": Source(
        "Zensus 2011: Haushalte nach Haushaltsgröße",
        "12111-31-01-4",
        DL_DE_BY,
        "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland, "
        "Tabelle 12111-31-01-4 (Zensus 2011)",
        2011,
    ),
    "04-kreise": Source(
        "Gemeindeverzeichnis: Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung",
        "04-kreise",
        DL_DE_BY,
        "© Statistisches Bundesamt (Destatis), 2020, Gemeindeverzeichnis-Informationssystem "
        "GV-ISys, Gebietsstand 31.12.2019",
        2019,
    ),
    "vgr-r2b2": Source(
        "VGR der Länder, Kreisergebnisse Reihe 2 Band 2 (Arbeitnehmerentgelt, Arbeitnehmer)",
        "vgr_r2b2_bs2020",
        "reuse with source attribution (Quellenangabe gestattet)",
        "© Statistisches Landesamt Baden-Württemberg 2021 im Auftrag der "
        "Herausgebergemeinschaft VGR der Länder",
        2019,
    ),
    "pks-2020": Source(
        "Polizeiliche Kriminalstatistik, Kreise – Fälle – Häufigkeitszahlen",
        "KR-F-01-T01",
        "licence not stated; reuse with attribution",
        "Bundeskriminalamt, PKS 2020 (licence not stated; reuse with attribution)",
        2020,
    ),
    "ew19": Source(
        "Europawahl 2019, Kreisergebnisse",
        "ew19_kerg",
        "reuse with source attribution",
        "© Der Bundeswahlleiter, Wiesbaden 2019",
        2019,
    ),
    "vg250-2016": Source(
        "Verwaltungsgebiete 1:250 000 (VG250), Kreise, Stand 01.01.2016",
        "VG250 KRS",
        "GeoNutzV / dl-de/by-2-0",
        "© GeoBasis-DE / BKG 2016",
        2016,
    ),
    "db-stations": Source(
        "DB station data (StaDa)",
        "db-stations",
        "CC BY 4.0 (DB InfraGO)",
        "Deutsche Bahn, DB InfraGO / DB Station&Service, CC BY 4.0",
        2022,
    ),
    "hafas-stops": Source(
        "DB HAFAS stations and stops",
        "db-hafas-stations",
        "CC BY 4.0 (DB InfraGO) and ODbL-1.0 (OpenStreetMap contributors)",
        "DB InfraGO (CC BY 4.0); © OpenStreetMap contributors (ODbL)",
        2024,
    ),
}


@dataclass(frozen=True)
class IndicatorSpec:
    """Catalogue entry of one indicator (``year`` is filled in by the build)."""

    code: str
    name_de: str
    name_en: str
    unit: str
    domain_hint: str
    direction_hint: int
    source: str
    table_code: str
    licence: str
    method: str
    is_proxy: bool = False
    proxy_for: str | None = None

    def __post_init__(self) -> None:
        if self.domain_hint not in DOMAINS:
            raise ValueError(f"{self.code}: unknown domain {self.domain_hint!r}")
        if self.direction_hint not in (-1, 0, 1):
            raise ValueError(f"{self.code}: direction must be -1, 0 or +1")


def spec(
    code: str,
    name_de: str,
    name_en: str,
    unit: str,
    domain: str,
    direction: int,
    source: str | tuple[str, ...],
    method: str,
    **extra: object,
) -> IndicatorSpec:
    """Build a spec whose source, table code and licence come from :data:`SOURCES`."""
    ids = (source,) if isinstance(source, str) else source
    sources = [SOURCES[i] for i in ids]
    return IndicatorSpec(
        code=code,
        name_de=name_de,
        name_en=name_en,
        unit=unit,
        domain_hint=domain,
        direction_hint=direction,
        source="; ".join(s.attribution for s in sources),
        table_code="; ".join(s.table_code for s in sources),
        licence="; ".join(dict.fromkeys(s.licence for s in sources)),
        method=method,
        **extra,  # type: ignore[arg-type]
    )


def catalogue_frame(specs: list[IndicatorSpec], years: dict[str, int]) -> pd.DataFrame:
    """Catalogue table of ``specs`` with the reference ``years`` of the built values.

    Parameters
    ----------
    specs
        Indicator descriptions.
    years
        Reference year per indicator code.

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`geodata.atlas.model.CATALOGUE_COLUMNS`, sorted by code.
    """
    rows = [{**asdict(s), "year": int(years[s.code])} for s in specs]
    frame = pd.DataFrame(rows, columns=list(CATALOGUE_COLUMNS))
    return frame.sort_values("code", ignore_index=True)
