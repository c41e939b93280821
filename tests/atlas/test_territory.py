"""Territorial harmonisation with small synthetic tables (values are made up)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import box

from geodata.errors import UnknownDistrictError
from geodata.territory import (
    BASE_KEYS_2019,
    CURRENT_KEYS,
    Kind,
    current_key,
    harmonise,
    harmonise_geometries,
    harmonise_ratio,
    state_name,
)


def test_current_keys_are_400_and_exclude_merged_districts():
    assert len(BASE_KEYS_2019) == 401
    assert len(CURRENT_KEYS) == 400
    assert "16056" not in CURRENT_KEYS
    assert {"16063", "03159", "02000", "11000"} <= set(CURRENT_KEYS)
    assert list(CURRENT_KEYS) == sorted(CURRENT_KEYS)


def test_current_key_follows_each_reform():
    old = ["03152", "03156", "16056", "13052", "13001", "05313", "09162"]
    assert current_key(old) == ["03159", "03159", "16063", "13071", "13075", "05334", "09162"]


def test_unknown_key_raises_naming_it_and_the_source():
    with pytest.raises(UnknownDistrictError, match=r"99999.*|.*99999") as info:
        current_key(["09162", "99999"], source="table X")
    assert info.value.keys == ("99999",)
    assert "table X" in str(info.value)
    assert isinstance(info.value, KeyError)


def test_counts_of_eisenach_and_wartburgkreis_add_up_exactly():
    frame = pd.DataFrame(
        {"ags": ["16056", "16063", "16051"], "year": 2019, "cases": [4213, 7001, 15000]}
    )
    out = harmonise(frame, by=["year"])
    assert out.to_dict("records") == [
        {"ags": "16051", "year": 2019, "cases": 15000},
        {"ags": "16063", "year": 2019, "cases": 11214},
    ]


def test_rows_without_values_are_dropped_before_mapping():
    # GENESIS keeps abolished districts as rows of "-" (read as NaN)
    frame = pd.DataFrame({"ags": ["03152", "03159"], "n": [np.nan, 5.0]})
    assert harmonise(frame).to_dict("records") == [{"ags": "03159", "n": 5.0}]


def test_share_recomputed_from_numerator_and_denominator():
    num = pd.Series({"16056": 10.0, "16063": 30.0, "16051": 5.0})
    den = pd.Series({"16056": 100.0, "16063": 200.0, "16051": 50.0})
    share = harmonise_ratio(num, den, scale=100)
    assert share["16063"] == pytest.approx(40 / 300 * 100)
    assert share["16063"] == pytest.approx(13.333, abs=1e-3)
    assert share["16051"] == pytest.approx(10.0)
    assert list(share.index) == ["16051", "16063"]


def test_population_weighted_rate():
    frame = pd.DataFrame({"ags": ["16056", "16063"], "rate": [10.0, 40.0]})
    weights = pd.Series({"16056": 100.0, "16063": 300.0})
    out = harmonise(frame, kind=Kind.RATE, weights=weights)
    assert out["rate"].tolist() == [pytest.approx((10 * 100 + 40 * 300) / 400)]


def test_rate_with_weight_column_and_missing_weight_raises():
    frame = pd.DataFrame({"ags": ["16056", "16063"], "rate": [10.0, 40.0], "pop": [1.0, 3.0]})
    out = harmonise(frame, kind=Kind.RATE, weights="pop", values=["rate"])
    assert out.loc[0, "rate"] == pytest.approx(32.5)
    with pytest.raises(ValueError, match="16056"):
        harmonise(frame, kind=Kind.RATE, weights=pd.Series({"16063": 1.0}), values=["rate"])
    with pytest.raises(ValueError, match="weights"):
        harmonise(frame, kind=Kind.RATE, values=["rate"])


@given(
    st.lists(st.floats(0, 1e6, allow_nan=False), min_size=3, max_size=3),
    st.lists(st.floats(1, 1e6, allow_nan=False), min_size=3, max_size=3),
)
def test_weighted_rate_lies_between_its_parts(rates, weights):
    keys = ["03152", "03156", "03159"]
    frame = pd.DataFrame({"ags": keys, "rate": rates})
    out = harmonise(frame, kind=Kind.RATE, weights=pd.Series(weights, index=keys))
    assert min(rates) - 1e-6 <= out.loc[0, "rate"] <= max(rates) + 1e-6


@given(st.lists(st.integers(0, 10**9), min_size=2, max_size=2))
def test_merged_count_equals_sum(counts):
    frame = pd.DataFrame({"ags": ["16056", "16063"], "n": counts})
    assert harmonise(frame)["n"].tolist() == [sum(counts)]


def test_goettingen_and_osterode_union_has_the_summed_area():
    # synthetic: two adjacent 10 km × 10 km squares in EPSG:25832
    gdf = gpd.GeoDataFrame(
        {"ags": ["03152", "03156", "03153"]},
        geometry=[
            box(0, 0, 10_000, 10_000),
            box(10_000, 0, 20_000, 10_000),
            box(0, 10_000, 20_000, 15_000),
        ],
        crs="EPSG:25832",
    )
    out = harmonise_geometries(gdf)
    assert out["ags"].tolist() == ["03153", "03159"]
    merged = out.set_index("ags").geometry["03159"]
    assert merged.area == pytest.approx(gdf.area.iloc[:2].sum(), rel=1e-9)
    assert merged.geom_type == "Polygon"


def test_state_name():
    assert state_name("09162") == "Bayern"
    assert state_name("11000") == "Berlin"


def test_package_exports_are_lazy_and_resolve():
    import geodata
    import geodata.territory

    assert geodata.harmonise is geodata.territory.harmonise
    assert "load_atlas" in geodata.__all__
    with pytest.raises(AttributeError):
        _ = geodata.no_such_name


@given(
    st.lists(st.integers(0, 10**6), min_size=2, max_size=2),
    st.lists(st.integers(1, 10**6), min_size=2, max_size=2),
)
def test_recomputed_share_lies_between_the_parts(numerators, extra):
    denominators = [n + e for n, e in zip(numerators, extra, strict=True)]
    keys = ["16056", "16063"]
    share = harmonise_ratio(
        pd.Series(numerators, index=keys, dtype=float),
        pd.Series(denominators, index=keys, dtype=float),
        scale=100,
    )["16063"]
    parts = [100 * n / d for n, d in zip(numerators, denominators, strict=True)]
    assert min(parts) - 1e-9 <= share <= max(parts) + 1e-9


def test_harmonise_keeps_groups_apart():
    frame = pd.DataFrame(
        {
            "ags": ["16056", "16063", "16056", "16063"],
            "year": [2018, 2018, 2019, 2019],
            "n": [1.0, 2.0, 10.0, 20.0],
        }
    )
    out = harmonise(frame, by=["year"])
    assert out[["year", "n"]].to_dict("records") == [
        {"year": 2018, "n": 3.0},
        {"year": 2019, "n": 30.0},
    ]


def test_unknown_key_in_boundaries_raises():
    gdf = gpd.GeoDataFrame({"ags": ["00000"]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:25832")
    with pytest.raises(UnknownDistrictError, match="00000"):
        harmonise_geometries(gdf)


def test_mecklenburg_vorpommern_2011_districts_map_onto_the_new_ones():
    old = [f"130{n:02d}" for n in range(1, 7)] + [f"130{n}" for n in range(51, 63)]
    new = set(current_key(old))
    # Rostock (13003) and Schwerin (13004) kept their keys; the rest were merged
    assert new == {"13003", "13004", "13071", "13072", "13073", "13074", "13075", "13076"}
