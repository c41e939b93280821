"""Turning uploaded bytes into a grid of cells: file type by content, decoding, CSV dialect.

Nothing here trusts the file name: an XLSX is a ZIP holding ``[Content_Types].xml`` and
``xl/workbook.xml``, a CSV is bytes that decode to text without control characters.
Spreadsheet formulas are read as their text (``"=A1*2"``) and never evaluated.

Reading costs little whatever the file holds: the cheap limits are checked before any
parser builds rows. A CSV record wider than :data:`MAX_FIELDS` stops the reading at that
record; for a workbook the ZIP directory, the sheet's declared dimension, its rows and
cells and the number of shared strings are counted from the raw members (a streaming
byte scan, stopped as soon as a limit is passed) before openpyxl parses anything.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import xml.etree.ElementTree as ElementTree
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from geodata.readers._user_messages import Problem, make_problem

#: A cell as read: text from CSV; text, number, bool, date or ``None`` from XLSX.
Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | None

#: Uncompressed size above which a ZIP is refused (protects against ZIP bombs).
MAX_UNZIPPED = 100_000_000
#: Non-empty rows a table may have (one row per district is expected).
MAX_ROWS = 5_000
#: Columns (fields) a row may have, all columns counted, not only numeric ones.
MAX_FIELDS = 200
#: Last worksheet row a cell may sit in (room for title and note rows above and below).
MAX_SHEET_ROW = 10_000
#: Cells a worksheet may hold (400 districts × 250 columns).
MAX_CELLS = 100_000
#: Shared strings (distinct texts of all sheets) a workbook may hold.
MAX_SHARED_STRINGS = 100_000
#: Uncompressed size of any other XML part that openpyxl parses when it opens a workbook.
MAX_PART = 2_000_000
#: Digits of a number openpyxl can still convert (Python's int limit is 4,300 digits).
_MAX_DIGITS = 4_000
_CHUNK = 1 << 20
#: Characters of a text checked for control characters before any parsing.
_HEAD = 65_536

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


Result = tuple[Grid | None, list[Problem], list[Problem]]


def read_grid(data: bytes, *, filename: str) -> Result:
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
    if data.startswith(b"\xd0\xcf\x11\xe0") and _ENCRYPTED_PACKAGE in data:
        # an encrypted OOXML workbook is an OLE container holding the encrypted ZIP
        return None, [make_problem("encrypted", filename=filename)], []
    for magic, what_de, what_en in _MAGIC:
        if data.startswith(magic):
            return None, [_not_a_table(filename, what_de, what_en)], []
    text, problem = _decode(data, filename=filename)
    if problem is not None:
        return None, [problem], []
    assert text is not None
    return _read_csv(text, filename=filename)


_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
#: A well-formed UTF-8 sequence of two to four bytes.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _decode(data: bytes, *, filename: str) -> tuple[str | None, Problem | None]:
    """Decode text: UTF-16 with BOM, UTF-8 (with or without BOM), else Windows-1252/latin-1.

    A file that is UTF-8 apart from a few bytes is refused with the position of the first
    bad byte rather than read as Windows-1252 (which would turn every "ä" into "Ã¤").
    """
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
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            if _UTF8_MULTIBYTE.search(data):
                return None, _mixed_encoding(data, error.start, filename=filename)
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    text = text.lstrip("\ufeff").rstrip("\x1a")
    if _CONTROL.search(text, 0, _HEAD):  # the rest is checked line by line as it is read
        return None, _not_a_table(filename, "Binärdaten", "binary data")
    return text, None


def _mixed_encoding(data: bytes, offset: int, *, filename: str) -> Problem:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    char = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return make_problem(
        "mixed_encoding",
        row=line,
        filename=filename,
        **_limit(offset + 1, "offset"),
        char=char,
        byte=f"0x{data[offset]:02X}",
    )


def _encoding(filename: str, detail_de: str, detail_en: str) -> Problem:
    return make_problem("encoding", filename=filename, detail_de=detail_de, detail_en=detail_en)


def _fields(line: str, delimiter: str) -> int | None:
    """Count the fields of one physical line (``None`` if the csv module refuses it)."""
    try:
        return len(next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:  # e.g. a field longer than the csv module's limit
        return None


def _sniff_delimiter(lines: list[str]) -> str:
    """Pick ``;``, tab or ``,``: the first splitting most sample rows into the same >1 fields.

    Title lines above the header (one field) do not count against a delimiter.
    """
    sample = [line for line in lines if line.strip()][:30]
    for delimiter in (";", "\t", ","):
        counts = Counter(n for line in sample if (n := _fields(line, delimiter)) is not None)
        fields, rows = max(counts.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
        if fields > 1 and rows >= 0.6 * len(sample):
            return delimiter
    for delimiter in (";", "\t", ","):  # ragged, but at least delimited somewhere
        if any(delimiter in line for line in sample):
            return delimiter
    return ","


def _split_quoted(text: str, delimiter: str) -> list[str]:
    """Split a record's raw text at delimiters outside double quotes (quotes kept)."""
    fields: list[str] = []
    for piece in text.split(delimiter):
        if fields and fields[-1].count('"') % 2:
            fields[-1] += delimiter + piece
        else:
            fields.append(piece)
    return fields


