"""Similar districts: known neighbours on hand-made values, invariants with hypothesis."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from potentials.errors import PotentialsError
from potentials.similar import similar_districts

VALUES = pd.DataFrame(
    {"a": [0.0, 0.1, 3.0, 0.0, -2.0], "b": [0.0, 0.0, 3.0, 2.0, -2.0]},
    index=["01", "02", "03", "04", "05"],
)


def test_nearest_districts_in_order_with_distances_and_explanations():
    peers = similar_districts(VALUES, "01", k=2)
    assert [p.ags for p in peers] == ["02", "04"]
    assert peers[0].distance == pytest.approx(0.1)
    assert peers[1].distance == pytest.approx(2.0)
    assert peers[1].shared[0] == "a"  # equal on a, different on b
    assert peers[1].differs[0] == ("b", 2.0)


def test_peers_come_from_the_same_group_only():
    groups = pd.Series(["x", "y", "x", "y", "x"], index=VALUES.index)
    peers = similar_districts(VALUES, "01", k=5, groups=groups)
    assert [p.ags for p in peers] == ["05", "03"]  # only the other two of group x


def test_missing_values_take_the_median_and_unknown_district_fails():
    gappy = VALUES.copy()
    gappy.loc["02", "b"] = np.nan
    assert similar_districts(gappy, "01", k=1)[0].ags == "02"  # median of b is 0
    with pytest.raises(PotentialsError, match="99"):
        similar_districts(VALUES, "99")


@settings(max_examples=40, deadline=None)
@given(arrays(float, (12, 3), elements=st.floats(-5, 5)), st.integers(0, 11))
def test_a_duplicate_is_the_nearest_at_distance_zero(matrix, row):
    frame = pd.DataFrame(matrix, index=[f"{i:02d}" for i in range(12)], columns=list("abc"))
    frame.loc["twin"] = frame.iloc[row]
    peers = similar_districts(frame, frame.index[row], k=3)
    assert peers[0].distance == pytest.approx(0.0, abs=1e-9)
    assert len(peers) == 3 and frame.index[row] not in [p.ags for p in peers]
    assert [p.distance for p in peers] == sorted(p.distance for p in peers)
