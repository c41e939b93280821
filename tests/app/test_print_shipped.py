"""Print sheets of the SHIPPED atlas (geodata/data/atlas.gpkg): the issue's done-when checks.

The app data are built here with :func:`layouts.data.build` (not the process-wide app, which
the other app tests configure with the synthetic atlas).
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from geodata.atlas import embedded_atlas_path, read_atlas
from layouts import data as appdata
from layouts.print_routes import (
    BadRequest,
    district_report,
    geometry_for,
    map_sheet,
    print_state,
)
from potentials.printing import render_map_sheet, render_report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shipped():
    atlas = read_atlas(embedded_atlas_path())
    return appdata.build(atlas, mc_draws=40)


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_goerlitz_report_names_district_rank_and_attribution(shipped):
    state = print_state("?lang=de", shipped)
    report = district_report(shipped, state, "14626", "http://localhost/?d=14626")
    _, text = _text(render_report(report, geometry_for(shipped)))
    rank = int(shipped.result(state.weights).scores.at["14626", "rank"])
    assert "Görlitz" in text and f"Rang {rank} / 400" in text and "GeoBasis-DE" in text


def test_unemployment_map_names_the_measure_and_its_year(shipped):
    if "alq" not in shipped.catalogue.index:
        pytest.fail("the shipped atlas lacks the unemployment rate (alq)")
    state = print_state("?m=alq", shipped)
    pages, text = _text(
        render_map_sheet(map_sheet(shipped, state, "http://x/?m=alq"), geometry_for(shipped))
    )
    row = shipped.catalogue.loc["alq"]
    assert pages == 1
    assert str(row["name_de"]) in text and str(int(row["year"])) in text
    assert "© GeoBasis-DE / BKG" in text


def test_unknown_district_is_a_bad_request(shipped):
    with pytest.raises(BadRequest, match="abc"):
        print_state("?d=abc", shipped)
