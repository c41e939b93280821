"""Build the embedded atlas from the registry-derived official files (PROVENANCE sections 1–8).

:func:`build_embedded_atlas` reads each raw file once, harmonises everything to the
400 current districts (:mod:`geodata.territory`), simplifies the 2016 VG250
boundaries as a coverage (:mod:`geodata.topology`) and assembles an
:class:`~geodata.atlas.model.Atlas`. Values depend only on the input files; the
build date is recorded in the ``build`` layer, never in the values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata.atlas import derive
from geodata.atlas.catalogue import SOURCES, IndicatorSpec, catalogue_frame, spec
from geodata.atlas.derive import Derived
from geodata.atlas.model import CATALOGUE_COLUMNS, DISTRICT_COLUMNS, Atlas
from geodata.errors import PotentialsError
from geodata.territory import CURRENT_KEYS, harmonise, harmonise_geometries, state_name
from geodata.topology import DEFAULT_TOLERANCE_M, simplify_coverage

__all__ = [
    "RAW_DIR_ENV",
    "RAW_FILES",
    "TERRITORIAL_STATUS",
    "build_embedded_atlas",
    "default_raw_dir",
    "file_sha256",
]

#: Environment variable naming the folder of official raw files.
RAW_DIR_ENV = "POTENTIALS_RAW_DIR"

TERRITORIAL_STATUS = "400 districts, status since 2021-07-01 (= 31.12.2022)"

#: Raw files of the embedded atlas, relative to the raw folder (see its PROVENANCE.md).
RAW_FILES: dict[str, str] = {
    "boundaries": "bkg-vg250-2016-kreise/kreise.geo.json",
    "kreise": "destatis-gv-2019/04-kreise.xlsx",
    "AI002-1": "regionalstatistik/AI002-1.csv",
    "12411-05-01-4": "regionalstatistik/12411-05-01-4.csv",
    "AI-N-06": "regionalstatistik/AI-N-06.csv",
    "82411-01-03-4": "regionalstatistik/82411-01-03-4.csv",
    "46251-01-02-4": "regionalstatistik/46251-01-02-4.csv",
    "12111-31-01-4": "regionalstatistik/12111-31-01-4.csv",
    "vgr": "vgrdl/vgr_r2b2_bs2020_2.xlsx",
    "pks": "bka-pks/2020/KR-F-01-T01-Kreise-Faelle-HZ_csv.csv",
    "ew19": "bundeswahlleiter/ew19_kerg.csv",
    "db_stations": "db-stations/full.ndjson",
    "hafas": "db-hafas-stations/db-hafas-stations-2.0.0.tgz",
}


class MissingInputError(PotentialsError, FileNotFoundError):
    """A raw file the build needs is absent from the raw folder."""


def default_raw_dir() -> Path:
    """``$POTENTIALS_RAW_DIR``, else ``../shared/raw`` next to the repository."""
    if os.environ.get(RAW_DIR_ENV):
        return Path(os.environ[RAW_DIR_ENV])
    return Path(__file__).resolve().parents[3] / "shared" / "raw"


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 hex digest of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Inputs:
    """Locates raw files and reads each one at most once."""

    def __init__(self, raw_dir: Path) -> None:
        self.raw_dir = raw_dir
        self._cache: dict[str, object] = {}
        self.used: list[str] = []

    def path(self, name: str) -> Path:
        path = self.raw_dir / RAW_FILES[name]
        if not path.exists():
            raise MissingInputError(
                f"raw file {path} is absent; the embedded atlas needs {RAW_FILES[name]} "
                f"(see PROVENANCE.md in the raw folder)"
            )
        if name not in self.used:
            self.used.append(name)
        return path

    def read(self, name: str, reader: Callable[..., object], **options: object) -> object:
        key = name + repr(sorted(options.items()))
        if key not in self._cache:
            self._cache[key] = reader(self.path(name), **options)
        return self._cache[key]


# --------------------------------------------------------------------------- specs

_POP_NOTE = "Population weights: average population 2019 (12411-05-01-4)."

SPECS: dict[str, IndicatorSpec] = {
    s.code: s
    for s in (
        spec(
            "population",
            "Bevölkerung",
            "Population",
            "persons",
            "services",
            0,
            "04-kreise",
            "Population on 31.12.2019; Eisenach (16056) and Wartburgkreis (16063) summed.",
        ),
        spec(
            "area_km2",
            "Fläche",
            "Area",
            "km²",
            "services",
            0,
            "04-kreise",
            "Official cadastral area on 31.12.2019 (not the simplified polygons); merged "
            "districts summed.",
        ),
        spec(
            "density",
            "Bevölkerungsdichte",
            "Population density",
            "inhabitants per km²",
            "services",
            0,
            "04-kreise",
            "Population 31.12.2019 divided by official area, both harmonised.",
        ),
        spec(
            "pop_change_5y",
            "Bevölkerungsentwicklung (5 Jahre)",
            "Population change (5 years)",
            "%",
            "housing",
            1,
            "12411-05-01-4",
            "Change of the average annual population 2014→2019 in %, from counts summed "
            "over merged districts. Proxy for housing vacancy (wohn_leer): shrinking "
            "districts tend to have more vacant dwellings, growing ones tighter markets.",
            is_proxy=True,
            proxy_for="housing vacancy (wohn_leer)",
        ),
        spec(
            "net_migration",
            "Wanderungssaldo",
            "Net migration",
            "per 10,000 inhabitants",
            "services",
            1,
            ("AI002-1", "12411-05-01-4"),
            "Net migration per 10,000 inhabitants 2019; merged districts: " + _POP_NOTE,
        ),
        spec(
            "natural_balance",
            "Natürlicher Saldo (Geburten − Sterbefälle)",
            "Natural balance (births − deaths)",
            "per 10,000 inhabitants",
            "services",
            0,
            ("AI002-1", "12411-05-01-4"),
            "Live births minus deaths per 10,000 inhabitants 2019 as published; for merged "
            "districts the birth and death rates are turned into counts with the average "
            "population 2019, summed, and divided by the summed population.",
        ),
        spec(
            "foreigners_share",
            "Ausländeranteil",
            "Share of foreign nationals",
            "%",
            "integration",
            0,
            ("AI002-1", "04-kreise"),
            "Share of residents without German citizenship, 31.12.2019; merged districts "
            "weighted by population 31.12.2019. Describes the district's existing "
            "diversity and networks, context only.",
        ),
        spec(
            "income_pc",
            "Verfügbares Einkommen je Einwohner",
            "Disposable income per inhabitant",
            "EUR",
            "prosperity",
            1,
            "82411-01-03-4",
            "Disposable income of private households per inhabitant 2018; Eisenach + "
            "Wartburgkreis recomputed from the totals and the implied VGR population.",
        ),
        spec(
            "employees_per_1000",
            "Arbeitnehmer am Arbeitsort je 1.000 Einwohner",
            "Employees at workplace per 1,000 inhabitants",
            "per 1,000 inhabitants",
            "labour",
            1,
            ("vgr-r2b2", "12411-05-01-4"),
            "Employees (workplace concept, VGR sheet 3.1, annual average 2019) rounded to "
            "the released precision (thousands, one decimal) per 1,000 inhabitants "
            "(average population 2019). Proxy for the unemployment rate (alq), which no "
            "registry file carries.",
            is_proxy=True,
            proxy_for="unemployment rate (alq)",
        ),
        spec(
            "employment_growth_5y",
            "Entwicklung der Arbeitnehmerzahl (5 Jahre)",
            "Employment growth (5 years)",
            "%",
            "labour",
            1,
            "vgr-r2b2",
            "Change of employees at workplace 2014→2019 in % (VGR sheet 3.1, rounded to "
            "the released precision, merged districts summed).",
        ),
        spec(
            "compensation_per_employee",
            "Arbeitnehmerentgelt je Arbeitnehmer",
            "Compensation per employee",
            "EUR",
            "prosperity",
            1,
            "vgr-r2b2",
            "Compensation of employees per employee 2019 (VGR sheet 4); Eisenach + "
            "Wartburgkreis recomputed from compensation (sheet 1.1) and employees (3.1).",
        ),
        spec(
            "school_no_qualification",
            "Schulabgänger ohne Hauptschulabschluss",
            "School leavers without lower secondary qualification",
            "% of school leavers",
            "services",
            -1,
            ("AI-N-06", "12411-05-01-4"),
            "Share of school leavers without Hauptschulabschluss; merged districts: " + _POP_NOTE,
        ),
        spec(
            "school_abitur",
            "Schulabgänger mit allgemeiner Hochschulreife",
            "School leavers with Abitur",
            "% of school leavers",
            "services",
            1,
            ("AI-N-06", "12411-05-01-4"),
            "Share of school leavers with general higher-education entrance qualification, "
            "by school location: rural districts whose Gymnasien lie in the enclosed city "
            "show 0 (e.g. LK Bamberg, LK Schweinfurt); merged districts: " + _POP_NOTE,
        ),
        spec(
            "crime_rate",
            "Straftaten je 100.000 Einwohner",
            "Recorded offences per 100,000 inhabitants",
            "per 100,000 inhabitants",
            "social",
            -1,
            ("pks-2020", "04-kreise"),
            "All recorded offences (key ------), PKS 2020 Häufigkeitszahl; Eisenach + "
            "Wartburgkreis recomputed from cases and population 31.12.2019.",
        ),
        spec(
            "cars_per_1000",
            "Pkw je 1.000 Einwohner",
            "Passenger cars per 1,000 inhabitants",
            "per 1,000 inhabitants",
            "access",
            0,
            ("46251-01-02-4", "04-kreise"),
            "Passenger cars on 01.01.2020 per 1,000 inhabitants on 31.12.2019 (context: "
            "high values often reflect weak public transport).",
        ),
        spec(
            "turnout_ew2019",
            "Wahlbeteiligung Europawahl 2019",
            "Turnout, European election 2019",
            "%",
            "social",
            1,
            "ew19",
            "Voters / electorate × 100, recomputed from counts for merged districts.",
        ),
        spec(
            "household_size",
            "Durchschnittliche Haushaltsgröße",
            "Average household size",
            "persons per household",
            "housing",
            0,
            "12111-31-01-4",
            "Persons per private household, Zensus 09.05.2011: Σ size × households / Σ "
            "households, households of 6+ persons counted as 6.5 persons. Mapped from the "
            "2011 status (pre-reform Mecklenburg-Vorpommern districts; Demmin wholly to "
            "Mecklenburgische Seenplatte), Göttingen/Osterode and Eisenach summed.",
        ),
    )
}


# --------------------------------------------------------------------------- groups


def _kreise(inputs: _Inputs) -> pd.DataFrame:
    from geodata.readers import read_destatis_kreise

    frame = inputs.read("kreise", read_destatis_kreise)
    assert isinstance(frame, pd.DataFrame)
    return frame


def _genesis(inputs: _Inputs, name: str) -> pd.DataFrame:
    from geodata.readers import read_genesis

    frame = inputs.read(name, read_genesis)
    assert isinstance(frame, pd.DataFrame)
    return frame


def _population_2019(inputs: _Inputs) -> pd.Series:
    return _kreise(inputs).set_index("ags")["population"].astype(float)


def _average_population(inputs: _Inputs, year: int) -> pd.Series:
    frame = _genesis(inputs, "12411-05-01-4")
    return derive.genesis_series(frame, "Durchschnittliche Jahresbevölkerung: Insgesamt", year)


def _counts(series: pd.Series, source: str) -> pd.Series:
    frame = pd.DataFrame({"ags": series.index, "value": series.to_numpy(dtype=float)})
    return harmonise(frame, values=["value"], source=source).set_index("ags")["value"]


def _structure(inputs: _Inputs) -> dict[str, Derived]:
    kreise = _kreise(inputs)
    population = _counts(kreise.set_index("ags")["population"], "04-kreise")
    area = _counts(kreise.set_index("ags")["area_km2"], "04-kreise")
    return {
        "population": Derived(population, 2019),
        "area_km2": Derived(area, 2019),
        "density": Derived(population / area, 2019),
    }


def _demography(inputs: _Inputs) -> dict[str, Derived]:
    ai = _genesis(inputs, "AI002-1")
    avg = _average_population(inputs, 2019)
    before = _counts(_average_population(inputs, 2014), "12411-05-01-4")
    after = _counts(avg, "12411-05-01-4")
    out = {"pop_change_5y": Derived((after / before - 1) * 100, 2019)}

    year = derive.latest_year(ai, "Wanderungssaldo")
    net = derive.genesis_series(ai, "Wanderungssaldo", year)
    out["net_migration"] = Derived(derive.weighted_rate(net, avg, source="AI002-1"), year)

    births = derive.genesis_series(ai, "Lebendgeborene", year)
    deaths = derive.genesis_series(ai, "Gestorbene", year)
    natural = (births - deaths).dropna() * avg.reindex(births.index) / 10_000
    recomputed = derive.per_capita(natural, avg, scale=10_000, source="AI002-1")
    published = derive.genesis_series(ai, "Geburten-/Gestorbenenüberschuss", year)
    balance = derive.published_or_recomputed(published, recomputed, source="AI002-1")
    out["natural_balance"] = Derived(balance, year)

    variable = "Anteil der ausländischen Bevölkerung an der Gesamtbevölkerung"
    share_year = derive.latest_year(ai, variable)
    share = derive.genesis_series(ai, variable, share_year)
    weights = _population_2019(inputs)
    out["foreigners_share"] = Derived(
        derive.weighted_rate(share, weights, source="AI002-1"), share_year
    )
    return out


def _income(inputs: _Inputs) -> dict[str, Derived]:
    frame = _genesis(inputs, "82411-01-03-4")
    total_name = "verfügbares Einkommen der privaten Haushalte"
    pc_name = "verfüg. Einkommen der priv. Haushalte je Einwohner"
    year = derive.latest_year(frame, pc_name)
    total = derive.genesis_series(frame, total_name, year) * 1000  # Tsd. EUR → EUR
    per_head = derive.genesis_series(frame, pc_name, year)
    implied_population = total / per_head
    merged = derive.per_capita(total, implied_population, scale=1.0, source="82411-01-03-4")
    values = derive.published_or_recomputed(per_head, merged, source="82411-01-03-4")
    return {"income_pc": Derived(values, year)}


def _schools(inputs: _Inputs) -> dict[str, Derived]:
    frame = _genesis(inputs, "AI-N-06")
    avg = _average_population(inputs, 2019)
    out = {}
    for code, variable in (
        ("school_no_qualification", "Anteil Schulabgänger/-innen ohne Hauptschulabschluss"),
        ("school_abitur", "Anteil Schulabgänger/-innen mit allgem. Hochschulreife"),
    ):
        year = derive.latest_year(frame, variable)
        values = derive.genesis_series(frame, variable, year)
        out[code] = Derived(derive.weighted_rate(values, avg, source="AI-N-06"), year)
    return out


def _cars(inputs: _Inputs) -> dict[str, Derived]:
    frame = _genesis(inputs, "46251-01-02-4")
    variable = "Kraftfahrzeugbestand: Pkw"
    year = derive.latest_year(frame, variable)
    cars = derive.genesis_series(frame, variable, year)
    population = _population_2019(inputs)
    rate = derive.per_capita(cars, population, scale=1000, source="46251-01-02-4")
    return {"cars_per_1000": Derived(rate, year)}


def _households(inputs: _Inputs) -> dict[str, Derived]:
    frame = _genesis(inputs, "12111-31-01-4")
    rows = frame[(frame["level"] == "district") & frame["variable"].str.contains("Haushalte mit")]
    sizes = rows["variable"].str.extract(r"mit (\d)")[0].astype(int)
    households = pd.DataFrame(
        {"ags": rows["ags"].to_numpy(), "size": sizes.to_numpy(), "count": rows["value"].to_numpy()}
    ).dropna()
    size = derive.average_household_size(households, source="12111-31-01-4")
    return {"household_size": Derived(size, int(rows["year"].max()))}


def _vgr(inputs: _Inputs) -> dict[str, Derived]:
    from geodata.readers import read_vgr_workbook

    frame = inputs.read("vgr", read_vgr_workbook, sheets=["1.1", "3.1", "4"])
    assert isinstance(frame, pd.DataFrame)

    def sheet(name: str, year: int) -> pd.Series:
        rows = frame[(frame["sheet"] == name) & (frame["year"] == year)]
        return rows.set_index("ags")["value"].astype(float)

    year = int(frame["year"].max())
    employees = derive.round_released(sheet("3.1", year)) * 1000
    employees_before = derive.round_released(sheet("3.1", year - 5)) * 1000
    avg = _average_population(inputs, year)
    per_1000 = derive.per_capita(employees, avg, scale=1000, source="vgr")
    growth = (_counts(employees, "vgr") / _counts(employees_before, "vgr") - 1) * 100
    compensation = sheet("1.1", year) * 1e6  # Mio. EUR → EUR
    merged = derive.per_capita(compensation, employees, scale=1.0, source="vgr")
    per_employee = derive.published_or_recomputed(sheet("4", year), merged, source="vgr")
    return {
        "employees_per_1000": Derived(per_1000, year),
        "employment_growth_5y": Derived(growth, year),
        "compensation_per_employee": Derived(per_employee, year),
    }


def _crime(inputs: _Inputs) -> dict[str, Derived]:
    from geodata.readers import read_pks

    frame = inputs.read("pks", read_pks)
    assert isinstance(frame, pd.DataFrame)
    rows = frame[frame["offence_key"] == "------"].set_index("ags")
    year = int(rows["year"].max())
    merged = derive.per_capita(
        rows["cases"].astype(float), _population_2019(inputs), scale=100_000, source="PKS"
    )
    rate = derive.published_or_recomputed(rows["rate_per_100k"].astype(float), merged)
    return {"crime_rate": Derived(rate, year)}


def _election(inputs: _Inputs) -> dict[str, Derived]:
    from geodata.readers import read_europawahl

    frame = inputs.read("ew19", read_europawahl)
    assert isinstance(frame, pd.DataFrame)
    rows = frame[frame["level"] == "district"].set_index("ags")
    turnout = derive.per_capita(
        rows["voters"].astype(float), rows["electorate"].astype(float), scale=100, source="ew19"
    )
    return {"turnout_ew2019": Derived(turnout, 2019)}


GROUPS: tuple[Callable[[_Inputs], dict[str, Derived]], ...] = (
    _structure,
    _demography,
    _income,
    _schools,
    _cars,
    _households,
    _vgr,
    _crime,
    _election,
)


# --------------------------------------------------------------------------- assembly


def _districts(inputs: _Inputs, *, tolerance_m: float) -> gpd.GeoDataFrame:
    from geodata.readers import read_vg250

    boundaries = inputs.read("boundaries", read_vg250)
    assert isinstance(boundaries, gpd.GeoDataFrame)
    shapes = simplify_coverage(harmonise_geometries(boundaries), tolerance_m=tolerance_m)

    kreise = _kreise(inputs).set_index("ags")
    attributes = kreise.loc[[k for k in kreise.index if k in CURRENT_KEYS]]
    structure = _structure(inputs)
    table = pd.DataFrame(
        {
            "ags": list(CURRENT_KEYS),
            "name": attributes["name"].reindex(CURRENT_KEYS).to_numpy(),
            "kind": [derive.normalise_kind(k) for k in attributes["kind"].reindex(CURRENT_KEYS)],
            "state": [state_name(k) for k in CURRENT_KEYS],
            "nuts3": attributes["nuts3"].reindex(CURRENT_KEYS).to_numpy(),
            "area_km2": structure["area_km2"].values.to_numpy(),
            "population": structure["population"].values.round().astype("int64").to_numpy(),
        }
    )
    merged = table.merge(shapes, on="ags", how="left", validate="one_to_one")
    if merged["geometry"].isna().any():
        missing = merged.loc[merged["geometry"].isna(), "ags"].tolist()
        raise PotentialsError(f"no boundary for district(s) {', '.join(missing)}")
    return gpd.GeoDataFrame(merged[list(DISTRICT_COLUMNS)], geometry="geometry", crs="EPSG:4326")


def _accessibility(
    inputs: _Inputs, districts: gpd.GeoDataFrame
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Station/stop accessibility (:mod:`geodata.accessibility`), if that module is present."""
    try:
        from geodata.accessibility import station_indicators
        from geodata.readers import read_db_stations, read_hafas_stations
    except (ImportError, AttributeError):
        return None
    db = read_db_stations(inputs.path("db_stations"))
    hafas = read_hafas_stations(inputs.path("hafas"))
    indicators, catalogue = station_indicators(districts, db_stations=db, hafas_stops=hafas)
    return indicators, catalogue


