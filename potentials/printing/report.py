"""An A4 district report: locator map, key figures, then sections of text and tables."""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from potentials.printing._layout import A4, RC, wrap
from potentials.printing.geometry import SheetGeometry
from potentials.printing.sheet import HIGHLIGHT_LINE, STATE_LINE

MARGIN = 0.6
BODY_PT = 7.5
LINE = 1.3  # line height in units of the font size


@dataclass(frozen=True)
class ReportTable:
    """A table of already formatted cells.

    Attributes
    ----------
    columns
        Column headings.
    rows
        Cells, one tuple per row.
    widths
        Relative column widths (scaled to the text width).
    numeric
        Columns to right-align (by index).
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class ReportSection:
    """A heading with paragraphs, an optional table and paragraphs after it."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    table: ReportTable | None = None
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class DistrictReport:
    """Everything a district report shows, already in the reader's language.

    Attributes
    ----------
    ags
        The district (outlined on the locator map).
    title, subtitle
        Heading lines of the first page.
    facts
        Key figures as (label, value) pairs beside the locator map.
    sections
        The report's body, in order.
    footer
        Date and address, repeated on every page with the page number.
    """

    ags: str
    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]
    sections: tuple[ReportSection, ...]
    footer: str = ""


class _Pages:
    """Writes text top-down on A4 pages, starting a new page when one is full."""

    def __init__(self, footer: str) -> None:
        self.footer = footer
        self.figures: list[Figure] = []
        self.y = 0.0
        self.width = A4[0] - 2 * MARGIN
        self.new_page()

    @property
    def fig(self) -> Figure:
        return self.figures[-1]

    def new_page(self) -> None:
        self.figures.append(Figure(figsize=A4))
        self.y = A4[1] - MARGIN

    def room(self, needed: float) -> None:
        if self.y - needed < MARGIN + 0.4:
            self.new_page()

    def text(self, x: float, line: str, size: float, **style: object) -> None:
        self.fig.text(x / A4[0], self.y / A4[1], line, fontsize=size, va="top", **style)  # type: ignore[arg-type]

    def paragraph(self, text: str, size: float = BODY_PT, **style: object) -> None:
        for line in wrap(text, self.width, size):
            self.room(size * LINE / 72)
            self.text(MARGIN, line, size, **style)
            self.y -= size * LINE / 72
        self.y -= 0.05

    def heading(self, text: str) -> None:
        self.room(0.6)  # keep a heading with what follows
        self.y -= 0.08
        self.text(MARGIN, text, 10.5, weight="bold")
        self.y -= 10.5 * LINE / 72 + 0.03

    def table(self, table: ReportTable) -> None:
        total = sum(table.widths)
        widths = [self.width * w / total for w in table.widths]
        lefts = [MARGIN + sum(widths[:i]) for i in range(len(widths))]
        step = BODY_PT * LINE / 72

        def cells(row: tuple[str, ...]) -> list[list[str]]:
            return [wrap(c, w - 0.08, BODY_PT) for c, w in zip(row, widths, strict=True)]

        def draw(row: tuple[str, ...], **style: object) -> None:
            wrapped = cells(row)
            height = max(len(c) for c in wrapped) * step
            top = self.y
            for i, lines in enumerate(wrapped):
                self.y = top
                right = i in table.numeric
                x = lefts[i] + widths[i] - 0.08 if right else lefts[i]
                for line in lines:
                    self.text(x, line, BODY_PT, ha="right" if right else "left", **style)
                    self.y -= step
            self.y = top - height - 0.04
            self.fig.add_artist(_rule(self.y + 0.02, MARGIN, MARGIN + self.width))

        def header() -> None:
            draw(table.columns, weight="bold")

        self.room(3 * step)
        header()
        for row in table.rows:
            height = max(len(c) for c in cells(row)) * step + 0.04
            if self.y - height < MARGIN + 0.4:
                self.new_page()
                header()
            draw(row)
        self.y -= 0.1

    def finish(self) -> bytes:
        buffer = io.BytesIO()
        n = len(self.figures)
        with PdfPages(buffer, metadata={"Creator": "potentials"}) as pdf:
            for i, fig in enumerate(self.figures, start=1):
                fig.text(
                    MARGIN / A4[0],
                    0.35 / A4[1],
                    f"{self.footer}   ·   {i}/{n}",
                    fontsize=6.5,
                    color="#4a4a4a",
                )
                pdf.savefig(fig)
        return buffer.getvalue()


def _rule(y: float, x0: float, x1: float) -> Line2D:
    return Line2D([x0 / A4[0], x1 / A4[0]], [y / A4[1], y / A4[1]], linewidth=0.3, color="#b0b4b8")


def render_report(report: DistrictReport, geometry: SheetGeometry) -> bytes:
    """Write the report as a PDF of one or more A4 pages.

    Parameters
    ----------
    report
        The report's content.
    geometry
        Projected district and Länder geometry (for the locator map).

    Returns
    -------
    bytes
        The PDF.
    """
    with mpl.rc_context(RC):
        pages = _Pages(report.footer)
        pages.text(MARGIN, report.title, 16, weight="bold")
        pages.y -= 16 * LINE / 72
        for line in wrap(report.subtitle, pages.width, 9):
            pages.text(MARGIN, line, 9, color="#4a4a4a")
            pages.y -= 9 * LINE / 72
        top = pages.y - 0.1
        # locator map on the right, key figures on the left
        map_w, map_h = 2.6, 3.3
        ax = pages.fig.add_axes(
            ((A4[0] - MARGIN - map_w) / A4[0], (top - map_h) / A4[1], map_w / A4[0], map_h / A4[1])
        )
        geometry.districts.plot(ax=ax, color="#e3e6e9", edgecolor="#ffffff", linewidth=0.1)
        geometry.states.boundary.plot(ax=ax, color=STATE_LINE, linewidth=0.4)
        if report.ags in geometry.districts.index:
            chosen = geometry.districts.loc[[report.ags]]
            chosen.plot(ax=ax, color=HIGHLIGHT_LINE, edgecolor=STATE_LINE, linewidth=0.6)
        ax.set_axis_off()
        ax.set_aspect("equal")
        pages.y = top
        label_w = 1.7
        for label, value in report.facts:
            pages.text(MARGIN, label, 8.5, color="#4a4a4a")
            for line in wrap(value, pages.width - map_w - label_w - 0.2, 8.5):
                pages.text(MARGIN + label_w, line, 8.5, weight="bold")
                pages.y -= 8.5 * LINE / 72
            pages.y -= 0.04
        pages.y = min(pages.y, top - map_h) - 0.2
        for section in report.sections:
            pages.heading(section.heading)
            for text in section.paragraphs:
                pages.paragraph(text)
            if section.table is not None:
                pages.table(section.table)
            for text in section.after:
                pages.paragraph(text, 7, color="#4a4a4a")
        return pages.finish()
