"""Territorial harmonisation: map any district status 2011–today onto the 400 current districts.

German district keys (AGS, 5 digits) change when districts merge. Statistics are
published in the status of their reference year, so combining tables needs one
common status. This module declares the changes as data (:data:`CHANGES`) and
derives the current districts (:data:`CURRENT_KEYS`) from a base list plus those
changes; :func:`harmonise`, :func:`harmonise_ratio` and :func:`harmonise_geometries`
then re-aggregate values and boundaries.

How values are combined depends on what they measure (:class:`Kind`):

* counts (persons, cases, euros) are summed;
* rates and shares are recomputed from numerator and denominator where both are
  known (:func:`harmonise_ratio`), otherwise averaged with weights such as the
  population (``Kind.RATE``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

import geopandas as gpd
import pandas as pd

from geodata.errors import ArgumentError, UnknownDistrictError

__all__ = [
    "BASE_KEYS_2019",
    "CHANGES",
    "CURRENT_KEYS",
    "STATES",
    "DistrictChange",
    "Kind",
    "current_key",
    "harmonise",
    "harmonise_geometries",
    "harmonise_ratio",
    "known_keys",
    "state_name",
]


class Kind(Enum):
    """How values of merged districts are combined."""

    #: Additive quantities (persons, cases, euros): summed.
    COUNT = "count"
    #: Rates, shares and averages: weighted mean, weights usually the population.
    RATE = "rate"


@dataclass(frozen=True)
class DistrictChange:
    """One territorial reform: ``old`` districts were merged into ``new`` on ``date``.

    Attributes
    ----------
    date
        Day the new status took effect.
    old
        Keys that ceased to exist (or, for a district that survives under the
        same key, that key too).
    new
        Key of the successor district.
    name
        Name of the successor district.
    note
        Approximations made when an old district was split between successors.
    """

    date: dt.date
    old: tuple[str, ...]
    new: str
    name: str
    note: str = ""


#: District changes relevant for data with reference dates from 2011 on.
#:
#: Mecklenburg-Vorpommern 2011: the former Landkreis Demmin (13052) was split; its
#: larger part (about four fifths of its population) went to Mecklenburgische
#: Seenplatte (13071), the Ämter Jarmen-Tutow and Peenetal/Loitz to
#: Vorpommern-Greifswald (13075). Demmin is mapped wholly to its main successor
#: 13071 – an approximation that only affects pre-September-2011 data (the
#: Zensus 2011 household table). All other old MV districts went whole into one
#: new district. The Saxony (2008) and Saxony-Anhalt (2007) reforms are not
#: declared because no source used here has values for those keys from 2011 on.
CHANGES: tuple[DistrictChange, ...] = (
    DistrictChange(dt.date(2009, 10, 21), ("05313", "05354"), "05334", "Städteregion Aachen"),
    DistrictChange(
        dt.date(2011, 9, 4),
        ("13002", "13055", "13056", "13052"),
        "13071",
        "Mecklenburgische Seenplatte",
        note="Demmin (13052) split; mapped wholly to its main successor 13071",
    ),
    DistrictChange(dt.date(2011, 9, 4), ("13051", "13053"), "13072", "Landkreis Rostock"),
    DistrictChange(dt.date(2011, 9, 4), ("13005", "13057", "13061"), "13073", "Vorpommern-Rügen"),
    DistrictChange(dt.date(2011, 9, 4), ("13006", "13058"), "13074", "Nordwestmecklenburg"),
    DistrictChange(
        dt.date(2011, 9, 4), ("13001", "13059", "13062"), "13075", "Vorpommern-Greifswald"
    ),
    DistrictChange(dt.date(2011, 9, 4), ("13054", "13060"), "13076", "Ludwigslust-Parchim"),
    DistrictChange(dt.date(2016, 11, 1), ("03152", "03156"), "03159", "Göttingen"),
    DistrictChange(dt.date(2021, 7, 1), ("16056", "16063"), "16063", "Wartburgkreis"),
)

#: The 401 districts of Destatis' Gemeindeverzeichnis, Gebietsstand 31.12.2019.
BASE_KEYS_2019: tuple[str, ...] = tuple(
    """
