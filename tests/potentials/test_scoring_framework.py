"""Framework loading, validation (all problems at once) and resolution against an atlas."""

from __future__ import annotations

import textwrap

import pytest

from potentials import FrameworkError, Transform, available_frameworks, load_framework
from potentials.framework import DOMAIN_CODES


def test_bundled_thuenen_framework_has_seven_domains_with_bilingual_names():
    fw = load_framework("thuenen2016")
    assert "thuenen2016" in available_frameworks()
    assert fw.domain_codes == DOMAIN_CODES
    for d in fw.domains:
        assert d.name_de and d.name_en and d.description_de and d.description_en
    for ind in fw.indicators:
        assert ind.direction in (1, -1)
        assert ind.rationale, ind.code
    # civic participation only: no party vote shares anywhere in the framework
    codes = {c for i in fw.indicators for c in i.codes()}
    assert not any("afd" in c or "party" in c or "partei" in c for c in codes)


def test_default_framework_uses_real_indicators_only(synthetic):
    fw = load_framework("thuenen2016", atlas=synthetic)
    assert not any(i.is_proxy for i in fw.indicators)
    assert not fw.dropped
    assert {"alq", "wohn_leer", "preis_miet_best", "v_harzt", "kbetr_u3", "p_markt"} <= set(
        fw.codes
    )
    assert "employees_per_1000" not in fw.codes and "pop_change_5y" not in fw.codes
    assert all(fw.indicators_of(d) for d in fw.domain_codes)


def test_full_atlas_uses_preferred_codes():
    from potentials.synthetic import synthetic_atlas

    full = synthetic_atlas(60, kind="full")
    fw = load_framework("thuenen2016", atlas=full)
    assert {"alq", "wohn_leer", "mitgl_sportv", "wahl_beteil", "erw_bip"} <= set(fw.codes)
    assert not fw.indicator("alq").is_proxy
    assert fw.indicator("alq").direction == -1


def test_four_faults_are_reported_together(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(
        textwrap.dedent(
            """
            name = "bad"
            [[domains]]
            code = "labour"
            name_de = "Arbeit"
            name_en = "Labour"

            [[indicators]]
            code = "alq"
            domain = "labour"
            direction = 2

            [[indicators]]
            code = "income_pc"
            domain = "wealth"
            direction = 1

            [[indicators]]
            code = "employees_per_1000"
            domain = "labour"
            direction = 1
            weight = 0

            [[indicators]]
            code = "no_such_code"
            domain = "labour"
            direction = 1
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(FrameworkError) as info:
        load_framework(path)
    problems = info.value.problems
    assert len(problems) == 4
    message = str(info.value)
    assert "4 problem(s)" in message and str(path) in message
    assert "'alq'" in message and "direction must be +1 or -1, got 2" in message
    assert "unknown domain 'wealth'" in message
    assert "'employees_per_1000'" in message and "weight must be a number > 0" in message
    assert "unknown atlas code 'no_such_code'" in message


def test_duplicate_code_and_empty_domain(framework_factory, two_domains):
    two_domains["indicators"].append({"code": "alq", "domain": "labour", "direction": -1})
    two_domains["domains"].append({"code": "social", "name_de": "S", "name_en": "S"})
    with pytest.raises(FrameworkError) as info:
        framework_factory(two_domains)
    assert len(info.value.problems) == 2
    assert "indicator 'alq' is listed more than once" in str(info.value)
    assert "domain 'social' has no indicators" in str(info.value)


def test_resolution_reports_every_unresolvable_indicator(
    atlas_factory, framework_factory, two_domains
):
    atlas = atlas_factory({"income_pc": [1.0, 2.0, 3.0]})
    fw = framework_factory(two_domains)
    with pytest.raises(FrameworkError) as info:
        fw.resolve(atlas)
    msg = str(info.value)
    assert len(info.value.problems) == 3  # alq, preis_miet, and the now empty housing domain
    assert "indicator 'alq'" in msg and "indicator 'preis_miet'" in msg
    assert "domain 'housing' has no indicator in the embedded atlas" in msg


def test_log_transform_and_winsorise_are_parsed(framework_factory, two_domains):
    two_domains["indicators"][1] |= {"transform": "log", "winsorise": [0.05, 0.95]}
    fw = framework_factory(two_domains)
    ind = fw.indicator("income_pc")
    assert ind.transform is Transform.LOG and ind.winsorise == (0.05, 0.95)


def test_unknown_framework_name_lists_the_bundled_ones():
    with pytest.raises(FileNotFoundError, match="thuenen2016"):
        load_framework("does-not-exist")


def test_invalid_toml_names_the_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("name = ", encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"broken\.toml"):
        load_framework(path)


def test_framework_resolved_on_one_atlas_is_rejected_on_an_atlas_without_its_codes(synthetic):
    from dataclasses import replace

    from potentials import ScoringSpec, run

    full_fw = load_framework("thuenen2016", atlas=synthetic)
    without_alq = replace(
        synthetic,
        indicators=synthetic.indicators[synthetic.indicators["indicator"] != "alq"],
        catalogue=synthetic.catalogue[synthetic.catalogue["code"] != "alq"],
    )
    with pytest.raises(FrameworkError, match="'alq' is not in the embedded atlas"):
        run(without_alq, ScoringSpec(full_fw))
