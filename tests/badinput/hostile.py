"""Hostile uploads built in code: small files that cost a naive reader a lot.

Each builder returns the bytes of one upload; nothing here is committed as a binary.
The shapes are those of the attack round in issue 14:

* :func:`xlsx_far_cell` (about 10 KB): a worksheet declaring ``A1:XFD1048576`` whose only
  cell sits at ``XFD1048576`` (a reader that pads rows walks a million of them);
* :func:`xlsx_shared_strings` (about 240 KB): a workbook with 5.5 million shared strings;
* :func:`csv_wide` (about 4.7 MB): a CSV with 100,000 columns.

:func:`xlsx_workbook` writes a minimal, valid SpreadsheetML package from raw sheet XML,
so a test controls exactly what the file declares.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

__all__ = [
    "SHAPES",
    "csv_wide",
    "shapes",
    "xlsx_cells",
    "xlsx_far_cell",
    "xlsx_shared_strings",
    "xlsx_workbook",
]

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "{shared_type}"
    "</Types>"
)
_SHARED_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    "{shared_rel}"
    "</Relationships>"
)
_SHARED_REL = (
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/>'
)
_SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "{dimension}<sheetData>{rows}</sheetData></worksheet>"
)


def xlsx_workbook(
    rows_xml: str | bytes, *, dimension: str | None = None, shared: bytes | None = None
) -> bytes:
    """A one-sheet workbook with the given ``<row>`` elements (raw SpreadsheetML).

    Parameters
    ----------
    rows_xml
        The content of ``<sheetData>``.
    dimension
        The ``ref`` of the sheet's ``<dimension>`` element (none written if ``None``).
    shared
        The complete ``xl/sharedStrings.xml`` part, if any.
    """
    rows = rows_xml.decode() if isinstance(rows_xml, bytes) else rows_xml
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    members = {
        "[Content_Types].xml": _CONTENT_TYPES.format(
            shared_type=_SHARED_TYPE if shared is not None else ""
        ).encode(),
        "_rels/.rels": _ROOT_RELS.encode(),
        "xl/workbook.xml": _WORKBOOK.encode(),
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS.format(
            shared_rel=_SHARED_REL if shared is not None else ""
        ).encode(),
        "xl/worksheets/sheet1.xml": _SHEET.format(dimension=dim, rows=rows).encode(),
    }
    if shared is not None:
        members["xl/sharedStrings.xml"] = shared
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buffer.getvalue()


def _column_letters(index: int) -> str:
    """Spreadsheet column name of a 1-based column index (1 -> A, 16384 -> XFD)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xlsx_cells(rows: list[list[object]], *, dimension: str | None = None) -> bytes:
    """A workbook of inline-string and number cells written cell by cell (row 1 first).

    Numbers are written as the literal text of ``str(value)`` (so a 400-digit integer
    stays 400 digits); strings become inline strings.
    """
    parts = []
    for r, values in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(values, start=1):
            ref = f"{_column_letters(c)}{r}"
            if value is None:
                continue
            if isinstance(value, str):
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        parts.append(f'<row r="{r}">{"".join(cells)}</row>')
    return xlsx_workbook("".join(parts), dimension=dimension)


def xlsx_far_cell() -> bytes:
    """About 10 KB: ``A1:XFD1048576`` declared, one cell at ``XFD1048576``.

    The sheet is padded with an XML comment to the size seen in the attack round.
    """
    cell = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    padding = "<!--" + "".join(f"{i:08x}" for i in range(1_000)) + "-->"
    return xlsx_workbook(padding + cell, dimension="A1:XFD1048576")


def xlsx_shared_strings(count: int = 5_500_000) -> bytes:
    """About 240 KB: ``count`` shared strings (5.5 million by default), a two-cell sheet."""
    header = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{count}" uniqueCount="{count}">'
    ).encode()
    strings = b"<si><t>AGS</t></si><si><t>Wert</t></si>" + b"<si><t>x</t></si>" * (count - 2)
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    return xlsx_workbook(rows, dimension="A1:B1", shared=header + strings + b"</sst>")


def csv_wide(columns: int = 100_000, rows: int = 18) -> bytes:
    """About 4.7 MB: a semicolon CSV of ``columns`` columns (AGS plus numbered values)."""
    header = "AGS;" + ";".join(f"w{i}" for i in range(1, columns))
    lines = [header]
    for r in range(rows):
        lines.append(f"{9162 + r:05d};" + ";".join("1" for _ in range(1, columns)))
    return ("\r\n".join(lines) + "\r\n").encode()


#: name -> builder of the three hostile shapes.
SHAPES = {
    "xlsx_far_cell": xlsx_far_cell,
    "xlsx_shared_strings": xlsx_shared_strings,
    "csv_wide": csv_wide,
}


def shapes() -> dict[str, tuple[str, bytes]]:
    """Name -> (upload file name, bytes) of every hostile shape."""
    names = {
        "xlsx_far_cell": "weit.xlsx",
        "xlsx_shared_strings": "strings.xlsx",
        "csv_wide": "breit.csv",
    }
    return {key: (names[key], build()) for key, build in SHAPES.items()}
