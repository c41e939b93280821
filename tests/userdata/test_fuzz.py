"""Fuzzing read_user_table: never an unhandled exception; valid tables round-trip."""

from __future__ import annotations

import csv
import io
import math
import os

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geodata.readers.user_table import read_user_table

from .conftest import CORPUS, load_districts

DISTRICTS = load_districts()
KEYS = DISTRICTS["ags"].tolist()
SETTINGS = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def check_invariants(table):
    """Whatever the input, the result is either usable values or errors, never both."""
    for problem in (*table.errors, *table.warnings):
        assert problem.code and problem.message_de and problem.message_en
    if table.errors:
        assert table.values.empty
        return
    values = table.values
    assert values.index.is_unique and set(values.index) <= set(KEYS)
    assert list(values.columns) == list(table.columns)
    finite = values.to_numpy(dtype=float)
    assert not (
        ~pd.isna(finite)
        & ~pd.Series(finite.ravel()).map(math.isfinite).to_numpy().reshape(finite.shape)
    ).any()
    assert (abs(finite[~pd.isna(finite)]) <= 1e15).all()


@SETTINGS
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data):
    check_invariants(read_user_table(data, filename="fuzz.csv", districts=DISTRICTS))


TOKENS = st.sampled_from(
    [
        "AGS",
        "Kreis",
        "Wert",
        ";",
        ",",
        "\t",
        "\n",
        "\r\n",
        '"',
        "09162",
        "9184",
        "03152",
        "1,5",
        "2.5",
        "1.234,5",
        "=A1",
        "@x",
        "-",
        "+",
        "NaN",
        "inf",
        "1e16",
        "München",
        "Offenbach",
        "Landkreis ",
        "",
        " ",
        "\u00a0",
        "ä",
        "\x00",
        "\ufeff",
        "DG",
        "#DIV/0!",
    ]
)


@SETTINGS
@given(st.lists(TOKENS, max_size=80), st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_table_like_text(tokens, encoding):
    text = "".join(tokens)
    data = text.encode(encoding, errors="replace")
    check_invariants(read_user_table(data, filename="fuzz.csv", districts=DISTRICTS))


GOOD = {name: (CORPUS / name).read_bytes() for name in ["good.xlsx", "good_semicolon_cp1252.csv"]}


@SETTINGS
@given(
    st.sampled_from(sorted(GOOD)),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
    st.one_of(st.none(), st.integers(0, 10**6)),
)
def test_mutated_good_files(name, flips, cut):
    data = bytearray(GOOD[name])
    for position, byte in flips:
        data[position % len(data)] = byte
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    check_invariants(read_user_table(bytes(data), filename="fuzz.xlsx", districts=DISTRICTS))


# ---------------------------------------------------------------- round trip

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@st.composite
def tables(draw):
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=40, unique=True))
    n_columns = draw(st.integers(1, 3))
    columns = [f"Indikator {i} (je 1000 EW)" for i in range(n_columns)]
    data = {
        c: draw(st.lists(st.one_of(finite, st.none()), min_size=len(keys), max_size=len(keys)))
        for c in columns
    }
    frame = pd.DataFrame(data, index=pd.Index(keys, name="ags"), dtype=float)
    frame = frame.loc[:, frame.notna().any()]  # an all-empty column is not a column
    if frame.empty or frame.shape[1] == 0:
        frame = pd.DataFrame({columns[0]: 1.0}, index=pd.Index(keys, name="ags"))
    return frame


def write_csv(frame, *, decimal, delimiter, strip_zeros):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["AGS", *frame.columns])
    for key, row in frame.iterrows():
        cells = ["" if pd.isna(v) else repr(float(v)) for v in row]
        if decimal == "comma":
            cells = [c.replace(".", ",") for c in cells]
        writer.writerow([key.lstrip("0") if strip_zeros else key, *cells])
    return buffer.getvalue()


def expected_values(frame, table, *, exact=True):
    got = table.values
    assert list(got.columns) == list(frame.columns)
    expected = frame.sort_index()
    expected.index = expected.index.astype(str)
    if exact:
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
    else:  # XLSX stores 15-16 significant digits, like Excel itself
        pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-14, atol=0)


@SETTINGS
@given(
    tables(),
    st.sampled_from([("comma", ";"), ("comma", "\t"), ("point", ","), ("point", "\t")]),
    st.booleans(),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_valid_csv_round_trips(frame, convention, strip_zeros, encoding):
    decimal, delimiter = convention
    text = write_csv(frame, decimal=decimal, delimiter=delimiter, strip_zeros=strip_zeros)
    table = read_user_table(text.encode(encoding), filename="rt.csv", districts=DISTRICTS)
    assert table.ok, table.errors
    if decimal == "point" and delimiter == "\t":
        # tab files default to the decimal comma for cells like "123.456"
        ambiguous = [p for p in table.warnings if p.code == "decimal_assumed"]
        if ambiguous:
            return
    expected_values(frame, table)


@settings(max_examples=20, deadline=None)
@given(tables())
def test_valid_xlsx_round_trips(frame):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Kreisschlüssel", *frame.columns])
    for key, row in frame.iterrows():
        sheet.append([key, *(None if pd.isna(v) else float(v) for v in row)])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_user_table(buffer.getvalue(), filename="rt.xlsx", districts=DISTRICTS)
    assert table.ok, table.errors
    expected_values(frame, table, exact=False)
