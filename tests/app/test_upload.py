"""Own indicators (uploads) through the callbacks, called as plain functions.

The uploads are SYNTHETIC: a column computed from the AGS (``int(ags) % 97``) of the
synthetic test atlas. Results are checked against :func:`potentials.run` on
:func:`potentials.extra.with_user_indicators`.
"""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
import pyogrio
import pytest
from dash.exceptions import PreventUpdate
from dashtree import texts

import potentials
from geodata.readers.user_table import read_uploaded_contents
from layouts import compare, export, map_view, profile, routing, upload
from layouts import weights as weights_cb
from layouts.i18n import fmt_number, t
from layouts.state import AppState
from potentials.extra import user_spec, with_user_indicators

COLUMN = "Kursplaetze synthetisch"
CODE = "user_kursplaetze_synthetisch"


def synthetic_value(ags: str) -> float:
    """The SYNTHETIC upload value of a district: computed from its AGS."""
    return float(int(ags) % 97) + 0.5


def data_url(text: str, media: str = "text/csv") -> str:
    return f"data:{media};base64," + base64.b64encode(text.encode("utf-8")).decode()


def valid_csv(ags: list[str]) -> str:
    rows = "\n".join(f"{a};{fmt_number(synthetic_value(a), 'de', 1)}" for a in ags)
    return f"AGS;{COLUMN}\n{rows}\n"


def _z(patch) -> np.ndarray:
    ops = {tuple(op["location"]): op["params"]["value"] for op in patch._operations}
    return np.asarray(ops[("data", 0, "z")], dtype=float)


@pytest.fixture()
def applied(app_data):
    """A valid synthetic upload read and applied: labour domain, lower is better, weight 2."""
    contents = data_url(valid_csv(list(app_data.ags)))
    pending, _status, form = upload.read_upload(contents, "kurse.csv", "de")
    assert pending is not None and pending["columns"] == [COLUMN]
    assert form  # the per-column form and the apply button
    out = upload.apply_upload(pending, ["labour"], [-1], [2], None, AppState().to_dict(), "de")
    user, weights = out[0], out[1]
    return {"contents": contents, "user": user, "weights": weights, "outputs": out}


def _expected(app_data):
    table = read_uploaded_contents(
        data_url(valid_csv(list(app_data.ags))),
        filename="kurse.csv",
        districts=app_data.atlas.districts,
    )
    spec = user_spec(COLUMN, domain="labour", direction=-1, weight=2.0)
    atlas, fw = with_user_indicators(app_data.atlas, app_data.framework, table, [spec])
    return potentials.run(atlas, potentials.ScoringSpec(fw))


def test_valid_upload_changes_the_composite_exactly_as_the_engine(app_data, applied):
    user = applied["user"]
    assert user["specs"] == [
        {"column": COLUMN, "code": CODE, "domain": "labour", "direction": -1, "weight": 2.0}
    ]
    # compact JSON: column → AGS → value, nothing else of the file
    assert user["values"][COLUMN]["90005"] == synthetic_value("90005")
    assert applied["weights"]["indicators"][CODE] == 2.0
    order = list(app_data.ags)
    expected = _expected(app_data).scores["composite"].reindex(order)
    patch = map_view.recolour(
        applied["weights"], "composite", "quantiles", 5, "viridis", None, "de",
        weights_changed=True, user=user,
    )["figure"]  # fmt: skip
    z = _z(patch)
    ok = expected.notna().to_numpy()
    assert ok.sum() > 350
    assert np.allclose(z[ok], expected.to_numpy()[ok].round(3))
    # and it really differs from the composite without the upload
    base = app_data.result(None).scores["composite"].reindex(order).to_numpy()
    assert not np.allclose(z[ok], base[ok].round(3), atol=1e-3)


def test_applied_indicator_is_a_map_measure_with_the_uploaded_values(app_data, applied):
    user = applied["user"]
    options = applied["outputs"][3]
    labels = {o["value"]: o["label"] for o in options}
    assert labels[CODE] == f"{COLUMN} {t('upload.suffix', 'de')}"
    patch = map_view.recolour(
        applied["weights"], CODE, "quantiles", 5, "viridis", None, "de",
        weights_changed=False, user=user,
    )["figure"]  # fmt: skip
    z = _z(patch)
    i = list(app_data.ags).index("90123")
    assert z[i] == pytest.approx(synthetic_value("90123"))
    ops = {tuple(op["location"]): op["params"]["value"] for op in patch._operations}
    hover = ops[("data", 0, "customdata")][i]
    assert hover[0] == fmt_number(synthetic_value("90123"), "de")
    assert hover[1] == "—"  # no year stated in the upload
    # English label
    en = {o["value"]: o["label"] for o in _options(user, "en")}
    assert en[CODE].endswith("(own data)")


