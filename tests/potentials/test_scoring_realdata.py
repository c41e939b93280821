"""The engine on the committed embedded atlas (real official data)."""

from __future__ import annotations

import os

import numpy as np
import pytest

from potentials import SETTLEMENT_TYPES, ScoringSpec, load_framework, prepare, run


@pytest.fixture(scope="module")
def embedded():
    from geodata.atlas import embedded_atlas_path, read_atlas

    path = embedded_atlas_path()
    if not path.exists():
        reason = f"the embedded atlas {path} is not built"
        if os.environ.get("POTENTIALS_STRICT") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return read_atlas(path)


@pytest.mark.realdata
def test_default_spec_on_embedded_atlas(embedded):
    fw = load_framework("thuenen2016", atlas=embedded)
    assert not any(i.is_proxy for i in fw.indicators) and not fw.dropped
    result = run(embedded, ScoringSpec(fw))
    s = result.scores
    assert len(s) == 400 and s.index.is_unique
    assert not s["flagged"].any()
    assert sorted(s["rank"].astype(int)) == list(range(1, 401))
    assert np.isfinite(s[result.domain_columns]).all().all()
    # a prosperous, well-connected large city offers favourable conditions
    assert s.loc["09162", "rank"] <= 20  # München, Landeshauptstadt
    assert s.loc["09162", "settlement_type"] == SETTLEMENT_TYPES[0]
    counts = s["settlement_type"].value_counts()
    assert 60 <= counts[SETTLEMENT_TYPES[0]] <= 75
    assert set(s["settlement_type"]) == set(SETTLEMENT_TYPES)


@pytest.mark.realdata
def test_monte_carlo_on_embedded_atlas(embedded):
    fw = load_framework("thuenen2016", atlas=embedded)
    result = run(prepare(embedded, fw), ScoringSpec(fw, mc_draws=1200, seed=1))
    s = result.scores
    assert (s["rank_p05"] <= s["rank_median"]).all()
    assert (s["rank_median"] <= s["rank_p95"]).all()
    assert {"robust_high", "robust_low"} <= set(s["robustness"])
    sens = result.sensitivity
    assert (sens["total_order"] >= sens["first_order"] - 0.05).all()
    assert sens["total_order"].between(0, 1.2).all()
