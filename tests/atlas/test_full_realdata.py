"""The full atlas built from the Deutschlandatlas and INKAR files in ../shared/raw."""

from __future__ import annotations

import pytest

from geodata.atlas import atlas_info
from geodata.atlas.full import DA_DISTRICT, DA_MUNICIPAL, inkar_code
from geodata.territory import CURRENT_KEYS

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


def test_full_atlas_has_400_districts_and_the_official_codes(built_full):
    assert built_full.kind == "full"
    assert sorted(built_full.districts["ags"]) == list(CURRENT_KEYS)
    codes = set(built_full.indicators["indicator"])
    assert set(DA_DISTRICT) <= codes
    assert set(DA_MUNICIPAL) <= codes
    assert {"population", "income_pc", "crime_rate"} <= codes  # embedded content kept
    assert any(code.startswith("inkar_") for code in codes)
    assert codes <= set(built_full.catalogue["code"])


def test_travel_times_aggregated_for_all_400_districts(built_full):
    wide = built_full.wide()
    for code in ("p_markt", "p_harzt", "p_grunds", "p_apo"):
        assert wide[code].notna().sum() == 400, code
        assert (wide[code] > 0).all(), code  # the -9999 "no value" sentinel is not aggregated
    catalogue = built_full.catalogue.set_index("code")
    assert "Median" in catalogue.loc["p_markt", "method"]
    # Berlin and Hamburg are single municipalities: median = the municipal value
    assert wide.loc["11000", "p_apo"] > 0


def test_district_values_are_the_official_ones(built_full, raw_dir):
    from geodata.readers import read_deutschlandatlas

    official = read_deutschlandatlas(
        raw_dir / "deutschlandatlas" / "Deutschlandatlas-Daten.xlsx",
        level="district",
        sheets=["KRS1222"],
    )
    alq = official[official["indicator"] == "alq"].set_index("key")["value"]
    wide = built_full.wide()
    assert wide["alq"].to_dict() == pytest.approx(alq.to_dict())
    catalogue = built_full.catalogue.set_index("code")
    assert "midpoint" in catalogue.loc["preis_miet", "method"]
    assert catalogue.loc["alq", "year"] == 2022
    assert catalogue.loc["alq", "licence"] == "dl-de/by-2-0"


def test_inkar_merged_district_lies_between_its_parts(built_full, raw_dir):
    from geodata.readers import read_inkar

    frame = read_inkar(raw_dir / "inkar" / "Gebaude-und-Wohnungsbestand.csv")
    rows = frame[(frame["indicator"] == "Wohnfläche") & (frame["year"] == 2017)]
    parts = rows.set_index("ags").loc[["16056", "16063"], "value"]
    merged = built_full.wide().loc["16063", inkar_code("Wohnfläche")]
    assert parts.min() <= merged <= parts.max()


def test_full_info(built_full):
    info = atlas_info(built_full)
    assert info["kind"] == "full"
    assert info["districts"] == 400
    assert info["indicators"] >= 15 + len(DA_DISTRICT) + len(DA_MUNICIPAL)
    assert any("Deutschlandatlas" in s["name"] for s in info["sources"])


def test_inkar_code():
    assert inkar_code("Beschäftigtenquote Ausländer") == "inkar_beschaeftigtenquote_auslaender"
    assert inkar_code("Wohnfläche") == "inkar_wohnflaeche"
