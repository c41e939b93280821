"""The atlas ``catalogue`` layer: registry entries as a table, plus what only the build knows.

Everything that describes an indicator comes from :mod:`geodata.indicators`; the
build adds only facts measured on the data (e.g. how many municipalities a
district value rests on) through ``notes``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from geodata.atlas.model import CATALOGUE_COLUMNS
from geodata.indicators import INDICATORS, SOURCES, Indicator

__all__ = ["catalogue_frame", "catalogue_row"]


def catalogue_row(entry: Indicator, *, note_de: str = "", note_en: str = "") -> dict[str, object]:
    """One catalogue row of a registry entry; ``note_*`` is appended to the caveats."""
    sources = [SOURCES[s] for s in entry.source]
    return {
        "code": entry.code,
        "name_de": entry.name_de,
        "name_en": entry.name_en,
        "unit_de": entry.unit_de,
        "unit_en": entry.unit_en,
        "unit": entry.unit_en,
        "period": entry.period,
        "year": entry.year,
        "territorial_status": entry.territorial_status,
        "source_id": ";".join(entry.source),
        "source": "; ".join(dict.fromkeys(s.attribution for s in sources)),
        "table_code": "; ".join(dict.fromkeys(s.table_code for s in sources)),
        "licence": "; ".join(dict.fromkeys(s.licence for s in sources)),
        "method_de": entry.method_de,
        "method_en": entry.method_en,
        "method": entry.method_en,
        "caveats_de": " ".join(filter(None, (entry.caveats_de, note_de))),
        "caveats_en": " ".join(filter(None, (entry.caveats_en, note_en))),
        "known_gaps": ",".join(entry.known_gaps),
        "is_proxy": entry.proxy_for is not None,
        "proxy_for": entry.proxy_for,
        "proxy_rho": entry.proxy_rho,
    }


def catalogue_frame(
    codes: Iterable[str], notes: Mapping[str, tuple[str, str]] | None = None
) -> pd.DataFrame:
    """Catalogue table of the registered ``codes``, sorted by code.

    Parameters
    ----------
    codes
        Indicator codes present in the atlas.
    notes
        Optional ``code → (German, English)`` build notes appended to the caveats.

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`geodata.atlas.model.CATALOGUE_COLUMNS`.
    """
    notes = notes or {}
    rows = [
        catalogue_row(
            INDICATORS[c], note_de=notes.get(c, ("", ""))[0], note_en=notes.get(c, ("", ""))[1]
        )
        for c in sorted(set(codes))
    ]
    frame = pd.DataFrame(rows, columns=list(CATALOGUE_COLUMNS))
    return frame.astype({"year": "int64", "proxy_rho": "float64"})
