"""Statistics by type: score distributions and the size of each type."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from potentials.typology.settlement import SETTLEMENT_TYPES
from potentials.typology.types import RURAL_TYPES

__all__ = ["compare_by_type", "type_summary"]

_ORDER: Mapping[str, int] = {t: k for k, t in enumerate((*SETTLEMENT_TYPES, *RURAL_TYPES))}


def _scores(result: object) -> pd.DataFrame:
    scores = result.scores if hasattr(result, "scores") else result
    if not isinstance(scores, pd.DataFrame):
        raise TypeError(f"expected a Result or a scores DataFrame, got {type(scores).__name__}")
    return scores


def _ordered(table: pd.DataFrame, by: str, *extra: str) -> pd.DataFrame:
    table = table.assign(_t=table[by].map(_ORDER).fillna(len(_ORDER)))
    return table.sort_values(["_t", *extra]).drop(columns="_t").reset_index(drop=True)


def compare_by_type(result: object, *, by: str = "settlement_type") -> pd.DataFrame:
    """Summary statistics of the composite and every domain score by type.

    Parameters
    ----------
    result
        A :class:`~potentials.pipeline.Result` (or a ``scores`` DataFrame).
    by
        ``"settlement_type"`` or ``"rural_type"`` (any categorical column of the scores).

    Returns
    -------
    pandas.DataFrame
        One row per type and score with columns ``<by>``, ``score``, ``n`` (districts
        with a value), ``mean``, ``median``, ``q25``, ``q75``; types in their
        canonical order.
    """
    scores = _scores(result)
    if by not in scores.columns:
        raise KeyError(f"scores have no column {by!r}; use 'settlement_type' or 'rural_type'")
    value_columns = ["composite", *[c for c in scores.columns if c.startswith("domain_")]]
    long = scores[[by, *value_columns]].melt(id_vars=by, var_name="score").dropna(subset=[by])
    grouped = long.groupby([by, "score"], sort=False)["value"]
    table = pd.DataFrame(
        {
            "n": grouped.count(),
            "mean": grouped.mean(),
            "median": grouped.median(),
            "q25": grouped.quantile(0.25),
            "q75": grouped.quantile(0.75),
        }
    ).reset_index()
    score_order = {s: k for k, s in enumerate(value_columns)}
    table["_s"] = table["score"].map(score_order)
    return _ordered(table, by, "_s").drop(columns="_s")


def type_summary(result: object, *, by: str = "rural_type") -> pd.DataFrame:
    """Size of each type: districts, Kreisregionen, population share and area share.

    Parameters
    ----------
    result
        A :class:`~potentials.pipeline.Result` (or a ``scores`` DataFrame) with ``by``,
        ``population`` and ``area_km2`` and, for the Kreisregion count, ``kreisregion``.
    by
        The type column.

    Returns
    -------
    pandas.DataFrame
        Columns ``<by>``, ``districts``, ``kreisregionen``, ``population_share`` and
        ``area_share`` (fractions of the national totals, districts without a type
        included in the denominators); types in canonical order.
    """
    scores = _scores(result)
    missing = [c for c in (by, "population", "area_km2") if c not in scores.columns]
    if missing:
        raise KeyError(f"scores have no column(s) {', '.join(map(repr, missing))}")
    population = pd.to_numeric(scores["population"], errors="coerce")
    area = pd.to_numeric(scores["area_km2"], errors="coerce")
    grouped = scores.assign(_p=population, _a=area).dropna(subset=[by]).groupby(by)
    table = pd.DataFrame(
        {
            "districts": grouped.size(),
            "kreisregionen": grouped["kreisregion"].nunique()
            if "kreisregion" in scores
            else grouped.size(),
            "population_share": grouped["_p"].sum() / population.sum(),
            "area_share": grouped["_a"].sum() / area.sum(),
        }
    ).reset_index()
    return _ordered(table, by)
