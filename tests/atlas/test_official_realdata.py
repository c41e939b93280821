"""Deutschlandatlas and INKAR values in the atlas built from ../shared/raw: fixes and checks."""

from __future__ import annotations

import shutil

import pytest

from geodata.errors import IncompleteInputError
from geodata.indicators import INDICATORS
from geodata.territory import CURRENT_KEYS

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


def test_district_values_are_the_official_ones(built_embedded, raw_dir):
    from geodata.readers import read_deutschlandatlas

    official = read_deutschlandatlas(
        raw_dir / "deutschlandatlas" / "Deutschlandatlas-Daten.xlsx", sheets=["KRS1222"]
    )
    alq = official[official["indicator"] == "alq"].set_index("key")["value"]
    wide = built_embedded.wide()
    assert wide["alq"].to_dict() == pytest.approx(alq.to_dict())
    assert sorted(built_embedded.districts["ags"]) == list(CURRENT_KEYS)


def test_rent_is_numeric_and_the_classes_are_ordinal(built_embedded):
    wide = built_embedded.wide()
    rent = wide["preis_miet_best"]
    assert rent.notna().sum() == 400
    assert rent.value_counts().max() <= 3  # no top-coding: 46 districts used to tie at 12.25
    assert rent["09162"] == pytest.approx(12.89)  # München, Zensus 2022
    assert rent["09162"] > rent["02000"] > rent["11000"]  # München > Hamburg > Berlin
    assert sorted(wide["preis_miet"].unique()) == [1, 2, 3, 4, 5, 6]
    assert (wide["preis_miet"] == 6).sum() == 46


def test_municipal_aggregates_are_means_without_artefact_zeros(built_embedded):
    wide = built_embedded.wide()
    assert (wide["v_breitb1000"] == 0).sum() == 0  # the unweighted median gave 34 zeros
    assert wide.loc["06437", "v_breitb50"] > 10  # Odenwaldkreis: median gave 2.3
    catalogue = built_embedded.catalogue.set_index("code")
    assert "Unweighted mean" in catalogue.loc["p_markt", "method_en"]
    assert "few units in: 03255" in catalogue.loc["preis_miet_best", "caveats_en"]
    for code in ("p_markt", "p_harzt", "p_grunds", "p_apo"):
        assert (wide[code] > 0).all(), code  # the -9999 sentinel is never averaged


def test_wartburgkreis_gdp_is_withheld_and_declared(built_embedded):
    wide = built_embedded.wide()
    assert wide["erw_bip"].isna().sum() == 1 and wide["erw_bip"].isna()["16063"]
    assert INDICATORS["erw_bip"].known_gaps == ("16063",)
    thuringia = wide.loc[wide.index.str.startswith("16"), "erw_bip"].dropna()
    assert thuringia.min() > 55


def test_inkar_median_wage_is_named_as_a_wage(built_embedded, raw_dir):
    from geodata.readers import read_inkar

    catalogue = built_embedded.catalogue.set_index("code")
    assert "wage" in catalogue.loc["median_wage_ft", "name_en"]
    assert catalogue.loc["median_wage_ft", "unit_en"] == "EUR gross per month"
    frame = read_inkar(raw_dir / "inkar" / "privateinkommen.csv")
    rows = frame[(frame["indicator"] == "Medianeinkommen") & (frame["year"] == 2017)]
    parts = rows.set_index("ags").loc[["16056", "16063"], "value"]
    merged = built_embedded.wide().loc["16063", "median_wage_ft"]
    assert parts.min() <= merged <= parts.max()


def test_registry_atlas_and_framework_agree(built_embedded, committed_atlas):
    from potentials.framework import load_framework

    for atlas in (built_embedded, committed_atlas):
        codes = set(atlas.indicators["indicator"])
        assert codes == set(atlas.catalogue["code"])
        assert codes <= set(INDICATORS)
        fw = load_framework("thuenen2016", atlas=atlas)
        assert set(fw.codes) <= codes and not fw.dropped
        assert not any(i.is_proxy for i in fw.indicators)
        wide = atlas.wide()
        for code in codes:
            gaps = set(INDICATORS[code].known_gaps)
            assert set(wide.index[wide[code].isna()]) == gaps, code


def _copy_raw(raw_dir, tmp_path):
    copy = tmp_path / "raw"
    shutil.copytree(raw_dir, copy, ignore=shutil.ignore_patterns("db-*", "bkg-vg250-2019-krs"))
    for name in ("db-stations", "db-hafas-stations"):
        (copy / name).symlink_to(raw_dir / name)
    return copy


@pytest.mark.parametrize(
    ("relative", "lines"),
    [("bundeswahlleiter/ew19_kerg.csv", 200), ("inkar/privateinkommen.csv", 150)],
)
def test_input_cut_short_fails_naming_file_and_districts(raw_dir, tmp_path, relative, lines):
    from geodata.atlas import build_atlas

    raw = _copy_raw(raw_dir, tmp_path)
    target = raw / relative
    target.chmod(0o644)
    text = target.read_bytes().splitlines(keepends=True)
    target.write_bytes(b"".join(text[:lines]))
    with pytest.raises(IncompleteInputError) as caught:
        build_atlas(raw, accessibility=False)
    assert target.name in str(caught.value)
    assert "16077" in caught.value.missing  # Altenburger Land, the last district
    assert len(caught.value.missing) > 100
