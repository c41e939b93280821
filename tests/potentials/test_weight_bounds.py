"""Weights become shares before use, within bounds; a setting that cannot be scored says why."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from potentials import ScoringSpec, SpecificationError, WeightError, run
from potentials.spec import MAX_WEIGHT, MIN_WEIGHT, check_weight
from potentials.weighting import resolve_weights, weight_shares

VALUES = {"alq": [4.0, 5.0, 8.0], "income_pc": [10.0, 20.0, 30.0], "preis_miet": [5.0, 10.0, 15.0]}


@pytest.fixture()
def tiny(atlas_factory, framework_factory, two_domains):
    return atlas_factory(VALUES), framework_factory(two_domains)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (float("nan"), "not_finite"),
        (float("inf"), "not_finite"),
        (1e308, "too_large"),
        (MAX_WEIGHT * 1.001, "too_large"),
        (0.0004, "too_small"),
        (-1.0, "negative"),
        ("2", "not_number"),
        (True, "not_number"),
        (None, "not_number"),
    ],
)
def test_a_weight_out_of_bounds_is_rejected_with_its_reason_and_code(value, reason):
    with pytest.raises(WeightError) as info:
        check_weight("labour", value)
    assert info.value.reason == reason
    assert info.value.code == "labour"
    assert "labour" in str(info.value)


@pytest.mark.parametrize("value", [0, 0.0, MIN_WEIGHT, 1, 2.5, MAX_WEIGHT, np.float64(3)])
def test_weights_in_bounds_pass_as_floats(value):
    assert check_weight("x", value) == float(value)


def test_the_spec_checks_its_weights_and_names_the_offender(tiny):
    _, fw = tiny
    with pytest.raises(WeightError, match=r"domain weight labour=1e\+308") as info:
        ScoringSpec(fw, domain_weights={"labour": 1e308})
    assert info.value.reason == "too_large" and info.value.level == "domain"
    with pytest.raises(WeightError, match=r"at least 0\.001"):
        ScoringSpec(fw, domain_weights={"labour": 0.0004, "housing": 0.0004})


def test_all_zero_domain_weights_raise_a_weight_error(tiny):
    atlas, fw = tiny
    zero = {d: 0.0 for d in fw.domain_codes}
    with pytest.raises(WeightError, match="all domain weights are zero") as info:
        run(atlas, ScoringSpec(fw, domain_weights=zero))
    assert info.value.reason == "all_zero"
    assert isinstance(info.value, SpecificationError)


def test_zero_indicator_weights_leave_their_domain_out_and_all_of_them_fail(tiny):
    _, fw = tiny
    zero = {c: 0.0 for c in fw.codes}
    with pytest.raises(WeightError, match="indicator weights are all zero") as info:
        resolve_weights(fw, ScoringSpec(fw, indicator_weights=zero))
    assert info.value.reason == "all_zero"


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1e300, allow_subnormal=False), min_size=1, max_size=12))
def test_shares_are_finite_and_sum_to_one(weights):
    shares = weight_shares(np.array(weights))
    assert np.all(np.isfinite(shares))
    if max(weights) > 0:
        assert shares.sum() == pytest.approx(1.0)
        top = int(np.argmax(weights))
        assert shares[top] == shares.max()
    else:
        assert shares.sum() == 0


def test_group_shares_sum_to_one_per_group():
    shares = weight_shares(np.array([1.0, 3.0, 2.0, 0.0]), groups=np.array([0, 0, 1, 1]))
    np.testing.assert_allclose(shares, [0.25, 0.75, 1.0, 0.0])
