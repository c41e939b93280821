"""Turning uploaded bytes into a grid of cells: file type by content, decoding, CSV dialect.

Nothing here trusts the file name: an XLSX is a ZIP holding ``[Content_Types].xml`` and
``xl/workbook.xml``, a CSV is bytes that decode to text without control characters.
Spreadsheet formulas are read as their text (``"=A1*2"``) and never evaluated.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass

from geodata.readers._user_messages import Problem, make_problem

#: A cell as read: text from CSV; text, number, bool, date or ``None`` from XLSX.
Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | None

#: Uncompressed size above which a ZIP is refused (protects against ZIP bombs).
MAX_UNZIPPED = 100_000_000
_MAX_ROWS = 5_000
_MAX_COLUMNS = 200

#: Control characters no text table holds (tab, line breaks and form feed are fine).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG", "ein PNG-Bild", "a PNG image"),
    (b"\xff\xd8\xff", "ein JPEG-Bild", "a JPEG image"),
    (b"GIF8", "ein GIF-Bild", "a GIF image"),
    (b"%PDF", "ein PDF-Dokument", "a PDF document"),
    (b"\x1f\x8b", "ein gzip-Archiv", "a gzip archive"),
    (
        b"\xd0\xcf\x11\xe0",
        "eine alte Excel-Datei (.xls, 97–2003); bitte als .xlsx oder CSV speichern",
        "an old Excel workbook (.xls, 97–2003); please save it as .xlsx or CSV",
    ),
    (b"Rar!", "ein RAR-Archiv", "a RAR archive"),
    (b"7z\xbc\xaf", "ein 7-Zip-Archiv", "a 7-Zip archive"),
    (b"MZ", "ein Programm", "a program"),
    (b"\x7fELF", "ein Programm", "a program"),
)


@dataclass(frozen=True)
class Grid:
    r"""The cells of an upload, row by row.

    Attributes
    ----------
    rows
        ``(row_number, cells)`` for every row that is not entirely empty; the row number
        is what a spreadsheet program shows (CSV: the line where the record ends).
    source
        ``"csv"`` or ``"xlsx"``.
    delimiter
        The CSV delimiter (``";"``, ``","`` or ``"\t"``), ``None`` for XLSX.
    sheet
        The worksheet read (XLSX only).
    """

    rows: list[tuple[int, list[Cell]]]
    source: str
    delimiter: str | None = None
    sheet: str | None = None


def _not_a_table(filename: str, what_de: str, what_en: str) -> Problem:
    return make_problem("not_a_table", filename=filename, what=what_de, what_en=what_en)


def read_grid(data: bytes, *, filename: str) -> tuple[Grid | None, list[Problem], list[Problem]]:
    """Read ``data`` as an XLSX workbook or a delimited text table.

    Returns
    -------
    grid, errors, warnings
        ``grid`` is ``None`` when ``errors`` is not empty.
    """
    bare = data.removeprefix(b"\xef\xbb\xbf").removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff")
    if not bare.strip(b" \t\r\n\x00"):
        return None, [make_problem("empty_file", filename=filename)], []
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return _read_xlsx(data, filename=filename)
    for magic, what_de, what_en in _MAGIC:
        if data.startswith(magic):
            return None, [_not_a_table(filename, what_de, what_en)], []
    text, problem = _decode(data, filename=filename)
    if problem is not None:
        return None, [problem], []
    assert text is not None
    return _read_csv(text)


def _decode(data: bytes, *, filename: str) -> tuple[str | None, Problem | None]:
    """Decode text: UTF-16 with BOM, UTF-8 (with or without BOM), else Windows-1252/latin-1."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, _encoding(filename, "UTF-16 mit Fehlern", "broken UTF-16")
    elif b"\x00" in data:
        return None, _encoding(
            filename,
            "enthält Null-Bytes: UTF-16 ohne Byte-Order-Mark oder keine Textdatei",
            "contains NUL bytes: UTF-16 without byte-order mark, or not a text file",
        )
    else:
        text = ""
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    text = text.lstrip("\ufeff").rstrip("\x1a")
    if _CONTROL.search(text):
        return None, _not_a_table(filename, "Binärdaten", "binary data")
    return text, None