def _column_name(header: list[str] | None, index: int) -> str:
    """Name column ``index`` (0-based) by its header, else by its number."""
    if header and index < len(header) and header[index].strip():
        return " ".join(header[index].split())[:120]
    return str(index + 1)


class _BinaryLine(Exception):
    """A line of an upload holds control characters no text table has."""


def _text_lines(lines: list[str]) -> Iterator[str]:
    for line in lines:
        if _CONTROL.search(line):
            raise _BinaryLine
        yield line


def _read_csv(text: str, *, filename: str = "") -> Result:
    delimiter = _sniff_delimiter(text[:200_000].splitlines())
    lines = list(io.StringIO(text, newline=""))  # the physical lines the csv reader sees
    first = next((i for i, line in enumerate(lines[:50]) if line.strip()), None)
    if first is not None and '"' not in lines[first]:
        fields = lines[first].count(delimiter) + 1  # exact without quotes, and cheap
        if fields > MAX_FIELDS:
            problem = make_problem(
                "too_many_fields", row=first + 1, count=_n(fields), limit=MAX_FIELDS
            )
            return None, [problem], []
    rows: list[tuple[int, list[Cell]]] = []
    header: list[str] | None = None
    reader = csv.reader(_text_lines(lines), delimiter=delimiter, strict=False)
    start = last_start = 1
    try:
        for record in reader:
            if len(record) > MAX_FIELDS:
                problem = make_problem(
                    "too_many_fields", row=start, count=_n(len(record)), limit=MAX_FIELDS
                )
                return None, [problem], []
            if any(field.strip() for field in record):
                if header is None:
                    header = record
                elif where := _quote_spans_rows(record, start, reader.line_num, delimiter):
                    code = "quote_spans_rows"
                    if reader.line_num >= len(lines) and _unterminated_at_end(
                        lines, start, delimiter
                    ):
                        code = "unterminated_quote"
                    return None, [_located(code, where, header)], []
                rows.append((reader.line_num, list(record)))
                last_start = start
            if len(rows) > MAX_ROWS:
                return None, [make_problem("too_many_rows", **_limit(MAX_ROWS))], []
            start = reader.line_num + 1
    except _BinaryLine:
        return None, [_not_a_table(filename, "Binärdaten", "binary data")], []
    except csv.Error as error:
        raw = "".join(lines[start - 1 : reader.line_num])
        return None, [_csv_error(error, raw, start, delimiter, header)], []
    if rows and (where := _unterminated_at_end(lines, last_start, delimiter)):
        return None, [_located("unterminated_quote", where, header)], []
    return Grid(rows, "csv", delimiter=delimiter), [], []


