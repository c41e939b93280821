"""Derivation rules of the atlas build, on small synthetic frames (made-up values)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geodata.atlas import derive
from geodata.indicators import Indicator


def genesis_frame() -> pd.DataFrame:
    """A synthetic long GENESIS frame (shape of read_genesis output)."""
    rows = [
        ("DG", "country", 2019, "v", 99.0),
        ("16056", "district", 2019, "v", 10.0),
        ("16063", "district", 2019, "v", 30.0),
        ("03152", "district", 2019, "v", np.nan),  # abolished district filled with "-"
        ("16056", "district", 2020, "v", 11.0),
    ]
    return pd.DataFrame(rows, columns=["ags", "level", "year", "variable", "value"])


def test_genesis_series_keeps_district_values_only():
    values = derive.genesis_series(genesis_frame(), "v", 2019)
    assert values.to_dict() == {"16056": 10.0, "16063": 30.0}
    with pytest.raises(KeyError, match="'w'"):
        derive.genesis_series(genesis_frame(), "w", 2019)


def test_latest_year_needs_enough_districts():
    assert derive.latest_year(genesis_frame(), "v", min_districts=2) == 2019
    assert derive.latest_year(genesis_frame(), "v", min_districts=1) == 2020
    with pytest.raises(KeyError):
        derive.latest_year(genesis_frame(), "v", min_districts=3)


def test_published_value_kept_unless_the_district_was_merged():
    published = pd.Series({"16056": 5000.0, "16063": 3667.0, "16051": 10910.0})
    recomputed = pd.Series({"16063": 4000.0, "16051": 10909.7})
    out = derive.published_or_recomputed(published, recomputed)
    assert out["16051"] == 10910.0  # unchanged: as released
    assert out["16063"] == 4000.0  # Wartburgkreis + Eisenach: recomputed
    assert len(out) == 400 and out.drop(["16051", "16063"]).isna().all()


def test_average_household_size_counts_six_plus_as_six_and_a_half():
    households = pd.DataFrame(
        {
            "ags": ["13052"] * 3 + ["13055"] * 2,  # Demmin + Mecklenburg-Strelitz → 13071
            "size": [1, 2, 6, 1, 3],
            "count": [10, 10, 2, 5, 5],
        }
    )
    size = derive.average_household_size(households)
    persons = 10 * 1 + 10 * 2 + 2 * 6.5 + 5 * 1 + 5 * 3
    assert size["13071"] == pytest.approx(persons / 32)


def test_weighted_rate_and_per_capita():
    rate = pd.Series({"03152": 10.0, "03156": 20.0})
    weights = pd.Series({"03152": 3.0, "03156": 1.0})
    assert derive.weighted_rate(rate, weights)["03159"] == pytest.approx(12.5)
    cars = pd.Series({"03152": 300.0, "03156": 100.0})
    population = pd.Series({"03152": 600.0, "03156": 400.0})
    assert derive.per_capita(cars, population, scale=1000)["03159"] == pytest.approx(400.0)


def test_normalise_kind():
    assert derive.normalise_kind("Stadtkreis") == "Kreisfreie Stadt"
    assert derive.normalise_kind("Kreis") == "Landkreis"
    assert derive.normalise_kind("Regionalverband") == "Landkreis"
    with pytest.raises(ValueError, match="Bezirk"):
        derive.normalise_kind("Bezirk")


def test_round_released_precision():
    values = pd.Series({"a": 25.368, "b": 0.049})
    assert derive.round_released(values).tolist() == [25.4, 0.0]


def test_derived_values_are_reindexed_to_the_400_districts():
    item = derive.Derived(pd.Series({"16063": 1.0}), 2019)
    assert len(item.values) == 400 and item.values["16063"] == 1.0


def _entry(**changes):
    fields = dict(
        code="x", name_de="X", name_en="X", unit_de="%", unit_en="%", period="2022",
        year=2022, source=("deutschlandatlas",), method_de="m", method_en="m",
        valid_range=(0.0, 100.0),
    )  # fmt: skip
    return Indicator(**(fields | changes))


def test_registry_entries_are_validated():
    assert _entry().unit_en == "%"
    with pytest.raises(ValueError, match="point elsewhere"):
        _entry(unit_en="see Deutschlandatlas")
    with pytest.raises(ValueError, match="unit_de is empty"):
        _entry(unit_de=" ")
    with pytest.raises(ValueError, match="unknown source"):
        _entry(source=("nowhere",))
    with pytest.raises(ValueError, match="rho"):
        _entry(proxy_for="alq")
