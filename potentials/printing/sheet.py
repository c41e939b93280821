"""An A4 map sheet of one measure: map, class legend, notes, sources, date and address."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib_scalebar.scalebar import ScaleBar

from potentials.printing._layout import a4_figure, save, wrap
from potentials.printing.geometry import SheetGeometry

#: Formats of :func:`render_map_sheet`.
FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
#: Resolution of the PNG: an A4 page 8.27 in wide gives 1654 px.
PNG_DPI = 200
MISSING_COLOUR = "#d9d9d9"
STATE_LINE = "#1b1b1b"
HIGHLIGHT_LINE = "#e69f00"


@dataclass(frozen=True)
class LegendEntry:
    """One class of the legend: colour, value range and district count (as shown)."""

    colour: str
    label: str
    count: str


@dataclass(frozen=True)
class MapSheet:
    """Everything a map sheet shows, already in the reader's language.

    Attributes
    ----------
    title
        Sheet title.
    measure
        The measure with its unit and reference period.
    colours
        Fill colour by AGS (districts without one are drawn as missing).
    legend_title
        Heading of the legend (e.g. classification method and class count).
    legend
        The classes from low to high.
    direction
        Which direction is favourable.
    notes
        Further lines under the legend (e.g. the weights of a score).
    sources
        Sources and attribution lines.
    footer
        Date and the address of the view.
    highlight
        AGS of a district to outline, if any.
    """

    title: str
    measure: str
    colours: Mapping[str, str]
    legend_title: str
    legend: tuple[LegendEntry, ...]
    direction: str
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    footer: str = ""
    highlight: str | None = None


def render_map_sheet(sheet: MapSheet, geometry: SheetGeometry, *, fmt: str = "pdf") -> bytes:
    """Draw the sheet on one A4 page.

    Parameters
    ----------
    sheet
        The sheet's content.
    geometry
        Projected district and Länder geometry (metres, for the scale bar).
    fmt
        ``png`` (200 dpi), ``svg`` or ``pdf``.

    Returns
    -------
    bytes
        The encoded page.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    with a4_figure() as fig:
        width, height = fig.get_size_inches()
        margin = 0.55
        y = height - margin
        y = _lines(fig, [sheet.title], margin, y, width - 2 * margin, 15, weight="bold")
        y = _lines(fig, [sheet.measure], margin, y - 0.05, width - 2 * margin, 10.5)
        map_top = y - 0.15
        map_bottom = 2.4
        map_width = 5.0
        ax = fig.add_axes(_box(fig, margin, map_bottom, map_width, map_top - map_bottom))
        colours = [sheet.colours.get(a, MISSING_COLOUR) for a in geometry.districts.index]
        geometry.districts.plot(ax=ax, color=colours, edgecolor="#ffffff", linewidth=0.15)
        geometry.states.boundary.plot(ax=ax, color=STATE_LINE, linewidth=0.6)
        if sheet.highlight and sheet.highlight in geometry.districts.index:
            geometry.districts.loc[[sheet.highlight]].boundary.plot(
                ax=ax, color=HIGHLIGHT_LINE, linewidth=1.6
            )
        ax.set_axis_off()
        ax.set_aspect("equal")
        ax.add_artist(
            ScaleBar(1.0, "m", location="lower left", length_fraction=0.25, frameon=False)
        )
        # legend column right of the map
        left = margin + map_width + 0.2
        column = width - margin - left
        handles = [Patch(facecolor=e.colour, edgecolor="#888888") for e in sheet.legend]
        labels = [f"{e.label}\n{e.count}" for e in sheet.legend]
        legend = fig.legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(left / width, map_top / height),
            frameon=False,
            title=sheet.legend_title,
            alignment="left",
            fontsize=7.5,
            title_fontsize=8,
            labelspacing=0.9,
            handlelength=1.6,
        )
        legend.get_title().set_fontweight("bold")
        fig.canvas.draw()
        box = legend.get_window_extent().transformed(fig.dpi_scale_trans.inverted())
        y = box.y0 - 0.15
        y = _lines(fig, wrap(sheet.direction, column, 7.5), left, y, column, 7.5, style="italic")
        for note in sheet.notes:
            y = _lines(fig, wrap(note, column, 7.5), left, y - 0.08, column, 7.5)
        # sources and footer across the page under the map
        y = map_bottom - 0.15
        text_width = width - 2 * margin
        for line in sheet.sources:
            y = _lines(fig, wrap(line, text_width, 7), margin, y, text_width, 7)
        _lines(fig, wrap(sheet.footer, text_width, 7), margin, 0.75, text_width, 7, color="#4a4a4a")
        return save(fig, fmt, dpi=PNG_DPI)


def _box(fig: Figure, x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    """Axes rectangle in figure fractions from inches."""
    width, height = fig.get_size_inches()
    return (x / width, y / height, w / width, h / height)


def _lines(
    fig: Figure,
    lines: list[str],
    x: float,
    y: float,
    width: float,
    size: float,
    **style: object,
) -> float:
    """Write lines top-down from ``(x, y)`` inches; return the y under the last line."""
    del width  # lines are wrapped by the caller
    w, h = fig.get_size_inches()
    step = size * 1.35 / 72
    for line in lines:
        fig.text(x / w, y / h, line, fontsize=size, va="top", ha="left", **style)  # type: ignore[arg-type]
        y -= step
    return y
