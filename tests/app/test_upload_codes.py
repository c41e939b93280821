"""Web uploads whose column headers slug to the same code get distinct codes (SYNTHETIC data).

The upload values are computed from the AGS of the synthetic test atlas.
"""

from __future__ import annotations

import base64

from dashtree import texts

from layouts import upload
from layouts.i18n import t
from layouts.state import AppState

LONG = "Anteil der Kursplätze an allen Plätzen im Kreis, Stand"


def _url(text: str) -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode()).decode()


def test_columns_with_the_same_slug_are_applied_under_distinct_codes(app_data):
    headers = ["Kurse (2023)", "Kurse 2023", f"{LONG} 2023", f"{LONG} 2024"]
    rows = "".join(
        f"{a};{int(a) % 7 + 1};{int(a) % 11 + 1};{int(a) % 13 + 1};{int(a) % 17 + 1}\n"
        for a in app_data.ags
    )
    contents = _url("AGS;" + ";".join(headers) + "\n" + rows)
    pending, _status, _form = upload.read_upload(contents, "kurse.csv", "de")
    assert pending is not None and pending["columns"] == headers
    out = upload.apply_upload(
        pending, ["labour"] * 4, [1] * 4, [1] * 4, None, AppState().to_dict(), "de"
    )
    user = out[0]
    codes = [s["code"] for s in user["specs"]]
    slug = "user_anteil_der_kursplaetze_an_allen_plaetzen"
    assert codes == ["user_kurse_2023", "user_kurse_2023_2", slug, f"{slug}_2"]
    data = upload.data_for(user)
    for code in codes:
        assert code in data.framework.codes
    raw = data.result(out[1]).raw
    assert raw.loc["90013", "user_kurse_2023_2"] == 90013 % 11 + 1
    shown = " ".join(texts(out[4]))
    expected = t(
        "upload.code_renamed", "de", column="Kurse 2023", code="user_kurse_2023_2",
        taken="user_kurse_2023",
    )  # fmt: skip
    assert expected in shown