def _n(count: int) -> str:
    """Write a count with thousands commas (as the English messages show it)."""
    return f"{count:,}"


def _limit(limit: int, name: str = "limit") -> dict[str, Any]:
    """``{name}`` and ``{name}_de`` of a count (``5,000`` and ``5.000``)."""
    return {name: f"{limit:,}", f"{name}_de": f"{limit:,}".replace(",", ".")}


def _quote_spans_rows(
    record: list[str], start: int, end: int, delimiter: str
) -> tuple[int, int, int] | None:
    """``(start, column index, end)`` if a quoted field swallowed what look like records."""
    if end - start < 2:
        return None
    for index, field in enumerate(record):
        inner = field.splitlines()[1:]
        if len(inner) >= 2 and sum(delimiter in line for line in inner) >= 2:
            return start, index, end
    return None


def _unterminated_at_end(
    lines: list[str], start: int, delimiter: str
) -> tuple[int, int, int] | None:
    """``(start, column index, end)`` if the last record ends inside an open quote."""
    tail = lines[start - 1 :]
    reader = csv.reader(iter(tail), delimiter=delimiter, strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as error:
        if "unexpected end of data" not in str(error):
            return None
        fields = _split_quoted("".join(tail), delimiter)
        index = next((i for i, f in enumerate(fields) if f.count('"') % 2), len(fields) - 1)
        return start, index, start + len(tail) - 1
    return None


def _located(code: str, where: tuple[int, int, int], header: list[str] | None) -> Problem:
    start, index, end = where
    return make_problem(code, row=start, column=_column_name(header, index), end=end)


def _csv_error(
    error: csv.Error, raw: str, start: int, delimiter: str, header: list[str] | None
) -> Problem:
    """Turn a csv module error into a located problem (row, and column where found)."""
    if "field larger than field limit" not in str(error):
        return make_problem("broken_csv", row=start, detail=str(error)[:200])
    limit = csv.field_size_limit()
    fields = _split_quoted(raw, delimiter)
    index = next((i for i, f in enumerate(fields) if len(f) > limit), len(fields) - 1)
    field = fields[index].lstrip()
    if field.startswith('"') and field.count('"') % 2 and ("\n" in field or "\r" in field):
        return _located("unterminated_quote", (start, index, start + raw.count("\n")), header)
    return make_problem(
        "field_too_long", row=start, column=_column_name(header, index), **_limit(limit)
    )


# ----------------------------------------------------------------------------- xlsx


def _read_xlsx(data: bytes, *, filename: str) -> Result:
    problem = _screen_xlsx(data, filename=filename)
    if problem is not None:
        return None, [problem], []
    return _parse_xlsx(data, filename=filename)


def screen_grid(data: bytes, *, filename: str) -> list[Problem]:
    """Check only the cheap limits of an upload; the errors :func:`read_grid` would give.

    For a workbook this reads the ZIP directory and counts from the raw members, without
    openpyxl; for text it decodes and splits the records (the csv module, bounded by
    :data:`MAX_FIELDS` and :data:`MAX_ROWS`). An empty list means the upload is worth a
    full read.
    """
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        problem = _screen_xlsx(data, filename=filename)
        return [problem] if problem is not None else []
    _grid, errors, _warnings = read_grid(data, filename=filename)
    return errors


def _screen_xlsx(data: bytes, *, filename: str) -> Problem | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        names = {info.filename for info in infos}
        unzipped = sum(info.file_size for info in infos)
    except (zipfile.BadZipFile, ValueError, OSError):
        return _broken(filename, "ZIP-Struktur unvollständig", "incomplete ZIP structure")
    if any(info.flag_bits & 0x1 for info in infos):
        return make_problem("encrypted", filename=filename)
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        if "mimetype" in names and b"opendocument" in _member(archive, "mimetype"):
            return _not_a_table(
                filename,
                "eine OpenDocument-Tabelle (.ods); bitte als .xlsx oder CSV speichern",
                "an OpenDocument spreadsheet (.ods); please save it as .xlsx or CSV",
            )
        return _not_a_table(filename, "ein ZIP-Archiv", "a ZIP archive")
    if unzipped > MAX_UNZIPPED:
        limit = f"{MAX_UNZIPPED // 1_000_000} MB"
        return _broken(filename, f"entpackt über {limit}", f"over {limit} when unpacked")
    try:
        return _check_workbook(archive, infos, filename=filename)
    except Exception as error:  # untrusted archive: a member that does not inflate is damage
        detail = re.sub(r"\s+", " ", f"{type(error).__name__}: {error}")[:200]
        return _broken(filename, f"Lesefehler {detail}", f"read error {detail}")


def _check_workbook(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], *, filename: str
) -> Problem | None:
    """Check the cheap limits of a workbook from its raw members, before openpyxl opens it."""
    for info in infos:
        eager = info.filename.endswith((".xml", ".rels")) and not info.filename.startswith(
            ("xl/worksheets/", "xl/sharedStrings")
        )
        if eager and info.file_size > MAX_PART:
            return make_problem(
                "part_too_large",
                filename=filename,
                part=info.filename,
                **_limit(info.file_size, "size"),
                **_limit(MAX_PART),
            )
    sheet, path = _first_sheet(archive)
    if path is None:
        return None  # openpyxl reports a workbook without sheets
    strings = next(
        (i.filename for i in infos if i.filename.lower() == "xl/sharedstrings.xml"), None
    )
    if strings is not None:
        count = _count_shared_strings(archive, strings)
        if count > MAX_SHARED_STRINGS:
            return make_problem(
                "too_many_strings",
                filename=filename,
                **_limit(count, "count"),
                **_limit(MAX_SHARED_STRINGS),
            )
    if path in {i.filename for i in infos}:
        return _scan_sheet(archive, path, sheet=sheet)
    return None


