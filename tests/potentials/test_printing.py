"""Print sheets drawn by matplotlib from hand-made geometry: four squares in two Länder."""

from __future__ import annotations

import io

import geopandas as gpd
import pytest
from PIL import Image
from pypdf import PdfReader
from shapely.geometry import box

from potentials.printing import (
    DistrictReport,
    LegendEntry,
    MapSheet,
    ReportSection,
    ReportTable,
    render_map_sheet,
    render_report,
    sheet_geometry,
)


@pytest.fixture(scope="module")
def geometry():
    squares = [box(x * 10_000, 0, (x + 1) * 10_000, 10_000) for x in range(4)]
    frame = gpd.GeoDataFrame(
        {"ags": ["01001", "01002", "02001", "02002"], "state": ["A", "A", "B", "B"]},
        geometry=squares,
        crs="EPSG:25832",
    )
    return sheet_geometry(frame)


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def _sheet(**changes) -> MapSheet:
    base = dict(
        title="Testblatt",
        measure="Arbeitslosenquote (%), Stand 2022",
        colours={"01001": "#440154", "02002": "#fde725"},
        legend_title="Legende: Quantile",
        legend=(LegendEntry("#440154", "1,0 – 2,0 %", "2 Kreise"),),
        direction="Niedrigere Werte sind günstiger.",
        notes=("Gewichte: Arbeitsmarkt 1",),
        sources=("Verwaltungsgrenzen: © GeoBasis-DE / BKG 2016",),
        footer="Erstellt am 2026-12-01 · Ansicht: http://x/?m=alq",
        highlight="01002",
    )
    base.update(changes)
    return MapSheet(**base)


def test_states_are_dissolved_from_their_districts(geometry):
    assert list(geometry.states.index) == ["A", "B"]
    assert geometry.states.area.round().tolist() == [2e8, 2e8]
    assert geometry.districts.crs.to_epsg() == 25832


def test_map_pdf_is_one_page_with_every_text(geometry):
    pages, text = _text(render_map_sheet(_sheet(), geometry, fmt="pdf"))
    assert pages == 1
    for part in (
        "Testblatt",
        "Arbeitslosenquote",
        "2022",
        "2 Kreise",
        "GeoBasis-DE / BKG",
        "Niedrigere Werte",
        "http://x/?m=alq",
        "km",
    ):
        assert part in text, part


def test_png_is_a4_at_print_resolution(geometry):
    image = Image.open(io.BytesIO(render_map_sheet(_sheet(), geometry, fmt="png")))
    assert image.width >= 1600
    assert image.height / image.width == pytest.approx(297 / 210, rel=0.01)


def test_svg_keeps_text_as_text(geometry):
    svg = render_map_sheet(_sheet(), geometry, fmt="svg").decode()
    assert svg.lstrip().startswith("<?xml") and "Arbeitslosenquote" in svg


def test_unknown_format_is_rejected(geometry):
    with pytest.raises(ValueError, match="format"):
        render_map_sheet(_sheet(), geometry, fmt="gif")


def test_long_report_flows_onto_further_pages_and_repeats_headers(geometry):
    rows = tuple((f"Indikator {i}", f"{i},0") for i in range(150))
    report = DistrictReport(
        ags="01002",
        title="Görlitz",
        subtitle="Kreisbericht",
        facts=(("Bevölkerung", "252.725"),),
        sections=(ReportSection("Indikatoren", table=ReportTable(("Name", "Wert"), rows, (3, 1))),),
        footer="Erstellt am 2026-12-01",
    )
    pages, text = _text(render_report(report, geometry))
    assert pages >= 3
    assert "Görlitz" in text and "Indikator 149" in text
    assert text.count("Name") >= pages - 1  # the header is repeated on every table page
    assert f"{pages}/{pages}" in text
