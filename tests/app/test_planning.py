"""Ranking rows, filters, similar districts and print links as plain functions (SYNTHETIC atlas)."""

from __future__ import annotations

from dash import html, no_update

from layouts import labels, ranking, selection, similar_view
from tests.app.dashtree import texts


def test_ranking_rows_carry_rank_interval_and_scores_of_the_weights(app_data):
    domain = app_data.framework.domains[0].code
    weights = {"domains": {domain: 4.0}}
    result = app_data.result(weights)
    rows = {r["ags"]: r for r in ranking.ranking_rows(app_data, result, "de")}
    assert len(rows) == 400
    ags = app_data.ags[11]
    lo, hi = labels.rank_interval(result)[ags]
    assert rows[ags]["rank"] == int(result.scores.at[ags, "rank"])
    assert (rows[ags]["rank_p05"], rows[ags]["rank_p95"]) == (int(lo), int(hi))
    assert rows[ags]["composite"] == round(float(result.scores.at[ags, "composite"]), 2)
    assert rows[ags]["name"].endswith(("(Landkreis)", "(kreisfreie Stadt)"))


def test_filters_keep_only_the_chosen_land_and_type(app_data):
    districts = app_data.atlas.districts.set_index("ags")
    land = districts["state"].iloc[0]
    kept, count = ranking.filtered_rows(None, [land], None, None, "de")
    assert {r["state"] for r in kept} == {land}
    assert len(kept) == int((districts["state"] == land).sum())
    assert count == f"{len(kept)} von 400 Kreisen"
    settlement = kept[0]["settlement_type"]
    both, _ = ranking.filtered_rows(None, [land], [settlement], None, "de")
    assert both and all(r["settlement_type"] == settlement for r in both)


def test_a_row_click_names_its_district():
    assert ranking.district_from_row({"rowId": "90007", "colId": "name"}) == "90007"
    assert ranking.district_from_row(None) is no_update


def test_similar_districts_exclude_the_district_and_can_stay_in_its_type(app_data):
    result = app_data.result(None)
    ags = app_data.ags[20]
    items = similar_view.similar_list(app_data, result, ags, same_type=True, lang="de")
    buttons = [b for b in _walk(items) if isinstance(b, html.Button)]
    peers = [b.id["ags"] for b in buttons]
    assert len(peers) == similar_view.PEERS and ags not in peers
    own = result.scores.at[ags, "settlement_type"]
    assert set(result.scores.loc[peers, "settlement_type"]) == {own}
    words = " ".join(texts(items))
    assert "ähnlich bei" in words and "anders bei" in words
    assert similar_view.similar_list(app_data, result, None, same_type=False, lang="de") == []


def test_print_links_follow_the_query():
    links = selection.print_links("?m=alq&d=14626", "de")
    hrefs = [a.href for a in links if isinstance(a, html.A)]
    assert hrefs == [
        "export/map.pdf?m=alq&d=14626",
        "export/map.png?m=alq&d=14626",
        "export/map.svg?m=alq&d=14626",
        "export/report/14626.pdf?m=alq&d=14626",
    ]
    assert [a.href for a in selection.profile_links("", "de")] == []


def _walk(node):
    if isinstance(node, list | tuple):
        for child in node:
            yield from _walk(child)
        return
    yield node
    children = getattr(node, "children", None)
    if children is not None and not isinstance(children, str):
        yield from _walk(children)
