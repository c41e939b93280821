"""Derivations from the official bulk downloads: the Deutschlandatlas workbook and INKAR.

Each function takes reader output (already parsed) and returns
:class:`~geodata.atlas.derive.Derived` values over the 400 current districts. What
the values mean lives in :mod:`geodata.indicators`; this module only derives them.

* District sheets (``KRS1222``, ``KRS1221``) are already at the current status and
  are taken as published; class-coded indicators (``preis_miet``) become their
  ordinal class number, never a made-up euro amount.
* Municipal (``GEM*``) and municipal-association (``VBGEM*``) sheets are aggregated
  to districts with the unweighted mean over the units that have a value: the
  workbook carries neither municipal population nor area, so population weights
  cannot be derived (see :data:`geodata.indicators.MUNICIPAL_METHOD_EN`).
* INKAR (401 districts) is harmonised with population weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geodata.atlas.derive import Derived, weighted_rate
from geodata.errors import MissingHeaderError
from geodata.readers.deutschlandatlas import AtlasLevel
from geodata.territory import CURRENT_KEYS, current_key

__all__ = [
    "DA_DISTRICT_CODES",
    "DA_MUNICIPAL_CODES",
    "FEW_UNITS",
    "INKAR_CODES",
    "AtlasLevel",
    "MunicipalAggregate",
    "class_rank",
    "district_values",
    "inkar_values",
    "municipal_mean",
]

#: Deutschlandatlas district codes in the atlas, by sheet.
DA_DISTRICT_CODES: dict[str, tuple[str, ...]] = {
    "KRS1222": (
        "alq", "fl_suv", "fl_landw", "fl_wald", "bev_binw", "bev_ausw", "bev_u18",
        "bev_18_65", "bev_ue65", "bev_ausl", "ko_kasskred", "mitgl_sportv", "preis_miet",
        "wohn_eigen", "wohn_leer", "wohn_ezfh", "wohn_mfh", "bquali_unifh",
        "bquali_mabschl", "bquali_oabschl", "erw_wachs", "sozsich", "auto", "v_harzt",
        "v_karzt", "schule_oabschl", "kbetr_u3", "kbetr_ue3", "kinder_bg", "straft", "einbr",
    ),
    "KRS1221": ("wahl_beteil", "erw_bip", "hh_veink"),
}  # fmt: skip

#: Deutschlandatlas municipal / association codes in the atlas, by sheet.
DA_MUNICIPAL_CODES: dict[str, tuple[str, ...]] = {
    "GEM1222": ("p_markt", "p_grunds", "p_sek_1", "p_notfall", "st_einnkr"),
    "GEM1221": ("p_harzt", "v_breitb50", "v_breitb1000"),
    "GEM1220": ("p_apo",),
    "VBGEM1222": ("preis_miet_best",),
    "VBGEM1219": ("p_ozmz_miv", "p_ozmz_oev"),
}

#: INKAR codes: atlas code → (export file stem, INKAR indicator name).
INKAR_CODES: dict[str, tuple[str, str]] = {
    "emp_rate": ("Structure-Part-I", "Beschäftigtenquote"),
    "emp_rate_women": ("Structure-Part-I", "Beschäftigtenquote Frauen"),
    "emp_rate_foreign": ("Structure-Part-I", "Beschäftigtenquote Ausländer"),
    "emp_share_foreign": ("Structure-Part-I", "Anteil ausländische Beschäftigte"),
    "median_wage_ft": ("privateinkommen", "Medianeinkommen"),
    "share_efh_buildings": ("Gebaude-und-Wohnungsbestand", "Ein- und Zweifamilienhäuser"),
    "share_efh_dwellings": (
        "Gebaude-und-Wohnungsbestand",
        "Anteil Wohnungen in Ein- und Zweifamilienhäusern",
    ),
    "living_space_pc": ("Gebaude-und-Wohnungsbestand", "Wohnfläche"),
    "dwellings_change_5y": ("Gebaude-und-Wohnungsbestand", "Entwicklung Wohnungen"),
}

#: A Landkreis whose value rests on fewer units than this is flagged in the catalogue.
FEW_UNITS = 3


def class_rank(lower: pd.Series, upper: pd.Series) -> pd.Series:
    """Ordinal number (1 = lowest) of each class among the distinct classes of a column.

    Parameters
    ----------
    lower, upper
        Class bounds from :func:`geodata.readers.read_deutschlandatlas` (NaN for an
        open side).

    Returns
    -------
    pandas.Series
        1 for the lowest class, 2 for the next, … (float; NaN where both are NaN).
    """
    order = pd.Series(np.where(lower.isna(), -np.inf, lower), index=lower.index)
    has_class = lower.notna() | upper.notna()
    distinct = sorted(set(order[has_class]))
    rank = order.map({bound: float(i + 1) for i, bound in enumerate(distinct)})
    return rank.where(has_class)


def district_values(frame: pd.DataFrame, sheet: str, code: str) -> pd.Series:
    """One Deutschlandatlas district indicator of one sheet, indexed by current key.

    Class-coded columns give their :func:`class_rank`.

    Raises
    ------
    MissingHeaderError
        If the sheet lacks the indicator.
    """
    rows = frame[(frame["sheet"] == f"Deutschlandatlas_{sheet}") & (frame["indicator"] == code)]
    if rows.empty:
        path = frame.attrs.get("path", "Deutschlandatlas-Daten.xlsx")
        raise MissingHeaderError(path, f"indicator {code!r} not found", sheet=sheet)
    rows = rows.set_index("key")
    if rows["text"].notna().any():
        values = class_rank(rows["lower"], rows["upper"])
    else:
        values = rows["value"].astype(float)
    keys = current_key(values.index, source=f"Deutschlandatlas {sheet}")
    if len(set(keys)) != len(keys):  # a sheet of an older status: not used for districts
        raise ValueError(f"Deutschlandatlas {sheet}: district keys are not at current status")
    return pd.Series(values.to_numpy(), index=pd.Index(keys, name="ags"))


@dataclass(frozen=True)
class MunicipalAggregate:
    """District values aggregated from municipal units, with how many units each rests on."""

    values: pd.Series
    units: pd.Series
    units_total: pd.Series

    def few(self, kinds: pd.Series) -> list[str]:
        """Landkreise (not single-municipality cities) whose value rests on few units."""
        landkreis = kinds.reindex(self.units.index) == "Landkreis"
        thin = (self.units < FEW_UNITS) & (self.units_total >= FEW_UNITS)
        missing = self.units < self.units_total / 2
        return sorted(self.units.index[landkreis & (thin | missing)])


def municipal_mean(frame: pd.DataFrame, sheet: str, code: str) -> MunicipalAggregate:
    """Unweighted mean over each district's municipalities (or associations).

    Parameters
    ----------
    frame
        Output of :func:`geodata.readers.read_deutschlandatlas` at level
        ``"municipality"`` or ``"association"``.
    sheet
        Short sheet code, e.g. ``"GEM1222"``.
    code
        Indicator code.

    Returns
    -------
    MunicipalAggregate
        Mean per current district, units with a value, units in the sheet.
    """
    rows = frame[(frame["sheet"] == f"Deutschlandatlas_{sheet}") & (frame["indicator"] == code)]
    if rows.empty:
        path = frame.attrs.get("path", "Deutschlandatlas-Daten.xlsx")
        raise MissingHeaderError(path, f"indicator {code!r} not found", sheet=sheet)
    district = pd.Index(
        current_key(rows["key"].str[:5], source=f"Deutschlandatlas {sheet}"), name="ags"
    )
    grouped = rows["value"].astype(float).groupby(district)
    return MunicipalAggregate(grouped.mean(), grouped.count(), grouped.size())


def inkar_values(
    frame: pd.DataFrame, name: str, population: pd.Series, *, source: str
) -> tuple[pd.Series, int]:
    """Latest-year INKAR values of one indicator, harmonised to the current districts.

    Parameters
    ----------
    frame
        Output of :func:`geodata.readers.read_inkar`.
    name
        INKAR indicator name (first header row).
    population
        Weights for merged districts (population by 2019-status key).
    source
        File name for error messages.

    Returns
    -------
    tuple
        Values by current key and the reference year.

    Raises
    ------
    MissingHeaderError
        If the export lacks the indicator.
    """
    rows = frame[(frame["indicator"] == name) & frame["value"].notna()]
    if rows.empty:
        raise MissingHeaderError(source, f"INKAR indicator {name!r} not found")
    year = int(rows["year"].max())
    latest = rows[rows["year"] == year].set_index("ags")["value"].astype(float)
    return weighted_rate(latest, population, source=source), year


def as_derived(values: pd.Series, year: int) -> Derived:
    """Wrap values over current keys (missing districts become NaN)."""
    return Derived(values.reindex(pd.Index(CURRENT_KEYS, name="ags")), year)
