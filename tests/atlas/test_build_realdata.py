"""Build the embedded atlas from ../shared/raw and compare it with the committed one."""

from __future__ import annotations

import pandas as pd
import pytest

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


def test_rebuild_reproduces_the_committed_values(built_embedded, committed_atlas):
    pd.testing.assert_frame_equal(
        built_embedded.indicators, committed_atlas.indicators, check_exact=False, rtol=1e-9
    )
    pd.testing.assert_frame_equal(built_embedded.catalogue, committed_atlas.catalogue)
    inputs = built_embedded.build[built_embedded.build["item"].str.startswith("input:")]
    committed = committed_atlas.build[committed_atlas.build["item"].str.startswith("input:")]
    pd.testing.assert_frame_equal(inputs, committed)  # same files, same checksums
    left = built_embedded.districts.drop(columns="geometry")
    right = committed_atlas.districts.drop(columns="geometry")
    pd.testing.assert_frame_equal(left, right)
    assert built_embedded.districts.geom_equals_exact(
        committed_atlas.districts.geometry, tolerance=1e-6
    ).all()


def test_population_equals_the_source_table(built_embedded, raw_dir):
    from geodata.readers import read_destatis_kreise

    source = read_destatis_kreise(raw_dir / "destatis-gv-2019" / "04-kreise.xlsx")
    assert built_embedded.districts["population"].sum() == source["population"].sum()
    wide = built_embedded.wide()
    eisenach = source.set_index("ags").loc[["16056", "16063"], "population"].sum()
    assert wide.loc["16063", "population"] == eisenach


def test_merged_district_is_recomputed_from_counts(built_embedded, raw_dir):
    from geodata.readers import read_europawahl, read_pks

    wide = built_embedded.wide()
    election = read_europawahl(raw_dir / "bundeswahlleiter" / "ew19_kerg.csv").set_index("ags")
    parts = election.loc[["16056", "16063"]]
    turnout = 100 * parts["voters"].sum() / parts["electorate"].sum()
    assert wide.loc["16063", "turnout_ew2019"] == pytest.approx(turnout)
    assert wide.loc["16051", "turnout_ew2019"] == pytest.approx(election.loc["16051", "turnout"])

    pks = read_pks(raw_dir / "bka-pks" / "2020" / "KR-F-01-T01-Kreise-Faelle-HZ_csv.csv")
    total = pks[pks["offence_key"] == "------"].set_index("ags")
    cases = total.loc[["16056", "16063"], "cases"].sum()
    rate = 1e5 * cases / wide.loc["16063", "population"]
    assert wide.loc["16063", "crime_rate"] == pytest.approx(rate)
    # published rates are kept where nothing was merged
    assert wide.loc["16051", "crime_rate"] == total.loc["16051", "rate_per_100k"]
