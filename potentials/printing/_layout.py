"""Shared page set-up of the printed sheets: A4 figures, fonts, wrapped text, output."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure

#: A4 portrait in inches.
A4 = (8.27, 11.69)
# Figures are created without pyplot (thread-safe, no display needed on the server).
#: Text keeps its fonts (TrueType, searchable and extractable) in PDF and SVG.
RC: Any = {  # typed loosely: matplotlib stubs list every rc key as a Literal
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 8,
}
#: Average width of a character in units of the font size (DejaVu Sans, mixed text).
CHAR_WIDTH = 0.55


def wrap(text: str, width_in: float, size_pt: float) -> list[str]:
    """Break ``text`` into lines that fit ``width_in`` inches at ``size_pt`` points."""
    chars = max(8, int(width_in * 72 / (size_pt * CHAR_WIDTH)))
    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, chars, break_long_words=True) or [""])
    return lines


@contextmanager
def a4_figure() -> Iterator[Figure]:
    """Yield an A4 figure drawn with the sheet fonts (no pyplot, so no global state)."""
    with mpl.rc_context(RC):
        yield Figure(figsize=A4)


def save(fig: Figure, fmt: str, *, dpi: int) -> bytes:
    """Return the figure as PNG, SVG or PDF bytes."""
    buffer = io.BytesIO()
    metadata = {"Creator": "potentials"} if fmt in ("pdf", "svg") else None
    with mpl.rc_context(RC):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return buffer.getvalue()
