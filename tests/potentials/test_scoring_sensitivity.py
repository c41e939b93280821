"""Monte Carlo rank intervals and Saltelli/Jansen sensitivity indices."""

from __future__ import annotations

import dataclasses

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
    classify_robustness,
    load_framework,
    prepare,
    run,
)
from potentials.sensitivity import rank_quantiles


@pytest.fixture(scope="module")
def prepared(synthetic_missing):
    fw = load_framework("thuenen2016", atlas=synthetic_missing)
    return prepare(synthetic_missing, fw), fw


def test_single_alternatives_get_index_exactly_zero(prepared):
    prep, fw = prepared
    spec = ScoringSpec(
        fw, mc_draws=600, mc_normalisations=(Normalisation.ZSCORE,), mc_missing="renormalise"
    )
    sens = run(prep, spec).sensitivity
    assert sens is not None
    for factor in ("normalisation", "missing"):
        assert sens.loc[factor, "first_order"] == 0.0
        assert sens.loc[factor, "total_order"] == 0.0
        assert sens.loc[factor, "mean_abs_rank_shift"] == 0.0
    # the factors that do vary matter
    assert sens.loc["weights", "total_order"] > 0.0
    assert sens.loc["aggregation", "total_order"] > 0.0


@settings(max_examples=6, deadline=None)
@given(
    st.sampled_from(list(Normalisation)),
    st.sampled_from(list(Aggregation)),
    st.sampled_from(list(MissingPolicy)),
    st.integers(0, 2**16),
)
def test_zero_perturbation_collapses_every_interval(prepared, norm, agg, missing, seed):
    prep, fw = prepared
    spec = ScoringSpec(
        fw, normalisation=norm, aggregation=agg, missing=missing, mc_draws=60, seed=seed,
        perturbation=0.0, mc_normalisations=(norm,), mc_aggregations=(agg,), mc_missing=(missing,),
    )  # fmt: skip
    s = run(prep, spec).scores
    ranked = s[~s["flagged"]]
    for column in ("rank_median", "rank_p05", "rank_p95"):
        np.testing.assert_array_equal(ranked[column].to_numpy(), ranked["rank"].to_numpy())
    assert (run(prep, spec).sensitivity["total_order"] == 0.0).all()


def test_intervals_are_ordered_and_reproducible(prepared):
    prep, fw = prepared
    spec = ScoringSpec(fw, mc_draws=1200, seed=7)
    a, b = run(prep, spec), run(prep, spec)
    pd.testing.assert_frame_equal(a.scores, b.scores)
    pd.testing.assert_frame_equal(a.sensitivity, b.sensitivity)
    s = a.scores[~a.scores["flagged"]]
    assert (s["rank_p05"] <= s["rank_median"]).all()
    assert (s["rank_median"] <= s["rank_p95"]).all()
    assert (s["rank_p95"] - s["rank_p05"]).mean() > 1.0
    assert set(s["robustness"]) <= {"robust_high", "robust_low", "weight_dependent", "middle"}
    other = run(prep, dataclasses.replace(spec, seed=8)).scores
    assert not other["rank_p95"].equals(a.scores["rank_p95"])
    assert a.metadata["mc_evaluations"] == str(6 * 200)
    sens = a.sensitivity
    assert ((sens["total_order"] >= 0) & (sens["total_order"] <= 1.5)).all()


def test_flagged_districts_get_no_interval(atlas_factory, framework_factory, two_domains):
    values = {
        "alq": [4.0, 5.0, 8.0, 6.0, 3.0],
        "income_pc": [10.0, 20.0, 30.0, 25.0, 12.0],
        "preis_miet": [5.0, None, 15.0, 9.0, 7.0],
    }
    atlas = atlas_factory(values)
    spec = ScoringSpec(framework_factory(two_domains), min_coverage=0.9, mc_draws=60)
    s = run(atlas, spec).scores
    assert s.loc["09101", "flagged"]
    assert np.isnan(s.loc["09101", "rank_p05"]) and s.loc["09101", "robustness"] is None
    assert s["rank_p95"].max() <= 4


