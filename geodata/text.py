"""Text safety helpers shared by readers and writers: formula neutralisation, message snippets.

Spreadsheet programs evaluate a cell that starts like a formula ("CSV injection"); every
text the product writes into a table for people to open goes through
:func:`neutralise_formula`, and every cell quoted in a message through :func:`shorten`.
"""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "neutralise_formula", "shorten"]

#: Characters that make a spreadsheet program treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    r"""Make ``text`` inert in a spreadsheet: prefix ``'`` if it starts like a formula.

    Cells beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return are
    evaluated by spreadsheet programs; a leading apostrophe makes them plain text.
    Other text is returned unchanged.

    Examples
    --------
    >>> neutralise_formula('=HYPERLINK("http://x")')
    '\'=HYPERLINK("http://x")'
    >>> neutralise_formula("Kursplätze")
    'Kursplätze'
    """
    return "'" + text if text[:1] in FORMULA_STARTS else text


def shorten(text: object, limit: int = 60) -> str:
    r"""Cell text for a message: control characters removed, at most ``limit`` characters.

    Examples
    --------
    >>> shorten("a\x00b" + "x" * 100, limit=8)
    'a bxxxx…'
    """
    raw = str(text)[: limit * 4]  # a huge cell: look only at what can be shown
    cleaned = "".join(ch if ch.isprintable() else " " for ch in raw).strip()
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"
