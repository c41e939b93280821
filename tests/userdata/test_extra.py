"""Merging planners' own indicators into the atlas and the framework (synthetic atlas).

The atlas here is ``potentials.synthetic.synthetic_atlas``: random values for 400
made-up districts ("Synthetischer Kreis NNN", keys 90001–90400), not real data.
"""

from __future__ import annotations

import copy
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from geodata.readers.user_table import read_user_table
from potentials.extra import (
    SOURCE,
    YEAR_NOT_STATED,
    UserSpecError,
    is_user_code,
    load_user_spec,
    user_code,
    user_spec,
    with_user_indicators,
)
from potentials.framework import FrameworkError, Indicator, load_framework
from potentials.pipeline import run
from potentials.spec import ScoringSpec
from potentials.synthetic import synthetic_atlas


@pytest.fixture(scope="module")
def atlas():
    return synthetic_atlas(400, seed=3)


@pytest.fixture(scope="module")
def framework(atlas):
    return load_framework("thuenen2016").resolve(atlas)


def upload_of(atlas, code, *, header, decimal_comma=True):
    """A CSV upload whose column equals the atlas indicator ``code`` (exact reprs)."""
    wide = atlas.wide()[code]
    lines = [f"Kennziffer;{header}"]
    for ags, value in wide.items():
        text = repr(float(value))
        lines.append(f"{ags};{text.replace('.', ',') if decimal_comma else text}")
    data = "\n".join(lines).encode("utf-8")
    table = read_user_table(data, filename="kurse.csv", districts=atlas.districts)
    assert table.ok, table.errors
    return table


def composite(atlas, framework):
    return run(atlas, ScoringSpec(framework=framework)).scores["composite"]


@pytest.mark.parametrize(
    ("column", "code"),
    [
        ("Kursplätze je 1000 EW", "user_kursplaetze_je_1000_ew"),
        ("  Beratung/Stellen (%)  ", "user_beratung_stellen"),
        ("Straße", "user_strasse"),
        ("€€€", "user_indicator"),
        ("x" * 80, "user_" + "x" * 40),
    ],
)
def test_user_code(column, code):
    assert user_code(column) == code
    assert is_user_code(code)


def test_load_user_spec(tmp_path, framework):
    path = tmp_path / "spec.toml"
    path.write_text(
        '[[indicator]]\ncolumn = "Kursplätze je 1000 EW"\ndirection = 1\ndomain = "services"\n'
        '[[indicator]]\ncolumn = "Wartezeit"\ndirection = -1\ndomain = "integration"\n'
        'weight = 0.5\nunit = "Wochen"\nyear = 2024\nname = "Wartezeit Integrationskurs"\n',
        encoding="utf-8",
    )
    first, second = load_user_spec(path, framework=framework)
    assert first == user_spec("Kursplätze je 1000 EW", domain="services")
    assert first.code == "user_kursplaetze_je_1000_ew" and first.weight == 1.0
    assert (second.direction, second.weight, second.unit, second.year) == (-1, 0.5, "Wochen", 2024)
    assert second.name == "Wartezeit Integrationskurs"


def test_load_user_spec_reports_every_problem(tmp_path, framework):
    path = tmp_path / "bad.toml"
    path.write_text(
        "[[indicator]]\n"
        'column = "A"\ndirection = 0\ndomain = "services"\nweight = -1\ncolour = "red"\n'
        "[[indicator]]\n"
        'column = "B"\ndirection = 1\ndomain = "nonsense"\nyear = "2024"\n'
        "[[indicator]]\n"
        "direction = 1\n"
        "[[indicator]]\n"
        'column = "B"\ndirection = -1\ndomain = "labour"\n'
        "[[indicator]]\n"
        'column = "C"\ndirection = 1\ndomain = "nonsense"\n',
        encoding="utf-8",
    )
    with pytest.raises(UserSpecError) as caught:
        load_user_spec(path, framework=framework)
    error = caught.value
    assert isinstance(error, FrameworkError)
    expected = [
        "indicator 1 ('A'): unknown key 'colour'",
        "indicator 1 ('A'): 'direction' must be 1 or -1, found 0",
        "indicator 1 ('A'): 'weight' must be a number > 0, found -1",
        "indicator 2 ('B'): 'year' must be a year, found '2024'",
        "indicator 3: 'column' is missing or not text",
        "indicator 3: 'domain' is missing or not text",
        "column 'C': there is no domain 'nonsense' (domains: labour, prosperity, housing, "
        "services, access, social, integration)",
    ]
    assert error.problems == expected
    assert "Indikator 1 („A“)" in error.details[0].message_de
    assert all(d.message_de and d.message_en for d in error.details)


