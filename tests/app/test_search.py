"""District search words and labels, checked with the matching rule of Dash's dropdown.

Dash's dropdown (js-search, all-substrings index, whitespace tokenizer) keeps an option
when every typed word is a case-insensitive substring of one of its label or search
words; :func:`matches` applies that rule to the options built by :mod:`layouts.places`.
"""

from __future__ import annotations

import pytest

from layouts.places import district_label, district_options, search_text, state_borders


def matches(option: dict[str, str], typed: str) -> bool:
    words = f"{option['label']} {option['search']} {option['value']}".lower().split()
    return all(any(q in w for w in words) for q in typed.lower().split())


GOERLITZ = {
    "label": district_label("Görlitz", "Landkreis", "de"),
    "value": "14626",
    "search": search_text("Görlitz", "Landkreis", "14626"),
}
MUNICH_CITY = {
    "label": district_label("München, Landeshauptstadt", "Kreisfreie Stadt", "de"),
    "value": "09162",
    "search": search_text("München, Landeshauptstadt", "Kreisfreie Stadt", "09162"),
}
MUNICH_DISTRICT = {
    "label": district_label("München", "Landkreis", "de"),
    "value": "09184",
    "search": search_text("München", "Landkreis", "09184"),
}


@pytest.mark.parametrize(
    "typed",
    ["Görlitz", "Landkreis Görlitz", "Kreis Görlitz", "LK Görlitz", "Goerlitz", "gorlitz", "14626"],
)
def test_goerlitz_is_found_by_every_usual_spelling(typed):
    assert matches(GOERLITZ, typed)


def test_labels_tell_city_and_landkreis_apart():
    assert MUNICH_CITY["label"] == "München (kreisfreie Stadt)"
    assert MUNICH_DISTRICT["label"] == "München (Landkreis)"
    assert matches(MUNICH_DISTRICT, "Landkreis München")
    assert not matches(MUNICH_CITY, "Landkreis München")
    assert matches(MUNICH_CITY, "Stadt München") and matches(MUNICH_CITY, "Landeshauptstadt")
    assert matches(MUNICH_CITY, "Muenchen") and not matches(GOERLITZ, "München")


def test_options_cover_every_district_with_unique_labels(app_data):
    options = district_options(app_data, "de")
    assert sorted(o["value"] for o in options) == sorted(app_data.ags)
    assert len({o["label"] for o in options}) == len(options)
    kinds = app_data.atlas.districts.set_index("ags")["kind"]
    city = next(a for a in app_data.ags if kinds[a] == "Kreisfreie Stadt")
    option = next(o for o in options if o["value"] == city)
    assert option["label"].endswith("(kreisfreie Stadt)") and matches(option, city)


def test_state_borders_are_one_line_trace_dissolved_once(app_data):
    first = state_borders(app_data)
    assert first is state_borders(app_data)  # cached: dissolved once per atlas
    assert len(first["lon"]) == len(first["lat"]) > 100
    assert None in first["lon"]  # several parts separated by gaps


def test_options_keep_only_the_search_words_that_find_something_more(app_data):
    # every spelling the full word list finds, the trimmed options still find
    options = district_options(app_data, "de")
    ags_kind = app_data.atlas.districts.set_index("ags")["kind"]
    for option in options[:60]:
        ags = option["value"]
        full = search_text(app_data.names[ags], ags_kind[ags], ags)
        assert len(option["search"]) < len(full)
        for word in full.split():
            assert matches(option, word), (ags, word)
