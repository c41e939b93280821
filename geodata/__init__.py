"""Official district geodata: readers, territorial harmonisation, boundaries and the atlas.

Names are imported lazily so that ``import geodata.errors`` (used everywhere) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    # territorial harmonisation
    "CURRENT_KEYS": "geodata.territory",
    "Kind": "geodata.territory",
    "current_key": "geodata.territory",
    "harmonise": "geodata.territory",
    "harmonise_geometries": "geodata.territory",
    "harmonise_ratio": "geodata.territory",
    # boundaries
    "simplify_coverage": "geodata.topology",
    "coverage_gaps": "geodata.topology",
    "coverage_overlaps": "geodata.topology",
    # atlas
    "Atlas": "geodata.atlas",
    "atlas_info": "geodata.atlas",
    "build_embedded_atlas": "geodata.atlas",
    "build_atlas": "geodata.atlas",
    "load_atlas": "geodata.atlas",
    "read_atlas": "geodata.atlas",
    "write_atlas": "geodata.atlas",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
