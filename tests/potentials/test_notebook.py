"""The example notebook runs top to bottom and writes its GeoPackage."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pyogrio
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "score_and_export.ipynb"


@pytest.mark.slow
def test_notebook_runs_and_writes_geopackage(tmp_path, monkeypatch):
    monkeypatch.setenv("POTENTIALS_NOTEBOOK_OUT", str(tmp_path))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # the notebook is committed without outputs
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
    resources = {"metadata": {"path": str(tmp_path)}}
    client = NotebookClient(notebook, kernel_name="python3", timeout=300, resources=resources)
    client.execute()
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert errors == []
    written = tmp_path / "scored.gpkg"
    assert written.exists()
    assert len(pyogrio.read_dataframe(written, layer="districts", read_geometry=False)) == 400
