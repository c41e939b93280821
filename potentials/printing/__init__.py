"""Print-ready sheets drawn on the server with geopandas and matplotlib (no browser, no Dash).

The callers resolve every visible text (in the reader's language) and every colour
beforehand, so these modules only lay out and draw:

* :func:`sheet_geometry` projects and simplifies the districts once and dissolves them
  into Länder;
* :func:`render_map_sheet` draws an A4 map sheet (PNG, SVG or PDF);
* :func:`render_report` writes an A4 district report (PDF, one or more pages).
"""

from potentials.printing.geometry import SheetGeometry, dissolve, sheet_geometry
from potentials.printing.report import DistrictReport, ReportSection, ReportTable, render_report
from potentials.printing.sheet import FORMATS, LegendEntry, MapSheet, render_map_sheet

__all__ = [
    "FORMATS",
    "DistrictReport",
    "LegendEntry",
    "MapSheet",
    "ReportSection",
    "ReportTable",
    "SheetGeometry",
    "dissolve",
    "render_map_sheet",
    "render_report",
    "sheet_geometry",
]
