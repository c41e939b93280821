"""Reading numbers typed by people: decimal comma or point, thousands separators.

A cell is read under both conventions — ``"comma"`` (German: ``1.234,5``) and
``"point"`` (English: ``1,234.5``) — and each column then settles on the one
convention all its cells allow (:func:`decide_decimal`). ``"12,5"`` allows only the
comma convention, ``"0.5"`` only the point one, ``"1,234"`` both (with different
values), ``"17"`` both (with the same value).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from geodata.text import FORMULA_STARTS

Convention = Literal["comma", "point"]
CellKind = Literal["empty", "number", "nonfinite", "formula", "text"]


_NONFINITE = {
    "nan",
    "+nan",
    "-nan",
    "inf",
    "+inf",
    "-inf",
    "infinity",
    "+infinity",
    "-infinity",
    "∞",
    "+∞",
    "-∞",
    "#num!",
    "#zahl!",
}
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2212": "-"})
_EXPONENT = re.compile(r"^(.*?)([eE][+-]?\d{1,4})$")
_INT = re.compile(r"^\d+$")
_ONE_SEP = re.compile(r"^(\d*)([.,])(\d*)$")
_GROUPED_POINT = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")
_GROUPED_COMMA = re.compile(r"^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$")
_GROUPED_SPACE = re.compile(r"^[1-9]\d{0,2}( \d{3})+([.,]\d+)?$")


@dataclass(frozen=True)
class Reading:
    """What one cell holds.

    Attributes
    ----------
    kind
        ``"empty"``, ``"number"``, ``"nonfinite"`` (NaN/infinity), ``"formula"`` or ``"text"``.
    values
        For numbers: the value under each convention the text allows.
    """

    kind: CellKind
    values: tuple[tuple[Convention, float], ...] = ()

    @property
    def conventions(self) -> frozenset[Convention]:
        """The decimal conventions under which the text is a number."""
        return frozenset(c for c, _ in self.values)

    def value(self, convention: Convention) -> float:
        """Return the value under ``convention`` (which must be allowed)."""
        return dict(self.values)[convention]


EMPTY = Reading("empty")


def _mantissa(body: str, *, exponent: bool) -> dict[Convention, str] | None:
    """Python float literals (without exponent) for each convention ``body`` allows."""
    if _INT.match(body):
        return {"comma": body, "point": body}
    if _GROUPED_SPACE.match(body):
        return _mantissa(body.replace(" ", ""), exponent=True)  # space is the separator
    single = _ONE_SEP.match(body)
    if single:
        whole, sep, frac = single.groups()
        if not whole and not frac:
            return None
        literal = f"{whole or '0'}.{frac or '0'}"
        grouped = not exponent and len(frac) == 3 and re.match(r"^[1-9]\d{0,2}$", whole)
        if sep == ",":
            out: dict[Convention, str] = {"comma": literal}
            if grouped:
                out["point"] = whole + frac
        else:
            out = {"point": literal}
            if grouped:
                out["comma"] = whole + frac
        return out
    if exponent:
        return None
    if _GROUPED_POINT.match(body):
        return {"comma": body.replace(".", "").replace(",", ".")}
    if _GROUPED_COMMA.match(body):
        return {"point": body.replace(",", "")}
    return None


def read_cell(text: str) -> Reading:
    """Classify the text of one cell and read it as a number where possible.

    Parameters
    ----------
    text
        The cell as typed (no spreadsheet formula is ever evaluated).

    Returns
    -------
    Reading
        ``kind="number"`` with the value under each admissible convention, or the
        reason it is not a number.
    """
    raw = text.translate(_SPACES)
    stripped = raw.strip()
    if not stripped:
        return EMPTY
    if stripped.lower() in _NONFINITE:
        return Reading("nonfinite")
    body = stripped[:-1].rstrip() if stripped.endswith("%") else stripped
    sign = ""
    if body[:1] in ("+", "-"):  # not `in "+-"`: the empty string is in every string
        sign, body = body[0], body[1:].lstrip()
    match = _EXPONENT.match(body)
    exponent = ""
    if match and match.group(1):
        body, exponent = match.group(1), match.group(2)
    literals = _mantissa(body, exponent=bool(exponent))
    if literals is None:
        formula = raw[:1] in FORMULA_STARTS or stripped[:1] in FORMULA_STARTS
        return Reading("formula" if formula else "text")
    values: list[tuple[Convention, float]] = []
    for convention, literal in literals.items():
        number = float(f"{sign}{literal}{exponent}")
        if math.isnan(number):  # pragma: no cover - literals are digits only
            return Reading("nonfinite")
        values.append((convention, number))
    return Reading("number", tuple(values))


@dataclass(frozen=True)
class Decision:
    """The decimal convention a column settles on.

    Attributes
    ----------
    convention
        The convention used, or ``None`` when the column mixes both (an error).
    conflict
        For a mix: ``(row, text)`` of one comma-only and one point-only cell.
    assumed
        Text of an ambiguous cell when ``convention`` had to fall back to the default.
    """

    convention: Convention | None
    conflict: tuple[tuple[int, str], tuple[int, str]] | None = None
    assumed: str | None = None


def decide_decimal(cells: list[tuple[int, str, Reading]], *, default: Convention) -> Decision:
    """Choose the decimal convention of one column from its numeric cells.

    Parameters
    ----------
    cells
        ``(row, text, reading)`` of the column's cells that are numbers.
    default
        Convention used when every cell allows both with different values
        (``"1,234"`` only): ``"comma"`` for semicolon files, ``"point"`` for comma files.
    """
    allowed: set[Convention] = {"comma", "point"}
    for _, _, reading in cells:
        allowed &= reading.conventions
    if not allowed:
        comma = next((r, t) for r, t, g in cells if g.conventions == {"comma"})
        point = next((r, t) for r, t, g in cells if g.conventions == {"point"})
        return Decision(None, conflict=(comma, point))
    if len(allowed) == 1:
        return Decision(allowed.pop())
    ambiguous = next((t for _, t, g in cells if g.value("comma") != g.value("point")), None)
    return Decision(default, assumed=ambiguous)