def _options(user, lang):
    from layouts import labels

    return labels.measure_options(upload.data_for(user), lang)


def test_weights_panel_lists_the_indicator_under_its_domain(applied):
    from layouts.controls import indicator_sliders

    panel = applied["outputs"][2]
    labour = next(
        block
        for block in panel.children
        if getattr(block, "className", None) == "domain-weight"
        and any(
            getattr(c, "id", None) == {"type": "domain-weight", "code": "labour"}
            for c in texts_nodes(block)
        )
    )
    # the domain's indicator sliders are shown on demand, the own one among them at weight 2
    toggle = {"type": "indicator-toggle", "code": "labour"}
    assert any(getattr(c, "id", None) == toggle for c in texts_nodes(labour))
    data = upload.data_for(applied["user"])
    sliders = indicator_sliders(data, "labour", applied["weights"], "de")
    own = [s for s in sliders if f"{COLUMN} (eigene Daten)" in texts(s)]
    assert len(own) == 1 and own[0].children[1].value == 2.0


def _rows(content):
    for node in content:
        for n in texts_nodes(node):
            if type(n).__name__ == "Tr":
                yield n


def texts_nodes(node):
    children = getattr(node, "children", None)
    yield node
    if isinstance(children, list | tuple):
        for c in children:
            yield from texts_nodes(c)
    elif children is not None and hasattr(children, "children"):
        yield from texts_nodes(children)


def test_profile_compare_and_weight_sliders_use_the_session_upload(app_data, applied):
    user, weights = applied["user"], applied["weights"]
    expected = _expected(app_data)
    ags = "90123"
    content = profile.profile_view(weights, ags, "de", user=user)
    text = " ".join(texts(content))
    assert fmt_number(expected.scores.loc[ags, "composite"], "de") in text
    assert f"{COLUMN} (eigene Daten)" in text
    row = next(r for r in _rows(content) if f"{COLUMN} (eigene Daten)" in texts(r))
    cells = texts(row)
    assert fmt_number(synthetic_value(ags), "de") in cells
    assert "—" in cells  # no year stated in the upload
    _fig, _ranks, table = compare.compare_view(weights, [ags, "90200"], "raw", "en", user=user)
    assert f"{COLUMN} (own data)" in " ".join(texts(table))
    # the slider callback keeps the user indicator's weight (not dropped as unknown)
    dom = [{"code": c} for c in weights["domains"]]
    ind = [{"code": c} for c in weights["indicators"]]
    store = weights_cb.collect(
        dom, list(weights["domains"].values()), ind, list(weights["indicators"].values()), "de",
        user=user,
    )["weights"]  # fmt: skip
    assert store["indicators"][CODE] == 2.0
    store = weights_cb.collect(
        dom, list(weights["domains"].values()), ind, list(weights["indicators"].values()), "de"
    )["weights"]
    assert CODE not in store["indicators"]  # without the session's upload it is unknown


def test_language_switch_keeps_the_upload_and_the_user_measure(app_data, applied):
    user = applied["user"]
    current = AppState(measure=CODE).to_dict()
    rendered = routing.render("", "en", current, lang_switched=True, user=user)
    body, state = rendered["body"], rendered["state"]
    assert state["measure"] == CODE
    assert f"{COLUMN} (own data)" in " ".join(texts(body))
    # without the store the same state falls back to the composite
    state = routing.render("", "en", current, lang_switched=True, user=None)["state"]
    assert state["measure"] == "composite"


