"""The atlas as an in-memory object: boundaries, long indicator table, catalogue, build record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import geopandas as gpd
import pandas as pd

AtlasKind = Literal["embedded", "full"]

#: Columns of each atlas layer, in order.
DISTRICT_COLUMNS = ("ags", "name", "kind", "state", "nuts3", "area_km2", "population", "geometry")
INDICATOR_COLUMNS = ("ags", "indicator", "year", "value")
CATALOGUE_COLUMNS = (
    "code",
    "name_de",
    "name_en",
    "unit_de",
    "unit_en",
    "unit",
    "period",
    "year",
    "territorial_status",
    "source_id",
    "source",
    "table_code",
    "licence",
    "method_de",
    "method_en",
    "method",
    "caveats_de",
    "caveats_en",
    "known_gaps",
    "is_proxy",
    "proxy_for",
    "proxy_rho",
)
BUILD_COLUMNS = ("item", "value")


@dataclass(frozen=True)
class Atlas:
    """One territorial-status-consistent table of Germany's districts.

    Attributes
    ----------
    districts
        One row per district (``ags`` unique, 5 digits), geometry in EPSG:4326.
    indicators
        Long table ``ags, indicator, year, value``; one year per indicator and district.
    catalogue
        One row per indicator code, written from :mod:`geodata.indicators` (names, units,
        period, source, licence, method, caveats); ``unit`` and ``method`` repeat the
        English ``unit_en``/``method_en`` for readers of older atlases.
    build
        Key/value record of the build (inputs with checksums, date, software version).
    kind
        ``"embedded"`` for the shipped atlas, ``"full"`` for one a user built from newer
        downloads (the content is the same kind; the label records where it came from).
    """

    districts: gpd.GeoDataFrame
    indicators: pd.DataFrame
    catalogue: pd.DataFrame
    build: pd.DataFrame
    kind: AtlasKind = "embedded"
    path: str | None = field(default=None, compare=False)

    def wide(self) -> pd.DataFrame:
        """Return indicator values as a district × indicator table indexed by ``ags``."""
        table = self.indicators.pivot(index="ags", columns="indicator", values="value")
        return table.reindex(self.districts["ags"]).rename_axis(columns=None)
