"""The engine and the data layer never import the web stack."""

import subprocess
import sys


def test_geodata_and_potentials_import_without_dash_or_plotly():
    code = (
        "import sys, geodata, potentials, potentials.cli\n"
        "import geodata.readers\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'dash', 'plotly'})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"imported: {out.stdout.strip()}"
