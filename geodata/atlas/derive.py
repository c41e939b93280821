"""Indicator derivations from the tidy reader outputs, each harmonised to the 400 current districts.

Every function takes reader frames (already parsed), returns a :class:`Derived`
value – a Series over the current district keys plus its reference year – and
never reads files itself, so each rule can be tested with small frames.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geodata.territory import CURRENT_KEYS, Kind, current_key, harmonise, harmonise_ratio

__all__ = [
    "DISTRICT_KINDS",
    "Derived",
    "average_household_size",
    "genesis_series",
    "latest_year",
    "normalise_kind",
    "per_capita",
    "published_or_recomputed",
    "weighted_rate",
]

#: Official district designations → the two kinds the atlas distinguishes.
DISTRICT_KINDS = {
    "Kreisfreie Stadt": "Kreisfreie Stadt",
    "Stadtkreis": "Kreisfreie Stadt",
    "Landkreis": "Landkreis",
    "Kreis": "Landkreis",
    "Regionalverband": "Landkreis",
    "Städteregion": "Landkreis",
}

#: Persons assumed per household of "6 and more persons" (Zensus 2011 gives no persons column).
SIX_PLUS_PERSONS = 6.5


@dataclass(frozen=True)
class Derived:
    """Values of one indicator over the current districts and their reference year."""

    values: pd.Series
    year: int

    def __post_init__(self) -> None:
        index = pd.Index(CURRENT_KEYS, name="ags")
        object.__setattr__(self, "values", self.values.reindex(index).astype(float))


def normalise_kind(official: str) -> str:
    """Map an official designation to ``"Kreisfreie Stadt"`` or ``"Landkreis"``.

    Raises
    ------
    ValueError
        If the designation is not a known district designation.
    """
    try:
        return DISTRICT_KINDS[official.strip()]
    except KeyError:
        raise ValueError(f"unknown district designation {official!r}") from None


def genesis_series(frame: pd.DataFrame, variable: str, year: int) -> pd.Series:
    """District values of one GENESIS variable and year, indexed by (old) key.

    Parameters
    ----------
    frame
        Output of :func:`geodata.readers.read_genesis`.
    variable
        Exact variable name.
    year
        Reference year.

    Returns
    -------
    pandas.Series
        Values of district rows (NaN rows of abolished districts dropped).

    Raises
    ------
    KeyError
        If the variable or year has no district values.
    """
    rows = frame[
        (frame["level"] == "district") & (frame["variable"] == variable) & (frame["year"] == year)
    ]
    values = rows.set_index("ags")["value"].dropna()
    if values.empty:
        table = frame.attrs.get("table", "table")
        raise KeyError(f"{table}: no district values for {variable!r} in {year}")
    return values.rename(variable)


def latest_year(frame: pd.DataFrame, variable: str, *, min_districts: int = 390) -> int:
    """Latest year in which ``variable`` has values for at least ``min_districts`` districts."""
    rows = frame[(frame["level"] == "district") & (frame["variable"] == variable)]
    counts = rows.dropna(subset=["value"]).groupby("year")["ags"].nunique()
    years = counts[counts >= min_districts].index
    if len(years) == 0:
        raise KeyError(f"no year with {min_districts} districts for {variable!r}")
    return int(max(years))


def per_capita(
    numerator: pd.Series, population: pd.Series, *, scale: float, source: str = ""
) -> pd.Series:
    """``scale × numerator / population`` per current district, both summed over merged parts."""
    return harmonise_ratio(numerator, population, scale=scale, source=source)


def weighted_rate(rate: pd.Series, weights: pd.Series, *, source: str = "") -> pd.Series:
    """Population-weighted mean of a rate over merged parts, indexed by current key."""
    frame = pd.DataFrame({"ags": rate.index, "value": rate.to_numpy()})
    out = harmonise(frame, kind=Kind.RATE, values=["value"], weights=weights, source=source)
    return out.set_index("ags")["value"]


def average_household_size(households: pd.DataFrame, *, source: str = "") -> pd.Series:
    """Average persons per private household from households by size (Zensus 2011).

    Parameters
    ----------
    households
        Columns ``ags``, ``size`` (1 … 6, where 6 means "6 and more") and ``count``.
    source
        Table name for error messages.

    Returns
    -------
    pandas.Series
        Persons per household per current district. Households of six or more
        persons are counted as :data:`SIX_PLUS_PERSONS` persons each.
    """
    persons_per = households["size"].where(households["size"] < 6, SIX_PLUS_PERSONS)
    persons = (
        pd.Series((households["count"] * persons_per).to_numpy(), index=households["ags"])
        .groupby(level=0)
        .sum()
    )
    total = households.groupby("ags")["count"].sum()
    return harmonise_ratio(persons, total, scale=1.0, source=source)


def published_or_recomputed(
    published: pd.Series, recomputed: pd.Series, *, source: str = ""
) -> pd.Series:
    """Keep published values of unchanged districts; use recomputed ones for merged districts.

    Parameters
    ----------
    published
        Values as released, indexed by (old) district key.
    recomputed
        Values recomputed from their parts, indexed by current key.
    source
        Table name for error messages.

    Returns
    -------
    pandas.Series
        Indexed by current key: the published value where the current district is a
        single input district under the same key, the recomputed value otherwise
        (e.g. Wartburgkreis ``16063`` after absorbing Eisenach ``16056``).
    """
    keys = published.dropna().index
    successors = pd.Series(current_key(keys, source=source), index=keys)
    parts = successors.groupby(successors).size()
    unchanged = [k for k in parts.index if parts[k] == 1 and k in keys]
    result = recomputed.reindex(pd.Index(CURRENT_KEYS, name="ags")).copy()
    result.loc[unchanged] = published.loc[unchanged].to_numpy()
    return result


def round_released(values: pd.Series, decimals: int = 1) -> pd.Series:
    """Round to the precision a publisher released (VGR persons: thousands, one decimal)."""
    return pd.Series(np.round(values.to_numpy(dtype=float), decimals), index=values.index)