def test_rank_quantiles_match_numpy_inverted_cdf():
    ranks = np.random.default_rng(1).integers(1, 50, size=(999, 7)).astype(float)
    expected = np.quantile(ranks, [0.5, 0.05, 0.95], axis=0, method="inverted_cdf").T
    np.testing.assert_array_equal(rank_quantiles(ranks, (0.5, 0.05, 0.95)), expected)


def test_robustness_classes_known_answers():
    # n = 10 ranked districts -> quintile q = 2
    p05 = pd.Series([1, 9, 1, 4, np.nan], index=list("abcde"), dtype=float)
    p95 = pd.Series([2, 10, 9, 6, np.nan], index=list("abcde"), dtype=float)
    labels = classify_robustness(p05, p95, n_ranked=10)
    assert labels.tolist() == ["robust_high", "robust_low", "weight_dependent", "middle", None]


@pytest.mark.parametrize("factor", ["normalisation", "aggregation", "weights"])
def test_the_only_varied_factor_explains_all_variance(prepared, factor):
    prep, fw = prepared
    options = {
        "perturbation": 0.4 if factor == "weights" else 0.0,
        "mc_normalisations": None if factor == "normalisation" else ("zscore",),
        "mc_aggregations": None if factor == "aggregation" else ("arithmetic",),
        "mc_missing": ("renormalise",),
    }
    sens = run(prep, ScoringSpec(fw, mc_draws=3000, seed=5, **options)).sensitivity
    # with one factor varied, A_B(i) equals B: both indices estimate V / V = 1
    assert sens.loc[factor, "first_order"] == pytest.approx(1.0, abs=0.1)
    assert sens.loc[factor, "total_order"] == pytest.approx(1.0, abs=0.1)
    others = sens.drop(index=factor)
    assert (others[["first_order", "total_order"]] == 0.0).all().all()


@settings(max_examples=8, deadline=None)
@given(
    st.sampled_from(["weights", "normalisation", "aggregation", "missing"]),
    st.integers(0, 2**16),
    st.data(),
)
def test_a_factor_without_alternatives_always_gets_zero(prepared, factor, seed, data):
    prep, fw = prepared
    options: dict = {"mc_draws": 120, "seed": seed}
    if factor == "weights":
        options["perturbation"] = 0.0
    elif factor == "normalisation":
        options["mc_normalisations"] = (data.draw(st.sampled_from(list(Normalisation))),)
    elif factor == "aggregation":
        options["mc_aggregations"] = (data.draw(st.sampled_from(list(Aggregation))),)
    else:
        options["mc_missing"] = (data.draw(st.sampled_from(list(MissingPolicy))),)
    sens = run(prep, ScoringSpec(fw, **options)).sensitivity
    assert sens.loc[factor, "first_order"] == 0.0
    assert sens.loc[factor, "total_order"] == 0.0
    assert sens.drop(index=factor)["total_order"].max() > 0.0


@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=25, deadline=None)
def test_score_bounds_equal_nanquantile_with_and_without_gaps(prepared, seed):
    from potentials.sensitivity import _Sample, _score_bounds

    rng = np.random.default_rng(seed)
    scores = rng.normal(50, 10, size=(40, 12))
    scores[rng.random(scores.shape) < 0.05] = np.nan
    scores[:, 3] = np.nan  # a district never scored
    zeros = np.zeros(40, dtype=np.intp)
    sample = _Sample(np.ones((40, 1)), np.ones((40, 1)), zeros, zeros, zeros)
    bounds = _score_bounds(scores, sample, ScoringSpec(prepared[1]))
    with np.errstate(all="ignore"), pytest.warns(RuntimeWarning):
        expected = np.nanquantile(scores, (0.05, 0.95), axis=0).T
    np.testing.assert_allclose(bounds, expected, equal_nan=True)
