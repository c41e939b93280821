"""Readers of official files; each returns tidy pandas or geopandas data.

Imports are lazy so that reading one format never pays for the others.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "read_genesis": "genesis",
    "read_inkar": "inkar",
    "read_inkar_metadata": "inkar",
    "read_deutschlandatlas": "deutschlandatlas",
    "read_deutschlandatlas_levels": "deutschlandatlas",
    "read_vgr_workbook": "vgr",
    "read_pks": "pks",
    "read_destatis_kreise": "destatis",
    "read_europawahl": "election",
    "read_db_stations": "stations",
    "read_hafas_stations": "stations",
    "read_vg250": "boundaries",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        module = importlib.import_module(f"{__name__}.{_WHERE[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