def test_load_user_spec_duplicates(tmp_path):
    path = tmp_path / "dup.toml"
    path.write_text(
        '[[indicator]]\ncolumn = "B"\ndirection = 1\ndomain = "labour"\n'
        '[[indicator]]\ncolumn = "B"\ndirection = -1\ndomain = "labour"\n'
        '[[indicator]]\ncolumn = "b!"\ndirection = -1\ndomain = "labour"\n'
    )
    with pytest.raises(UserSpecError) as caught:
        load_user_spec(path)
    assert caught.value.problems == [
        "column 'B' is described more than once",
        "code 'user_b' occurs more than once (column 'B'); please set 'code'",
        "code 'user_b' occurs more than once (column 'b!'); please set 'code'",
    ]


def test_load_user_spec_checks_domains_only_with_framework(tmp_path, framework):
    path = tmp_path / "spec.toml"
    path.write_text('[[indicator]]\ncolumn = "A"\ndirection = 1\ndomain = "sevices"\n')
    assert load_user_spec(path)[0].domain == "sevices"
    with pytest.raises(UserSpecError, match="there is no domain 'sevices'"):
        load_user_spec(path, framework=framework)


@pytest.mark.parametrize(
    ("text", "message"),
    [("[[indicator]\n", "not valid TOML"), ("title = 'x'\n", "no \\[\\[indicator\\]\\] table")],
)
def test_load_user_spec_unusable_files(tmp_path, text, message):
    path = tmp_path / "spec.toml"
    path.write_text(text)
    with pytest.raises(UserSpecError, match=message):
        load_user_spec(path)


def test_merge_appends_values_catalogue_and_indicator(atlas, framework):
    table = upload_of(atlas, "cars_per_1000", header="Kursplätze je 1000 EW")
    spec = user_spec("Kursplätze je 1000 EW", domain="services", unit="je 1000 EW", year=2024)
    new_atlas, new_framework = with_user_indicators(atlas, framework, table, [spec])
    rows = new_atlas.indicators[new_atlas.indicators["indicator"] == spec.code]
    assert len(rows) == 400 and set(rows["year"]) == {2024}
    assert new_atlas.indicators["year"].dtype == atlas.indicators["year"].dtype
    expected = atlas.wide()["cars_per_1000"].rename(spec.code)
    pd.testing.assert_series_equal(new_atlas.wide()[spec.code], expected, check_exact=True)
    [entry] = new_atlas.catalogue[new_atlas.catalogue["code"] == spec.code].to_dict("records")
    assert entry["source"] == entry["licence"] == SOURCE
    assert not entry["is_proxy"]
    assert "not an official statistic" in entry["method"]
    assert entry["name_de"] == "Kursplätze je 1000 EW" and entry["unit"] == "je 1000 EW"
    assert entry["unit_de"] == entry["unit_en"] == "je 1000 EW"
    assert entry["year"] == 2024 and entry["period"] == "2024"
    services = [i.code for i in new_framework.indicators_of("services")]
    assert services == [*(i.code for i in framework.indicators_of("services")), spec.code]
    assert new_framework.indicator(spec.code).direction == 1
    assert "not official statistics" in new_framework.notes[-1]
    assert ("user_upload", "kurse.csv") in set(new_atlas.build.itertuples(index=False, name=None))


def test_merge_without_year(atlas, framework):
    table = upload_of(atlas, "cars_per_1000", header="K")
    new_atlas, _ = with_user_indicators(atlas, framework, table, [user_spec("K", domain="access")])
    entry = new_atlas.catalogue.set_index("code").loc["user_k"]
    assert entry["year"] == YEAR_NOT_STATED and "no year stated" in entry["method"]


def test_merge_is_pure(atlas, framework):
    table = upload_of(atlas, "cars_per_1000", header="K")
    before_atlas, before_values = copy.deepcopy(atlas), table.values.copy()
    before_framework = copy.deepcopy(framework)
    with_user_indicators(atlas, framework, table, [user_spec("K", domain="access")])
    pd.testing.assert_frame_equal(atlas.indicators, before_atlas.indicators)
    pd.testing.assert_frame_equal(atlas.catalogue, before_atlas.catalogue)
    pd.testing.assert_frame_equal(atlas.build, before_atlas.build)
    assert framework == before_framework
    pd.testing.assert_frame_equal(table.values, before_values)


def test_merge_reports_every_problem(atlas, framework):
    table = upload_of(atlas, "cars_per_1000", header="K")
    specs = [
        user_spec("K", domain="nowhere"),
        user_spec("Missing", domain="access"),
        user_spec("K", domain="access", code="income_pc"),
    ]
    with pytest.raises(UserSpecError) as caught:
        with_user_indicators(atlas, framework, table, specs)
    text = "\n".join(caught.value.problems)
    assert "there is no domain 'nowhere'" in text
    assert "column 'Missing' is not in the upload (columns: K)" in text
    assert "code 'income_pc' (column 'K') must start with 'user_'" in text
    assert "code 'income_pc' is already taken" in text
    assert "column 'K' is described more than once" in text


