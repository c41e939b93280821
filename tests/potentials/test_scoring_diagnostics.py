"""Diagnostics: Cronbach's alpha, first-component share and double counting (known answers)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from potentials import cronbach_alpha, diagnose
from potentials.diagnostics import first_component_share


def test_alpha_of_identical_columns_is_one():
    x = np.array([1.0, 4.0, 2.0, 8.0, 5.0])
    assert cronbach_alpha(np.column_stack([x, x, x])) == pytest.approx(1.0)


def test_alpha_of_a_small_matrix_by_hand():
    items = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 5.0], [4.0, 4.0]])
    # var(col1) = 5/3, var(col2) = 10/3; sums 3, 3, 8, 8 -> var = 25/3
    # alpha = 2/1 * (1 - (15/3) / (25/3)) = 2 * 0.4 = 0.8
    assert cronbach_alpha(items) == pytest.approx(0.8)


def test_alpha_drops_incomplete_rows_and_needs_two_items():
    items = np.array([[1.0, 2.0], [2.0, 1.0], [np.nan, 9.0], [3.0, 5.0], [4.0, 4.0]])
    assert cronbach_alpha(items) == pytest.approx(0.8)
    assert np.isnan(cronbach_alpha(items[:, :1]))


def test_first_component_share_known_answers():
    x = np.arange(10.0)
    assert first_component_share(np.column_stack([x, 2 * x])) == pytest.approx(1.0)
    # two uncorrelated standardised columns: each component explains half
    a = np.array([1.0, -1.0, 1.0, -1.0])
    b = np.array([1.0, 1.0, -1.0, -1.0])
    assert first_component_share(np.column_stack([a, b])) == pytest.approx(0.5)


def test_diagnose_flags_double_counting(framework_factory, two_domains):
    fw = framework_factory(two_domains)
    x = np.array([1.0, 2.0, 3.0, 4.0, 6.0])
    normalised = pd.DataFrame(
        {
            "alq": x,
            "income_pc": x * 2 + 0.01 * np.array([1, -1, 1, -1, 0]),
            "preis_miet": x[::-1] ** 2,
        }
    )
    diag = diagnose(normalised, fw)
    pairs = diag.double_counting
    r = np.corrcoef(normalised.to_numpy().T)
    expected = {
        (a, b)
        for i, a in enumerate(normalised.columns)
        for j, b in enumerate(normalised.columns)
        if i < j and abs(r[i, j]) > 0.9
    }
    assert ("alq", "income_pc") in expected
    assert set(zip(pairs["a"], pairs["b"], strict=True)) == expected
    assert (pairs["r"].abs() > 0.9).all()
    # alq = x, income = 2x (+ tiny noise): alpha = 2 * (1 - 5 var / 9 var) = 8/9
    assert diag.cronbach_alpha["labour"] == pytest.approx(8 / 9, rel=1e-3)
    assert np.isnan(diag.cronbach_alpha["housing"])  # single indicator
    assert diag.correlation.loc["alq", "alq"] == pytest.approx(1.0)
    assert set(diag.first_component_share.index) == {"all", "labour", "housing"}
