"""Unique readable district names (potentials.naming)."""

from __future__ import annotations

from potentials.naming import kind_label, unique_names


def test_duplicates_get_their_kind_and_unique_names_stay() -> None:
    names = unique_names(
        ["Bamberg", "Bamberg", "Kiel, Landeshauptstadt"],
        ["Kreisfreie Stadt", "Landkreis", "Kreisfreie Stadt"],
    )
    assert names == ["Bamberg (kreisfreie Stadt)", "Bamberg (Landkreis)", "Kiel, Landeshauptstadt"]


def test_english_qualifier() -> None:
    names = unique_names(["Hof", "Hof"], ["Kreisfreie Stadt", "Landkreis"], lang="en")
    assert names == ["Hof (independent city)", "Hof (rural district)"]
    assert kind_label("Unknown kind") == "Unknown kind"


def test_same_name_and_kind_falls_back_to_the_key() -> None:
    names = unique_names(["A", "A"], ["Landkreis", "Landkreis"], ["09001", "09002"])
    assert names == ["A (Landkreis, 09001)", "A (Landkreis, 09002)"]


def test_shipped_atlas_names_are_unique() -> None:
    from geodata.atlas import load_atlas

    districts = load_atlas().districts
    names = unique_names(districts["name"], districts["kind"], list(districts["ags"]))
    assert len(set(names)) == len(districts) == 400
    by_ags = dict(zip(districts["ags"], names, strict=True))
    assert by_ags["09461"] == "Bamberg (kreisfreie Stadt)"
    assert by_ags["09471"] == "Bamberg (Landkreis)"
    assert by_ags["09184"] == "München (Landkreis)"
    assert by_ags["09162"] == "München, Landeshauptstadt"
    # 14 Bavarian pairs plus 7 Landkreise beside a "<name>, Stadt …" city
    assert sum(n.endswith("(Landkreis)") for n in names) == 21