_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _first_sheet(archive: zipfile.ZipFile) -> tuple[str, str | None]:
    """Name and member path of the workbook's first sheet (the one that is read)."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        first = next(e for e in book.iter() if e.tag.rsplit("}", 1)[-1] == "sheet")
        name, rid = first.get("name", ""), first.get(_REL_NS)
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        target = next(
            e.get("Target", "") for e in rels.iter() if e.get("Id") == rid and e.get("Target")
        )
    except Exception:  # untrusted parts: openpyxl will report what is wrong
        return "", None
    target = target.lstrip("/")
    return name, target if target.startswith("xl/") else f"xl/{target}"


def _chunks(archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """Yield the member's bytes in pieces that end after a ``>`` (no tag is cut in two)."""
    carry = b""
    with archive.open(name) as member:
        while block := member.read(_CHUNK):
            block = carry + block
            cut = block.rfind(b">") + 1
            carry = block[cut:]
            if cut:
                yield block[:cut]
    if carry:
        yield carry


_SST = re.compile(rb'<(?:[\w.-]+:)?sst\b[^>]*?\buniqueCount="(\d{1,12})"')
_SI = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")


def _count_shared_strings(archive: zipfile.ZipFile, name: str) -> int:
    """Shared strings declared (``uniqueCount``) or found, whichever is more; stops early."""
    count = 0
    for number, chunk in enumerate(_chunks(archive, name)):
        if number == 0 and (declared := _SST.search(chunk)):
            if int(declared.group(1)) > MAX_SHARED_STRINGS:
                return int(declared.group(1))
        count += len(_SI.findall(chunk))
        if count > MAX_SHARED_STRINGS:
            return count
    return count


_DIMENSION = re.compile(
    rb'<(?:[\w.-]+:)?dimension\s+ref="([A-Z]{0,3})(\d*)(?::([A-Z]{1,3})(\d+))?"'
)
_ROW = re.compile(rb"<(?:[\w.-]+:)?row[\s/>]")
_ROW_REF = re.compile(rb'<(?:[\w.-]+:)?row\s[^>]*?\br="(\d+)"')
_CELL = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_CELL_COLUMN = re.compile(rb'<(?:[\w.-]+:)?c\s[^>]*?\br="([A-Z]{1,4})(\d+)"')
_LONG_NUMBER = re.compile(rb"<(?:[\w.-]+:)?v>\s*[-+]?\d{%d,}" % _MAX_DIGITS)


