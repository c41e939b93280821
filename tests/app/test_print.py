"""Print routes on the SYNTHETIC test atlas: map sheets, district reports, HTTP 400 on bad input."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from layouts import labels
from layouts.mapfig import map_payload
from layouts.print_routes import map_href, report_href


def _pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def _indicator(app_data) -> str:
    return app_data.framework.indicators[0].code


def test_map_pdf_carries_measure_year_classes_and_attribution(client, app_data):
    code = _indicator(app_data)
    response = client.get(f"/export/map.pdf?m={code}&k=4")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pages, text = _pdf_text(response.data)
    assert pages == 1
    flat = " ".join(text.split())
    assert labels.indicator_name(app_data, code, "de") in flat
    year = str(int(app_data.catalogue.loc[code, "year"]))
    assert f"Stand {year}" in flat
    assert "© GeoBasis-DE / BKG" in flat
    payload = map_payload(
        app_data, app_data.result(None), code, method="quantiles", k=4, palette="viridis", lang="de"
    )
    counts = payload.classes.counts
    for n in counts:  # the same classes as on screen, with their counts
        assert f"{n} Kreise" in flat
    assert "m=" + code in flat  # the address of the view


def test_map_png_is_at_least_1600_px_wide(client):
    response = client.get("/export/map.png?lang=en")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert Image.open(io.BytesIO(response.data)).width >= 1600


def test_map_svg_of_a_domain_score_lists_the_weights(client, app_data):
    domain = app_data.framework.domains[0].code
    response = client.get(f"/export/map.svg?m=domain_{domain}&w={domain}:2")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "Gewichte" in response.get_data(as_text=True)


def test_report_names_district_rank_and_interval(client, app_data):
    ags = app_data.ags[3]
    response = client.get(f"/export/report/{ags}.pdf?lang=de")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    _, text = _pdf_text(response.data)
    flat = " ".join(text.split())
    scores = app_data.result(None).scores
    lo, hi = labels.rank_interval(app_data.result(None))[ags]
    assert str(app_data.names[ags]) in flat
    assert f"Rang {int(scores.at[ags, 'rank'])} / 400" in flat
    assert f"{int(lo)}–{int(hi)}" in flat
    assert "GeoBasis-DE" in flat
    population = app_data.atlas.districts.set_index("ags").at[ags, "population"]
    assert f"{population:,}".replace(",", ".") in flat


def test_domain_ranks_carry_their_own_interval(app_data):
    from layouts.print_routes import domain_rank

    ags = app_data.ags[3]
    scores = app_data.result(None).scores
    for domain in app_data.framework.domains:
        rank, lo, hi = domain_rank(app_data, None, domain.code, ags)
        # the rank of the domain score among the districts that run could rank (coverage),
        # inside the interval computed in that same run
        column = scores[f"domain_{domain.code}"]
        only = {d.code: float(d.code == domain.code) for d in app_data.framework.domains}
        ranked = app_data.result({"domains": only}).scores["rank"].notna()
        assert rank == (column[ranked] > column[ags]).sum() + 1
        assert lo <= rank <= hi


def test_report_in_english_follows_the_weights(client, app_data):
    ags = app_data.ags[3]
    domain = app_data.framework.domains[0].code
    weights = {"domains": {domain: 5.0}}
    response = client.get(f"/export/report/{ags}.pdf?lang=en&w={domain}:5")
    _, text = _pdf_text(response.data)
    flat = " ".join(text.split())
    rank = int(app_data.result(weights).scores.at[ags, "rank"])
    assert f"Rank {rank} / 400" in flat and "District report" in flat


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("/export/report/99999.pdf", "99999"),
        ("/export/report/abc.pdf?lang=en", "abc"),
        ("/export/map.pdf?m=nope", "nope"),
        ("/export/map.pdf?k=12", "k"),
        ("/export/map.pdf?cls=magic", "magic"),
        ("/export/map.pdf?pal=rainbow", "rainbow"),
        ("/export/map.pdf?w=labour:-1", "labour:-1"),
        ("/export/map.pdf?w=unknown:1", "unknown:1"),
        ("/export/map.pdf?lang=fr", "fr"),
        ("/export/map.pdf?d=123", "123"),
        ("/export/map.gif", "gif"),
    ],
)
def test_bad_input_is_answered_with_400_and_a_message(client, url, named):
    response = client.get(url)
    assert response.status_code == 400
    assert named in response.get_data(as_text=True)


def test_links_carry_the_page_query():
    assert map_href("?m=alq&lang=en", "pdf") == "export/map.pdf?m=alq&lang=en"
    assert report_href("", "14626") == "export/report/14626.pdf"
