"""Helpers shared by the readers: decoding, number parsing and district keys."""

from __future__ import annotations

import math
import re
from pathlib import Path

from geodata.errors import EncodingError, NumericValueError, ReaderError

#: GENESIS "Zeichenerklärung": special value -> reason a cell is missing (or zero).
GENESIS_SPECIAL_VALUES: dict[str, str] = {
    "-": "nothing (exactly zero) or region not existing in that year",
    ".": "unknown or confidential",
    "...": "not yet available",
    "…": "not yet available",
    "x": "not meaningful (cell blocked)",
    "/": "not reliable enough",
    "–": "nothing (exactly zero)",
}

_KEY = re.compile(r"^\d{1,8}$")


def read_text(path: str | Path, encodings: tuple[str, ...] = ("utf-8-sig", "latin-1")) -> str:
    """Read a text file trying ``encodings`` in order.

    UTF-8 is tried first because it fails loudly on latin-1 bytes, while latin-1
    accepts any byte; a decoded text holding NUL bytes is rejected as binary.

    Raises
    ------
    EncodingError
        If no encoding decodes the file or it looks binary.
    """
    raw = Path(path).read_bytes()
    if b"\x00" in raw[:4096]:
        utf16 = _utf16_kind(raw[:4096])
        if utf16:
            raise EncodingError(
                path, f"file is {utf16}; save it again as UTF-8 (or use the original download)"
            )
        raise EncodingError(path, "file looks binary (NUL bytes), not a text table")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise EncodingError(path, f"bytes do not decode as any of {', '.join(encodings)}")


def _utf16_kind(head: bytes) -> str | None:
    """Name the UTF-16 variant of a text that is one (BOM, or NUL in every other byte)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        order = "little" if head.startswith(b"\xff\xfe") else "big"
        return f"UTF-16 ({order}-endian, with byte-order mark)"
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "UTF-16 (little-endian, without byte-order mark)"
    if len(head) >= 4 and even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "UTF-16 (big-endian, without byte-order mark)"
    return None


def parse_german_number(
    text: str, *, path: str | Path, line: int | None = None, column: str | None = None
) -> float:
    """Parse ``"1234,5"`` (decimal comma, no thousands separator) into a float."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    try:
        return float(cleaned.replace(",", "."))
    except ValueError:
        raise NumericValueError(
            path, f"expected a number with decimal comma, found {text!r}", line=line, column=column
        ) from None


def pad_district_key(key: object, *, path: str | Path, line: int | None = None) -> str:
    """Return a 5-digit district key from ``1001``, ``"01001"`` or ``1001000`` (8 digits).

    Two-digit Land keys of the city states (``"02"``, ``"11"``) become ``"02000"``/``"11000"``.
    """
    text = str(key).strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not _KEY.match(text):
        raise ReaderError(path, f"not a district key: {key!r}", line=line)
    if text in {"2", "02", "11"}:
        return text.zfill(2) + "000"
    if len(text) in (7, 8):  # Deutschlandatlas: AGS5 followed by "000"
        text = text.zfill(8)
        if not text.endswith("000"):
            raise ReaderError(
                path, f"8-digit key {key!r} is a municipality, not a district", line=line
            )
        return text[:5]
    if len(text) > 5:
        raise ReaderError(path, f"key {key!r} is longer than a district key", line=line)
    return text.zfill(5)


#: No count, amount or rate in an official district table comes near this; larger
#: magnitudes are corrupt cells (or numbers pasted with their digits run together).
MAX_MAGNITUDE = 1e15


def checked_number(
    value: float,
    *,
    path: str | Path,
    line: int | None = None,
    sheet: str | None = None,
    column: str | None = None,
) -> float:
    """Return ``value`` if it is finite and below :data:`MAX_MAGNITUDE` in size.

    Raises
    ------
    NumericValueError
        For NaN or infinity written as a number, or an implausibly huge number.
    """
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise NumericValueError(
            path,
            f"{value!r} is not a plausible value (not finite or larger than {MAX_MAGNITUDE:g})",
            line=line,
            sheet=sheet,
            column=column,
        )
    return value
