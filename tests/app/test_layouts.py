"""Layout functions compared as component trees, in both languages, without a browser."""

from __future__ import annotations

from dash import dcc, html
from dashtree import component_ids, find, texts

from layouts import ids, labels
from layouts.about import attribution_items
from layouts.i18n import TEXT, localise, t
from layouts.shell import body, shell
from layouts.state import AppState, validated


def _state(app_data, **kw) -> AppState:
    return validated(
        AppState(**kw),
        framework=app_data.framework,
        measures=labels.measures(app_data),
        ags=set(app_data.ags),
    )


def _body(app_data, lang="de", **kw):
    state = _state(app_data, lang=lang, **kw)
    return body(app_data, state, app_data.result(state.weights))


def test_translation_table_is_complete():
    for key, (de, en) in TEXT.items():
        assert de.strip() and en.strip(), key
    assert t("view.map", "de") == "Karte & Profil"
    assert t("view.map", "en") == "Map & profile"


def test_shell_holds_location_stores_header_and_language_switch():
    tree = shell()
    assert isinstance(find(tree, ids.URL), dcc.Location)
    assert isinstance(find(tree, ids.STATE), dcc.Store)
    switch = find(tree, ids.LANG)
    assert isinstance(switch, dcc.RadioItems)
    assert [o["value"] for o in switch.options] == ["de", "en"]
    assert isinstance(find(tree, ids.BODY), html.Main)
    assert t("title", "de") in texts(tree)


def test_body_has_every_view_and_control(app_data):
    tree = _body(app_data)
    found = component_ids(tree)
    for cid in (
        ids.WEIGHTS, ids.VIEW, ids.MEASURE, ids.CLASS_METHOD, ids.CLASS_K, ids.PALETTE, ids.MAP,
        ids.LEGEND, ids.CLASSES, ids.MAP_MESSAGE, ids.DISTRICT, ids.PROFILE,
        ids.COMPARE_SELECT, ids.COMPARE_MODE, ids.COMPARE_CHART, ids.COMPARE_TABLE,
        ids.TYPE_BY, ids.TYPE_MEASURE, ids.TYPE_BOX, ids.TYPE_MEANS, ids.TYPE_FILTER,
        ids.TYPE_MAP, ids.UNC_RANKS, ids.UNC_SENSITIVITY, ids.UNC_HELP,
        ids.EXPORT_GPKG, ids.EXPORT_CSV, ids.DOWNLOAD, ids.PRESET_EQUAL_DOMAINS,
        ids.PRESET_EQUAL_INDICATORS, ids.PRESET_PCA, ids.RESET,
    ):  # fmt: skip
        assert cid in found, cid
    assert isinstance(find(tree, ids.MAP), dcc.Graph)
    assert isinstance(find(tree, ids.VIEW), dcc.Tabs)
    domain_sliders = [i for i in found if isinstance(i, dict) and i["type"] == ids.DOMAIN_WEIGHT]
    assert [s["code"] for s in domain_sliders] == list(app_data.framework.domain_codes)
    # indicator sliders are shown on demand: one toggle and one empty panel per domain
    ind_sliders = [i for i in found if isinstance(i, dict) and i["type"] == ids.INDICATOR_WEIGHT]
    assert ind_sliders == []
    toggles = [i for i in found if isinstance(i, dict) and i["type"] == ids.INDICATOR_TOGGLE]
    assert [s["code"] for s in toggles] == list(app_data.framework.domain_codes)
    assert find(tree, ids.indicator_panel("labour")).children is None
    assert isinstance(find(tree, ids.domain_weight("labour")), dcc.Slider)


def test_tab_labels_follow_the_language(app_data):
    views = ("map", "ranking", "compare", "types", "uncertainty", "export", "about")
    for lang in ("de", "en"):
        tabs = find(_body(app_data, lang), ids.VIEW)
        assert [tab.label for tab in tabs.children] == [t(f"view.{v}", lang) for v in views]
        assert [tab.value for tab in tabs.children] == list(views)


