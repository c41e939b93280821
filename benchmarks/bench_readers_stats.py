"""Reading speed of the statistical-table readers on the official files in ../shared/raw."""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks._registry import stopwatch, suite

RAW = Path(
    os.environ.get("POTENTIALS_RAW_DIR", Path(__file__).resolve().parents[2] / "shared" / "raw")
)


@suite(
    {
        "read_genesis_all_six_s": ("s", 5.0),
        "read_vgr_workbook_all_sheets_s": ("s", 20.0),
        "read_vgr_workbook_one_sheet_s": ("s", 3.0),
        "read_deutschlandatlas_municipality_s": ("s", 15.0),
        "read_inkar_three_exports_s": ("s", 3.0),
    },
    repeat=3,
)
def readers_stats() -> dict[str, float]:
    from geodata.readers import (
        read_deutschlandatlas,
        read_genesis,
        read_inkar,
        read_vgr_workbook,
    )

    if not RAW.is_dir():
        return {}
    out: dict[str, float] = {}
    with stopwatch() as t:
        for path in sorted((RAW / "regionalstatistik").glob("*.csv")):
            read_genesis(path)
    out["read_genesis_all_six_s"] = t[0]
    workbook = RAW / "vgrdl" / "vgr_r2b2_bs2020_2.xlsx"
    with stopwatch() as t:
        read_vgr_workbook(workbook)
    out["read_vgr_workbook_all_sheets_s"] = t[0]
    with stopwatch() as t:
        read_vgr_workbook(workbook, sheets=["3.1"])
    out["read_vgr_workbook_one_sheet_s"] = t[0]
    with stopwatch() as t:
        read_deutschlandatlas(
            RAW / "deutschlandatlas" / "Deutschlandatlas-Daten.xlsx", level="municipality"
        )
    out["read_deutschlandatlas_municipality_s"] = t[0]
    with stopwatch() as t:
        for name in ("Structure-Part-I", "Gebaude-und-Wohnungsbestand", "privateinkommen"):
            read_inkar(
                RAW / "inkar" / f"{name}.csv", metadata=RAW / "inkar" / f"Metadata-{name}.csv"
            )
    out["read_inkar_three_exports_s"] = t[0]
    return out