def _encoding(filename: str, detail_de: str, detail_en: str) -> Problem:
    return make_problem("encoding", filename=filename, detail_de=detail_de, detail_en=detail_en)


def _sniff_delimiter(lines: list[str]) -> str:
    """Pick ``;``, tab or ``,``: the first splitting most sample rows into the same >1 fields.

    Title lines above the header (one field) do not count against a delimiter.
    """
    sample = [line for line in lines if line.strip()][:30]
    for delimiter in (";", "\t", ","):
        counts = Counter(len(r) for r in csv.reader(sample, delimiter=delimiter))
        fields, rows = max(counts.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
        if fields > 1 and rows >= 0.6 * len(sample):
            return delimiter
    for delimiter in (";", "\t", ","):  # ragged, but at least delimited somewhere
        if any(delimiter in line for line in sample):
            return delimiter
    return ","


def _read_csv(text: str) -> tuple[Grid | None, list[Problem], list[Problem]]:
    lines = text[:200_000].splitlines()
    delimiter = _sniff_delimiter(lines)
    rows: list[tuple[int, list[Cell]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        for record in reader:
            if any(field.strip() for field in record):
                rows.append((reader.line_num, list(record)))
            if len(rows) > _MAX_ROWS:
                return None, [make_problem("too_many_rows", limit=_MAX_ROWS)], []
    except csv.Error as error:  # e.g. a field larger than the csv module's limit
        return (
            None,
            [
                make_problem(
                    "broken_csv",
                    row=reader.line_num,
                    detail=str(error),
                )
            ],
            [],
        )
    return Grid(rows, "csv", delimiter=delimiter), [], []


def _read_xlsx(data: bytes, *, filename: str) -> tuple[Grid | None, list[Problem], list[Problem]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return (
            None,
            [_broken(filename, "ZIP-Struktur unvollständig", "incomplete ZIP structure")],
            [],
        )
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        if "mimetype" in names and b"opendocument" in _member(archive, "mimetype"):
            return (
                None,
                [
                    _not_a_table(
                        filename,
                        "eine OpenDocument-Tabelle (.ods); bitte als .xlsx oder CSV speichern",
                        "an OpenDocument spreadsheet (.ods); please save it as .xlsx or CSV",
                    )
                ],
                [],
            )
        return None, [_not_a_table(filename, "ein ZIP-Archiv", "a ZIP archive")], []
    if unzipped > MAX_UNZIPPED:
        limit = f"{MAX_UNZIPPED // 1_000_000} MB"
        problem = _broken(filename, f"entpackt über {limit}", f"over {limit} when unpacked")
        return None, [problem], []
    import openpyxl  # deferred: only uploads of workbooks pay for it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
            sheets = book.sheetnames
            sheet = book[sheets[0]]
            rows: list[tuple[int, list[Cell]]] = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = list(values[:_MAX_COLUMNS])
                if any(c is not None and str(c).strip() for c in cells):
                    rows.append((number, cells))
                if len(rows) > _MAX_ROWS:
                    break
            book.close()
        if len(rows) > _MAX_ROWS:
            return None, [make_problem("too_many_rows", limit=_MAX_ROWS)], []
    except Exception as error:  # untrusted file: any failure means damaged
        detail = re.sub(r"\s+", " ", f"{type(error).__name__}: {error}")[:200]
        return None, [_broken(filename, f"Lesefehler {detail}", f"read error {detail}")], []
    warns = []
    if len(sheets) > 1:
        warns.append(make_problem("other_sheets", sheet=sheets[0], others=", ".join(sheets[1:])))
    return Grid(rows, "xlsx", sheet=sheets[0]), [], warns


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    """First bytes of one archive member, or nothing if it cannot be read."""
    try:
        with archive.open(name) as member:
            return member.read(200)
    except Exception:  # untrusted archive: unreadable means "not this"
        return b""


def _broken(filename: str, detail_de: str, detail_en: str) -> Problem:
    return make_problem("broken_xlsx", filename=filename, detail_de=detail_de, detail_en=detail_en)
