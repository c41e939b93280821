"""Settlement types, population potential, rurality and rural types (known answers)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from shapely import Point

from potentials import (
    RURAL_TYPE_EN,
    SETTLEMENT_TYPES,
    ScoringSpec,
    compare_by_type,
    load_framework,
    run,
)
from potentials.typology import NON_RURAL, population_potential, rural_types, settlement_types


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


def test_population_potential_decays_with_great_circle_distance():
    berlin, munich = Point(13.405, 52.52), Point(11.582, 48.1351)  # ~504 km apart
    pot = population_potential([berlin, munich], np.array([0.0, 1.0]), decay_km=504.0)
    assert pot[0] == pytest.approx(np.exp(-1.0), rel=0.01)
    assert pot[1] == pytest.approx(1.0)


def test_rural_types_split_at_medians():
    rurality = pd.Series([-2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0], index=list("abcdefgh"))
    socio = pd.Series([0, 0, 0, 0, 1.0, -1.0, 1.0, -1.0], index=rurality.index)
    labels = rural_types(rurality, socio)
    assert labels[list("abcd")].tolist() == [NON_RURAL] * 4
    # rural e..h: rurality median 3.5 -> g, h very rural; socio median 0 -> e, g good
    assert RURAL_TYPE_EN[labels["g"]] == "very rural / good socio-economic position"
    assert RURAL_TYPE_EN[labels["h"]] == "very rural / less good socio-economic position"
    assert RURAL_TYPE_EN[labels["e"]] == "rather rural / good socio-economic position"
    assert RURAL_TYPE_EN[labels["f"]] == "rather rural / less good socio-economic position"


def test_rurality_is_higher_for_sparse_districts_and_documented(synthetic):
    result = run(synthetic, ScoringSpec(load_framework("thuenen2016")))
    s = result.scores
    density = synthetic.districts.set_index("ags").eval("population / area_km2")
    assert np.corrcoef(s["rurality"], -np.log(density.reindex(s.index)))[0, 1] > 0.5
    # the shipped atlas (and so the synthetic one) carries the land-use shares
    assert result.metadata["typology.farm_forest_share"] == "fl_landw + fl_wald"
    assert result.metadata["typology.detached_housing"]
    assert set(s["settlement_type"]) <= set(SETTLEMENT_TYPES)
    assert (s["rural_type"] == NON_RURAL).sum() == 200


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
