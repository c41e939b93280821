"""District names typed by people, matched against the 400 atlas names."""

from __future__ import annotations

import pytest

from geodata.readers._user_names import NameIndex, fold, split_name


@pytest.fixture(scope="module")
def index(districts):
    return NameIndex.build(zip(districts["ags"], districts["name"], districts["kind"], strict=True))


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("Offenbach", ["06413", "06438"]),
        ("Landkreis Offenbach", ["06438"]),
        ("Kreis Offenbach", ["06438"]),
        ("Offenbach, Landkreis", ["06438"]),
        ("Offenbach am Main", ["06413"]),
        ("Stadt Offenbach", ["06413"]),
        ("München", ["09162", "09184"]),
        ("Muenchen, Stadt", ["09162"]),
        ("  MÜNCHEN (Landkreis) ", ["09184"]),
        ("Frankfurt", ["06412", "12053"]),
        ("Frankfurt (Oder)", ["12053"]),
        ("Hannover", ["03241"]),
        ("Region Hannover", ["03241"]),
        ("Aachen", ["05334"]),
        ("Berlin", ["11000"]),
        ("Rostock", ["13003", "13072"]),
        ("Landkreis Rostock", ["13072"]),
        ("Hansestadt Rostock", ["13003"]),
        ("Heilbronn, Stadtkreis", ["08121"]),
        ("Halle", ["15002"]),
        ("Neustadt", ["07316", "09374", "09575"]),
        ("Altenburger Land", ["16077"]),
        ("Eisenach", []),
        ("Entenhausen", []),
    ],
)
def test_lookup(index, name, keys):
    assert index.lookup(name) == keys


def test_every_atlas_name_finds_itself(index, districts):
    for ags, name in zip(districts["ags"], districts["name"], strict=True):
        assert ags in index.lookup(name), name


def test_fold_and_split():
    assert fold("Mühldorf a.Inn") == "muehldorf a inn"
    assert split_name("Kassel, documenta-Stadt") == ("kassel", "city")
    assert split_name("Kreisfreie Stadt Kassel") == ("kassel", "city")
    assert split_name("Märkischer Kreis") == ("maerkischer", "county")