def test_exports_mark_the_indicator_user_supplied(app_data, applied, tmp_path):
    user, weights = applied["user"], applied["weights"]
    name, content = export.export_bytes(weights, "gpkg", user=user)
    path = tmp_path / name
    path.write_bytes(content)
    indicators = pyogrio.read_dataframe(path, layer="indicators")
    row = indicators.set_index("code").loc[CODE]
    assert row["source"] == "user-supplied"
    districts = pyogrio.read_dataframe(path, layer="districts", read_geometry=False)
    got = districts.set_index("ags")[f"raw_{CODE}"]
    assert got["90123"] == pytest.approx(synthetic_value("90123"))
    expected = _expected(app_data).scores["composite"]
    assert np.allclose(
        districts.set_index("ags")["composite"].reindex(expected.index), expected, equal_nan=True
    )
    name, content = export.export_bytes(weights, "csv", user=user)
    assert name.endswith(".zip")
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        table = pd.read_csv(zf.open(next(n for n in zf.namelist() if n.endswith(".csv"))))
        meta = json.loads(zf.read(next(n for n in zf.namelist() if n.endswith(".json"))))
    assert table.set_index(table["ags"].astype(str))[f"raw_{CODE}"]["90123"] == pytest.approx(
        synthetic_value("90123")
    )
    sources = {r["code"]: r["source"] for r in meta["indicators"]}
    assert sources[CODE] == "user-supplied"


BAD = "AGS;Kurse\n90001;12,5\n90001;13,0\n90002;viele\n"


def test_bad_upload_lists_its_problems_and_changes_nothing(app_data):
    contents = data_url(BAD)
    pending, status, form = upload.read_upload(contents, "kaputt.csv", "de")
    assert pending is None and form == []
    shown = " ".join(texts(status))
    table = read_uploaded_contents(
        contents, filename="kaputt.csv", districts=app_data.atlas.districts
    )
    codes = {p.code for p in table.errors}
    assert len(table.errors) >= 2, codes  # duplicate key and text in a number column
    for problem in table.errors:
        assert problem.message("de") in shown
    assert t("upload.rejected", "de", filename="kaputt.csv") in shown
    # English messages in the English interface
    _p, status_en, _f = upload.read_upload(contents, "kaputt.csv", "en")
    assert table.errors[0].message("en") in " ".join(texts(status_en))
    # nothing pending, so "apply" does nothing
    with pytest.raises(PreventUpdate):
        upload.apply_upload(pending, [], [], [], None, None, "de")
    # and the shared data are untouched: the composite is the framework's
    assert upload.data_for(None) is app_data


def test_no_upload_is_the_shared_data_and_remove_restores_it(app_data, applied):
    assert upload.data_for(None) is app_data
    assert upload.data_for({}) is app_data
    derived = upload.data_for(applied["user"])
    assert derived is upload.data_for(json.loads(json.dumps(applied["user"])))  # memo by content
    assert CODE in derived.framework.codes and CODE not in app_data.framework.codes
    out = upload.remove_upload(applied["weights"], AppState().to_dict(), "de")
    assert out[0] is None
    assert CODE not in out[1]["indicators"]
    assert CODE not in {o["value"] for o in out[3]}


def test_upload_panel_shows_the_format_help(app_data):
    panel = upload.upload_panel(app_data, AppState(lang="en"))
    assert t("upload.help", "en") in texts(panel)


def test_valid_upload_with_gaps_shows_its_warnings_and_can_be_applied(app_data):
    ags = list(app_data.ags)[:300]  # 100 districts left out
    contents = data_url(valid_csv(ags))
    pending, status, form = upload.read_upload(contents, "teil.csv", "en")
    assert pending is not None and form
    table = read_uploaded_contents(
        contents, filename="teil.csv", districts=app_data.atlas.districts
    )
    assert table.ok and table.warnings
    shown = " ".join(texts(status))
    for problem in table.warnings:
        assert problem.message("en") in shown
    out = upload.apply_upload(pending, ["services"], [1], ["x"], None, None, "en")
    assert out[0]["specs"][0]["weight"] == 1.0  # an unreadable weight falls back to 1
    derived = upload.data_for(out[0])
    assert derived.framework.indicator(CODE).domain == "services"
    assert derived.result(out[1]).raw[CODE].notna().sum() == 300


def test_language_switch_keeps_a_read_upload_form_until_applied(app_data, applied):
    contents = data_url(valid_csv(list(app_data.ags)))
    pending, _status, _form = upload.read_upload(contents, "kurse.csv", "de")
    body = routing.render("", "en", AppState().to_dict(), lang_switched=True, pending=pending)[
        "body"
    ]
    text = " ".join(texts(body))
    assert t("upload.column", "en", column=COLUMN) in text
    assert t("upload.apply", "en") in text
    # applying clears the pending upload
    assert applied["outputs"][7] is None
