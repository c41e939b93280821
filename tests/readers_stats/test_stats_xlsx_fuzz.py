"""Workbook readers on random sheet contents: a table or a ReaderError, nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata.errors import ReaderError
from geodata.readers import read_deutschlandatlas, read_vgr_workbook

CELLS = st.one_of(
    st.none(),
    st.integers(-(10**9), 10**10),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(alphabet="0123456789,.-–…/xX#VALUE! bisunterndmhr", max_size=12),
    st.sampled_from(
        [".", "–", "…", "/", "X", "#VALUE!", "7,00 bis unter 8,50", "500 und mehr", "3", "02"]
    ),
)
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=7), min_size=0, max_size=6)


def save(rows: list[list[Any]], sheet: str, folder: str, header: list[Any] | None) -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    if header is not None:
        ws.append(header)
    for row in rows:
        ws.append(row)
    path = Path(folder) / "random.xlsx"
    workbook.save(path)
    return path


@settings(max_examples=60, deadline=None)
@given(rows=ROWS, with_header=st.booleans())
def test_deutschlandatlas_random_sheet(rows: list[list[Any]], with_header: bool) -> None:
    header = ["KRS1222", "Kreisname", "alq", "preis_miet", "wohn_EZFH"] if with_header else None
    with tempfile.TemporaryDirectory() as folder:
        path = save(rows, "Deutschlandatlas_KRS1222", folder, header)
        try:
            df = read_deutschlandatlas(path)
        except ReaderError:
            return
    assert df["key"].str.fullmatch(r"\d{5}").all()
    assert df["value"].dtype == np.float64


@settings(max_examples=60, deadline=None)
@given(rows=ROWS, with_header=st.booleans())
def test_vgr_random_sheet(rows: list[list[Any]], with_header: bool) -> None:
    header = ["Lfd. Nr.", "EU-Code", "Regional-schlüssel", "NUTS 3", "Gebietseinheit", 2018, 2019]
    with tempfile.TemporaryDirectory() as folder:
        path = save(rows, "3.1", folder, header if with_header else None)
        try:
            df = read_vgr_workbook(path)
        except ReaderError:
            return
    assert df["ags"].str.fullmatch(r"\d{5}").all()
    assert df["value"].dtype == np.float64
