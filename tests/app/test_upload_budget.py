"""One upload is read in a child process with a CPU and memory budget (SYNTHETIC data)."""

from __future__ import annotations

import base64

from layouts.upload_budget import read_with_budget


def _url(text: str) -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode()).decode()


def test_a_valid_upload_reads_the_same_within_the_budget(app_data):
    rows = "".join(f"{a};{int(a) % 7},5\n" for a in app_data.ags)
    table = read_with_budget(
        _url("AGS;Kurse\n" + rows), filename="k.csv", districts=app_data.atlas.districts
    )
    assert table.ok, [p.message_en for p in table.errors]
    assert table.values.loc["90013", "Kurse"] == 90013 % 7 + 0.5


def test_an_upload_over_the_budget_is_refused_with_a_message(app_data):
    note = "n" * 9_000  # 3.6 MB in all: decoding it alone needs more than the budget
    rows = "".join(f"{a};{int(a) % 7},5;{note}\n" for a in app_data.ags)
    table = read_with_budget(
        _url("AGS;Kurse;Notiz\n" + rows),
        filename="k.csv",
        districts=app_data.atlas.districts,
        memory_bytes=1_000_000,  # far too little to read anything
    )
    [problem] = table.errors
    assert problem.code == "too_costly"
    assert "k.csv" in problem.message_en and "1 MB" in problem.message_en
    assert "Rechenzeit" in problem.message_de
