"""Build the atlas from the official files of a raw folder laid out like ``../shared/raw``.

:func:`build_atlas` reads each raw file once (all PROVENANCE sections, including
the Deutschlandatlas workbook and the INKAR exports), harmonises everything to the
400 current districts (:mod:`geodata.territory`), simplifies the 2016 VG250
boundaries as a coverage (:mod:`geodata.topology`) and assembles an
:class:`~geodata.atlas.model.Atlas`. What each indicator means comes from
:mod:`geodata.indicators`; this module only derives values and checks them against
the registry: plausible range, reference year, and completeness (every district
has a value unless the registry declares a gap). Values depend only on the input
files; the build date is recorded in the ``build`` layer, never in the values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata import settings
from geodata.atlas import derive, official
from geodata.atlas.catalogue import catalogue_frame
from geodata.atlas.derive import Derived
from geodata.atlas.model import DISTRICT_COLUMNS, Atlas
from geodata.errors import (
    AtlasBuildError,
    IncompleteInputError,
    MissingInputError,
    PotentialsError,
)
from geodata.indicators import INDICATORS, SOURCES
from geodata.territory import (
    BASE_KEYS_2019,
    CURRENT_KEYS,
    current_key,
    harmonise,
    harmonise_geometries,
    state_name,
)
from geodata.topology import DEFAULT_TOLERANCE_M, simplify_coverage

__all__ = [
    "BOUNDARY_STATUS",
    "RAW_FILES",
    "TERRITORIAL_STATUS",
    "MissingInputError",
    "RawFile",
    "build_atlas",
    "build_embedded_atlas",
    "default_raw_dir",
    "file_sha256",
]

TERRITORIAL_STATUS = "400 districts, status since 2021-07-01 (= 31.12.2022)"

#: What the district polygons show (they are older than the data's status).
BOUNDARY_STATUS = (
    "BKG VG250 Kreise ≈01.01.2016 (land areas, GF=4), harmonised to the 400 current "
    "districts (03152+03156→03159, 16056+16063→16063). The polygons predate Thuringia's "
    "2019 municipal transfers and exclude water, so 13 polygons differ from the official "
    "area by more than 3 % (e.g. Suhl, Bremerhaven, Flensburg); no raw file holds newer "
    "full-resolution boundaries. Areas and densities always use the official area "
    "(Gemeindeverzeichnis 31.12.2019), never the polygon area."
)

_ALL_2019 = tuple(BASE_KEYS_2019)


@dataclass(frozen=True)
class RawFile:
    """One raw input: its path in the raw folder and the districts it must cover.

    ``covers`` lists district keys of the file's own territorial status; ``None``
    means the file is not a district table (points, or a status that is mapped and
    checked through the indicators derived from it).
    """

    path: str
    covers: tuple[str, ...] | None


#: Raw files of the atlas, relative to the raw folder (see its PROVENANCE.md).
RAW_FILES: dict[str, RawFile] = {
    "boundaries": RawFile("bkg-vg250-2016-kreise/kreise.geo.json", None),
    "kreise": RawFile("destatis-gv-2019/04-kreise.xlsx", _ALL_2019),
    "AI002-1": RawFile("regionalstatistik/AI002-1.csv", _ALL_2019),
    "12411-05-01-4": RawFile("regionalstatistik/12411-05-01-4.csv", _ALL_2019),
    "AI-N-06": RawFile("regionalstatistik/AI-N-06.csv", _ALL_2019),
    "82411-01-03-4": RawFile("regionalstatistik/82411-01-03-4.csv", _ALL_2019),
    "46251-01-02-4": RawFile("regionalstatistik/46251-01-02-4.csv", _ALL_2019),
    "12111-31-01-4": RawFile("regionalstatistik/12111-31-01-4.csv", None),
    "vgr": RawFile("vgrdl/vgr_r2b2_bs2020_2.xlsx", _ALL_2019),
    "pks": RawFile("bka-pks/2020/KR-F-01-T01-Kreise-Faelle-HZ_csv.csv", _ALL_2019),
    "ew19": RawFile("bundeswahlleiter/ew19_kerg.csv", _ALL_2019),
    "db_stations": RawFile("db-stations/full.ndjson", None),
    "hafas": RawFile("db-hafas-stations/db-hafas-stations-2.0.0.tgz", None),
    "deutschlandatlas": RawFile("deutschlandatlas/Deutschlandatlas-Daten.xlsx", CURRENT_KEYS),
    "inkar-structure": RawFile("inkar/Structure-Part-I.csv", _ALL_2019),
    "inkar-housing": RawFile("inkar/Gebaude-und-Wohnungsbestand.csv", _ALL_2019),
    "inkar-income": RawFile("inkar/privateinkommen.csv", _ALL_2019),
}

_INKAR_INPUT = {
    "Structure-Part-I": "inkar-structure",
    "Gebaude-und-Wohnungsbestand": "inkar-housing",
    "privateinkommen": "inkar-income",
}


def default_raw_dir() -> Path:
    """``$POTENTIALS_RAW_DIR``, else ``../shared/raw`` next to the repository."""
    return settings.raw_dir()


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 hex digest of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _district_keys(frame: pd.DataFrame) -> set[str]:
    """District keys a reader frame holds a value for (any year, any variable)."""
    if "level" in frame.columns:
        frame = frame[frame["level"] == "district"]
    column = "ags" if "ags" in frame.columns else "key"
    if "value" in frame.columns:
        frame = frame[frame["value"].notna()]
    return {str(k)[:5] for k in frame[column]}


class _Inputs:
    """Locates raw files, reads each one at most once and checks its coverage."""

    def __init__(self, raw_dir: Path) -> None:
        self.raw_dir = raw_dir
        self._cache: dict[str, object] = {}
        self.used: list[str] = []
        self.touched: list[str] = []  # inputs asked for since the last reset

    def path(self, name: str) -> Path:
        path = self.raw_dir / RAW_FILES[name].path
        if not path.exists():
            raise MissingInputError(
                f"raw file {path} is absent; the atlas build needs {RAW_FILES[name].path} "
                f"(see PROVENANCE.md in the raw folder, or pass --raw DIR)"
            )
        if name not in self.used:
            self.used.append(name)
        if name not in self.touched:
            self.touched.append(name)
        return path

    def read(self, name: str, reader: Callable[..., object], **options: object) -> object:
        key = name + repr(sorted(options.items()))
        self.path(name)
        if key not in self._cache:
            frame = reader(self.path(name), **options)
            covers = RAW_FILES[name].covers
            if covers is not None and isinstance(frame, pd.DataFrame):
                missing = set(covers) - _district_keys(frame)
                if missing:
                    raise IncompleteInputError(
                        self.path(name), sorted(missing), "the file's district rows"
                    )
            self._cache[key] = frame
        return self._cache[key]


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


def _deutschlandatlas(inputs: _Inputs, level: str) -> pd.DataFrame:
    """One level of the workbook; all used sheets are read in one pass and checked."""
    from geodata.readers import read_deutschlandatlas_levels

    sheets: dict[str, list[str]] = {"district": list(official.DA_DISTRICT_CODES)}
    for sheet in official.DA_MUNICIPAL_CODES:
        kind = "association" if sheet.startswith("VBG") else "municipality"
        sheets.setdefault(kind, []).append(sheet)
    levels = inputs.read("deutschlandatlas", read_deutschlandatlas_levels, sheets=sheets)
    assert isinstance(levels, dict)
    frame = levels[official.AtlasLevel(level)]
    for sheet, rows in frame.groupby("sheet"):
        found = set(current_key(sorted({k[:5] for k in rows["key"]}), source=str(sheet)))
        missing = sorted(set(CURRENT_KEYS) - found)
        if missing:
            raise IncompleteInputError(inputs.path("deutschlandatlas"), missing, f"sheet {sheet}")
    return frame


def _da_districts(inputs: _Inputs) -> dict[str, Derived]:
    frame = _deutschlandatlas(inputs, "district")
    out = {}
    for sheet, codes in official.DA_DISTRICT_CODES.items():
        for code in codes:
            values = official.district_values(frame, sheet, code)
            out[code] = official.as_derived(values, INDICATORS[code].year)
    return out


#: Build notes on municipal aggregations (filled by :func:`_da_municipal`).
_Notes = dict[str, tuple[str, str]]


def _da_municipal(inputs: _Inputs, notes: _Notes) -> dict[str, Derived]:
    kinds = _kreise(inputs).set_index("ags")["kind"].map(derive.normalise_kind)
    out = {}
    for sheet, codes in official.DA_MUNICIPAL_CODES.items():
        level = "association" if sheet.startswith("VBG") else "municipality"
        frame = _deutschlandatlas(inputs, level)
        for code in codes:
            aggregate = official.municipal_mean(frame, sheet, code)
            out[code] = official.as_derived(aggregate.values, INDICATORS[code].year)
            units = int(aggregate.units.sum())
            few = aggregate.few(kinds)
            de = f"{units} Einheiten mit Wert."
            en = f"{units} units with a value."
            if few:
                de += f" Wert beruht auf wenigen Einheiten in: {', '.join(few)}."
                en += f" Value rests on few units in: {', '.join(few)}."
            notes[code] = (de, en)
    return out


def _inkar(inputs: _Inputs) -> dict[str, Derived]:
    from geodata.readers import read_inkar

    population = _population_2019(inputs)
    out = {}
    for code, (stem, name) in official.INKAR_CODES.items():
        frame = inputs.read(_INKAR_INPUT[stem], read_inkar)
        assert isinstance(frame, pd.DataFrame)
        values, year = official.inkar_values(frame, name, population, source=f"{stem}.csv")
        out[code] = Derived(values, year)
    return out


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
    _da_districts,
    _inkar,
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


def _accessibility(inputs: _Inputs, districts: gpd.GeoDataFrame) -> dict[str, Derived]:
    """Station/stop accessibility values (:mod:`geodata.accessibility`)."""
    from geodata.accessibility import station_indicators
    from geodata.readers import read_db_stations, read_hafas_stations

    db = read_db_stations(inputs.path("db_stations"))
    hafas = read_hafas_stations(inputs.path("hafas"))
    long, _ = station_indicators(districts, db_stations=db, hafas_stops=hafas)
    out = {}
    for code, rows in long.groupby("indicator"):
        if code in INDICATORS:
            values = rows.set_index("ags")["value"].astype(float)
            out[str(code)] = Derived(values, INDICATORS[str(code)].year)
    return out


def _check(code: str, item: Derived, origin: list[Path], problems: list[str]) -> pd.Series:
    """Apply the registry's declared gaps, then check year, completeness and range.

    Range violations are collected in ``problems`` so that one build reports them all.
    """
    entry = INDICATORS.get(code)
    if entry is None:
        raise AtlasBuildError(f"indicator {code!r} is derived but not in geodata/indicators.py")
    values = item.values.copy()
    values.loc[values.index.isin(entry.known_gaps)] = np.nan
    where = ", ".join(str(p) for p in origin) or "(derived)"
    if item.year != entry.year:
        raise AtlasBuildError(
            f"{where}: {code} has reference year {item.year}, the registry expects "
            f"{entry.year}; the file is an edition the registry does not describe "
            "(update geodata/indicators.py) or it was cut short"
        )
    missing = [k for k in values.index[values.isna()] if k not in entry.known_gaps]
    if missing:
        raise IncompleteInputError(where, missing, f"indicator {code}")
    low, high = entry.valid_range
    outside = values[(values < low) | (values > high)]
    if len(outside):
        shown = ", ".join(f"{k}={v:g}" for k, v in outside.head(8).items())
        problems.append(
            f"{where}: {code} outside its plausible range [{low:g}, {high:g}] in "
            f"{len(outside)} district(s): {shown}"
        )
    return values


def _sources_summary(codes: list[str]) -> list[dict[str, object]]:
    """List the sources the atlas cites (plus the boundaries), with edition and licence."""
    cited = {"bkg-vg250"} | {s for c in codes for s in INDICATORS[c].source}
    return [
        {
            "id": source.id,
            "name": source.title,
            "publisher": source.publisher,
            "table_code": source.table_code,
            "edition": source.edition,
            "licence": source.licence,
            "attribution": source.attribution,
        }
        for key, source in SOURCES.items()
        if key in cited
    ]


def build_atlas(
    raw_dir: str | os.PathLike[str] | None = None,
    *,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    accessibility: bool = True,
) -> Atlas:
    """Build the atlas from every official file of a raw folder.

    Parameters
    ----------
    raw_dir
        Folder laid out like ``../shared/raw``; default :func:`default_raw_dir`.
    tolerance_m
        Boundary simplification tolerance in metres.
    accessibility
        Add the station/stop accessibility indicators (slow part of the build).

    Returns
    -------
    Atlas
        400 districts; every registered indicator the inputs provide.

    Raises
    ------
    MissingInputError
        If a raw file is absent.
    IncompleteInputError
        If a file does not cover every district it must (e.g. cut short), naming the
        file and the missing districts.
    AtlasBuildError
        If a value lies outside its registered plausible range or year.
    geodata.errors.ReaderError
        If a raw file cannot be read.
    """
    inputs = _Inputs(Path(raw_dir) if raw_dir is not None else default_raw_dir())
    districts = _districts(inputs, tolerance_m=tolerance_m)

    derived: dict[str, Derived] = {}
    origin: dict[str, list[Path]] = {}
    notes: _Notes = {}

    def run(group: Callable[[_Inputs], dict[str, Derived]]) -> None:
        inputs.touched = []
        result = group(inputs)
        files = [inputs.raw_dir / RAW_FILES[n].path for n in inputs.touched]
        for code in result:
            origin[code] = files
        derived.update(result)

    for group in GROUPS:
        run(group)
    run(lambda i: _da_municipal(i, notes))
    if accessibility:
        run(lambda i: _accessibility(i, districts))

    problems: list[str] = []
    checked = {
        code: _check(code, item, origin.get(code, []), problems) for code, item in derived.items()
    }
    if problems:
        raise AtlasBuildError("implausible values:\n" + "\n".join(problems))
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "ags": list(CURRENT_KEYS),
                    "indicator": code,
                    "year": derived[code].year,
                    "value": values.to_numpy(),
                }
            )
            for code, values in checked.items()
        ],
        ignore_index=True,
    )
    long = long.dropna(subset=["value"]).astype({"year": "int64", "value": "float64"})
    long = long.sort_values(["ags", "indicator"], ignore_index=True)
    catalogue = catalogue_frame(checked, notes)
    build = build_record(inputs, sorted(checked), kind="embedded", tolerance_m=tolerance_m)
    return Atlas(districts, long, catalogue, build, kind="embedded")


#: Former name of :func:`build_atlas` (there is one atlas).
build_embedded_atlas = build_atlas


def build_record(
    inputs: _Inputs, codes: list[str], *, kind: str, tolerance_m: float
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
        ("boundaries", f"{BOUNDARY_STATUS} Coverage-simplified with tolerance "
         f"{tolerance_m:g} m in EPSG:25832."),
        ("vintages", "mixed: each indicator has its own reference period (see the catalogue "
         "column period), from the Zensus 2011 to 2023"),
        ("sources", json.dumps(_sources_summary(codes), ensure_ascii=False)),
    ]  # fmt: skip
    for name in sorted(inputs.used):
        relative = RAW_FILES[name].path
        items.append((f"input:{relative}", file_sha256(inputs.raw_dir / relative)))
    return pd.DataFrame(items, columns=["item", "value"])