def test_merge_refuses_constant_column_and_table_with_errors(atlas, framework):
    data = ("AGS;K\n" + "".join(f"{k};1\n" for k in atlas.districts["ags"])).encode()
    constant = read_user_table(data, filename="c.csv", districts=atlas.districts)
    with pytest.raises(UserSpecError, match="fewer than two distinct values"):
        with_user_indicators(atlas, framework, constant, [user_spec("K", domain="access")])
    broken = read_user_table(b"AGS;K\n90001;x\n", filename="b.csv", districts=atlas.districts)
    with pytest.raises(UserSpecError, match=r"'b\.csv' has 1 error"):
        with_user_indicators(atlas, framework, broken, [user_spec("K", domain="access")])


@pytest.mark.parametrize("weight", [1.0, 2.5])
def test_end_to_end_upload_equals_framework_indicator(atlas, framework, weight):
    """Uploading an indicator's values == declaring that indicator in the framework."""
    # school_abitur is the last indicator of "services": remove it, then upload it.
    assert framework.indicators_of("services")[-1].code == "school_abitur"
    without = replace(
        framework,
        indicators=tuple(i for i in framework.indicators if i.code != "school_abitur"),
    )
    declared = replace(
        framework,
        indicators=tuple(
            replace(i, weight=weight) if i.code == "school_abitur" else i
            for i in framework.indicators
        ),
    )
    table = upload_of(atlas, "school_abitur", header="Abiturquote (eigene Daten)")
    spec = user_spec("Abiturquote (eigene Daten)", domain="services", direction=1, weight=weight)
    user_atlas, user_framework = with_user_indicators(atlas, without, table, [spec])
    by_upload = composite(user_atlas, user_framework)
    by_framework = composite(atlas, declared)
    np.testing.assert_allclose(by_upload.to_numpy(), by_framework.to_numpy(), rtol=1e-12)
    assert not np.allclose(by_upload.to_numpy(), composite(atlas, without).to_numpy())


def test_end_to_end_new_indicator_with_point_decimals(atlas, framework):
    """An atlas code the framework does not use, added by upload or by declaration."""
    table = upload_of(atlas, "cars_per_1000", header="Pkw", decimal_comma=False)
    spec = user_spec("Pkw", domain="access", direction=-1, weight=0.5)
    user_atlas, user_framework = with_user_indicators(atlas, framework, table, [spec])
    indicators = list(framework.indicators)
    last_access = max(k for k, i in enumerate(indicators) if i.domain == "access")
    indicators.insert(
        last_access + 1, Indicator(code="cars_per_1000", domain="access", direction=-1, weight=0.5)
    )
    declared = replace(framework, indicators=tuple(indicators))
    by_upload = run(user_atlas, ScoringSpec(framework=user_framework)).scores
    by_framework = run(atlas, ScoringSpec(framework=declared)).scores
    np.testing.assert_allclose(
        by_upload["composite"].to_numpy(), by_framework["composite"].to_numpy(), rtol=1e-12
    )
    assert (by_upload["rank"] == by_framework["rank"]).all()
    base = composite(atlas, framework)
    assert not np.allclose(by_upload["composite"].to_numpy(), base.to_numpy())


def test_formula_like_names_are_refused(atlas, framework):
    table = upload_of(atlas, "cars_per_1000", header="K")
    spec = user_spec("K", domain="access", name="=HYPERLINK(1)", unit="@x")
    with pytest.raises(UserSpecError) as caught:
        with_user_indicators(atlas, framework, table, [spec])
    assert caught.value.problems == [
        "column 'K': 'name' starts with '=' like a formula",
        "column 'K': 'unit' starts with '@' like a formula",
    ]


def test_add_user_files(tmp_path, atlas, framework):
    from geodata.readers.user_table import UserTableError
    from potentials.extra import add_user_files

    wide = atlas.wide()["cars_per_1000"]
    csv_path = tmp_path / "kurse.csv"
    csv_path.write_text(
        "AGS;Kurse\n"
        + "".join(f"{k};{repr(float(v)).replace('.', ',')}\n" for k, v in wide.items())
    )
    spec_path = tmp_path / "kurse.toml"
    spec_path.write_text('[[indicator]]\ncolumn = "Kurse"\ndirection = 1\ndomain = "services"\n')
    new_atlas, new_framework, table = add_user_files(atlas, framework, csv_path, spec_path)
    assert "user_kurse" in new_framework.codes and table.warnings == ()
    assert new_atlas.wide()["user_kurse"].equals(wide.rename("user_kurse"))
    csv_path.write_text("AGS;Kurse\n90001;x\n90002;1\n90003;2\n")
    with pytest.raises(UserTableError, match="'x' is not a number"):
        add_user_files(atlas, framework, csv_path, spec_path)