def _sources_summary(catalogue: pd.DataFrame) -> list[dict[str, object]]:
    """List the sources the catalogue cites (plus the boundaries), with vintage and licence."""
    cited = (
        " ".join(catalogue["table_code"].astype(str))
        + " "
        + " ".join(catalogue["source"].astype(str))
    )
    return [
        {
            "name": source.name,
            "table_code": source.table_code,
            "year": source.year,
            "licence": source.licence,
            "attribution": source.attribution,
        }
        for key, source in SOURCES.items()
        if key == "vg250-2016" or source.table_code in cited
    ]


def build_embedded_atlas(
    raw_dir: str | os.PathLike[str] | None = None,
    *,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    accessibility: bool = True,
) -> Atlas:
    """Build the embedded atlas from the official files of PROVENANCE sections 1–8.

    Parameters
    ----------
    raw_dir
        Folder of official raw files; default :func:`default_raw_dir`.
    tolerance_m
        Boundary simplification tolerance in metres.
    accessibility
        Add the station/stop accessibility indicators (needs
        :mod:`geodata.accessibility`; slow part of the build).

    Returns
    -------
    Atlas
        ``kind="embedded"``, 400 districts.

    Raises
    ------
    MissingInputError
        If a raw file is absent.
    geodata.errors.ReaderError
        If a raw file cannot be read.
    """
    inputs = _Inputs(Path(raw_dir) if raw_dir is not None else default_raw_dir())
    districts = _districts(inputs, tolerance_m=tolerance_m)

    derived: dict[str, Derived] = {}
    for group in GROUPS:
        derived.update(group(inputs))
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "ags": list(CURRENT_KEYS),
                    "indicator": code,
                    "year": item.year,
                    "value": item.values.to_numpy(),
                }
            )
            for code, item in derived.items()
        ],
        ignore_index=True,
    )
    catalogue = catalogue_frame(
        [SPECS[code] for code in derived], {code: item.year for code, item in derived.items()}
    )

    if accessibility:
        extra = _accessibility(inputs, districts)
        if extra is not None:
            access_long, access_catalogue = extra
            long = pd.concat([long, access_long[["ags", "indicator", "year", "value"]]])
            access_catalogue = access_catalogue.reindex(columns=list(CATALOGUE_COLUMNS))
            # keep the build date out of the catalogue so rebuilds are identical
            access_catalogue["method"] = access_catalogue["method"].str.replace(
                r" on \d{4}-\d{2}-\d{2}", "", regex=True
            )
            catalogue = pd.concat([catalogue, access_catalogue], ignore_index=True)

    long = long.dropna(subset=["value"]).astype({"year": "int64", "value": "float64"})
    long = long.sort_values(["ags", "indicator"], ignore_index=True)
    catalogue = catalogue.sort_values("code", ignore_index=True)
    build = build_record(inputs, catalogue, kind="embedded", tolerance_m=tolerance_m)
    return Atlas(districts, long, catalogue, build, kind="embedded")


def build_record(
    inputs: _Inputs, catalogue: pd.DataFrame, *, kind: str, tolerance_m: float
) -> pd.DataFrame:
    """Assemble the ``build`` layer: inputs with checksums, date, software, status."""
    try:
        version = metadata.version("potentials")
    except metadata.PackageNotFoundError:
        version = "unknown"
    items: list[tuple[str, str]] = [
        ("kind", kind),
        ("build_date", dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
        ("software", f"potentials {version}"),
        ("territorial_status", TERRITORIAL_STATUS),
        (
            "boundaries",
            "BKG VG250 Kreise ≈01.01.2016, harmonised (03152+03156→03159, 16056+16063→16063), "
            f"coverage-simplified with tolerance {tolerance_m:g} m in EPSG:25832; "
            "municipal transfers after 2016 (Thuringia 2019) are not reflected in the "
            "polygons, official areas are used for area_km2",
        ),
        ("sources", json.dumps(_sources_summary(catalogue), ensure_ascii=False)),
    ]
    for name in sorted(inputs.used):
        relative = RAW_FILES[name]
        items.append((f"input:{relative}", file_sha256(inputs.raw_dir / relative)))
    return pd.DataFrame(items, columns=["item", "value"])
