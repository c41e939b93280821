"""Callback functions called as plain functions; results checked against the engine."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyogrio
import pytest
from dash import no_update
from dashtree import texts

import potentials
from layouts import compare, export, labels, map_view, profile, routing, types_view, uncertainty
from layouts import weights as weights_cb
from layouts.colours import classify, stepped_colorscale
from layouts.engine import clean_weights
from layouts.i18n import fmt_number, t
from layouts.state import AppState, from_query, to_query


def _ops(patch) -> dict[tuple, object]:
    return {tuple(op["location"]): op["params"]["value"] for op in patch._operations}


def _engine(app_data, domain_weights):
    spec = potentials.ScoringSpec(app_data.framework, domain_weights=domain_weights)
    return potentials.run(app_data.atlas, spec)


def test_weight_change_patches_z_with_the_engine_composite(app_data):
    weights = {"domains": {"labour": 3.0, "housing": 0.5}}
    out = map_view.recolour(
        weights, "composite", "quantiles", 5, "viridis", None, "de", weights_changed=True
    )
    classes = out["classes"]
    ops = _ops(out["figure"])
    assert ("data", 0, "geojson") not in ops  # never the geometry
    assert all(loc[:2] == ("data", 0) for loc in ops)
    z = np.asarray(ops[("data", 0, "z")], dtype=float)
    full = {d.code: 1.0 for d in app_data.framework.domains} | weights["domains"]
    expected = _engine(app_data, full).scores["composite"].reindex(list(app_data.ags))
    ok = expected.notna().to_numpy()
    np.testing.assert_allclose(z[ok], expected.to_numpy()[ok].round(3), atol=1e-12)
    # a district without a composite is drawn below the first class, in grey
    assert np.all(z[~ok] < np.nanmin(expected.to_numpy()))
    assert len(classes) == 400


def test_class_change_message_counts_districts_that_moved(app_data):
    before = map_view.recolour(
        None, "composite", "quantiles", 5, "viridis", None, "en", weights_changed=False
    )["classes"]
    weights = {"domains": {"access": 4.0}}
    out = map_view.recolour(
        weights, "composite", "quantiles", 5, "viridis", before, "en", weights_changed=True
    )
    after = out["classes"]
    n = sum(1 for a, b in zip(before, after, strict=True) if a != b)
    assert n > 0
    assert out["message"] == t("map.changed", "en", n=n, total=400)
    same = map_view.recolour(
        {"domains": {"access": 4.0}}, "composite", "quantiles", 5, "viridis", after, "en",
        weights_changed=True,
    )["message"]  # fmt: skip
    assert same == t("map.unchanged", "en")
    # back at the framework's weights (reset) the message is cleared
    reset = map_view.recolour(
        None, "composite", "quantiles", 5, "viridis", after, "en", weights_changed=True
    )
    assert reset["message"] == ""


def test_indicator_measure_shows_raw_values_with_unit_and_year(app_data):
    code = app_data.framework.indicators[0].code
    out = map_view.recolour(None, code, "fisher_jenks", 4, "cividis", None, "de",
                            weights_changed=False)  # fmt: skip
    ops = _ops(out["figure"])
    raw = app_data.baseline.raw[code].reindex(list(app_data.ags))
    z = np.asarray(ops[("data", 0, "z")], dtype=float)
    ok = raw.notna().to_numpy()
    np.testing.assert_allclose(z[ok], raw.to_numpy()[ok].round(3))
    unit = app_data.catalogue.loc[code, "unit_de"]  # the interface is German here
    direction = labels.direction_text(app_data, code, "de")
    assert ops[("data", 0, "colorbar", "title", "text")] == f"{unit} · {direction}"
    years = {row[1] for row in ops[("data", 0, "customdata")]}
    assert years <= {str(int(y)) for y in app_data.years[code].dropna().unique()} | {"–"}


@pytest.mark.parametrize("method", ["quantiles", "fisher_jenks", "equal_interval", "std_mean"])
def test_stepped_colour_scale_reproduces_the_classes(app_data, method):
    values = app_data.baseline.scores["composite"].reindex(list(app_data.ags))
    classes = classify(values, method=method, k=5)
    scale, zmin, zmax, _ = stepped_colorscale(values, classes)
    colour_at = []
    for v in values:
        p = (zmin if pd.isna(v) else v) - zmin
        p /= zmax - zmin
        # Plotly: the last stop whose position is <= p defines the colour of a step
        colour = [c for pos, c in scale if pos <= p + 1e-12][-1]
        colour_at.append(colour)
    expected = ["#d9d9d9" if c < 0 else classes.colours[c] for c in classes.cls]
    assert colour_at == expected


def test_click_selects_the_district():
    assert map_view.district_from_click({"points": [{"location": "09162"}]}) == "09162"
    assert map_view.district_from_click(None) is no_update


def test_profile_shows_engine_values_percentiles_and_gaps(app_data):
    result = app_data.result(None)
    scores = result.scores
    gap_ags = next(a for a in app_data.ags if result.raw.loc[a].isna().any())
    content = profile.profile_content(app_data, result, gap_ags, "de")
    text = " ".join(texts(content))
    assert f"{app_data.names[gap_ags]} ({gap_ags})" in text
    missing = result.raw.columns[result.raw.loc[gap_ags].isna()]
    for code in missing:
        assert app_data.catalogue.loc[code, "name_de"] in text
    ags = app_data.ags[0]
    text = " ".join(texts(profile.profile_content(app_data, result, ags, "en")))
    assert f"Rank {int(scores.at[ags, 'rank'])} of" in text
    assert fmt_number(scores.at[ags, "composite"], "en") in text
    best = scores["domain_labour"].idxmax()
    assert profile.percentile(scores["domain_labour"], best) == round(100 * 399.5 / 400)
    assert profile.profile_content(app_data, result, None, "de")[0].children == t(
        "profile.empty", "de"
    )


def test_compare_table_and_chart(app_data):
    chosen = list(app_data.ags[:3])
    fig, ranks, table = compare.compare_view(None, chosen, "raw", "de")
    assert [trace["name"] for trace in fig["data"]] == [
        f"{app_data.names[a]} ({a})" for a in chosen
    ]
    header = texts(table.children[0].children[0])
    assert header[3:] == [f"{app_data.names[a]} ({a})" for a in chosen]
    scores = app_data.baseline.scores
    a = chosen[0]
    cell = f"{int(scores.at[a, 'rank'])} ({int(scores.at[a, 'rank_p05'])}–"
    assert any(x.startswith(cell) for x in texts(ranks))
    code = app_data.framework.indicators[0].code
    value = app_data.baseline.raw.at[chosen[0], code]
    assert fmt_number(value, "de") in texts(table)
    _, _, hint = compare.compare_view(None, chosen[:1], "raw", "de")
    assert hint.children == t("compare.hint", "de")


def test_types_view_means_match_engine(app_data):
    box, means, options, typ, tmap = types_view.types_view(
        None, "settlement_type", "composite", None, "de"
    )
    table = potentials.compare_by_type(app_data.baseline, by="settlement_type")
    comp = table[table["score"] == "composite"]
    assert len(box["data"]) == len(comp)
    cells = texts(means)
    for _, row in comp.iterrows():
        assert fmt_number(row["mean"], "de") in cells
    assert typ == options[0]["value"]
    in_type = app_data.baseline.scores["settlement_type"] == typ
    z = np.asarray(tmap["data"][0]["z"], dtype=float)
    coloured = z > tmap["data"][0]["zmin"]
    assert int(coloured.sum()) == int(
        (in_type & app_data.baseline.scores["composite"].notna()).reindex(list(app_data.ags)).sum()
    )


def test_uncertainty_view_orders_by_median_rank(app_data):
    ranks, sens, note, _help = uncertainty.uncertainty_view(None, "en")
    n = sum(len(trace["x"]) for trace in ranks["data"])
    assert n == int(app_data.baseline.scores["rank_median"].notna().sum())
    names = {trace["name"] for trace in ranks["data"]}
    assert names <= {t(g, "en") for g in uncertainty.GROUPS}
    assert {bar["name"] for bar in sens["data"]} == {"First order", "Total order"}
    evaluations = int(app_data.baseline.metadata["mc_evaluations"])
    assert note == t("uncertainty.live", "en", n=evaluations)


def test_export_writes_400_features_with_user_weights(app_data, tmp_path):
    weights = {"domains": {"labour": 2.0}}
    name, content = export.export_bytes(weights, "gpkg")
    assert name.endswith(".gpkg")
    path = tmp_path / name
    path.write_bytes(content)
    table = pyogrio.read_dataframe(path, layer="districts")
    assert len(table) == 400
    expected = app_data.result(weights).scores["composite"]
    got = table.set_index("ags")["composite"].reindex(expected.index)
    np.testing.assert_allclose(got.to_numpy(), expected.to_numpy(), equal_nan=True)
    name, content = export.export_bytes(weights, "csv")
    assert name.endswith(".csv") and content.count(b"\n") >= 400


def test_presets_set_slider_weights(app_data):
    fw = app_data.framework
    eq = weights_cb.preset(app_data, "equal_indicators")
    counts = {d.code: float(len(fw.indicators_of(d.code))) for d in fw.domains}
    smallest = min(counts.values())
    assert eq["domains"] == {c: round(n / smallest / 0.05) * 0.05 for c, n in counts.items()}
    same = weights_cb.preset(app_data, "equal_domains")
    assert set(same["domains"].values()) == {1.0}
    assert weights_cb.preset(app_data, "framework") == clean_weights(fw, None)
    pca = weights_cb.preset(app_data, "pca")
    assert set(pca["domains"]) == set(fw.domain_codes)
    assert all(v >= 0 for v in pca["domains"].values())


def test_url_round_trip_and_render_restore_state(app_data):
    ags = app_data.ags[10]
    state = AppState(
        lang="en", view="compare", measure="domain_access", method="fisher_jenks", k=4,
        palette="cividis", weights={"domains": {"labour": 2.5}}, district=ags,
        compare=(ags, app_data.ags[11]),
    )  # fmt: skip
    query = to_query(state, framework=app_data.framework)
    assert "w=" in query and f"d={ags}" in query
    back = from_query(query)
    assert back.weights["domains"]["labour"] == 2.5
    assert (back.lang, back.view, back.measure, back.k) == ("en", "compare", "domain_access", 4)
    rendered = routing.render(query, "de", None, lang_switched=False)
    data, lang, title = rendered["state"], rendered["lang"], rendered["title"]
    assert lang == "en" and title == t("title", "en")
    assert data["weights"]["domains"]["labour"] == 2.5
    assert data["district"] == ags and data["compare"] == [ags, app_data.ags[11]]
    switched = routing.render(query, "de", data, lang_switched=True)
    assert switched["lang"] == "de" and switched["state"]["weights"] == data["weights"]


def test_bad_url_values_fall_back_to_defaults(app_data):
    data = routing.render(
        "?lang=xx&view=nope&m=bogus&k=99&w=labour:-3,zzz:2&d=00000",
        None,
        None,
        lang_switched=False,
    )["state"]
    assert data["lang"] == "de" and data["view"] == "map" and data["measure"] == "composite"
    assert data["k"] == 5 and data["district"] is None
    assert data["weights"]["domains"]["labour"] == 1.0


def test_every_view_shows_the_interval_of_the_weights_in_effect(app_data):
    weights = {"domains": {"labour": 4.0, "social": 0.0}}
    fresh = app_data.scorer.result(weights).scores
    assert not fresh["rank_p05"].equals(app_data.baseline.scores["rank_p05"])
    ranks, _, _, _ = uncertainty.uncertainty_view(weights, "de")
    medians = sorted(y for trace in ranks["data"] for y in trace["y"])
    assert medians == sorted(fresh["rank_median"].dropna().round(1).tolist())
    ags = app_data.ags[7]
    text = " ".join(texts(profile.profile_view(weights, ags, "de")))
    lo, hi = int(fresh.at[ags, "rank_p05"]), int(fresh.at[ags, "rank_p95"])
    assert t("profile.interval", "de", lo=lo, hi=hi) in text
    assert lo <= int(fresh.at[ags, "rank"]) <= hi
    out = map_view.recolour(
        weights, "composite", "quantiles", 5, "viridis", None, "de", weights_changed=False
    )
    row = _ops(out["figure"])[("data", 0, "customdata")][list(app_data.ags).index(ags)]
    assert row[3:5] == [lo, hi]


def test_compare_keeps_at_most_six_districts(app_data):
    from layouts.compare import _compare

    chosen = list(app_data.ags[:8])
    out = _compare(chosen, "raw", None, "compare", "en")
    table, trimmed = out["table"], out["selection"]
    assert trimmed == chosen[:6]
    assert table[0].children == t("compare.max", "en", n=6)
    header = texts(table[1].children[0].children[0])
    assert len(header) == 3 + 6


def test_the_foreigners_share_direction_is_a_choice_the_user_can_reverse(app_data):
    from layouts.engine import reversible

    (ind,) = reversible(app_data.framework)  # the foreigners share (bev_ausl)
    code = ind.code
    assert ind.direction == 1  # the framework's reading
    flipped = {"directions": {code: -1}}
    base, reversed_ = app_data.result(None), app_data.result(flipped)
    np.testing.assert_allclose(
        reversed_.normalised[code], -base.normalised[code], atol=1e-12, equal_nan=True
    )
    assert not np.allclose(
        reversed_.scores["domain_integration"], base.scores["domain_integration"], equal_nan=True
    )
    out = map_view.recolour(
        flipped, code, "quantiles", 5, "viridis", None, "en", weights_changed=False
    )
    assert t("direction.lower", "en") in texts(out["legend"])[1]
    # the light (favourable) colour now marks the lowest shares
    assert out["legend"][2].children[0].children[0].style["backgroundColor"] == "#fde725"
    state = AppState(weights=flipped)
    query = to_query(state, framework=app_data.framework)
    assert f"dir={code}:-1" in query
    assert from_query(query).weights["directions"] == {code: -1}


def test_provisional_map_has_the_final_colours_and_waits_for_its_intervals(app_data):
    weights = {"domains": {"labour": 2.6, "social": 0.35}}
    args = (weights, "composite", "quantiles", 5, "viridis", None, "de")
    quick = map_view.recolour(*args, weights_changed=True, provisional=True)
    full = map_view.recolour(*args, weights_changed=True)
    # without the Monte Carlo the scores and classes are already those of the full run
    assert _ops(quick["figure"])[("data", 0, "z")] == _ops(full["figure"])[("data", 0, "z")]
    assert quick["classes"] == full["classes"]
    ranks = [row[2] for row in _ops(full["figure"])[("data", 0, "customdata")]]
    assert [row[2] for row in _ops(quick["figure"])[("data", 0, "customdata")]] == ranks
    # ... but its hover has no interval yet, so the frame is marked stale (hover hidden)
    assert quick["wrap"] == map_view.STALE_WRAP and full["wrap"] == map_view.WRAP
    assert {row[3] for row in _ops(quick["figure"])[("data", 0, "customdata")]} == {"–"}
    done = map_view.with_intervals(*args[:-2], "de", redraw=True)
    rows = _ops(done["figure"])[("data", 0, "customdata")]
    assert rows == _ops(full["figure"])[("data", 0, "customdata")]
    assert done["wrap"] == map_view.WRAP and done["classes"] == full["classes"]
    # once computed, the same weights are drawn with their intervals at once
    again = map_view.recolour(*args, weights_changed=True, provisional=True)
    assert again["wrap"] == map_view.WRAP
    # a map already complete only gets its legend
    legend_only = map_view.with_intervals(*args[:-2], "de", redraw=False)
    assert legend_only["figure"] is no_update and legend_only["legend"]


def test_indicator_sliders_are_shown_on_demand_at_the_stored_weights(app_data):
    fw = app_data.framework
    members = [i.code for i in fw.indicators_of("labour")]
    stored = {"indicators": {members[0]: 2.5}}
    sliders = weights_cb.indicator_sliders(app_data, "labour", stored, "de")
    found = {s.children[1].id["code"]: s.children[1].value for s in sliders}
    assert list(found) == members
    assert found[members[0]] == 2.5
    assert all(found[c] == 1.0 for c in members[1:])


def test_hidden_indicator_weights_are_kept_when_a_domain_slider_moves(app_data):
    fw = app_data.framework
    domain_ids = [{"type": "domain-weight", "code": d.code} for d in fw.domains]
    values = [3.0 if d.code == "labour" else 1.0 for d in fw.domains]
    hidden = {i.code: 1.0 for i in fw.indicators}
    first = fw.indicators_of("housing")[0].code
    hidden[first] = 0.0
    shown = fw.indicators_of("labour")[0].code
    out = weights_cb.collect(
        domain_ids,
        values,
        [{"type": "indicator-weight", "code": shown}],
        [2.0],
        "de",
        indicators=hidden,
    )
    weights = out["weights"]
    assert weights["domains"]["labour"] == 3.0
    # the stored weight of an indicator without a shown slider, and the shown slider's
    assert weights["indicators"][first] == 0.0 and weights["indicators"][shown] == 2.0
    assert len(weights["indicators"]) == len(fw.indicators)
