"""The indicator registry: the one home of what each atlas indicator *is*.

Every indicator of the atlas has exactly one :class:`Indicator` entry here: its
code, names and units in German and English, the reference period of the data
(not the territorial status of the sheet it came from), the territorial status,
the source (an id into :data:`SOURCES`), how the value was derived, caveats, a
plausible range that the build checks, and the districts known to lack a value.
The build modules only derive values; the framework TOML files are the only home
of domains and directions. Adding an indicator means one entry here plus one
derivation function in :mod:`geodata.atlas`.

Vintages are mixed: the atlas combines the newest official value of each
indicator, and these range from the Zensus 2011 to 2023. Where one concept
exists in two vintages (e.g. foreigners share 2019 and 2022) both are kept and
the period says which is which; the default framework uses the newer one.

Reference periods of the Deutschlandatlas indicators follow the Deutschlandatlas
indicator documentation (deutschlandatlas.bund.de); the data file itself names
only the territorial status of each sheet, so these entries carry
:data:`DA_PERIOD_NOTE` among their caveats.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "DA_PERIOD_NOTE",
    "INDICATORS",
    "NOT_AVAILABLE",
    "SOURCES",
    "Indicator",
    "Source",
    "codes",
    "get",
    "unit",
]


@dataclass(frozen=True)
class Source:
    """One published table: who publishes it, which edition, under which licence.

    Attributes
    ----------
    id
        Short id used by :attr:`Indicator.source`.
    publisher
        Publishing body.
    title
        Title of the table or data set.
    table_code
        Official table code or file name.
    edition
        Edition / release the atlas is built from.
    licence
        Licence (SPDX-like id where one exists).
    attribution
        Text to print wherever a derived value is shown.
    """

    id: str
    publisher: str
    title: str
    table_code: str
    edition: str
    licence: str
    attribution: str


@dataclass(frozen=True)
class Indicator:
    """What one atlas indicator is (see the module docstring).

    Attributes
    ----------
    code
        Atlas code (Deutschlandatlas short codes are kept, lower-cased).
    name_de, name_en
        Display names.
    unit_de, unit_en
        Real units, e.g. ``"Minuten Pkw-Fahrzeit"`` / ``"minutes by car"``.
    period
        Reference period of the data (``"2022"``, ``"2014–2019"``, ``"15.05.2022"``).
    year
        Reference year used for sorting and the ``year`` column (end of the period).
    source
        Source ids into :data:`SOURCES`; the first is the primary source.
    method_de, method_en
        How the value was derived: harmonisation, aggregation and its weights.
    valid_range
        Plausible ``(low, high)``; the build fails on a value outside it.
    territorial_status
        Territorial status of the values in the atlas.
    caveats_de, caveats_en
        What a user must know before citing the value.
    known_gaps
        District keys known to have no value (declared, not discovered).
    proxy_for
        The indicator this one stands in for, if it is a proxy.
    proxy_rho
        Measured Spearman correlation with the real indicator (proxies only).
    """

    code: str
    name_de: str
    name_en: str
    unit_de: str
    unit_en: str
    period: str
    year: int
    source: tuple[str, ...]
    method_de: str
    method_en: str
    valid_range: tuple[float, float]
    territorial_status: str = "31.12.2022 (400 Kreise)"
    caveats_de: str = ""
    caveats_en: str = ""
    known_gaps: tuple[str, ...] = field(default=())
    proxy_for: str | None = None
    proxy_rho: float | None = None

    def __post_init__(self) -> None:
        for name in ("name_de", "name_en", "unit_de", "unit_en", "period"):
            if not getattr(self, name).strip():
                raise ValueError(f"{self.code}: {name} is empty")
        if "see " in self.unit_en.lower() or "siehe" in self.unit_de.lower():
            raise ValueError(f"{self.code}: a unit must not point elsewhere")
        unknown = [s for s in self.source if s not in SOURCES]
        if unknown:
            raise ValueError(f"{self.code}: unknown source id(s) {unknown}")
        low, high = self.valid_range
        if not low < high:
            raise ValueError(f"{self.code}: valid_range must be (low, high)")
        if (self.proxy_for is None) != (self.proxy_rho is None):
            raise ValueError(f"{self.code}: a proxy needs its measured Spearman rho")


DL_DE_BY = "dl-de/by-2-0"
_RS = "Statistische Ämter des Bundes und der Länder"
_RS_EDITION = "Regionaldatenbank Deutschland, Export August 2021"
_DA_ATTRIBUTION = "Deutschlandatlas, BMI/BBSR, Stand 12.12.2024"

#: Every source the atlas cites, by id.
SOURCES: dict[str, Source] = {
    s.id: s
    for s in (
        Source("destatis-gv", "Statistisches Bundesamt (Destatis)",
               "Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und "
               "Bevölkerungsdichte (Gemeindeverzeichnis GV-ISys)", "04-kreise",
               "Gebietsstand 31.12.2019, veröffentlicht 09/2020", DL_DE_BY,
               "© Statistisches Bundesamt (Destatis), 2020"),
        Source("rs-AI002-1", _RS, "Regionalatlas Deutschland: Bevölkerung", "AI002-1",
               _RS_EDITION, DL_DE_BY, "© Statistische Ämter des Bundes und der Länder, "
               "Deutschland, 2021 (Tabelle AI002-1)"),
        Source("rs-12411", _RS, "Durchschnittliche Bevölkerung nach Geschlecht",
               "12411-05-01-4", _RS_EDITION, DL_DE_BY, "© Statistische Ämter des Bundes "
               "und der Länder, Deutschland, 2021 (Tabelle 12411-05-01-4)"),
        Source("rs-AI-N-06", _RS, "Regionalatlas Deutschland: Nachhaltigkeit – Bildung",
               "AI-N-06", _RS_EDITION, DL_DE_BY, "© Statistische Ämter des Bundes und der "
               "Länder, Deutschland, 2021 (Tabelle AI-N-06)"),
        Source("rs-82411", _RS, "Verfügbares Einkommen der privaten Haushalte "
               "(VGR der Länder)", "82411-01-03-4", _RS_EDITION, DL_DE_BY,
               "© Statistische Ämter des Bundes und der Länder, Deutschland, 2021 "
               "(Tabelle 82411-01-03-4)"),
        Source("rs-46251", _RS, "Kraftfahrzeugbestand nach Kraftfahrzeugarten",
               "46251-01-02-4", _RS_EDITION, DL_DE_BY, "© Statistische Ämter des Bundes "
               "und der Länder, Deutschland, 2021 (Tabelle 46251-01-02-4)"),
        Source("rs-12111", _RS, "Zensus 2011: Private Haushalte nach Haushaltsgröße",
               "12111-31-01-4", _RS_EDITION, DL_DE_BY, "© Statistische Ämter des Bundes "
               "und der Länder, Deutschland, 2021 (Tabelle 12111-31-01-4, Zensus 2011)"),
        Source("vgr-r2b2", "Arbeitskreis VGR der Länder (Statistisches Landesamt "
               "Baden-Württemberg)", "Arbeitnehmerentgelt, Bruttolöhne und -gehälter, "
               "Arbeitnehmer in den kreisfreien Städten und Landkreisen 2000–2019 (Reihe 2, "
               "Band 2)", "vgr_r2b2_bs2020", "Berechnungsstand August 2020, "
               "veröffentlicht Juli 2021", "reuse with source attribution",
               "© Statistisches Landesamt Baden-Württemberg, Stuttgart, 2021 (im Auftrag der "
               "Herausgebergemeinschaft VGR der Länder)"),
        Source("bka-pks", "Bundeskriminalamt", "Polizeiliche Kriminalstatistik: Kreise – "
               "Fälle – Häufigkeitszahlen", "KR-F-01-T01", "PKS 2020",
               "licence not stated; reuse with attribution",
               "Bundeskriminalamt, Polizeiliche Kriminalstatistik 2020"),
        Source("bwl-ew19", "Der Bundeswahlleiter", "Europawahl 2019: Kreisergebnisse",
               "ew19_kerg", "amtliches Endergebnis", "reuse with source attribution",
               "© Der Bundeswahlleiter, Wiesbaden 2019"),
        Source("bkg-vg250", "Bundesamt für Kartographie und Geodäsie",
               "Verwaltungsgebiete 1:250 000 (VG250), Kreise", "VG250 KRS",
               "Stand 01.01.2016", "GeoNutzV / dl-de/by-2-0", "© GeoBasis-DE / BKG 2016"),
        Source("db-stations", "Deutsche Bahn (DB InfraGO / DB Station&Service)",
               "Stationsdaten (StaDa)", "npm db-stations 5.0.2", "snapshot 2022",
               "CC-BY-4.0", "Deutsche Bahn, DB InfraGO, CC BY 4.0"),
        Source("db-hafas", "Deutsche Bahn (DB InfraGO) and OpenStreetMap contributors",
               "HAFAS stations and stops", "npm db-hafas-stations 2.0.0", "2024/2025",
               "CC-BY-4.0 AND ODbL-1.0",
               "DB InfraGO (CC BY 4.0); © OpenStreetMap contributors (ODbL)"),
        Source("deutschlandatlas", "Bundesministerium des Innern und für Heimat (BMI) / "
               "Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)",
               "Daten zum Deutschlandatlas", "Deutschlandatlas-Daten.xlsx",
               "Stand 12.12.2024", DL_DE_BY, _DA_ATTRIBUTION),
        Source("inkar", "Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)",
               "INKAR – Indikatoren und Karten zur Raum- und Stadtentwicklung", "INKAR",
               "Ausgabe 2019/2020", DL_DE_BY, "© BBSR Bonn, INKAR 2019/2020"),
    )
}  # fmt: skip

#: Caveat of every Deutschlandatlas entry: where its reference period comes from.
DA_PERIOD_NOTE = (
    "Reference period from the Deutschlandatlas indicator documentation; the data file "
    "names only the territorial status of its sheet."
)
_DA_PERIOD_NOTE_DE = (
    "Bezugszeitraum laut Indikatordokumentation des Deutschlandatlas; die Datei nennt nur "
    "den Gebietsstand des Tabellenblatts."
)
_POP_2019_DE = "Gewichte: Bevölkerung 31.12.2019 (Gemeindeverzeichnis)."
_POP_2019_EN = "Weights: population on 31.12.2019 (Gemeindeverzeichnis)."
_AVG_2019_DE = "Gewichte: durchschnittliche Bevölkerung 2019 (12411-05-01-4)."
_AVG_2019_EN = "Weights: average population 2019 (12411-05-01-4)."
_STATUS_2019 = "31.12.2019, auf 400 Kreise umgerechnet (16056 + 16063)"
_STATUS_2011 = "09.05.2011, auf 400 Kreise umgerechnet"
_STATUS_INKAR = "INKAR-Gebietsstand (401 Kreise), auf 400 Kreise umgerechnet"
_STATUS_2021 = "31.12.2021 (400 Kreise)"
_STATUS_2020 = "31.12.2020, auf 400 Kreise umgerechnet"
_STATUS_2019_VBG = "31.12.2019, Gemeindeverbände, auf 400 Kreise aggregiert"


def _da_district(
    code: str,
    name_de: str,
    name_en: str,
    unit_de: str,
    unit_en: str,
    period: str,
    year: int,
    valid_range: tuple[float, float],
    *,
    sheet: str = "KRS1222",
    caveats_de: str = "",
    caveats_en: str = "",
    known_gaps: tuple[str, ...] = (),
) -> Indicator:
    status = _STATUS_2021 if sheet == "KRS1221" else "31.12.2022 (400 Kreise)"
    return Indicator(
        code, name_de, name_en, unit_de, unit_en, period, year, ("deutschlandatlas",),
        method_de=f"Amtlicher Kreiswert des Deutschlandatlas (Blatt {sheet}), unverändert "
        "übernommen.",
        method_en=f"Official district value of the Deutschlandatlas (sheet {sheet}), taken "
        "as published.",
        valid_range=valid_range, territorial_status=status,
        caveats_de=" ".join(filter(None, (caveats_de, _DA_PERIOD_NOTE_DE))),
        caveats_en=" ".join(filter(None, (caveats_en, DA_PERIOD_NOTE))),
        known_gaps=known_gaps,
    )  # fmt: skip


#: How municipal values become district values (see :mod:`geodata.atlas.official`).
MUNICIPAL_METHOD_DE = (
    "Ungewichteter Mittelwert der Gemeinden (Blatt {sheet}) des Kreises: jede Gemeinde "
    "zählt gleich, denn der Deutschlandatlas enthält weder Einwohnerzahl noch Fläche der "
    "Gemeinden, eine Gewichtung nach Bevölkerung ist daher nicht möglich. Gemeinden ohne "
    "Wert (-9999) bleiben unberücksichtigt."
)
MUNICIPAL_METHOD_EN = (
    "Unweighted mean over the district's municipalities (sheet {sheet}): every "
    "municipality counts once, because the Deutschlandatlas gives neither the population "
    "nor the area of municipalities, so population weights cannot be derived. "
    "Municipalities without a value (-9999) are left out."
)
_MUNI_CAVEAT_DE = (
    "Das ungewichtete Mittel überbetont kleine Gemeinden: in Kreisen mit vielen kleinen "
    "Gemeinden liegt es näher am Wert der Dörfer als am Wert, den die Mehrheit der "
    "Einwohner erlebt. Kreisfreie Städte sind eine Gemeinde: dort ist der Wert exakt."
)
_MUNI_CAVEAT_EN = (
    "The unweighted mean over-represents small municipalities: in districts with many "
    "small municipalities it lies closer to the villages' value than to what most "
    "residents experience. A kreisfreie Stadt is one municipality: there the value is exact."
)


def _da_municipal(
    code: str,
    name_de: str,
    name_en: str,
    unit_de: str,
    unit_en: str,
    period: str,
    year: int,
    valid_range: tuple[float, float],
    *,
    sheet: str,
    status: str,
    caveats_de: str = "",
    caveats_en: str = "",
) -> Indicator:
    level_de = "Gemeindeverbände" if sheet.startswith("VBG") else "Gemeinden"
    method_de = MUNICIPAL_METHOD_DE.format(sheet=sheet)
    method_en = MUNICIPAL_METHOD_EN.format(sheet=sheet)
    if sheet.startswith("VBG"):
        method_de = method_de.replace("Gemeinden", level_de).replace("Gemeinde ", "Gemeinde ")
        method_en = method_en.replace("municipalities", "municipal associations").replace(
            "every municipality", "every municipal association"
        )
    return Indicator(
        code, name_de, name_en, unit_de, unit_en, period, year, ("deutschlandatlas",),
        method_de=method_de, method_en=method_en, valid_range=valid_range,
        territorial_status=status,
        caveats_de=" ".join(filter(None, (caveats_de, _MUNI_CAVEAT_DE, _DA_PERIOD_NOTE_DE))),
        caveats_en=" ".join(filter(None, (caveats_en, _MUNI_CAVEAT_EN, DA_PERIOD_NOTE))),
    )  # fmt: skip


def _inkar(
    code: str,
    name_de: str,
    name_en: str,
    unit_de: str,
    unit_en: str,
    period: str,
    year: int,
    valid_range: tuple[float, float],
    *,
    inkar_name: str,
    caveats_de: str = "",
    caveats_en: str = "",
) -> Indicator:
    return Indicator(
        code, name_de, name_en, unit_de, unit_en, period, year, ("inkar", "destatis-gv"),
        method_de=f"INKAR-Indikator „{inkar_name}“, Kreiswert wie veröffentlicht; Eisenach "
        f"(16056) und Wartburgkreis (16063) bevölkerungsgewichtet zusammengefasst. "
        + _POP_2019_DE,
        method_en=f"INKAR indicator '{inkar_name}', district value as published; Eisenach "
        f"(16056) and Wartburgkreis (16063) combined with population weights. "
        + _POP_2019_EN,
        valid_range=valid_range, territorial_status=_STATUS_INKAR,
        caveats_de=caveats_de, caveats_en=caveats_en,
    )  # fmt: skip


_STATIONS_DE = (
    "Auf einem 250-m-Raster (EPSG:3035) berechnet: Luftlinienentfernung jedes Zellmittelpunkts "
    "zur nächsten Einrichtung (exakter nächster Nachbar), gemittelt über die Zellen des Kreises "
    "(flächengewichtet)."
)
_STATIONS_EN = (
    "Computed on a 250 m grid (EPSG:3035): straight-line distance from each cell centre to "
    "the nearest facility (exact nearest neighbour), averaged over the district's cells "
    "(area-weighted)."
)
_SHARE_DE = (
    "Auf einem 250-m-Raster (EPSG:3035) berechnet: Anteil der Zellen des Kreises, deren "
    "Mittelpunkt in Luftlinie höchstens {km} km von der nächsten Einrichtung entfernt liegt."
)
_SHARE_EN = (
    "Computed on a 250 m grid (EPSG:3035): share of the district's cells whose centre lies "
    "within {km} km (straight line) of the nearest facility."
)
_STATIONS_CAVEAT_DE = "Luftlinie, keine Fahrzeit; Fläche, nicht Bevölkerung gewichtet."
_STATIONS_CAVEAT_EN = "Straight line, not travel time; weighted by area, not population."


def _station(
    code: str, name_de: str, name_en: str, source: str, year: int, km: float | None
) -> Indicator:
    if km is None:
        unit_de, unit_en, rng = "km Luftlinie", "km (straight line)", (0.0, 150.0)
        method_de, method_en = _STATIONS_DE, _STATIONS_EN
    else:
        unit_de, unit_en, rng = "% der Kreisfläche", "% of district area", (0.0, 100.0)
        method_de, method_en = _SHARE_DE.format(km=f"{km:g}"), _SHARE_EN.format(km=f"{km:g}")
    return Indicator(
        code, name_de, name_en, unit_de, unit_en, str(year), year, (source, "bkg-vg250"),
        method_de=method_de, method_en=method_en, valid_range=rng,
        territorial_status="Kreisgrenzen VG250 01.01.2016, auf 400 Kreise zusammengefasst",
        caveats_de=_STATIONS_CAVEAT_DE, caveats_en=_STATIONS_CAVEAT_EN,
    )  # fmt: skip


_ENTRIES: tuple[Indicator, ...] = (
    # ---------------------------------------------------------------- structure
    Indicator(
        "population",
        "Bevölkerung",
        "Population",
        "Personen",
        "persons",
        "31.12.2019",
        2019,
        ("destatis-gv",),
        "Bevölkerung am 31.12.2019; Eisenach (16056) und Wartburgkreis (16063) addiert.",
        "Population on 31.12.2019; Eisenach (16056) and Wartburgkreis (16063) summed.",
        (30_000, 4_000_000),
        _STATUS_2019,
    ),
    Indicator(
        "area_km2",
        "Fläche",
        "Area",
        "km²",
        "km²",
        "31.12.2019",
        2019,
        ("destatis-gv",),
        "Amtliche Katasterfläche am 31.12.2019 (nicht die vereinfachten Polygone); "
        "zusammengelegte Kreise addiert.",
        "Official cadastral area on 31.12.2019 (not the simplified polygons); merged "
        "districts summed.",
        (30, 6_000),
        _STATUS_2019,
    ),
    Indicator(
        "density",
        "Bevölkerungsdichte",
        "Population density",
        "Einwohner je km²",
        "inhabitants per km²",
        "31.12.2019",
        2019,
        ("destatis-gv",),
        "Bevölkerung 31.12.2019 geteilt durch die amtliche Fläche (nie durch die "
        "Polygonfläche), beide auf 400 Kreise umgerechnet.",
        "Population on 31.12.2019 divided by the official area (never the polygon "
        "area), both harmonised to 400 districts.",
        (20, 6_000),
        _STATUS_2019,
    ),
    Indicator(
        "pop_change_5y",
        "Bevölkerungsentwicklung (5 Jahre)",
        "Population change (5 years)",
        "% (2014 → 2019)",
        "% (2014 → 2019)",
        "2014–2019",
        2019,
        ("rs-12411",),
        "Veränderung der durchschnittlichen Jahresbevölkerung 2014 → 2019 in %, aus "
        "über zusammengelegte Kreise addierten Zahlen.",
        "Change of the average annual population 2014 → 2019 in %, from counts summed "
        "over merged districts.",
        (-15, 20),
        _STATUS_2019,
        caveats_de="Ab 2016 nur eingeschränkt vergleichbar (Methodenwechsel, "
        "Meldeprobleme bei Schutzsuchenden).",
        caveats_en="From 2016 only conditionally comparable (method change, "
        "registration of protection seekers).",
    ),
    Indicator(
        "net_migration",
        "Wanderungssaldo",
        "Net migration",
        "Personen je 10.000 Einwohner",
        "persons per 10,000 inhabitants",
        "2019",
        2019,
        ("rs-AI002-1", "rs-12411"),
        "Wanderungssaldo je 10.000 Einwohner 2019 wie veröffentlicht; zusammengelegte "
        "Kreise gewichtet. " + _AVG_2019_DE,
        "Net migration per 10,000 inhabitants 2019 as published; merged districts "
        "weighted. " + _AVG_2019_EN,
        (-300, 400),
        _STATUS_2019,
    ),
    Indicator(
        "natural_balance",
        "Natürlicher Saldo (Geburten − Sterbefälle)",
        "Natural balance (births − deaths)",
        "Personen je 10.000 Einwohner",
        "persons per 10,000 inhabitants",
        "2019",
        2019,
        ("rs-AI002-1", "rs-12411"),
        "Lebendgeborene minus Gestorbene je 10.000 Einwohner 2019; für zusammengelegte "
        "Kreise aus Zahlen neu berechnet. " + _AVG_2019_DE,
        "Live births minus deaths per 10,000 inhabitants 2019; recomputed from counts "
        "for merged districts. " + _AVG_2019_EN,
        (-200, 100),
        _STATUS_2019,
    ),
    Indicator(
        "foreigners_share",
        "Ausländeranteil (2019)",
        "Share of foreign nationals (2019)",
        "% der Bevölkerung",
        "% of population",
        "31.12.2019",
        2019,
        ("rs-AI002-1", "destatis-gv"),
        "Anteil der Einwohner ohne deutsche Staatsangehörigkeit, 31.12.2019; "
        "zusammengelegte Kreise gewichtet. " + _POP_2019_DE,
        "Share of residents without German citizenship, 31.12.2019; merged districts "
        "weighted. " + _POP_2019_EN,
        (0.5, 45),
        _STATUS_2019,
        caveats_de="Ältere Ausgabe; neuer: bev_ausl (2022).",
        caveats_en="Older vintage; newer: bev_ausl (2022).",
    ),
    Indicator(
        "income_pc",
        "Verfügbares Einkommen je Einwohner (2018)",
        "Disposable income per inhabitant (2018)",
        "EUR je Einwohner",
        "EUR per inhabitant",
        "2018",
        2018,
        ("rs-82411",),
        "Verfügbares Einkommen der privaten Haushalte je Einwohner 2018; Eisenach + "
        "Wartburgkreis aus den Summen und der implizierten VGR-Bevölkerung neu berechnet.",
        "Disposable income of private households per inhabitant 2018; Eisenach + "
        "Wartburgkreis recomputed from the totals and the implied VGR population.",
        (15_000, 45_000),
        _STATUS_2019,
        caveats_de="Ältere Ausgabe; neuer: hh_veink (2021).",
        caveats_en="Older vintage; newer: hh_veink (2021).",
    ),
    Indicator(
        "employees_per_1000",
        "Arbeitnehmer am Arbeitsort je 1.000 Einwohner",
        "Employees at workplace per 1,000 inhabitants",
        "Arbeitnehmer je 1.000 Einwohner",
        "employees per 1,000 inhabitants",
        "2019",
        2019,
        ("vgr-r2b2", "rs-12411"),
        "Arbeitnehmer (Arbeitsortkonzept, VGR Blatt 3.1, Jahresdurchschnitt 2019) auf die "
        "veröffentlichte Genauigkeit gerundet, je 1.000 Einwohner (Durchschnitt 2019).",
        "Employees (workplace concept, VGR sheet 3.1, annual average 2019) rounded to "
        "the released precision, per 1,000 inhabitants (average population 2019).",
        (150, 1_500),
        _STATUS_2019,
        caveats_de="Misst Arbeitsplatzdichte (Zentralität), nicht Arbeitslosigkeit: "
        "Spearman-Korrelation mit der Arbeitslosenquote alq +0,12.",
        caveats_en="Measures job density (centrality), not unemployment: Spearman "
        "correlation with the unemployment rate alq is +0.12.",
    ),
    Indicator(
        "employment_growth_5y",
        "Entwicklung der Arbeitnehmerzahl (5 Jahre)",
        "Employment growth (5 years)",
        "% (2014 → 2019)",
        "% (2014 → 2019)",
        "2014–2019",
        2019,
        ("vgr-r2b2",),
        "Veränderung der Arbeitnehmer am Arbeitsort 2014 → 2019 in % (VGR Blatt 3.1, "
        "auf veröffentlichte Genauigkeit gerundet, zusammengelegte Kreise addiert).",
        "Change of employees at workplace 2014 → 2019 in % (VGR sheet 3.1, rounded to "
        "the released precision, merged districts summed).",
        (-20, 40),
        _STATUS_2019,
    ),
    Indicator(
        "compensation_per_employee",
        "Arbeitnehmerentgelt je Arbeitnehmer",
        "Compensation per employee",
        "EUR je Arbeitnehmer und Jahr",
        "EUR per employee and year",
        "2019",
        2019,
        ("vgr-r2b2",),
        "Arbeitnehmerentgelt je Arbeitnehmer 2019 (VGR Blatt 4); Eisenach + "
        "Wartburgkreis aus Entgelt (Blatt 1.1) und Arbeitnehmern (3.1) neu berechnet.",
        "Compensation of employees per employee 2019 (VGR sheet 4); Eisenach + "
        "Wartburgkreis recomputed from compensation (sheet 1.1) and employees (3.1).",
        (25_000, 90_000),
        _STATUS_2019,
    ),
    Indicator(
        "school_no_qualification",
        "Schulabgänger ohne Hauptschulabschluss (2019)",
        "School leavers without lower secondary qualification (2019)",
        "% der Schulabgänger",
        "% of school leavers",
        "2019",
        2019,
        ("rs-AI-N-06", "rs-12411"),
        "Anteil der Schulabgänger ohne Hauptschulabschluss 2019; zusammengelegte Kreise "
        "gewichtet. " + _AVG_2019_DE,
        "Share of school leavers without Hauptschulabschluss 2019; merged districts "
        "weighted. " + _AVG_2019_EN,
        (0, 25),
        _STATUS_2019,
        caveats_de="Ältere Ausgabe; neuer: schule_oabschl (2022). Nach Schulort.",
        caveats_en="Older vintage; newer: schule_oabschl (2022). By school location.",
    ),
    Indicator(
        "school_abitur",
        "Schulabgänger mit allgemeiner Hochschulreife",
        "School leavers with Abitur",
        "% der Schulabgänger",
        "% of school leavers",
        "2019",
        2019,
        ("rs-AI-N-06", "rs-12411"),
        "Anteil der Schulabgänger mit allgemeiner Hochschulreife 2019; zusammengelegte "
        "Kreise gewichtet. " + _AVG_2019_DE,
        "Share of school leavers with general higher-education entrance qualification "
        "2019; merged districts weighted. " + _AVG_2019_EN,
        (0, 80),
        _STATUS_2019,
        caveats_de="Nach Schulort: Landkreise, deren Gymnasien in der umschlossenen "
        "Stadt liegen, zeigen 0 (z. B. LK Bamberg, LK Schweinfurt).",
        caveats_en="By school location: districts whose Gymnasien lie in the enclosed "
        "city show 0 (e.g. LK Bamberg, LK Schweinfurt).",
    ),
    Indicator(
        "crime_rate",
        "Straftaten je 100.000 Einwohner (2020)",
        "Recorded offences per 100,000 inhabitants (2020)",
        "Fälle je 100.000 Einwohner",
        "cases per 100,000 inhabitants",
        "2020",
        2020,
        ("bka-pks", "destatis-gv"),
        "Alle erfassten Straftaten (Schlüssel ------), Häufigkeitszahl PKS 2020; "
        "Eisenach + Wartburgkreis aus Fällen und Bevölkerung 31.12.2019 neu berechnet.",
        "All recorded offences (key ------), PKS 2020 Häufigkeitszahl; Eisenach + "
        "Wartburgkreis recomputed from cases and population on 31.12.2019.",
        (1_500, 25_000),
        _STATUS_2019,
        caveats_de="Ältere Ausgabe; neuer: straft (2022). Hellfeld nach Tatort.",
        caveats_en="Older vintage; newer: straft (2022). Recorded offences by place.",
    ),
    Indicator(
        "cars_per_1000",
        "Pkw je 1.000 Einwohner (2020)",
        "Passenger cars per 1,000 inhabitants (2020)",
        "Pkw je 1.000 Einwohner",
        "cars per 1,000 inhabitants",
        "01.01.2020",
        2020,
        ("rs-46251", "destatis-gv"),
        "Pkw-Bestand am 01.01.2020 je 1.000 Einwohner am 31.12.2019.",
        "Passenger cars on 01.01.2020 per 1,000 inhabitants on 31.12.2019.",
        (250, 1_400),
        _STATUS_2019,
        caveats_de="Ältere Ausgabe; neuer: auto (Deutschlandatlas). Firmenwagen werden "
        "am Sitz des Halters gezählt (Wolfsburg, Ingolstadt hoch).",
        caveats_en="Older vintage; newer: auto (Deutschlandatlas). Company cars count "
        "at the keeper's seat (Wolfsburg, Ingolstadt high).",
    ),
    Indicator(
        "turnout_ew2019",
        "Wahlbeteiligung Europawahl 2019",
        "Turnout, European election 2019",
        "% der Wahlberechtigten",
        "% of electorate",
        "26.05.2019",
        2019,
        ("bwl-ew19",),
        "Wähler / Wahlberechtigte × 100; für zusammengelegte Kreise aus Zahlen neu berechnet.",
        "Voters / electorate × 100, recomputed from counts for merged districts.",
        (35, 85),
        _STATUS_2019,
        caveats_de="Ältere Wahl; neuer: wahl_beteil (Bundestagswahl 2021).",
        caveats_en="Older election; newer: wahl_beteil (federal election 2021).",
    ),
    Indicator(
        "household_size",
        "Durchschnittliche Haushaltsgröße",
        "Average household size",
        "Personen je Haushalt",
        "persons per household",
        "09.05.2011",
        2011,
        ("rs-12111",),
        "Personen je Privathaushalt, Zensus 09.05.2011: Σ Größe × Haushalte / Σ "
        "Haushalte, Haushalte mit 6+ Personen als 6,5 Personen gezählt; vom Stand 2011 "
        "auf 400 Kreise umgerechnet.",
        "Persons per private household, Zensus 09.05.2011: Σ size × households / Σ "
        "households, households of 6+ persons counted as 6.5 persons; mapped from the "
        "2011 status to 400 districts.",
        (1.5, 3.0),
        _STATUS_2011,
        caveats_de="Stand 2011, die älteste Angabe des Atlas.",
        caveats_en="Status 2011, the oldest value in the atlas.",
    ),
    # ------------------------------------------------------------- accessibility
    _station(
        "access_ld_station_km",
        "Entfernung zum nächsten Fernverkehrsbahnhof",
        "Distance to the nearest long-distance station",
        "db-hafas",
        2024,
        None,
    ),
    _station(
        "access_rail_station_km",
        "Entfernung zum nächsten Bahnhof",
        "Distance to the nearest railway station",
        "db-hafas",
        2024,
        None,
    ),
    _station(
        "access_stop_km",
        "Entfernung zur nächsten Haltestelle",
        "Distance to the nearest public-transport stop",
        "db-hafas",
        2024,
        None,
    ),
    _station(
        "access_rail_share_2km",
        "Flächenanteil bis 2 km zum nächsten Bahnhof",
        "Share of area within 2 km of a railway station",
        "db-hafas",
        2024,
        2.0,
    ),
    _station(
        "access_stop_share_1km",
        "Flächenanteil bis 1 km zur nächsten Haltestelle",
        "Share of area within 1 km of a public-transport stop",
        "db-hafas",
        2024,
        1.0,
    ),
    # ------------------------------------------------- Deutschlandatlas, districts
    _da_district(
        "alq",
        "Arbeitslosenquote",
        "Unemployment rate",
        "% der zivilen Erwerbspersonen",
        "% of the civilian labour force",
        "2023 (Jahresdurchschnitt)",
        2023,
        (0.5, 20),
    ),
    _da_district(
        "fl_suv",
        "Anteil Siedlungs- und Verkehrsfläche",
        "Share of settlement and transport area",
        "% der Bodenfläche",
        "% of total area",
        "31.12.2022",
        2022,
        (1, 90),
    ),
    _da_district(
        "fl_landw",
        "Anteil Landwirtschaftsfläche",
        "Share of agricultural land",
        "% der Bodenfläche",
        "% of total area",
        "31.12.2022",
        2022,
        (0, 90),
    ),
    _da_district(
        "fl_wald",
        "Anteil Waldfläche",
        "Share of forest land",
        "% der Bodenfläche",
        "% of total area",
        "31.12.2022",
        2022,
        (0, 80),
    ),
    _da_district(
        "bev_binw",
        "Binnenwanderungssaldo",
        "Net internal migration",
        "Personen je 10.000 Einwohner",
        "persons per 10,000 inhabitants",
        "2022",
        2022,
        (-1_500, 500),
        caveats_de="Wanderungen innerhalb Deutschlands über die Kreisgrenze. Kreise "
        "mit Erstaufnahmeeinrichtungen (z. B. Suhl −1.238) zeigen stark negative "
        "Werte, weil Schutzsuchende von dort weiterverteilt werden.",
        caveats_en="Moves within Germany across the district boundary. Districts "
        "with initial reception centres (e.g. Suhl −1,238) show strongly negative "
        "values because protection seekers are distributed onwards from there.",
    ),
    _da_district(
        "bev_ausw",
        "Außenwanderungssaldo",
        "Net international migration",
        "Personen je 10.000 Einwohner",
        "persons per 10,000 inhabitants",
        "2022",
        2022,
        (-500, 2_000),
        caveats_de="2022 geprägt durch die Flucht aus der Ukraine; Kreise mit "
        "Erstaufnahmeeinrichtungen zeigen sehr hohe Werte.",
        caveats_en="2022 is shaped by refugees from Ukraine; districts with initial "
        "reception centres show very high values.",
    ),
    _da_district(
        "bev_u18",
        "Anteil unter 18-Jährige",
        "Share of residents under 18",
        "% der Bevölkerung",
        "% of population",
        "31.12.2022",
        2022,
        (10, 30),
    ),
    _da_district(
        "bev_18_65",
        "Anteil 18- bis unter 65-Jährige",
        "Share of residents aged 18 to under 65",
        "% der Bevölkerung",
        "% of population",
        "31.12.2022",
        2022,
        (45, 75),
    ),
    _da_district(
        "bev_ue65",
        "Anteil 65-Jährige und Ältere",
        "Share of residents aged 65+",
        "% der Bevölkerung",
        "% of population",
        "31.12.2022",
        2022,
        (12, 40),
    ),
    _da_district(
        "bev_ausl",
        "Ausländeranteil",
        "Share of foreign nationals",
        "% der Bevölkerung",
        "% of population",
        "31.12.2022",
        2022,
        (1, 50),
    ),
    _da_district(
        "ko_kasskred",
        "Kassenkredite der Gemeinden",
        "Municipal cash-advance credit",
        "EUR je Einwohner",
        "EUR per inhabitant",
        "31.12.2022",
        2022,
        (0, 10_000),
        caveats_de="Kern- und Extrahaushalte der Gemeinden und Gemeindeverbände.",
        caveats_en="Core and extra budgets of municipalities and associations.",
    ),
    _da_district(
        "mitgl_sportv",
        "Mitgliedschaften in Sportvereinen",
        "Sports-club memberships",
        "Mitgliedschaften je 100 Einwohner",
        "memberships per 100 inhabitants",
        "2022",
        2022,
        (5, 90),
        caveats_de="Mitgliedschaften, nicht Personen (Mehrfachmitgliedschaften).",
        caveats_en="Memberships, not persons (multiple memberships count).",
    ),
    _da_district(
        "preis_miet",
        "Angebotsmieten (Klasse)",
        "Asking rents (class)",
        "Mietklasse 1–6 (1 = unter 5,50, 6 = 11,50 EUR/m² und mehr, nettokalt)",
        "rent class 1–6 (1 = under 5.50, 6 = 11.50 EUR/m² and more, net)",
        "2022",
        2022,
        (1, 6),
        caveats_de="Nur als Klassen veröffentlicht; als Rangstufe (ordinal) "
        "geführt, nie als Euro-Betrag: 46 Kreise (u. a. München, Berlin, Hamburg, "
        "Frankfurt) liegen in der offenen obersten Klasse. Numerische Miete: "
        "preis_miet_best.",
        caveats_en="Published as classes only; kept as an ordinal rank, never as a "
        "euro amount: 46 districts (among them München, Berlin, Hamburg, Frankfurt) "
        "fall in the open top class. Numeric rent: preis_miet_best.",
    ),
    _da_district(
        "wohn_eigen",
        "Eigentümerquote",
        "Home-ownership rate",
        "% der bewohnten Wohnungen",
        "% of occupied dwellings",
        "15.05.2022 (Zensus)",
        2022,
        (10, 85),
    ),
    _da_district(
        "wohn_leer",
        "Leerstandsquote Wohnungen",
        "Housing vacancy rate",
        "% der Wohnungen",
        "% of dwellings",
        "15.05.2022 (Zensus)",
        2022,
        (0.5, 20),
    ),
    _da_district(
        "wohn_ezfh",
        "Fertiggestellte Wohnungen in Ein- und Zweifamilienhäusern",
        "Dwellings completed in one- and two-family houses",
        "Wohnungen je 10.000 Einwohner",
        "dwellings per 10,000 inhabitants",
        "2022",
        2022,
        (0, 80),
        caveats_de="Neubautätigkeit, nicht der Anteil der Ein- und "
        "Zweifamilienhäuser am Bestand (dieser: share_efh_buildings). Bedeutung aus "
        "den Werten erschlossen (0–49, München 3,1, Berlin 2,6; die Legende fehlt in "
        "der Datei). Nullwerte (z. B. Elbe-Elster, Sonneberg) sind vermutlich "
        "fehlende Meldungen.",
        caveats_en="Building activity, not the share of one-/two-family houses in "
        "the stock (that is share_efh_buildings). Meaning inferred from the values "
        "(0–49, München 3.1, Berlin 2.6; the legend is not in the file). Zeros (e.g. "
        "Elbe-Elster, Sonneberg) are probably missing reports.",
    ),
    _da_district(
        "wohn_mfh",
        "Fertiggestellte Wohnungen in Mehrfamilienhäusern",
        "Dwellings completed in multi-family houses",
        "Wohnungen je 10.000 Einwohner",
        "dwellings per 10,000 inhabitants",
        "2022",
        2022,
        (0, 150),
        caveats_de="Neubautätigkeit; Bedeutung aus den Werten erschlossen wie bei wohn_ezfh.",
        caveats_en="Building activity; meaning inferred from the values as for wohn_ezfh.",
    ),
    _da_district(
        "bquali_unifh",
        "Beschäftigte mit akademischem Abschluss",
        "Employees with an academic degree",
        "% der SV-Beschäftigten am Arbeitsort",
        "% of employees subject to social insurance (workplace)",
        "30.06.2022",
        2022,
        (3, 50),
    ),
    _da_district(
        "bquali_mabschl",
        "Beschäftigte mit anerkanntem Berufsabschluss",
        "Employees with a vocational qualification",
        "% der SV-Beschäftigten am Arbeitsort",
        "% of employees subject to social insurance (workplace)",
        "30.06.2022",
        2022,
        (30, 85),
    ),
    _da_district(
        "bquali_oabschl",
        "Beschäftigte ohne Berufsabschluss",
        "Employees without a vocational qualification",
        "% der SV-Beschäftigten am Arbeitsort",
        "% of employees subject to social insurance (workplace)",
        "30.06.2022",
        2022,
        (3, 30),
    ),
    _da_district(
        "erw_wachs",
        "Entwicklung der Erwerbstätigen",
        "Change in persons in employment",
        "% pro Jahr (Durchschnitt)",
        "% per year (average)",
        "2016–2021",
        2021,
        (-5, 5),
    ),
    _da_district(
        "sozsich",
        "Mindestsicherungsquote",
        "Minimum-income benefit rate",
        "% der Bevölkerung",
        "% of population",
        "31.12.2022",
        2022,
        (1, 30),
    ),
    _da_district(
        "auto",
        "Pkw je 1.000 Einwohner",
        "Passenger cars per 1,000 inhabitants",
        "Pkw je 1.000 Einwohner",
        "cars per 1,000 inhabitants",
        "01.01.2023",
        2023,
        (250, 1_400),
        caveats_de="Firmenwagen am Sitz des Halters.",
        caveats_en="Company cars count at the keeper's seat.",
    ),
    _da_district(
        "v_harzt",
        "Hausärztinnen und Hausärzte",
        "General practitioners",
        "Ärzte je 100.000 Einwohner",
        "doctors per 100,000 inhabitants",
        "2022",
        2022,
        (30, 120),
    ),
    _da_district(
        "v_karzt",
        "Kinder- und Jugendärztinnen und -ärzte",
        "Paediatricians",
        "Ärzte je 100.000 Einwohner unter 18 Jahren",
        "doctors per 100,000 inhabitants under 18",
        "2022",
        2022,
        (0, 200),
        caveats_de="Werte über 100 (8 Kreise, Städte) sind echt: Praxen in der Stadt "
        "versorgen Kinder des Umlands.",
        caveats_en="Values above 100 (8 districts, cities) are real: practices in "
        "the city serve children from the surrounding districts.",
    ),
    _da_district(
        "schule_oabschl",
        "Schulabgänger ohne Hauptschulabschluss",
        "School leavers without lower secondary qualification",
        "% der Schulabgänger",
        "% of school leavers",
        "2022",
        2022,
        (0, 25),
        caveats_de="Nach Schulort (Förderschulen zählen mit).",
        caveats_en="By school location (special schools included).",
    ),
    _da_district(
        "kbetr_u3",
        "Betreuungsquote unter 3-Jährige",
        "Childcare rate, under 3",
        "% der Kinder unter 3 Jahren",
        "% of children under 3",
        "01.03.2023",
        2023,
        (5, 80),
    ),
    _da_district(
        "kbetr_ue3",
        "Betreuungsquote 3- bis unter 6-Jährige",
        "Childcare rate, aged 3 to under 6",
        "% der Kinder von 3 bis unter 6 Jahren",
        "% of children aged 3 to under 6",
        "01.03.2023",
        2023,
        (60, 110),
        caveats_de="Werte über 100 % (6 Kreise) sind echt: Kinder werden am Ort der "
        "Einrichtung gezählt, Kinder aus Nachbarkreisen erhöhen die Quote.",
        caveats_en="Values above 100 % (6 districts) are real: children are counted "
        "where they attend, so children from neighbouring districts raise the rate.",
    ),
    _da_district(
        "kinder_bg",
        "Kinder in Bedarfsgemeinschaften",
        "Children in households receiving basic income support",
        "% der Kinder unter 15 Jahren",
        "% of children under 15",
        "31.12.2022",
        2022,
        (1, 50),
    ),
    _da_district(
        "straft",
        "Straftaten je 100.000 Einwohner",
        "Recorded offences per 100,000 inhabitants",
        "Fälle je 100.000 Einwohner",
        "cases per 100,000 inhabitants",
        "2022",
        2022,
        (1_500, 25_000),
        caveats_de="Polizeilich erfasste Fälle (Hellfeld) nach Tatort.",
        caveats_en="Offences recorded by the police, by place of the offence.",
    ),
    _da_district(
        "einbr",
        "Wohnungseinbrüche je 100.000 Einwohner",
        "Residential burglaries per 100,000 inhabitants",
        "Fälle je 100.000 Einwohner",
        "cases per 100,000 inhabitants",
        "2022",
        2022,
        (0, 500),
    ),
    _da_district(
        "wahl_beteil",
        "Wahlbeteiligung Bundestagswahl 2021",
        "Turnout, federal election 2021",
        "% der Wahlberechtigten",
        "% of electorate",
        "26.09.2021",
        2021,
        (55, 90),
        sheet="KRS1221",
    ),
    _da_district(
        "erw_bip",
        "Bruttoinlandsprodukt je Erwerbstätigen",
        "GDP per person in employment",
        "1.000 EUR je Erwerbstätigen",
        "1,000 EUR per person in employment",
        "2021",
        2021,
        (40, 200),
        sheet="KRS1221",
        caveats_de="Wartburgkreis (16063) fehlt bewusst: der veröffentlichte Wert "
        "45,6 nach der Eingliederung Eisenachs passt nicht zu seinen Teilen "
        "(übrige Thüringer Kreise 59–74), und BIP und Erwerbstätige der Teile liegen "
        "nicht vor, um ihn neu zu berechnen.",
        caveats_en="Wartburgkreis (16063) is withheld on purpose: the published value "
        "45.6 after the Eisenach merger is inconsistent with its parts (other "
        "Thuringian districts 59–74), and the GDP and employment of the parts are "
        "not available to recompute it.",
        known_gaps=("16063",),
    ),
    _da_district(
        "hh_veink",
        "Verfügbares Einkommen der privaten Haushalte",
        "Disposable household income",
        "1.000 EUR je Einwohner",
        "1,000 EUR per inhabitant",
        "2021",
        2021,
        (15, 45),
        sheet="KRS1221",
    ),
    # ---------------------------------------- Deutschlandatlas, municipalities
    _da_municipal(
        "p_markt",
        "Fahrzeit zum nächsten Supermarkt oder Discounter",
        "Travel time to the nearest supermarket or discounter",
        "Minuten Pkw-Fahrzeit",
        "minutes by car",
        "2023",
        2023,
        (0, 60),
        sheet="GEM1222",
        status="31.12.2022, Gemeinden, auf 400 Kreise aggregiert",
    ),
    _da_municipal(
        "p_grunds",
        "Fahrzeit zur nächsten Grundschule",
        "Travel time to the nearest primary school",
        "Minuten Pkw-Fahrzeit",
        "minutes by car",
        "2023",
        2023,
        (0, 60),
        sheet="GEM1222",
        status="31.12.2022, Gemeinden, auf 400 Kreise aggregiert",
    ),
    _da_municipal(
        "p_sek_1",
        "Fahrzeit zur nächsten Schule der Sekundarstufe I",
        "Travel time to the nearest lower secondary school",
        "Minuten Pkw-Fahrzeit",
        "minutes by car",
        "2023",
        2023,
        (0, 60),
        sheet="GEM1222",
        status="31.12.2022, Gemeinden, auf 400 Kreise aggregiert",
    ),
    _da_municipal(
        "p_notfall",
        "Fahrzeit zur nächsten Notaufnahme",
        "Travel time to the nearest emergency department",
        "Minuten Pkw-Fahrzeit",
        "minutes by car",
        "2023",
        2023,
        (0, 90),
        sheet="GEM1222",
        status="31.12.2022, Gemeinden, auf 400 Kreise aggregiert",
    ),
    _da_municipal(
        "st_einnkr",
        "Steuereinnahmekraft der Gemeinden",
        "Municipal tax capacity",
        "EUR je Einwohner",
        "EUR per inhabitant",
        "2022",
        2022,
        (300, 12_000),
        sheet="GEM1222",
        status="31.12.2022, Gemeinden, auf 400 Kreise aggregiert",
        caveats_de="Einzelne Gemeinden mit sehr großen Gewerbesteuerzahlern "
        "(bis 159.000 EUR je Einwohner) heben das ungewichtete Mittel kleiner Kreise; Mainz "
        "(8.498) ist eine Gemeinde mit außergewöhnlichen Gewerbesteuereinnahmen.",
        caveats_en="Single municipalities with very large business-tax payers (up to "
        "159,000 EUR per inhabitant) lift the unweighted mean of small districts; Mainz "
        "(8,498) is one municipality with exceptional business-tax revenue.",
    ),
    _da_municipal(
        "p_harzt",
        "Fahrzeit zur nächsten Hausarztpraxis",
        "Travel time to the nearest GP practice",
        "Minuten Pkw-Fahrzeit",
        "minutes by car",
        "2022",
        2022,
        (0, 60),
        sheet="GEM1221",
        status="31.12.2021, Gemeinden, auf 400 Kreise aggregiert",
    ),
    _da_municipal(
        "v_breitb50",
        "Breitbandverfügbarkeit mindestens 50 Mbit/s",
        "Broadband availability of at least 50 Mbit/s",
        "% der Haushalte",
        "% of households",
        "2022",
        2022,
        (0, 100),
        sheet="GEM1221",
        status="31.12.2021, Gemeinden, auf 400 Kreise aggregiert",
    ),
    _da_municipal(
        "v_breitb1000",
        "Gigabitverfügbarkeit (mindestens 1.000 Mbit/s)",
        "Gigabit availability (at least 1,000 Mbit/s)",
        "% der Haushalte",
        "% of households",
        "2022",
        2022,
        (0, 100),
        sheet="GEM1221",
        status="31.12.2021, Gemeinden, auf 400 Kreise aggregiert",
    ),
    _da_municipal(
        "p_apo",
        "Fahrzeit zur nächsten Apotheke",
        "Travel time to the nearest pharmacy",
        "Minuten Pkw-Fahrzeit",
        "minutes by car",
        "2021",
        2021,
        (0, 60),
        sheet="GEM1220",
        status=_STATUS_2020.replace("umgerechnet", "aggregiert (Gemeinden)"),
    ),
    _da_municipal(
        "preis_miet_best",
        "Nettokaltmiete im Bestand (Zensus 2022)",
        "Net rent of occupied rental dwellings (Zensus 2022)",
        "EUR je m² (nettokalt)",
        "EUR per m² (net, excl. heating)",
        "15.05.2022 (Zensus)",
        2022,
        (3, 20),
        sheet="VBGEM1222",
        status="31.12.2022, Gemeindeverbände, auf 400 Kreise aggregiert",
        caveats_de="Bestandsmieten laufender Mietverhältnisse, keine Angebotsmieten "
        "(diese nur als Klassen: preis_miet).",
        caveats_en="Rents of existing tenancies, not asking rents (those exist only "
        "as classes: preis_miet).",
    ),
    _da_municipal(
        "p_ozmz_miv",
        "Fahrzeit zum nächsten Ober- oder Mittelzentrum (Pkw)",
        "Travel time to the nearest higher- or middle-order centre (car)",
        "Minuten Pkw-Fahrzeit",
        "minutes by car",
        "2020",
        2020,
        (0, 90),
        sheet="VBGEM1219",
        status=_STATUS_2019_VBG,
    ),
    _da_municipal(
        "p_ozmz_oev",
        "Fahrzeit zum nächsten Ober- oder Mittelzentrum (ÖPNV)",
        "Travel time to the nearest higher- or middle-order centre (public transport)",
        "Minuten mit öffentlichen Verkehrsmitteln",
        "minutes by public transport",
        "2020",
        2020,
        (0, 150),
        sheet="VBGEM1219",
        status=_STATUS_2019_VBG,
    ),
    # ------------------------------------------------------------------- INKAR
    _inkar(
        "emp_rate",
        "Beschäftigtenquote",
        "Employment rate",
        "SV-Beschäftigte am Wohnort je 100 Einwohner im erwerbsfähigen Alter",
        "employees subject to social insurance (residence) per 100 residents of working age",
        "30.06.2017",
        2017,
        (35, 75),
        inkar_name="Beschäftigtenquote",
    ),
    _inkar(
        "emp_rate_women",
        "Beschäftigtenquote Frauen",
        "Employment rate, women",
        "SV-beschäftigte Frauen je 100 Frauen im erwerbsfähigen Alter",
        "women in employment subject to social insurance per 100 women of working age",
        "30.06.2017",
        2017,
        (30, 75),
        inkar_name="Beschäftigtenquote Frauen",
    ),
    _inkar(
        "emp_rate_foreign",
        "Beschäftigtenquote Ausländer",
        "Employment rate of foreign nationals",
        "SV-beschäftigte Ausländer je 100 Ausländer im erwerbsfähigen Alter",
        "foreign employees subject to social insurance per 100 foreign residents of working age",
        "30.06.2017",
        2017,
        (3, 80),
        inkar_name="Beschäftigtenquote Ausländer",
        caveats_de="Kreise mit Erstaufnahmeeinrichtungen haben niedrige Quoten.",
        caveats_en="Districts with initial reception centres show low rates.",
    ),
    _inkar(
        "emp_share_foreign",
        "Anteil ausländischer Beschäftigter",
        "Share of foreign nationals among employees",
        "% der SV-Beschäftigten am Arbeitsort",
        "% of employees subject to social insurance (workplace)",
        "30.06.2017",
        2017,
        (0, 35),
        inkar_name="Anteil ausländische Beschäftigte",
    ),
    _inkar(
        "median_wage_ft",
        "Medianentgelt Vollzeitbeschäftigter am Arbeitsort",
        "Median gross monthly wage of full-time employees at workplace",
        "EUR brutto je Monat",
        "EUR gross per month",
        "31.12.2017",
        2017,
        (1_800, 6_500),
        inkar_name="Medianeinkommen",
        caveats_de="Lohn am Arbeitsort, kein Haushalts- oder Personeneinkommen; INKAR "
        "nennt es „Medianeinkommen“.",
        caveats_en="Wage at the workplace, not household or personal income; INKAR labels "
        "it 'Medianeinkommen' (median income).",
    ),
    _inkar(
        "share_efh_buildings",
        "Anteil Ein- und Zweifamilienhäuser",
        "Share of one- and two-family houses",
        "% der Wohngebäude",
        "% of residential buildings",
        "31.12.2017",
        2017,
        (30, 100),
        inkar_name="Ein- und Zweifamilienhäuser",
        caveats_de="Fortschreibung der Gebäude- und Wohnungszählung 2011.",
        caveats_en="Update of the 2011 building and dwelling census.",
    ),
    _inkar(
        "share_efh_dwellings",
        "Wohnungen in Ein- und Zweifamilienhäusern",
        "Dwellings in one- and two-family houses",
        "% der Wohnungen",
        "% of dwellings",
        "31.12.2017",
        2017,
        (5, 95),
        inkar_name="Anteil Wohnungen in Ein- und Zweifamilienhäusern",
    ),
    _inkar(
        "living_space_pc",
        "Wohnfläche je Einwohner",
        "Living space per inhabitant",
        "m² je Einwohner",
        "m² per inhabitant",
        "31.12.2017",
        2017,
        (30, 75),
        inkar_name="Wohnfläche",
    ),
    _inkar(
        "dwellings_change_5y",
        "Entwicklung der Zahl der Wohnungen",
        "Change in the number of dwellings",
        "% (2012 → 2017)",
        "% (2012 → 2017)",
        "2012–2017",
        2017,
        (-5, 15),
        inkar_name="Entwicklung Wohnungen",
    ),
)

#: The registry: every atlas indicator by code.
INDICATORS: dict[str, Indicator] = {entry.code: entry for entry in _ENTRIES}
if len(INDICATORS) != len(_ENTRIES):  # pragma: no cover - guards against copy-paste
    raise RuntimeError("indicator registry has a duplicate code")


#: Concepts the atlas does not carry because no file in the raw folder holds them.
NOT_AVAILABLE: dict[str, str] = {
    "life expectancy (men, women)": "in no raw file (neither the Deutschlandatlas sheets "
    "nor the INKAR exports of the raw folder)",
    "net migration of young people (18 to under 30)": "in no raw file; only total, "
    "internal and international migration balances (net_migration, bev_binw, bev_ausw)",
    "asking rents as numbers": "the Deutschlandatlas publishes them only as classes "
    "(preis_miet, ordinal); the numeric rent is the Zensus 2022 rent of occupied dwellings "
    "(preis_miet_best)",
    "municipal population or area": "absent from the Deutschlandatlas municipal sheets, so "
    "municipal values are aggregated without weights",
    "employment rate 2022 by district": "only as municipal values (GEM1222 beschq_insg); "
    "the district rate is INKAR's exact value for 2017 (emp_rate)",
}


def get(code: str) -> Indicator:
    """Return the registry entry of ``code``.

    Raises
    ------
    KeyError
        If ``code`` is not a registered indicator.
    """
    try:
        return INDICATORS[code]
    except KeyError:
        raise KeyError(f"{code!r} is not a registered atlas indicator") from None


def codes() -> frozenset[str]:
    """Every registered indicator code."""
    return frozenset(INDICATORS)


def unit(code: str, lang: str = "en") -> str:
    """Return the unit of ``code`` in German (``lang="de"``) or English; ``""`` if unregistered."""
    entry = INDICATORS.get(code)
    if entry is None:
        return ""
    return entry.unit_de if lang == "de" else entry.unit_en
