"""Settlement types, Kreisregionen, population potential, PCA indices and rural types.

Known answers on hand-made inputs; the Kreisregion pairs also on the shipped atlas.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import box

from potentials import (
    RURAL_TYPE_EN,
    SETTLEMENT_TYPES,
    ScoringSpec,
    compare_by_type,
    load_framework,
    run,
)
from potentials.typology import (
    NON_RURAL,
    RURAL_TYPES,
    RuralThresholds,
    first_component,
    kreisregion_pairs,
    kreisregionen,
    population_potential,
    rural_types,
    settlement_types,
    type_summary,
)

VERY_GOOD, VERY_LESS, RATHER_GOOD, RATHER_LESS, _ = RURAL_TYPES


def test_settlement_types_follow_documented_thresholds():
    districts = pd.DataFrame(
        {
            "kind": ["Kreisfreie Stadt", "Kreisfreie Stadt", "Landkreis", "Landkreis", "Landkreis"],
            "population": [500_000, 60_000, 300_000, 120_000, 50_000],
            "area_km2": [200.0, 50.0, 1000.0, 1000.0, 1000.0],
        }
    )
    assert settlement_types(districts).tolist() == [
        SETTLEMENT_TYPES[0],  # city >= 100k
        SETTLEMENT_TYPES[1],  # small city -> städtischer Kreis
        SETTLEMENT_TYPES[1],  # density 300
        SETTLEMENT_TYPES[2],  # density 120
        SETTLEMENT_TYPES[3],  # density 50
    ]


# --------------------------------------------------------------------------- Kreisregionen


def _districts(rows: list[tuple[str, str, float, object]]) -> gpd.GeoDataFrame:
    """Districts from (ags, kind, population, geometry in EPSG:3035 metres)."""
    frame = gpd.GeoDataFrame(
        {
            "kind": [r[1] for r in rows],
            "population": [r[2] for r in rows],
            "name": [f"Kreis {r[0]}" for r in rows],
        },
        geometry=[r[3] for r in rows],
        index=pd.Index([r[0] for r in rows], name="ags"),
        crs="EPSG:3035",
    )
    frame["area_km2"] = frame.geometry.area / 1e6
    return frame


def test_enclosed_small_city_joins_the_landkreis_around_it():
    # Eisenach before 2021: a small kreisfreie Stadt inside the Wartburgkreis
    ring = box(0, 0, 30_000, 30_000).difference(box(10_000, 10_000, 20_000, 20_000))
    d = _districts(
        [
            ("16063", "Landkreis", 120_000, ring),
            ("16056", "Kreisfreie Stadt", 42_000, box(10_000, 10_000, 20_000, 20_000)),
        ]
    )
    pairs = kreisregion_pairs(d)
    assert pairs.loc["16056", "landkreis"] == "16063"
    assert pairs.loc["16056", "boundary_share"] == pytest.approx(1.0)
    assert pairs.loc["16056", "shared_km"] == pytest.approx(40.0, rel=0.01)
    assert kreisregionen(d, pairs=pairs).to_dict() == {"16063": "16063", "16056": "16063"}


def test_city_on_the_edge_of_two_landkreise_joins_the_longer_boundary_and_large_city_stays():
    d = _districts(
        [
            # the city borders A on 10 km (its west side) and B on 4 km (part of its north)
            ("00001", "Landkreis", 200_000, box(-20_000, -10_000, 0, 20_000)),
            ("00002", "Landkreis", 150_000, box(0, 10_000, 4_000, 30_000)),
            ("00003", "Kreisfreie Stadt", 80_000, box(0, 0, 10_000, 10_000)),
            ("00004", "Kreisfreie Stadt", 250_000, box(10_000, 0, 20_000, 10_000)),
            # a small city bordering only cities stays alone
            ("00005", "Kreisfreie Stadt", 30_000, box(20_000, 0, 25_000, 10_000)),
        ]
    )
    pairs = kreisregion_pairs(d)
    assert set(pairs.index) == {"00003", "00005"}  # the 250,000 city is not merged
    assert pairs.loc["00003", "landkreis"] == "00001"
    assert pairs.loc["00003", "neighbours"] == 2
    assert pd.isna(pairs.loc["00005", "landkreis"])
    codes = kreisregionen(d)
    assert codes.to_dict() == {
        "00001": "00001",
        "00002": "00002",
        "00003": "00001",
        "00004": "00004",
        "00005": "00005",
    }
    # the threshold is a parameter: at 50,000 the 80,000 city stays a Kreisregion of its own
    assert kreisregionen(d, min_city_population=50_000)["00003"] == "00003"


@pytest.fixture(scope="module")
def shipped():
    from geodata.atlas import embedded_atlas_path, read_atlas
    from tests.conftest import require

    path = embedded_atlas_path()
    require(path.exists(), f"the shipped atlas {path} is not built")
    return read_atlas(path)


#: Pairs documented by the BBSR / Küpper (2016) Kreisregionen.
KNOWN_PAIRS = {
    "09163": "09187",  # Rosenheim -> Landkreis Rosenheim
    "01004": "01058",  # Neumünster -> Rendsburg-Eckernförde
    "07311": "07338",  # Frankenthal (Pfalz) -> Rhein-Pfalz-Kreis
    "07318": "07338",  # Speyer -> Rhein-Pfalz-Kreis
    "07317": "07340",  # Pirmasens -> Südwestpfalz
    "07320": "07340",  # Zweibrücken -> Südwestpfalz
    "07313": "07337",  # Landau in der Pfalz -> Südliche Weinstraße
    "08211": "08216",  # Baden-Baden -> Rastatt
    "09565": "09576",  # Schwabach -> Roth
    "01001": "01059",  # Flensburg -> Schleswig-Flensburg
    "03401": "03458",  # Delmenhorst -> Oldenburg
    "16055": "16071",  # Weimar -> Weimarer Land
    "13004": "13076",  # Schwerin -> Ludwigslust-Parchim
}


@pytest.mark.realdata
def test_kreisregion_pairs_on_the_shipped_atlas_match_the_known_pairs(shipped):
    districts = shipped.districts.set_index("ags")
    codes = kreisregionen(districts)
    for city, landkreis in KNOWN_PAIRS.items():
        assert codes[city] == landkreis, districts.loc[city, "name"]
    # large cities stay Kreisregionen of their own
    for city in ("09162", "11000", "02000", "05315", "09161"):  # München ... Ingolstadt
        assert codes[city] == city
    pairs = kreisregion_pairs(districts)
    assert (pairs["population"] < 100_000).all()
    assert pairs["landkreis"].notna().all()
    # 400 districts, 38 small kreisfreie Städte (population 31.12.2019) -> 362 Kreisregionen
    assert codes.nunique() == len(districts) - len(pairs)


# --------------------------------------------------------------------------- potential


def test_population_potential_weights_linearly_to_zero_at_50_km():
    cell = 1_000.0
    people = box(0, 0, cell, cell)  # one 1-km cell with 100,000 inhabitants
    d = _districts(
        [
            ("a", "Landkreis", 100_000, people),
            ("b", "Landkreis", 0, box(25 * cell, 0, 26 * cell, cell)),  # 25 km east
            ("c", "Landkreis", 0, box(0, 40 * cell, cell, 41 * cell)),  # 40 km north
            ("d", "Landkreis", 0, box(60 * cell, 0, 61 * cell, cell)),  # beyond 50 km
        ]
    )
    pot = population_potential(d, cell_km=1.0)
    assert pot["a"] == pytest.approx(100_000)
    assert pot["b"] == pytest.approx(50_000, rel=1e-6)
    assert pot["c"] == pytest.approx(20_000, rel=1e-6)
    assert pot["d"] == pytest.approx(0.0, abs=1e-3)
    # units: the potential of a merged unit is the population-weighted mean of its cells
    merged = population_potential(
        d, units=pd.Series(["x", "x", "c", "d"], index=d.index), cell_km=1.0
    )
    assert merged["x"] == pytest.approx(100_000, rel=1e-6)


# --------------------------------------------------------------------------- PCA index


def test_first_component_of_two_variables_has_the_known_loadings():
    # correlation of x and y is exactly 0.6: PC1 explains (1 + 0.6) / 2 = 80 %
    x = np.array([1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0])
    e = np.array([1.0, 1.0, -1.0, -1.0, 1.0, 1.0, -1.0, -1.0, 0.0, 0.0])
    e = e - e.mean()
    e = e - (e @ x) / (x @ x) * x  # orthogonal to x
    y = 0.6 * x / x.std() + 0.8 * e / e.std()
    table = pd.DataFrame({"x": x, "y": y}, index=[f"k{i}" for i in range(10)])
    index = first_component(table, {"x": +1, "y": +1})
    assert np.corrcoef(x, y)[0, 1] == pytest.approx(0.6)
    assert index.explained_variance == pytest.approx(0.8)
    assert index.loadings.to_numpy() == pytest.approx([np.sqrt(0.8), np.sqrt(0.8)])
    assert index.score.mean() == pytest.approx(0.0, abs=1e-12)
    assert index.score.std(ddof=1) == pytest.approx(1.0)
    # the sign follows the documented directions
    flipped = first_component(table, {"x": -1, "y": -1})
    np.testing.assert_allclose(flipped.score, -index.score)


HAND_TABLE = pd.DataFrame(
    {
        "density": [5.1, 6.3, 7.9, 4.2, 5.5, 8.4, 4.8, 6.0],
        "farmland": [88.0, 80.0, 45.0, 93.0, 85.0, 30.0, 90.0, 76.0],
        "houses": [91.0, 85.0, 55.0, 94.0, 83.0, 48.0, 95.0, 88.0],
    },
    index=list("abcdefgh"),
)


def test_first_component_matches_scikit_learn_and_the_correlation_eigenvector():
    from sklearn.decomposition import PCA
    from sklearn.preprocessing import StandardScaler

    index = first_component(HAND_TABLE, {"density": -1, "farmland": 1, "houses": 1})
    Z = StandardScaler().fit_transform(HAND_TABLE)
    reference = PCA(n_components=1).fit(Z)
    expected = reference.transform(Z)[:, 0]
    expected = expected * np.sign(np.corrcoef(expected, HAND_TABLE["farmland"])[0, 1])
    expected = (expected - expected.mean()) / expected.std(ddof=1)
    np.testing.assert_allclose(index.score.to_numpy(), expected, atol=1e-10)
    assert index.explained_variance == pytest.approx(reference.explained_variance_ratio_[0])
    # loadings = correlation of each variable with the component
    for column in HAND_TABLE:
        r = np.corrcoef(HAND_TABLE[column], index.score)[0, 1]
        assert index.loadings[column] == pytest.approx(r, abs=1e-10)
    assert index.loadings["density"] < 0 < index.loadings["farmland"]
    # independent check: leading eigenvalue of the correlation matrix over the trace
    eigenvalues = np.linalg.eigvalsh(np.corrcoef(HAND_TABLE.to_numpy().T))
    assert index.explained_variance == pytest.approx(eigenvalues[-1] / 3)


def test_first_component_imputes_the_median_and_rejects_a_constant_variable():
    table = HAND_TABLE.copy()
    table.loc["c", "houses"] = np.nan
    index = first_component(table, {"farmland": 1})
    assert index.imputed.to_dict() == {"density": 0, "farmland": 0, "houses": 1}
    assert np.isfinite(index.score).all()
    with pytest.raises(ValueError, match=r"without variance.*houses"):
        first_component(HAND_TABLE.assign(houses=1.0), {"farmland": 1})
    with pytest.raises(ValueError, match="two variables"):
        first_component(HAND_TABLE[["density"]], {})


# --------------------------------------------------------------------------- types


def test_rural_types_from_the_threshold_and_the_medians_of_the_rural_regions():
    rurality = pd.Series(
        [-1.5, -0.2, -0.19, 0.3, 0.6, 1.0, 1.4, 2.0],
        index=["u1", "u2", "r1", "r2", "r3", "r4", "r5", "r6"],
    )
    socio = pd.Series([2.0, 2.0, 0.9, -0.5, 0.1, -1.0, 0.7, 0.2], index=rurality.index)
    labels = rural_types(rurality, socio)
    # -0.2 itself is not rural ("> -0.2"); rural r1..r6: rurality median 0.8, socio median 0.15
    assert labels[["u1", "u2"]].tolist() == [NON_RURAL, NON_RURAL]
    assert labels["r1"] == RATHER_GOOD
    assert labels["r2"] == RATHER_LESS
    assert labels["r3"] == RATHER_LESS  # 0.1 is below the socio median 0.15
    assert labels["r4"] == VERY_LESS
    assert labels["r5"] == VERY_GOOD
    assert labels["r6"] == VERY_GOOD
    assert RURAL_TYPE_EN[labels["r5"]] == "very rural / good socio-economic position"
    # fixed cuts instead of medians
    fixed = rural_types(
        rurality, socio, thresholds=RuralThresholds(very_rural=0.5, good_position=0.0)
    )
    assert fixed[["r2", "r3", "r4", "r6"]].tolist() == [
        RATHER_LESS,
        VERY_GOOD,
        VERY_LESS,
        VERY_GOOD,
    ]
    # a rural region without a socio-economic value gets no type
    assert rural_types(rurality, socio.drop("r4"))["r4"] is None
    assert "median" in RuralThresholds().describe()


@settings(max_examples=60, deadline=None)
@given(
    data=st.lists(
        st.tuples(
            st.floats(-3, 3, allow_nan=False),
            st.floats(0, 100, allow_nan=False),
            st.floats(0, 100, allow_nan=False),
            st.floats(-3, 3, allow_nan=False),
        ),
        min_size=6,
        max_size=40,
    ),
    seed=st.integers(0, 2**32 - 1),
)
def test_types_do_not_depend_on_the_order_of_the_rows(data, seed):
    table = pd.DataFrame(data, columns=["log_density", "farmland", "houses", "socio"])
    table.index = [f"k{i:03d}" for i in range(len(table))]
    if (table[["log_density", "farmland", "houses"]].std() < 1e-6).any():
        return  # no variance, no component
    order = np.random.default_rng(seed).permutation(len(table))
    signs = {"log_density": -1, "farmland": 1, "houses": 1}

    def types(frame: pd.DataFrame) -> pd.Series:
        index = first_component(frame[list(signs)], signs)
        return rural_types(index.score, frame["socio"])

    a = types(table)
    b = types(table.iloc[order])
    pd.testing.assert_series_equal(a, b.reindex(a.index))


def test_whole_typology_does_not_depend_on_the_order_of_the_districts(synthetic):
    from potentials.typology import kuepper_typology

    districts = synthetic.districts.set_index("ags")
    wide = synthetic.wide()
    order = np.random.default_rng(7).permutation(len(districts))
    a = kuepper_typology(districts, wide)
    b = kuepper_typology(districts.iloc[order], wide.iloc[order])
    columns = ["kreisregion", "rural_type"]
    pd.testing.assert_frame_equal(
        a.districts[columns], b.districts[columns].reindex(a.districts.index)
    )
    np.testing.assert_allclose(
        a.districts["rurality"], b.districts["rurality"].reindex(a.districts.index), atol=1e-9
    )


# --------------------------------------------------------------------------- pipeline


def test_scores_carry_the_typology_columns_and_its_metadata(synthetic):
    result = run(synthetic, ScoringSpec(load_framework("thuenen2016")))
    s = result.scores
    for column in (
        "kreisregion",
        "rurality",
        "socioeconomic",
        "rural_type",
        "population",
        "area_km2",
    ):
        assert column in s.columns
    assert set(s["settlement_type"]) <= set(SETTLEMENT_TYPES)
    assert set(s["rural_type"].dropna()) <= set(RURAL_TYPES)
    density = synthetic.districts.set_index("ags").eval("population / area_km2")
    assert np.corrcoef(s["rurality"], -np.log(density.reindex(s.index)))[0, 1] > 0.5
    meta = result.metadata
    assert "fl_suv" in meta["typology.rurality.settlement_density"]
    assert "fl_landw + fl_wald" in meta["typology.rurality.farm_forest_share"]
    assert meta["typology.socioeconomic.life_expectancy_men"].startswith("dropped")
    assert 0 < float(meta["typology.rurality.explained_variance"]) <= 1
    assert float(meta["typology.rurality.loading.population_potential"]) < 0
    # the index is standardised over Kreisregionen, not districts
    regions = s.drop_duplicates("kreisregion")
    assert regions["rurality"].mean() == pytest.approx(0.0, abs=1e-9)
    assert regions["rurality"].std(ddof=1) == pytest.approx(1.0)
    assert (s.loc[s["rurality"] <= -0.2, "rural_type"] == NON_RURAL).all()


def test_missing_variables_fall_back_to_proxies_or_are_dropped_and_named(synthetic):
    from potentials.typology import kuepper_typology

    districts = synthetic.districts.set_index("ags")
    wide = synthetic.wide().drop(
        columns=["fl_suv", "fl_landw", "p_ozmz_miv", "median_wage_ft", "alq", "st_einnkr"]
    )
    notes = kuepper_typology(districts, wide).notes
    assert "PROXY" in notes["rurality.settlement_density"]
    assert "area_km2" in notes["rurality.settlement_density"]
    assert notes["rurality.farm_forest_share"].startswith("dropped")
    assert "loading.farm_forest_share" not in " ".join(notes)
    assert "access_ld_station_km" in notes["rurality.centre_access"]
    assert "compensation_per_employee" in notes["socioeconomic.wages"]
    assert notes["socioeconomic.unemployment"].startswith("dropped")
    assert "socioeconomic.loading.tax_capacity" not in notes


def test_kreisregion_values_combine_their_members_with_the_documented_weights():
    from potentials.typology import kuepper_typology

    ring = box(0, 0, 30_000, 30_000).difference(box(10_000, 10_000, 20_000, 20_000))
    d = _districts(
        [
            ("00001", "Landkreis", 200_000, ring),
            ("00002", "Kreisfreie Stadt", 50_000, box(10_000, 10_000, 20_000, 20_000)),
            ("00003", "Landkreis", 90_000, box(40_000, 0, 70_000, 30_000)),
            ("00004", "Landkreis", 400_000, box(0, 40_000, 30_000, 70_000)),
            ("00005", "Kreisfreie Stadt", 600_000, box(40_000, 40_000, 50_000, 50_000)),
        ]
    )
    wide = pd.DataFrame(
        {
            "fl_suv": [10.0, 50.0, 5.0, 20.0, 60.0],
            "fl_landw": [50.0, 20.0, 60.0, 40.0, 10.0],
            "fl_wald": [30.0, 10.0, 30.0, 30.0, 5.0],
            "share_efh_buildings": [90.0, 60.0, 95.0, 80.0, 40.0],
            "p_ozmz_miv": [12.0, 3.0, 20.0, 8.0, 2.0],
        },
        index=d.index,
    )
    typology = kuepper_typology(d, wide, population_year=2019)
    region = typology.regions.loc["00001"]
    area = d["area_km2"]
    assert region["members"] == "00001 00002"
    assert region["population"] == 250_000
    settled = area["00001"] * 0.10 + area["00002"] * 0.50
    assert region["settlement_density"] == pytest.approx(250_000 / settled)
    assert region["farm_forest_share"] == pytest.approx((80 * 800 + 30 * 100) / 900)
    assert region["detached_houses"] == pytest.approx((90 * 200 + 60 * 50) / 250)
    assert region["centre_access"] == pytest.approx((12 * 800 + 3 * 100) / 900)
    assert len(typology.regions) == 4
    assert (
        typology.districts.loc["00002", "rurality"] == typology.districts.loc["00001", "rurality"]
    )
    assert "population 2019" in typology.notes["kreisregion"]
    assert "00002 Kreis 00002 → 00001 Kreis 00001" in typology.notes["kreisregion.pairs"]


def test_type_summary_counts_districts_regions_and_shares():
    scores = pd.DataFrame(
        {
            "rural_type": [NON_RURAL, NON_RURAL, VERY_GOOD, VERY_GOOD, None],
            "kreisregion": ["a", "b", "c", "c", "d"],
            "population": [500.0, 300.0, 100.0, 50.0, 50.0],
            "area_km2": [10.0, 10.0, 50.0, 20.0, 10.0],
        }
    )
    table = type_summary(scores).set_index("rural_type")
    assert table.index.tolist() == [VERY_GOOD, NON_RURAL]  # canonical order
    assert table.loc[VERY_GOOD, "districts"] == 2
    assert table.loc[VERY_GOOD, "kreisregionen"] == 1
    assert table.loc[VERY_GOOD, "population_share"] == pytest.approx(0.15)
    assert table.loc[NON_RURAL, "area_share"] == pytest.approx(0.2)


def test_compare_by_type_summarises_every_score(synthetic):
    result = run(synthetic, ScoringSpec(load_framework("thuenen2016")))
    table = compare_by_type(result, by="settlement_type")
    assert {"settlement_type", "score", "n", "mean", "median", "q25", "q75"} <= set(table.columns)
    s = result.scores
    for label, group in s.groupby("settlement_type"):
        row = table[(table["settlement_type"] == label) & (table["score"] == "composite")].iloc[0]
        assert row["n"] == group["composite"].notna().sum()
        assert row["mean"] == pytest.approx(group["composite"].mean())
        assert row["q75"] == pytest.approx(group["composite"].quantile(0.75))
    assert set(table["score"]) == {"composite", *result.domain_columns}
    rural = compare_by_type(result, by="rural_type")
    assert rural["n"].sum() > 0
    with pytest.raises(KeyError, match="rural_type"):
        compare_by_type(result, by="colour")
