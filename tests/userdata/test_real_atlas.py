"""User uploads against the shipped (embedded) atlas: real district names and codes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geodata.atlas import load_atlas
from geodata.readers.user_table import read_user_table
from potentials.extra import SOURCE, user_spec, with_user_indicators
from potentials.framework import load_framework
from potentials.pipeline import run
from potentials.spec import ScoringSpec

from .conftest import load_districts


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(kind="embedded")


def test_fixture_districts_match_the_atlas(atlas):
    fixture = load_districts().set_index("ags")
    real = pd.DataFrame(atlas.districts[["ags", "name", "kind"]]).set_index("ags")
    assert fixture.index.tolist() == sorted(real.index)
    assert (fixture["name"] == real.loc[fixture.index, "name"]).all()


def row_of(atlas, ags):
    return atlas.districts["ags"].tolist().index(ags) + 2


def test_upload_by_name_against_atlas_and_score(atlas):
    names = atlas.districts["name"].tolist()
    text = "Kreis;Beratungsstellen je 100.000 EW\r\n" + "".join(
        f'"{name}";{i % 17},5\r\n' for i, name in enumerate(names)
    )
    table = read_user_table(text.encode("cp1252"), filename="b.csv", districts=atlas.districts)
    # exact atlas names are unique except where a city and a Landkreis share one
    ambiguous = {p.row for p in table.errors if p.code == "ambiguous_name"}
    assert {p.code for p in table.errors} == {"ambiguous_name"}
    # 24 pairs of a city and a Landkreis of the same name; in Bavaria both are
    # called e.g. "Rosenheim", elsewhere the Landkreis name ("München") matches both
    assert len(ambiguous) == 38
    [rosenheim] = [
        p for p in table.errors if p.message_en.startswith(f"Row {row_of(atlas, '09163')}")
    ]
    assert "Rosenheim (09163, independent city), Rosenheim (09187, rural district)" in (
        rosenheim.message_en
    )
    assert "Rosenheim (09163, kreisfreie Stadt), Rosenheim (09187, Landkreis)" in (
        rosenheim.message_de
    )

    def unambiguous(name, kind):
        if "," in name or name.startswith("Landkreis "):
            return name
        return f"Stadt {name}" if kind == "Kreisfreie Stadt" else f"Landkreis {name}"

    fixed = "Kreis;Beratungsstellen je 100.000 EW\r\n" + "".join(
        f'"{unambiguous(name, kind)}";{i % 17},5\r\n'
        for i, (name, kind) in enumerate(
            zip(atlas.districts["name"], atlas.districts["kind"], strict=True)
        )
    )
    table = read_user_table(fixed.encode("cp1252"), filename="b.csv", districts=atlas.districts)
    assert table.ok, table.errors[:3]
    assert table.values.shape == (400, 1) and table.warnings == ()

    framework = load_framework("thuenen2016")
    spec = user_spec("Beratungsstellen je 100.000 EW", domain="integration", year=2025)
    new_atlas, new_framework = with_user_indicators(atlas, framework, table, [spec])
    assert new_atlas.catalogue.dtypes.to_dict() == atlas.catalogue.dtypes.to_dict()
    assert new_atlas.indicators.dtypes.to_dict() == atlas.indicators.dtypes.to_dict()
    row = new_atlas.catalogue.set_index("code").loc[spec.code]
    assert row["source"] == SOURCE and not row["is_proxy"]
    result = run(new_atlas, ScoringSpec(framework=new_framework))
    assert spec.code in result.raw.columns
    assert np.isfinite(result.scores["composite"]).sum() == 400
    base = run(atlas, ScoringSpec(framework=framework))
    assert not np.allclose(result.scores["composite"], base.scores["composite"])
