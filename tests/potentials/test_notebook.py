"""The worked example runs top to bottom: two weightings, export, read back, static map."""

from __future__ import annotations

import json
from pathlib import Path

import frictionless
import nbformat
import pyogrio
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "score_and_export.ipynb"


@pytest.mark.slow
def test_notebook_runs_exports_reads_back_and_draws_static_figures(tmp_path, monkeypatch):
    monkeypatch.setenv("POTENTIALS_NOTEBOOK_OUT", str(tmp_path))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # the notebook is committed without outputs
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
    resources = {"metadata": {"path": str(tmp_path)}}
    client = NotebookClient(notebook, kernel_name="python3", timeout=600, resources=resources)
    client.execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert [o for o in outputs if o.get("output_type") == "error"] == []
    # static figures that render anywhere: PNG outputs, no Plotly
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2
    assert not any("application/vnd.plotly.v1+json" in o.get("data", {}) for o in outputs)
    text = "".join(o.get("text", "") for o in outputs)
    assert "data package valid: True" in text
    assert "districts whose intervals under A and B do not overlap:" in text
    for name in ("scored.gpkg", "scored.csv", "scored.metadata.json", "datapackage.json",
                 "map.png", "rank_intervals.png"):  # fmt: skip
        assert (tmp_path / name).stat().st_size > 0, name
    table = pyogrio.read_dataframe(tmp_path / "scored.gpkg", layer="districts")
    assert len(table) == 400
    meta = pyogrio.read_dataframe(tmp_path / "scored.gpkg", layer="metadata")
    weights = meta.set_index("item")["value"]["spec.domain_weights"]
    assert "labour=3" in weights
    assert frictionless.validate(tmp_path / "datapackage.json").valid
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["potentials"]["run.command"] == "notebooks/score_and_export.ipynb"
