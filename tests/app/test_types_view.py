"""The rural–urban view: size of each type beside the published shares, honest labels."""

from __future__ import annotations

import pytest
from dashtree import texts

from layouts import types_view
from layouts.i18n import TEXT, fmt_number
from potentials.typology import NON_RURAL, compare_by_type, type_summary


@pytest.mark.parametrize("lang", ["de", "en"])
def test_rural_sizes_table_shows_counts_and_shares_beside_the_published_ones(app_data, lang):
    _, tables, options, _, _ = types_view.types_view(None, "rural_type", "composite", None, lang)
    cells = texts(tables)
    summary = type_summary(app_data.baseline, by="rural_type")
    rural = summary[summary["rural_type"] != NON_RURAL]
    for _, row in summary.iterrows():
        assert str(int(row["districts"])) in cells
        assert f"{fmt_number(100 * row['population_share'], lang, decimals=1)} %" in cells
    total = f"{fmt_number(100 * rural['population_share'].sum(), lang, decimals=1)} %"
    assert total in cells
    text = " ".join(cells)
    assert ("57,2 %" if lang == "de" else "57.2 %") in text
    assert ("91,3 %" if lang == "de" else "91.3 %") in text
    assert {o["value"] for o in options} <= set(summary["rural_type"])


def test_labels_say_recomputed_and_approximation_never_thuenen_type(app_data):
    label_de = types_view.rural_label(app_data.baseline, "de")
    label_en = types_view.rural_label(app_data.baseline, "en")
    assert label_de.startswith("Ländlichkeit nach Küpper (2016), mit Daten")
    assert label_de.endswith("neu berechnet")
    assert label_en.startswith("Rurality after Küpper (2016), recomputed with")
    assert all("Thünen-Typ" not in de and "Thünen type" not in en for de, en in TEXT.values())
    assert "ohne Kriterium des Stadtanteils" in TEXT["types.settlement"][0]
    assert "without the town-share criterion" in TEXT["types.settlement"][1]
    _, tables, *_ = types_view.types_view(None, "settlement_type", "composite", None, "de")
    assert TEXT["types.settlement_note"][0] in texts(tables)


def test_means_table_shows_median_and_quartiles_of_every_score(app_data):
    _, tables, *_ = types_view.types_view(None, "rural_type", "composite", None, "en")
    cells = " ".join(texts(tables))
    table = compare_by_type(app_data.baseline, by="rural_type")
    for _, row in table.iterrows():
        spread = (
            f"Md {fmt_number(row['median'], 'en')} "
            f"({fmt_number(row['q25'], 'en')}–{fmt_number(row['q75'], 'en')})"
        )
        assert spread in cells, (row["rural_type"], row["score"])