def column_index(letters: str) -> int:
    """1-based index of a spreadsheet column name (A -> 1, XFD -> 16384)."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def _scan_sheet(archive: zipfile.ZipFile, path: str, *, sheet: str) -> Problem | None:
    """Check one sheet's declared dimension, rows, cells, farthest cell and long numbers."""
    rows = cells = 0
    for number, chunk in enumerate(_chunks(archive, path)):
        if number == 0 and (dimension := _DIMENSION.search(chunk)):
            last_col, last_row = dimension.group(3), dimension.group(4)
            if last_col and last_row:
                ref = f"{dimension.group(1).decode()}{dimension.group(2).decode()}:"
                ref += f"{last_col.decode()}{last_row.decode()}"
                if column_index(last_col.decode()) > MAX_FIELDS or int(last_row) > MAX_SHEET_ROW:
                    return _extent("sheet_dimension", sheet, ref)
        rows += len(_ROW.findall(chunk))
        cells += len(_CELL.findall(chunk))
        if rows > MAX_ROWS:
            return make_problem("too_many_rows", **_limit(MAX_ROWS))
        if cells > MAX_CELLS:
            return make_problem("too_many_cells", sheet=sheet, **_limit(MAX_CELLS))
        if far := _farthest(chunk):
            return _extent("far_cell", sheet, far)
        if long := _LONG_NUMBER.search(chunk):
            refs = _CELL_COLUMN.findall(chunk, 0, long.start())
            letters, row = refs[-1] if refs else (b"?", b"?")
            return make_problem(
                "long_number", row=int(row) if row.isdigit() else None, column=letters.decode()
            )
    return None


def _farthest(chunk: bytes) -> str | None:
    """Return the cell reference farthest out in ``chunk`` if it lies beyond the limits."""
    refs = {(column_index(c.decode()), int(r)) for c, r in set(_CELL_COLUMN.findall(chunk))}
    refs |= {(1, int(r)) for r in set(_ROW_REF.findall(chunk))}
    if not refs:
        return None
    column, row = max(refs)
    if column <= MAX_FIELDS:
        column, row = max(refs, key=lambda ref: ref[1])
        if row <= MAX_SHEET_ROW:
            return None
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"  # the farthest column (or row) a cell of the chunk reaches


def _extent(code: str, sheet: str, ref: str) -> Problem:
    return make_problem(
        code,
        sheet=sheet,
        ref=ref,
        max_columns=MAX_FIELDS,
        **_limit(MAX_SHEET_ROW, "max_rows"),
    )


def _parse_xlsx(data: bytes, *, filename: str) -> Result:
    import openpyxl  # deferred: only uploads of workbooks pay for it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
            sheets = book.sheetnames
            sheet = book[sheets[0]]
            sheet.reset_dimensions()  # rows as long as their cells, never padded
            rows: list[tuple[int, list[Cell]]] = []
            for number, values in enumerate(
                sheet.iter_rows(max_row=MAX_SHEET_ROW, values_only=True), start=1
            ):
                if len(values) > MAX_FIELDS:
                    book.close()
                    problem = make_problem(
                        "too_many_fields", row=number, count=_n(len(values)), limit=MAX_FIELDS
                    )
                    return None, [problem], []
                cells = list(values)
                if any(c is not None and str(c).strip() for c in cells):
                    rows.append((number, cells))
                if len(rows) > MAX_ROWS:
                    break
            book.close()
        if len(rows) > MAX_ROWS:
            return None, [make_problem("too_many_rows", **_limit(MAX_ROWS))], []
    except MemoryError:
        raise  # a budget was hit: the caller reports it
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
