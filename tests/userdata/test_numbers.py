"""Numbers typed by people: decimal comma or point, per column."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geodata.readers._user_numbers import Reading, decide_decimal, read_cell


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", {"comma": 12.5}),
        ("0.5", {"point": 0.5}),
        ("1.234,5", {"comma": 1234.5}),
        ("1,234.5", {"point": 1234.5}),
        ("1,234", {"comma": 1.234, "point": 1234.0}),
        ("1.234", {"point": 1.234, "comma": 1234.0}),
        ("0,123", {"comma": 0.123}),  # "0" cannot start a thousands group
        ("1234,567", {"comma": 1234.567}),  # a thousands group has 1-3 digits
        ("1.234.567", {"comma": 1234567.0}),
        ("1,234,567", {"point": 1234567.0}),
        ("1 234,5", {"comma": 1234.5}),
        ("1\u00a0234", {"comma": 1234.0, "point": 1234.0}),
        ("17", {"comma": 17.0, "point": 17.0}),
        ("-3,5", {"comma": -3.5}),
        ("\u22123,5", {"comma": -3.5}),
        ("+2", {"comma": 2.0, "point": 2.0}),
        ("1,5e3", {"comma": 1500.0}),
        ("1.5E-3", {"point": 0.0015}),
        (",5", {"comma": 0.5}),
        ("12,5 %", {"comma": 12.5}),
    ],
)
def test_read_cell_values_under_each_convention(text, expected):
    reading = read_cell(text)
    assert reading.kind == "number"
    assert dict(reading.values) == pytest.approx(expected)
    assert reading.conventions == set(expected)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("NaN", "nonfinite"),
        ("-inf", "nonfinite"),
        ("Infinity", "nonfinite"),
        ("#ZAHL!", "nonfinite"),
        ("=A1*2", "formula"),
        ("@SUM(A1)", "formula"),
        ("-A1", "formula"),
        ("+1+1", "formula"),
        ("k. A.", "text"),
        ("#DIV/0!", "text"),
        ("1,2,3", "text"),
        ("12,5,", "text"),
        (".", "text"),
        ("1.2.3,4,5", "text"),
        ("%", "text"),  # found by the fuzz test: a lone percent sign raised IndexError
        (" % ", "text"),
        ("-%", "formula"),
    ],
)
def test_read_cell_rejects(text, kind):
    assert read_cell(text).kind == kind


def test_overflowing_exponent_is_a_number_flagged_later_as_huge():
    reading = read_cell("1e400")
    assert reading.kind == "number" and math.isinf(reading.value("point"))


def _cells(*texts):
    return [(i + 2, t, read_cell(t)) for i, t in enumerate(texts)]


def test_decide_decimal_by_the_unambiguous_cell():
    assert decide_decimal(_cells("1,234", "12,5"), default="point").convention == "comma"
    assert decide_decimal(_cells("1,234", "0.5"), default="comma").convention == "point"


def test_decide_decimal_reports_conflicting_rows():
    decision = decide_decimal(_cells("7", "1,5", "2.5"), default="comma")
    assert decision.convention is None
    assert decision.conflict == ((3, "1,5"), (4, "2.5"))


def test_decide_decimal_falls_back_to_default_and_says_so():
    decision = decide_decimal(_cells("1,234", "2,500"), default="comma")
    assert (decision.convention, decision.assumed) == ("comma", "1,234")
    integers = decide_decimal(_cells("1", "22"), default="point")
    assert (integers.convention, integers.assumed) == ("point", None)


@given(st.text(max_size=40))
def test_read_cell_never_raises(text):
    reading = read_cell(text)
    assert isinstance(reading, Reading)
    if reading.kind == "number":
        assert reading.values and not any(math.isnan(v) for _, v in reading.values)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e14, max_value=1e14))
def test_any_float_written_either_way_reads_back(value):
    text = repr(value)
    assert read_cell(text).value("point") == value
    assert read_cell(text.replace(".", ",")).value("comma") == value