def test_labels_switch_language_everywhere(app_data):
    de, en = set(texts(_body(app_data, "de"))), set(texts(_body(app_data, "en")))
    for key in ("weights", "preset.pca", "reset", "profile", "export.gpkg", "about.method",
                "measure.composite", "class.quantiles", "legend", "attribution"):  # fmt: skip
        assert any(t(key, "de") in x for x in de), key
        assert any(t(key, "en") in x for x in en), key
        assert not any(x == t(key, "de") for x in en) or t(key, "de") == t(key, "en"), key
    domain = app_data.framework.domain("labour")
    assert domain.name_de in de and domain.name_en in en


def test_map_figure_has_geometry_once_and_one_value_per_district(app_data):
    fig = find(_body(app_data), ids.MAP).figure
    # the choropleth, then the Länder borders and the (empty) outline of the selected district
    assert [d["type"] for d in fig["data"]] == ["choropleth", "scattergeo", "scattergeo"]
    trace = fig["data"][0]
    assert trace["type"] == "choropleth"
    assert len(trace["geojson"]["features"]) == 400
    assert list(trace["locations"]) == list(app_data.ags)
    assert len(trace["z"]) == 400


def test_attribution_names_the_licensed_sources(app_data):
    text = " ".join(texts(_body(app_data)))
    assert "© GeoBasis-DE / BKG 2016" in text
    assert "Statistische Ämter des Bundes und der Länder, dl-de/by-2-0" in text
    for item in attribution_items(app_data):
        assert localise(item, "de") in text
    for source in app_data.catalogue["source"].dropna().unique():
        assert all(localise(part.strip(), "de") in text for part in str(source).split(";"))


def test_state_drives_initial_values(app_data):
    ags = app_data.ags[3]
    weights = {"domains": {"labour": 3.0}}
    tree = _body(app_data, "en", view="compare", measure="domain_housing", district=ags,
                 compare=(ags, app_data.ags[4]), weights=weights)  # fmt: skip
    assert find(tree, ids.VIEW).value == "compare"
    assert find(tree, ids.MEASURE).value == "domain_housing"
    assert find(tree, ids.DISTRICT).value == ags
    assert find(tree, ids.COMPARE_SELECT).value == [ags, app_data.ags[4]]
    assert find(tree, ids.domain_weight("labour")).value == 3.0
    assert find(tree, ids.domain_weight("housing")).value == 1.0
    assert find(tree, ids.WEIGHTS).data["domains"]["labour"] == 3.0


def test_numbers_follow_the_language():
    from layouts.i18n import fmt_number

    assert fmt_number(60840.0, "de") == "60.840,00"
    assert fmt_number(60840.0, "en") == "60,840.00"
    assert fmt_number(float("nan"), "de") == "–"
    assert fmt_number(None, "en") == "–"


def test_about_page_lists_indicators_sources_and_build(app_data):
    from layouts.about import about_section

    state = _state(app_data, lang="en")
    text = texts(about_section(app_data, state))
    assert t("about.embedded", "en") in text
    assert t("about.weights.text", "en") in text
    joined = " ".join(text)
    for code in app_data.framework.codes:
        assert app_data.catalogue.loc[code, "name_en"] in joined
    for item in app_data.atlas.build["item"]:
        assert t(f"build.{item}", "en") in text


def test_about_page_states_each_reference_period_and_mixed_vintages():
    from geodata.atlas import load_atlas
    from layouts import data as appdata
    from layouts.about import about_section

    shipped = appdata.build(load_atlas(), mc_draws=0)
    for lang in ("de", "en"):
        text = texts(about_section(shipped, _state(shipped, lang=lang)))
        assert t("about.vintages", lang) in text
        assert "2023 (Jahresdurchschnitt)" in text  # alq
        assert "15.05.2022 (Zensus)" in text  # wohn_leer, preis_miet_best
        assert "09.05.2011" in text  # household_size, the oldest value
    assert "Minuten Pkw-Fahrzeit" in texts(about_section(shipped, _state(shipped, lang="de")))
