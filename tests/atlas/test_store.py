"""Atlas GeoPackage round trip, atomic writing, path resolution and info, on a synthetic atlas."""

from __future__ import annotations

import json
import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geodata.atlas import (
    Atlas,
    atlas_info,
    embedded_atlas_path,
    format_info,
    load_atlas,
    read_atlas,
    resolve_atlas_path,
    write_atlas,
)
from geodata.errors import MissingHeaderError


def synthetic_atlas() -> Atlas:
    """Two made-up districts with two made-up indicators (not real data)."""
    districts = gpd.GeoDataFrame(
        {
            "ags": ["16063", "03159"],
            "name": ["Synthetic A", "Synthetic B"],
            "kind": ["Landkreis", "Landkreis"],
            "state": ["Thüringen", "Niedersachsen"],
            "nuts3": ["DEG0P", "DE91C"],
            "area_km2": [10.5, 20.25],
            "population": [1000, 2000],
        },
        geometry=[box(10, 50, 10.1, 50.1), box(10.1, 50, 10.2, 50.1)],
        crs="EPSG:4326",
    )
    indicators = pd.DataFrame(
        {
            "ags": ["03159", "16063", "03159"],
            "indicator": ["x", "x", "y"],
            "year": [2019, 2019, 2020],
            "value": [1.5, 2.5, -3.0],
        }
    )
    catalogue = pd.DataFrame(
        {
            "code": ["x", "y"],
            "name_de": ["X de", "Y de"],
            "name_en": ["X", "Y"],
            "unit_de": ["%", "EUR"],
            "unit_en": ["%", "EUR"],
            "unit": ["%", "EUR"],
            "period": ["2019", "2020"],
            "year": [2019, 2020],
            "territorial_status": ["31.12.2022", "31.12.2022"],
            "source_id": ["s", "s"],
            "source": ["Synthetic source", "Synthetic source"],
            "table_code": ["T1", "T2"],
            "licence": ["dl-de/by-2-0", "dl-de/by-2-0"],
            "method_de": ["m", "n"],
            "method_en": ["m", "n"],
            "method": ["m", "n"],
            "caveats_de": ["", "c"],
            "caveats_en": ["", "c"],
            "known_gaps": ["", "16063"],
            "is_proxy": [True, False],
            "proxy_for": ["z", None],
            "proxy_rho": [0.8, None],
        }
    )
    sources = [{"name": "Synthetic source", "year": 2019, "licence": "dl-de/by-2-0"}]
    build = pd.DataFrame(
        {
            "item": ["kind", "territorial_status", "sources"],
            "value": ["embedded", "400 districts", json.dumps(sources)],
        }
    )
    return Atlas(districts, indicators, catalogue, build)


def test_round_trip_keeps_values(tmp_path):
    path = write_atlas(synthetic_atlas(), tmp_path / "sub" / "a.gpkg")
    atlas = read_atlas(path)
    assert atlas.path == str(path)
    assert atlas.districts["ags"].tolist() == ["03159", "16063"]  # sorted
    assert atlas.districts["area_km2"].tolist() == [20.25, 10.5]
    assert atlas.districts.crs.to_epsg() == 4326
    assert atlas.wide().loc["03159"].tolist() == [1.5, -3.0]
    catalogue = atlas.catalogue.set_index("code")
    assert bool(catalogue.loc["x", "is_proxy"]) is True
    assert catalogue.loc["x", "proxy_for"] == "z"
    assert catalogue.loc["y", "proxy_for"] is None
    assert catalogue.loc["y", "known_gaps"] == "16063"
    assert catalogue.loc["x", "proxy_rho"] == pytest.approx(0.8)
    assert os.listdir(tmp_path / "sub") == ["a.gpkg"]  # no temporary file left


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = write_atlas(synthetic_atlas(), tmp_path / "a.gpkg")
    before = path.read_bytes()
    broken = synthetic_atlas()
    object.__setattr__(broken, "indicators", broken.indicators.drop(columns="value"))
    with pytest.raises(KeyError):
        write_atlas(broken, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["a.gpkg"]


def test_missing_layer_is_reported(tmp_path):
    path = tmp_path / "only_districts.gpkg"
    synthetic_atlas().districts.to_file(path, layer="districts")
    with pytest.raises(MissingHeaderError, match="indicators"):
        read_atlas(path)


def test_path_resolution(tmp_path, monkeypatch):
    path = write_atlas(synthetic_atlas(), tmp_path / "a.gpkg")
    monkeypatch.setenv("POTENTIALS_ATLAS", str(path))
    assert resolve_atlas_path() == path
    assert load_atlas().districts["ags"].tolist() == ["03159", "16063"]
    assert resolve_atlas_path(kind="embedded").name == "atlas.gpkg"
    with pytest.raises(FileNotFoundError, match="does not exist"):
        resolve_atlas_path(tmp_path / "nope.gpkg")


def test_user_atlas_is_used_only_when_chosen(tmp_path, monkeypatch):
    from geodata import settings

    monkeypatch.delenv("POTENTIALS_ATLAS", raising=False)
    user = write_atlas(synthetic_atlas(), settings.user_atlas_path())
    assert resolve_atlas_path().name == "atlas.gpkg"  # present but not chosen → shipped
    assert resolve_atlas_path() != user
    assert resolve_atlas_path(kind="full") == user
    choice = settings.atlas_choice_file()
    choice.parent.mkdir(parents=True, exist_ok=True)
    choice.write_text(str(user), encoding="utf-8")
    try:
        assert resolve_atlas_path() == user  # explicit `atlas use` step
    finally:
        choice.unlink()
        user.unlink()


def test_info(tmp_path):
    atlas = read_atlas(write_atlas(synthetic_atlas(), tmp_path / "a.gpkg"))
    info = atlas_info(atlas, {"x": "labour", "y": "social"})  # domains come from a framework
    assert info["districts"] == 2
    assert info["indicators"] == 2
    assert info["indicators_by_domain"] == {"labour": 1, "social": 1}
    assert atlas_info(atlas)["indicators_by_domain"] == {}
    assert [c["code"] for c in info["catalogue"]] == ["x", "y"]
    assert info["catalogue"][1]["period"] == "2020"
    assert info["size_bytes"] == (tmp_path / "a.gpkg").stat().st_size
    assert info["sources"] == [
        {"name": "Synthetic source", "year": 2019, "licence": "dl-de/by-2-0"}
    ]
    json.dumps(info)
    text = format_info(info)
    assert "districts     2" in text and "Synthetic source" in text


def test_suite_never_sees_the_users_data_folder():
    from geodata import settings

    home = Path.home().resolve()
    assert not settings.user_atlas_path().resolve().is_relative_to(home / ".local")
    assert not settings.atlas_choice_file().resolve().is_relative_to(home / ".config")
    assert resolve_atlas_path() == embedded_atlas_path()
