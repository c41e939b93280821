"""run(): known answers on a 3-district atlas, missing data, weights, invariants."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from potentials import (
    Aggregation,
    MissingPolicy,
    Normalisation,
    ScoringSpec,
    SpecificationError,
    Weighting,
    prepare,
    run,
)

VALUES = {"alq": [4.0, 5.0, 8.0], "income_pc": [10.0, 20.0, 30.0], "preis_miet": [5.0, 10.0, 15.0]}


@pytest.fixture()
def tiny(atlas_factory, framework_factory, two_domains):
    atlas = atlas_factory(VALUES)
    return atlas, framework_factory(two_domains)


@pytest.fixture(scope="module")
def tiny_module(atlas_factory, framework_factory):
    mapping = {
        "domains": [
            {"code": "labour", "name_de": "A", "name_en": "L"},
            {"code": "housing", "name_de": "W", "name_en": "H"},
        ],
        "indicators": [
            {"code": "alq", "domain": "labour", "direction": -1},
            {"code": "income_pc", "domain": "labour", "direction": 1},
            {"code": "preis_miet", "domain": "housing", "direction": -1},
        ],
    }
    return atlas_factory(VALUES), framework_factory(mapping)


def test_minmax_arithmetic_known_answer(tiny):
    atlas, fw = tiny
    result = run(atlas, ScoringSpec(fw, normalisation=Normalisation.MINMAX))
    s = result.scores
    # -alq -> [100, 75, 0]; income -> [0, 50, 100]; -preis -> [100, 50, 0]
    np.testing.assert_allclose(s["domain_labour"], [50.0, 62.5, 50.0])
    np.testing.assert_allclose(s["domain_housing"], [100.0, 50.0, 0.0])
    np.testing.assert_allclose(s["composite"], [75.0, 56.25, 25.0])
    assert s["rank"].tolist() == [1.0, 2.0, 3.0]
    assert s["coverage"].tolist() == [1.0, 1.0, 1.0]
    assert not s["flagged"].any()
    np.testing.assert_allclose(result.normalised["alq"], [100.0, 75.0, 0.0])
    assert result.raw["alq"].tolist() == VALUES["alq"]


def test_user_domain_weights_known_answer(tiny):
    atlas, fw = tiny
    spec = ScoringSpec(fw, normalisation="minmax", domain_weights={"labour": 3, "housing": 1})
    s = run(atlas, spec).scores
    np.testing.assert_allclose(s["composite"], [62.5, 59.375, 37.5])


def test_geometric_aggregation_known_answer(tiny):
    atlas, fw = tiny
    s = run(atlas, ScoringSpec(fw, normalisation="minmax", aggregation="geometric")).scores
    # shifted to v - min + 1: -alq [101, 76, 1], income [1, 51, 101], -preis [101, 51, 1]
    labour = [math.sqrt(101 * 1), math.sqrt(76 * 51), math.sqrt(1 * 101)]
    housing = [101.0, 51.0, 1.0]
    np.testing.assert_allclose(s["domain_labour"], labour)
    np.testing.assert_allclose(s["domain_housing"], housing)
    np.testing.assert_allclose(
        s["composite"], [math.sqrt(a * b) for a, b in zip(labour, housing, strict=True)]
    )
    assert s["rank"].tolist() == [2.0, 1.0, 3.0]


def test_district_below_min_coverage_is_flagged_never_zero(
    atlas_factory, framework_factory, two_domains
):
    values = dict(VALUES, preis_miet=[5.0, np.nan, 15.0])
    atlas = atlas_factory(values)
    fw = framework_factory(two_domains)
    s = run(atlas, ScoringSpec(fw, normalisation="minmax", min_coverage=0.6)).scores
    assert s["coverage"].tolist() == [1.0, 0.5, 1.0]
    assert s["flagged"].tolist() == [False, True, False]
    assert np.isnan(s.loc["09101", "composite"]) and np.isnan(s.loc["09101", "rank"])
    assert s["rank"].tolist()[::2] == [1.0, 2.0]
    # at min_coverage 0.5 it is scored from the labour domain alone (renormalised)
    s = run(atlas, ScoringSpec(fw, normalisation="minmax", min_coverage=0.5)).scores
    assert not s["flagged"].any()
    assert np.isnan(s.loc["09101", "domain_housing"])
    assert s.loc["09101", "composite"] == pytest.approx(62.5)


def test_median_impute_fills_the_normalised_median(atlas_factory, framework_factory, two_domains):
    values = dict(VALUES, preis_miet=[5.0, np.nan, 15.0])
    atlas = atlas_factory(values)
    fw = framework_factory(two_domains)
    spec = ScoringSpec(fw, normalisation="minmax", missing=MissingPolicy.MEDIAN_IMPUTE)
    s = run(atlas, spec).scores
    # -preis normalised: [100, -, 0] -> median 50; labour [50, 62.5, 50]
    assert s.loc["09101", "domain_housing"] == pytest.approx(50.0)
    assert s.loc["09101", "composite"] == pytest.approx(56.25)
    assert s.loc["09101", "coverage"] == pytest.approx(0.5)  # coverage counts real data only


def test_equal_indicator_and_domain_weighting(tiny):
    atlas, fw = tiny
    w = run(atlas, ScoringSpec(fw, weighting=Weighting.EQUAL_INDICATORS)).weights
    eff = w.set_index(["level", "code"])["effective"]
    assert eff["indicator"].tolist() == pytest.approx([1 / 3] * 3)
    assert eff["domain", "labour"] == pytest.approx(2 / 3)
    w = run(atlas, ScoringSpec(fw, weighting=Weighting.EQUAL_DOMAINS)).weights
    eff = w.set_index(["level", "code"])["effective"]
    assert eff["indicator"].tolist() == pytest.approx([0.25, 0.25, 0.5])


def test_pca_weighting_reports_explained_variance(synthetic):
    from potentials import load_framework

    fw = load_framework("thuenen2016", atlas=synthetic)
    result = run(synthetic, ScoringSpec(fw, weighting=Weighting.PCA))
    ev = result.explained_variance
    assert ev is not None and ev.sum() == pytest.approx(1.0)
    assert ev.is_monotonic_decreasing
    ind = result.weights.query("level == 'indicator'")
    assert ind["effective"].sum() == pytest.approx(1.0)
    assert (ind["effective"] > 0).all()
    assert result.explained_variance is not None
    assert run(synthetic, ScoringSpec(fw)).explained_variance is None


def test_pca_weights_follow_squared_loadings_of_first_component():
    from potentials.weighting import pca_weights

    rng = np.random.default_rng(0)
    f = rng.standard_normal(500)
    # two columns carry the common factor, a third is noise: the first PC (>= 60 %
    # of variance with threshold 0.5) loads on the first two only
    X = np.column_stack([f, f + 0.01 * rng.standard_normal(500), rng.standard_normal(500)])
    weights, ratio = pca_weights(X, variance=0.5)
    assert ratio[0] > 0.6
    np.testing.assert_allclose(weights, [0.5, 0.5, 0.0], atol=0.01)


def test_unknown_weight_keys_are_named(tiny):
    atlas, fw = tiny
    with pytest.raises(SpecificationError, match="wealth"):
        ScoringSpec(fw, domain_weights={"wealth": 1.0})
    with pytest.raises(SpecificationError, match="no_code"):
        run(atlas, ScoringSpec(fw, indicator_weights={"no_code": 1.0}))
    with pytest.raises(SpecificationError, match="all domain weights are zero"):
        run(atlas, ScoringSpec(fw, domain_weights={"labour": 0, "housing": 0}))
    with pytest.raises(SpecificationError, match=">= 0"):
        ScoringSpec(fw, domain_weights={"labour": -1})
    with pytest.raises(SpecificationError, match="min_coverage"):
        ScoringSpec(fw, min_coverage=1.5)
    with pytest.raises(SpecificationError, match="normalisation must be one of"):
        ScoringSpec(fw, normalisation="robust")


def test_indicator_weight_is_addressed_by_code_and_no_proxy_is_used(synthetic):
    from potentials import load_framework

    fw = load_framework("thuenen2016", atlas=synthetic)
    result = run(synthetic, ScoringSpec(fw, indicator_weights={"alq": 2.0}))
    w = result.weights.set_index("code")
    labour = w.query("level == 'indicator' and domain == 'labour'")["weight"]
    assert labour["alq"] == pytest.approx(2.0 / 4.0)  # alq, emp_rate, employment_growth_5y
    assert result.proxies == {}


def test_result_carries_spec_and_replace_changes_weights(tiny):
    atlas, fw = tiny
    spec = ScoringSpec(fw)
    changed = dataclasses.replace(spec, domain_weights={"labour": 2.0})
    assert run(atlas, changed).spec is changed
    assert changed.domain_weights == {"labour": 2.0}
    assert hash(changed) != hash(spec)


def test_prepared_atlas_gives_identical_result(synthetic):
    from potentials import load_framework

    fw = load_framework("thuenen2016", atlas=synthetic)
    spec = ScoringSpec(fw, aggregation=Aggregation.GEOMETRIC)
    a = run(synthetic, spec).scores
    b = run(prepare(synthetic, fw), spec).scores
    pd.testing.assert_frame_equal(a, b)


def test_rank_one_is_the_highest_composite(synthetic):
    from potentials import load_framework

    s = run(synthetic, ScoringSpec(load_framework("thuenen2016"))).scores
    assert s.loc[s["composite"].idxmax(), "rank"] == 1.0
    assert sorted(s["rank"].astype(int)) == list(range(1, 401))
    assert {f"domain_{d}" for d in ("labour", "access", "integration")} <= set(s.columns)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(-10_000, 10_000), min_size=4, max_size=12, unique=True),
    st.sampled_from(list(Normalisation)),
)
def test_direction_minus_one_reverses_the_order(atlas_factory, framework_factory, xs, method):
    atlas = atlas_factory({"income_pc": [x / 7.0 for x in xs]})
    mapping = {
        "domains": [{"code": "prosperity", "name_de": "W", "name_en": "P"}],
        "indicators": [{"code": "income_pc", "domain": "prosperity", "direction": 1}],
    }
    up = run(atlas, ScoringSpec(framework_factory(mapping), normalisation=method)).scores
    mapping["indicators"][0]["direction"] = -1
    down = run(atlas, ScoringSpec(framework_factory(mapping), normalisation=method)).scores
    n = len(xs)
    np.testing.assert_array_equal(up["rank"].to_numpy(), n + 1 - down["rank"].to_numpy())


@settings(max_examples=30, deadline=None)
@given(
    st.floats(0.1, 10), st.floats(0.1, 10), st.floats(1e-2, 1e2),
    st.sampled_from(list(Aggregation)),
)  # fmt: skip
def test_scaling_all_weights_changes_nothing(tiny_module, w1, w2, c, aggregation):
    atlas, fw = tiny_module
    spec = ScoringSpec(fw, domain_weights={"labour": w1, "housing": w2}, aggregation=aggregation)
    scaled = dataclasses.replace(spec, domain_weights={"labour": c * w1, "housing": c * w2})
    a, b = run(atlas, spec).scores, run(atlas, scaled).scores
    np.testing.assert_allclose(a["composite"], b["composite"], rtol=1e-12)
    np.testing.assert_array_equal(a["rank"], b["rank"])


def test_log_transform_rejects_non_positive_values_naming_the_district(
    atlas_factory, framework_factory, two_domains
):
    two_domains["indicators"][1]["transform"] = "log"
    atlas = atlas_factory(dict(VALUES, income_pc=[10.0, 0.0, 30.0]))
    with pytest.raises(SpecificationError, match=r"income_pc.*09101"):
        run(atlas, ScoringSpec(framework_factory(two_domains)))


def test_log_transform_and_winsorising_happen_before_normalising(
    atlas_factory, framework_factory, two_domains
):
    two_domains["indicators"][1] |= {"transform": "log", "winsorise": [0.0, 0.5]}
    values = dict(VALUES, income_pc=[1.0, np.e, np.e**4])
    result = run(atlas_factory(values), ScoringSpec(framework_factory(two_domains)))
    # log -> [0, 1, 4]; clipped at the median (1) -> [0, 1, 1]; z-scores of that
    expected = np.array([0.0, 1.0, 1.0])
    expected = (expected - expected.mean()) / expected.std()
    np.testing.assert_allclose(result.normalised["income_pc"], expected)
    assert result.raw["income_pc"].tolist() == pytest.approx(values["income_pc"])


@settings(max_examples=25, deadline=None)
@given(st.floats(0.2, 5.0), st.floats(-50, 50))
def test_monotone_transform_of_one_indicator_keeps_percentile_ranks(
    tiny_module, atlas_factory, power, shift
):
    atlas, fw = tiny_module
    spec = ScoringSpec(fw, normalisation=Normalisation.PERCENTILE)
    transformed = dict(VALUES, income_pc=[x**power + shift for x in VALUES["income_pc"]])
    a = run(atlas, spec)
    b = run(atlas_factory(transformed), spec)
    pd.testing.assert_frame_equal(a.normalised, b.normalised)
    np.testing.assert_array_equal(a.scores["rank"], b.scores["rank"])


def test_typology_approximations_are_recorded_in_metadata(tiny):
    atlas, fw = tiny
    meta = run(atlas, ScoringSpec(fw)).metadata
    assert "no town-share criterion" in meta["typology.settlement_type"]
    assert "median" in meta["typology.rural_type"]
    assert meta["typology.rurality.detached_houses"].startswith("dropped")


def test_domain_whose_indicators_all_weigh_zero_leaves_the_composite(tiny):
    atlas, fw = tiny
    spec = ScoringSpec(fw, normalisation="minmax", indicator_weights={"alq": 0.0, "income_pc": 0.0})
    result = run(atlas, spec)
    s = result.scores
    np.testing.assert_allclose(s["composite"], s["domain_housing"])
    np.testing.assert_allclose(s["domain_labour"], [50.0, 62.5, 50.0])  # equal weights
    assert s["coverage"].tolist() == [1.0, 1.0, 1.0]
    eff = result.weights.set_index(["level", "code"])["effective"]
    assert eff["domain", "labour"] == 0.0 and eff["indicator", "alq"] == 0.0


def test_prepared_atlas_refuses_another_framework(tiny, two_domains, framework_factory):
    atlas, fw = tiny
    prepared = prepare(atlas, fw)
    assert run(prepared, ScoringSpec(fw)).scores["rank"].notna().all()
    resolved = fw.resolve(atlas)
    assert run(prepared, ScoringSpec(resolved)).framework == resolved
    two_domains["domains"][0]["weight"] = 3.0
    other = framework_factory(two_domains)
    with pytest.raises(SpecificationError, match="prepared for another framework"):
        run(prepared, ScoringSpec(other))


def test_result_and_spec_survive_pickling(tiny):
    import pickle

    atlas, fw = tiny
    spec = ScoringSpec(fw, domain_weights={"labour": 2.0}, mc_draws=12)
    result = run(atlas, spec)
    back = pickle.loads(pickle.dumps(result))
    assert back.spec == spec and hash(back.spec) == hash(spec)
    pd.testing.assert_frame_equal(back.scores, result.scores)
