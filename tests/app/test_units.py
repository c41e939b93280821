"""Units from the (English) atlas catalogue are shown in the interface language."""

from types import SimpleNamespace

import pandas as pd

from layouts import labels
from layouts.i18n import UNITS

DATA = SimpleNamespace(
    catalogue=pd.DataFrame(
        {"unit": ["per 10,000 inhabitants", "EUR", None]},
        index=pd.Index(["net_migration", "income_pc", "no_unit"], name="code"),
    )
)


def test_units_follow_the_language():
    assert labels.indicator_unit(DATA, "net_migration", "de") == "je 10.000 Einwohner"
    assert labels.indicator_unit(DATA, "net_migration", "en") == "per 10,000 inhabitants"
    assert labels.indicator_unit(DATA, "income_pc", "de") == "EUR"  # same in both
    assert labels.indicator_unit(DATA, "no_unit", "de") == ""
    assert labels.indicator_unit(DATA, "unknown", "de") == ""


def test_every_embedded_unit_has_a_german_wording():
    from geodata.atlas import load_atlas

    units = set(load_atlas().catalogue["unit"].dropna())
    untranslated = {u for u in units if u not in UNITS and not u.isupper()}
    assert untranslated <= {"%", "km", "km²"}, untranslated
