"""Units from the atlas catalogue (written from the indicator registry) follow the language."""

from types import SimpleNamespace

import pandas as pd

from layouts import labels

DATA = SimpleNamespace(
    catalogue=pd.DataFrame(
        {
            "unit_de": ["Minuten Pkw-Fahrzeit", None, None],
            "unit_en": ["minutes by car", None, None],
            "unit": ["minutes by car", "persons per 10,000 inhabitants", None],
        },
        index=pd.Index(["p_markt", "net_migration", "no_unit"], name="code"),
    )
)


def test_units_follow_the_language():
    assert labels.indicator_unit(DATA, "p_markt", "de") == "Minuten Pkw-Fahrzeit"
    assert labels.indicator_unit(DATA, "p_markt", "en") == "minutes by car"
    # an older atlas with only the English unit: the registry gives the German wording
    assert labels.indicator_unit(DATA, "net_migration", "de") == "Personen je 10.000 Einwohner"
    assert labels.indicator_unit(DATA, "net_migration", "en") == "persons per 10,000 inhabitants"
    assert labels.indicator_unit(DATA, "no_unit", "de") == ""
    assert labels.indicator_unit(DATA, "unknown", "de") == ""


def test_every_shipped_unit_is_a_real_unit_in_both_languages():
    from geodata.atlas import load_atlas

    catalogue = load_atlas().catalogue
    for column in ("unit_de", "unit_en"):
        units = catalogue[column]
        assert units.notna().all() and (units.str.strip() != "").all(), column
        assert not units.str.contains("siehe|see ", case=False).any(), column
    assert labels.UNITS_DE["minutes by car"] == "Minuten Pkw-Fahrzeit"