01001 01002 01003 01004 01051 01053 01054 01055 01056 01057 01058 01059 01060 01061 01062 02000
03101 03102 03103 03151 03153 03154 03155 03157 03158 03159 03241 03251 03252 03254 03255 03256
03257 03351 03352 03353 03354 03355 03356 03357 03358 03359 03360 03361 03401 03402 03403 03404
03405 03451 03452 03453 03454 03455 03456 03457 03458 03459 03460 03461 03462 04011 04012 05111
05112 05113 05114 05116 05117 05119 05120 05122 05124 05154 05158 05162 05166 05170 05314 05315
05316 05334 05358 05362 05366 05370 05374 05378 05382 05512 05513 05515 05554 05558 05562 05566
05570 05711 05754 05758 05762 05766 05770 05774 05911 05913 05914 05915 05916 05954 05958 05962
05966 05970 05974 05978 06411 06412 06413 06414 06431 06432 06433 06434 06435 06436 06437 06438
06439 06440 06531 06532 06533 06534 06535 06611 06631 06632 06633 06634 06635 06636 07111 07131
07132 07133 07134 07135 07137 07138 07140 07141 07143 07211 07231 07232 07233 07235 07311 07312
07313 07314 07315 07316 07317 07318 07319 07320 07331 07332 07333 07334 07335 07336 07337 07338
07339 07340 08111 08115 08116 08117 08118 08119 08121 08125 08126 08127 08128 08135 08136 08211
08212 08215 08216 08221 08222 08225 08226 08231 08235 08236 08237 08311 08315 08316 08317 08325
08326 08327 08335 08336 08337 08415 08416 08417 08421 08425 08426 08435 08436 08437 09161 09162
09163 09171 09172 09173 09174 09175 09176 09177 09178 09179 09180 09181 09182 09183 09184 09185
09186 09187 09188 09189 09190 09261 09262 09263 09271 09272 09273 09274 09275 09276 09277 09278
09279 09361 09362 09363 09371 09372 09373 09374 09375 09376 09377 09461 09462 09463 09464 09471
09472 09473 09474 09475 09476 09477 09478 09479 09561 09562 09563 09564 09565 09571 09572 09573
09574 09575 09576 09577 09661 09662 09663 09671 09672 09673 09674 09675 09676 09677 09678 09679
09761 09762 09763 09764 09771 09772 09773 09774 09775 09776 09777 09778 09779 09780 10041 10042
10043 10044 10045 10046 11000 12051 12052 12053 12054 12060 12061 12062 12063 12064 12065 12066
12067 12068 12069 12070 12071 12072 12073 13003 13004 13071 13072 13073 13074 13075 13076 14511
14521 14522 14523 14524 14612 14625 14626 14627 14628 14713 14729 14730 15001 15002 15003 15081
15082 15083 15084 15085 15086 15087 15088 15089 15090 15091 16051 16052 16053 16054 16055 16056
16061 16062 16063 16064 16065 16066 16067 16068 16069 16070 16071 16072 16073 16074 16075 16076
16077
""".split()
)


def _successors() -> dict[str, str]:
    """Old key -> current key, following chains of changes in date order."""
    step: dict[str, str] = {}
    for change in sorted(CHANGES, key=lambda c: c.date):
        for old in change.old:
            if old != change.new:
                step[old] = change.new
    resolved = {}
    for old in step:
        key = old
        while key in step:
            key = step[key]
        resolved[old] = key
    return resolved


_SUCCESSOR = _successors()

#: The 400 current districts (status since 2021-07-01), sorted.
CURRENT_KEYS: tuple[str, ...] = tuple(
    sorted({_SUCCESSOR.get(key, key) for key in BASE_KEYS_2019} | {c.new for c in CHANGES})
)

_KNOWN = frozenset(CURRENT_KEYS) | frozenset(_SUCCESSOR)

#: Land (state) names by the first two digits of the key.
STATES: dict[str, str] = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}


def known_keys() -> frozenset[str]:
    """Every district key of a status 2011–today (current and retired)."""
    return _KNOWN


def state_name(key: str) -> str:
    """Name of the Land a district key belongs to (``"09162"`` → ``"Bayern"``)."""
    return STATES[key[:2]]


def current_key(keys: Iterable[str], *, source: str = "") -> list[str]:
    """Map district keys of any status 2011–today to the current key.

    Parameters
    ----------
    keys
        Five-digit district keys.
    source
        Name of the table the keys come from, used in the error message.

    Returns
    -------
    list of str
        The successor of each key, in input order (current keys map to themselves).

    Raises
    ------
    UnknownDistrictError
        If a key belongs to no known territorial status.
    """
    keys = [str(k) for k in keys]
    unknown = sorted({k for k in keys if k not in _KNOWN})
    if unknown:
        raise UnknownDistrictError(unknown, source)
    return [_SUCCESSOR.get(k, k) for k in keys]


def _value_columns(frame: pd.DataFrame, exclude: Sequence[str]) -> list[str]:
    return [
        c for c in frame.columns if c not in exclude and pd.api.types.is_numeric_dtype(frame[c])
    ]


def harmonise(
    frame: pd.DataFrame,
    *,
    key: str = "ags",
    kind: Kind = Kind.COUNT,
    values: Sequence[str] | None = None,
    by: Sequence[str] = (),
    weights: str | pd.Series | None = None,
    source: str = "",
) -> pd.DataFrame:
    """Re-aggregate district values onto the current districts.

    Rows whose values are all missing are dropped first: GENESIS tables keep
    abolished districts as rows filled with ``-``. A merged district is then
    computed from the parts that have a value.

    Parameters
    ----------
    frame
        One row per district (and per combination of ``by``).
    key
        Column holding the 5-digit district key.
    kind
        :attr:`Kind.COUNT` sums; :attr:`Kind.RATE` takes the ``weights``-weighted mean.
    values
        Columns to harmonise; default every numeric column except ``key``, ``by``
        and a ``weights`` column.
    by
        Further grouping columns kept as they are (e.g. ``year``, ``variable``).
    weights
        For :attr:`Kind.RATE`: a column of ``frame`` or a Series indexed by the
        (old) district key, e.g. the population of the same reference date.
    source
        Name of the table, used in error messages.

    Returns
    -------
    pandas.DataFrame
        Columns ``key``, ``by`` and ``values``, one row per current district (and
        ``by`` group), sorted.

    Raises
    ------
    UnknownDistrictError
        If a key belongs to no known territorial status.
    ValueError
        If ``kind`` is ``RATE`` and no weights are given, or a weight is missing.

    Examples
    --------
    >>> counts = pd.DataFrame({"ags": ["16056", "16063"], "cases": [3, 4]})
    >>> harmonise(counts)
         ags  cases
    0  16063      7
    """
    by = list(by)
    weight_column = weights if isinstance(weights, str) else None
    exclude = [key, *by] + ([weight_column] if weight_column else [])
    columns = list(values) if values is not None else _value_columns(frame, exclude)
    data = frame[[key, *by, *columns]].copy()
    data = data[data[columns].notna().any(axis=1)]
    data[key] = current_key(data[key], source=source)
    groups = [key, *by]

    if kind is Kind.COUNT:
        out = data.groupby(groups, sort=True)[columns].sum(min_count=1)
        return out.reset_index()

    if weights is None:
        raise ArgumentError(
            "Kind.RATE needs weights: pass weights= (e.g. the population of each district)"
        )
    if weight_column is not None:
        w = frame.loc[data.index, weight_column].astype(float)
    else:
        assert isinstance(weights, pd.Series)
        w = frame.loc[data.index, key].map(weights).astype(float)
    if w.isna().any():
        missing = sorted(frame.loc[w[w.isna()].index, key].astype(str).unique())
        raise ArgumentError(
            f"no weight for district(s) {', '.join(missing)} in {source or 'frame'}; "
            "give every district a weight"
        )
    weighted = data[columns].mul(w, axis=0)
    present = data[columns].notna().mul(w, axis=0)
    sums = weighted.groupby([data[g] for g in groups], sort=True).sum(min_count=1)
    totals = present.groupby([data[g] for g in groups], sort=True).sum()
    return (sums / totals.where(totals > 0)).reset_index()


def harmonise_ratio(
    numerator: pd.Series,
    denominator: pd.Series,
    *,
    scale: float = 1.0,
    source: str = "",
) -> pd.Series:
    """Recompute a rate or share for the current districts from its parts.

    Parameters
    ----------
    numerator, denominator
        Counts indexed by (old) district key, e.g. foreigners and population.
    scale
        Factor applied to the ratio (100 for percent, 1000 for "per 1,000").
    source
        Name of the table, used in error messages.

    Returns
    -------
    pandas.Series
        ``scale × Σ numerator / Σ denominator`` per current district, indexed by key.

    Examples
    --------
    >>> num = pd.Series({"16056": 10.0, "16063": 30.0})
    >>> den = pd.Series({"16056": 100.0, "16063": 200.0})
    >>> round(harmonise_ratio(num, den, scale=100)["16063"], 2)
    13.33
    """
    parts = pd.DataFrame({"num": numerator, "den": denominator}).dropna()
    parts.index = pd.Index(current_key(parts.index, source=source), name=numerator.index.name)
    sums = parts.groupby(level=0, sort=True).sum()
    ratio = scale * sums["num"] / sums["den"].where(sums["den"] != 0)
    ratio.name = numerator.name
    return ratio


def harmonise_geometries(gdf: gpd.GeoDataFrame, *, key: str = "ags") -> gpd.GeoDataFrame:
    """Union the boundaries of merged districts.

    Parameters
    ----------
    gdf
        District polygons with a key column (any status 2011–today).
    key
        Column holding the 5-digit district key.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``key`` and ``geometry``, one row per current district, sorted by key.

    Raises
    ------
    UnknownDistrictError
        If a key belongs to no known territorial status.
    """
    data = gdf[[key, gdf.geometry.name]].copy()
    data[key] = current_key(data[key], source="boundaries")
    merged = data.dissolve(by=key, sort=True).reset_index()
    return merged[[key, "geometry"]] if merged.geometry.name == "geometry" else merged
