"""Invariants of the committed embedded atlas (geodata/data/atlas.gpkg)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from geodata.atlas import embedded_atlas_path
from geodata.territory import CURRENT_KEYS
from geodata.topology import coverage_gaps, coverage_overlaps

#: Destatis, population of Germany on 31.12.2019 (Gemeindeverzeichnis 04-kreise).
GERMANY_POPULATION_2019 = 83_166_711

REQUIRED_CODES = {
    "population", "area_km2", "density", "pop_change_5y", "net_migration", "natural_balance",
    "foreigners_share", "income_pc", "employees_per_1000", "employment_growth_5y",
    "compensation_per_employee", "school_no_qualification", "school_abitur", "cars_per_1000",
    "household_size",
}  # fmt: skip


def test_file_is_at_most_5_mb():
    assert embedded_atlas_path().stat().st_size <= 5_000_000


def test_400_unique_current_districts(committed_atlas):
    districts = committed_atlas.districts
    assert districts["ags"].is_unique
    assert sorted(districts["ags"]) == list(CURRENT_KEYS)
    assert committed_atlas.kind == "embedded"
    assert set(districts["kind"]) == {"Kreisfreie Stadt", "Landkreis"}
    assert districts.loc[districts["ags"] == "09162", "state"].item() == "Bayern"
    assert districts.crs.to_epsg() == 4326


def test_geometries_valid_and_without_gaps_or_overlaps(committed_atlas):
    districts = committed_atlas.districts
    assert districts.is_valid.all()
    assert not districts.is_empty.any()
    assert (coverage_overlaps(districts)["area_km2"] <= 1.0).all()
    holes = coverage_gaps(districts)
    # Real holes of Germany's land coverage: the Austrian exclave Jungholz (~7 km²) in
    # Oberallgäu and an enclosed bodden on Rügen (~24 km², coastal water, GF=2).
    large = holes[holes > 1.0].round(0).tolist()
    assert large == [24.0, 7.0]


def test_polygon_areas_match_official_areas(committed_atlas):
    districts = committed_atlas.districts.set_index("ags")
    polygon_km2 = districts.to_crs("EPSG:25832").area / 1e6
    deviation = (polygon_km2 / districts["area_km2"] - 1).abs()
    # Göttingen = 03152 + 03156 united; official area 31.12.2019 is 1755.4 km²
    assert polygon_km2["03159"] == pytest.approx(1755.4, rel=0.01)
    # Boundaries are of 2016: Thuringia's 2019 municipal transfers (e.g. to Suhl) and
    # coastal/estuary water (Bremerhaven) make a few districts differ more.
    assert deviation.median() < 0.005
    assert (deviation < 0.05).mean() > 0.97


def test_population_adds_up_to_germany(committed_atlas):
    total = committed_atlas.districts["population"].sum()
    assert total == pytest.approx(GERMANY_POPULATION_2019, rel=1e-3)
    wide = committed_atlas.wide()
    assert wide["population"].sum() == pytest.approx(GERMANY_POPULATION_2019, rel=1e-3)


def test_indicators_complete_and_catalogued(committed_atlas):
    indicators = committed_atlas.indicators
    codes = set(indicators["indicator"])
    assert len(codes) >= 45
    assert REQUIRED_CODES <= codes
    assert not indicators.duplicated(["ags", "indicator"]).any()
    catalogue = committed_atlas.catalogue.set_index("code")
    assert codes <= set(catalogue.index)
    for column in (
        "year",
        "period",
        "source",
        "licence",
        "name_de",
        "name_en",
        "unit_de",
        "unit_en",
        "table_code",
        "method_de",
        "method_en",
    ):
        assert catalogue.loc[sorted(codes), column].notna().all(), column
        assert (catalogue.loc[sorted(codes), column].astype(str).str.len() > 0).all(), column
    assert "domain_hint" not in catalogue.columns  # domains live in the framework only
    # the indicator year agrees with the catalogue
    years = indicators.groupby("indicator")["year"].unique()
    for code, values in years.items():
        assert list(values) == [catalogue.loc[code, "year"]]


def test_required_indicators_cover_all_districts(committed_atlas):
    wide = committed_atlas.wide()
    for code in REQUIRED_CODES:
        assert wide[code].notna().all(), code
        assert np.isfinite(wide[code]).all(), code


def test_no_indicator_is_a_proxy_and_the_real_ones_are_present(committed_atlas):
    catalogue = committed_atlas.catalogue.set_index("code")
    assert not catalogue["is_proxy"].any()
    assert {"alq", "wohn_leer", "v_harzt", "kbetr_u3", "p_markt", "erw_bip"} <= set(catalogue.index)
    # employees per inhabitant is kept under its true name, not as a stand-in
    assert "unemployment" in catalogue.loc["employees_per_1000", "caveats_en"]
    wide = committed_atlas.wide()
    rho = wide["alq"].corr(wide["employees_per_1000"], method="spearman")
    assert 0.0 < rho < 0.3  # measured +0.12: useless as a proxy for unemployment


def test_known_values(committed_atlas):
    wide = committed_atlas.wide()
    # Destatis 31.12.2019: Wartburgkreis 123 025 (incl. ...) + Eisenach 42 250 ... summed
    assert wide.loc["11000", "population"] == 3_669_491
    assert wide.loc["11000", "area_km2"] == pytest.approx(891.12)
    assert wide.loc["11000", "density"] == pytest.approx(3_669_491 / 891.12)
    assert 1.5 < wide["household_size"].min() and wide["household_size"].max() < 3.0


def test_build_record(committed_atlas):
    record = dict(zip(committed_atlas.build["item"], committed_atlas.build["value"], strict=True))
    assert record["kind"] == "embedded"
    assert "400 districts" in record["territorial_status"]
    inputs = {k: v for k, v in record.items() if k.startswith("input:")}
    assert "input:regionalstatistik/AI002-1.csv" in inputs
    assert all(len(v) == 64 for v in inputs.values())
    sources = json.loads(record["sources"])
    assert {"name", "edition", "licence"} <= set(sources[0])
    assert record["vintages"].startswith("mixed")
    assert any("GeoBasis-DE / BKG 2016" in s["attribution"] for s in sources)


def test_registry_atlas_and_framework_agree_on_the_shipped_atlas(committed_atlas):
    from geodata.indicators import INDICATORS, SOURCES
    from potentials.framework import KNOWN_CODES, load_framework

    catalogue = committed_atlas.catalogue.set_index("code")
    codes = set(committed_atlas.indicators["indicator"])
    assert codes == set(catalogue.index) and codes <= set(INDICATORS) <= KNOWN_CODES
    for code in codes:
        entry = INDICATORS[code]
        row = catalogue.loc[code]
        assert (row["unit_de"], row["unit_en"], row["period"]) == (
            entry.unit_de,
            entry.unit_en,
            entry.period,
        )
        assert row["source_id"] == ";".join(entry.source)
        assert all(s in SOURCES for s in entry.source)
    fw = load_framework("thuenen2016", atlas=committed_atlas)
    assert not fw.dropped and not any(i.is_proxy for i in fw.indicators)
    assert set(fw.codes) <= codes
    wide = committed_atlas.wide()
    for code in fw.codes:
        low, high = INDICATORS[code].valid_range
        values = wide[code].dropna()
        assert values.between(low, high).all(), code
        assert set(wide.index[wide[code].isna()]) == set(INDICATORS[code].known_gaps), code
