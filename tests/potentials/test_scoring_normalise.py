"""Normalisers against scikit-learn / scipy, and their invariants (hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import rankdata
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from potentials import (
    DistanceToReference,
    MinMax,
    Normalisation,
    PercentileRank,
    ZScore,
    make_normaliser,
)

X = np.array([[1.0, 10.0], [2.0, 10.0], [4.0, 30.0], [9.0, 50.0], [4.0, 0.0]])

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
columns = arrays(np.float64, st.integers(3, 40), elements=finite, unique=True)


def test_zscore_matches_standard_scaler():
    np.testing.assert_allclose(ZScore().fit_transform(X), StandardScaler().fit_transform(X))


def test_minmax_matches_minmax_scaler_times_100():
    expected = MinMaxScaler(feature_range=(0, 100)).fit_transform(X)
    np.testing.assert_allclose(MinMax().fit_transform(X), expected)


def test_percentile_matches_scipy_rankdata_average():
    n = X.shape[0]
    expected = np.column_stack([100 * (rankdata(c, method="average") - 1) / (n - 1) for c in X.T])
    np.testing.assert_allclose(PercentileRank().fit_transform(X), expected)
    # ties share the mean rank: the two 4.0 are ranks 3 and 4 -> 3.5 -> 62.5
    assert PercentileRank().fit_transform(X)[2, 0] == pytest.approx(62.5)


def test_distance_to_reference_uses_population_weighted_german_value():
    x = np.array([[1.0], [3.0]])
    population = np.array([3.0, 1.0])
    norm = DistanceToReference().fit(x, sample_weight=population)
    assert norm.reference_[0] == pytest.approx(1.5)  # (1*3 + 3*1) / 4
    assert norm.scale_[0] == pytest.approx(1.0)  # std of (1, 3)
    np.testing.assert_allclose(norm.transform(x)[:, 0], [-0.5, 1.5])
    # without weights: the median
    assert DistanceToReference().fit(np.array([[1.0], [2.0], [10.0]])).reference_[0] == 2.0


def test_missing_values_are_ignored_when_fitting_and_kept_when_transforming():
    x = np.array([[1.0], [np.nan], [3.0]])
    for method in Normalisation:
        out = make_normaliser(method).fit_transform(x, sample_weight=np.ones(3))
        assert np.isnan(out[1, 0]), method
        assert np.isfinite(out[[0, 2], 0]).all(), method
    np.testing.assert_allclose(ZScore().fit_transform(x)[[0, 2], 0], [-1.0, 1.0])


def test_fitted_state_applies_to_new_data():
    norm = MinMax().fit(np.array([[0.0], [10.0]]))
    np.testing.assert_allclose(norm.transform(np.array([[5.0], [20.0]]))[:, 0], [50.0, 200.0])
    pct = PercentileRank().fit(np.array([[0.0], [10.0], [20.0]]))
    np.testing.assert_allclose(pct.transform(np.array([[10.0], [15.0]]))[:, 0], [50.0, 75.0])


def test_constant_column_does_not_divide_by_zero():
    x = np.full((4, 1), 7.0)
    assert np.all(ZScore().fit_transform(x) == 0.0)
    assert np.all(MinMax().fit_transform(x) == 0.0)


def test_init_only_stores_parameters_and_repr_shows_them():
    norm = MinMax(feature_range=(0.0, 1.0))
    assert not any(k.endswith("_") for k in vars(norm))
    assert repr(norm) == "MinMax(feature_range=(0.0, 1.0))"


@settings(max_examples=60, deadline=None)
@given(columns)
def test_monotone_transform_keeps_percentile_ranks(x):
    transformed = np.sign(x) * np.abs(x) ** 1.5 + 3 * x  # strictly increasing
    a = PercentileRank().fit_transform(x[:, None])
    b = PercentileRank().fit_transform(transformed[:, None])
    np.testing.assert_array_equal(a, b)


@settings(max_examples=60, deadline=None)
@given(columns, st.sampled_from(list(Normalisation)))
def test_every_normalisation_keeps_the_order(x, method):
    out = make_normaliser(method).fit_transform(x[:, None], sample_weight=np.ones_like(x))[:, 0]
    order = np.argsort(x)
    assert np.all(np.diff(out[order]) >= -1e-9 * max(1.0, np.abs(out).max()))


def test_normalisers_work_with_sklearn_clone():
    from sklearn.base import clone

    fitted = MinMax(feature_range=(0.0, 1.0)).fit(X)
    copy = clone(fitted)
    assert copy.get_params() == {"feature_range": (0.0, 1.0)}
    assert not hasattr(copy, "data_min_")
    assert DistanceToReference().set_params(reference="median").reference == "median"
    with pytest.raises(ValueError, match="no parameter 'scale'"):
        ZScore().set_params(scale=2)
