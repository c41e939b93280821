"""Labels derived from data: measure names and units, domain names, type names, intervals."""

from __future__ import annotations

from typing import Any

import pandas as pd

from geodata.indicators import INDICATORS
from layouts.engine import COMPOSITE, DOMAIN_PREFIX
from layouts.i18n import pick, t
from potentials.extra import SOURCE as USER_SOURCE


def _type_translations() -> dict[str, str]:
    try:
        from potentials import typology
    except ImportError:  # engine without typology: show the codes as they are
        return {}
    return {**getattr(typology, "SETTLEMENT_TYPE_EN", {}), **getattr(typology, "RURAL_TYPE_EN", {})}


_TYPE_EN = _type_translations()


def type_name(code: Any, lang: str) -> str:
    """Display name of a settlement or rural type (the engine's labels are German)."""
    if code is None or (isinstance(code, float) and pd.isna(code)):
        return t("missing", lang)
    text = str(code)
    if lang == "en":
        return _TYPE_EN.get(text, text)
    return text[:1].upper() + text[1:]


def type_order() -> list[str]:
    """Canonical order of the settlement types followed by the rural types."""
    try:
        from potentials import typology
    except ImportError:
        return []
    return [*getattr(typology, "SETTLEMENT_TYPES", ()), *getattr(typology, "RURAL_TYPES", ())]


def domain_name(data: Any, code: str, lang: str) -> str:
    """Display name of a domain of the framework."""
    d = data.framework.domain(code)
    return pick(lang, d.name_de, d.name_en)


def is_user_supplied(data: Any, code: str) -> bool:
    """Whether an indicator comes from the session's own upload (catalogue source)."""
    if code in data.catalogue.index:
        return str(data.catalogue.loc[code].get("source")) == USER_SOURCE
    return False


def indicator_name(data: Any, code: str, lang: str) -> str:
    """Display name of an indicator from the atlas catalogue.

    Own (uploaded) indicators carry the suffix "(eigene Daten)" / "(own data)".
    """
    if code in data.catalogue.index:
        row = data.catalogue.loc[code]
        name = pick(lang, row.get("name_de"), row.get("name_en")) or code
        if is_user_supplied(data, code):
            return f"{name} {t('upload.suffix', lang)}"
        return name
    return code


#: German wording of each English unit, from the indicator registry.
UNITS_DE: dict[str, str] = {entry.unit_en: entry.unit_de for entry in INDICATORS.values()}


def indicator_unit(data: Any, code: str, lang: str = "en") -> str:
    """Return the unit of an indicator in German (``"de"``) or English.

    The atlas catalogue's ``unit_de``/``unit_en`` come first (an uploaded indicator
    has only the unit its user gave); the registry fills in for older atlases.
    """
    if code not in data.catalogue.index:
        return ""
    row = data.catalogue.loc[code]
    for column in ("unit_de", "unit") if lang == "de" else ("unit_en", "unit"):
        value = row.get(column)
        if value is not None and not pd.isna(value) and str(value):
            text = str(value)
            return UNITS_DE.get(text, text) if lang == "de" and column == "unit" else text
    return ""


def measure_name(data: Any, measure: str, lang: str) -> str:
    """Display name of a map measure."""
    if measure == COMPOSITE:
        return t("measure.composite", lang)
    if measure.startswith(DOMAIN_PREFIX):
        return t(
            "measure.domain", lang, name=domain_name(data, measure[len(DOMAIN_PREFIX) :], lang)
        )
    return indicator_name(data, measure, lang)


def measure_unit(data: Any, measure: str, lang: str) -> str:
    """Return the unit of a map measure (scores are z-score points)."""
    if measure == COMPOSITE or measure.startswith(DOMAIN_PREFIX):
        return t("score.unit", lang)
    return indicator_unit(data, measure, lang)


def measures(data: Any) -> list[str]:
    """All map measures: composite, each domain score, each framework indicator."""
    return [
        COMPOSITE,
        *(f"{DOMAIN_PREFIX}{d.code}" for d in data.framework.domains),
        *(i.code for i in data.framework.indicators),
    ]


def measure_options(data: Any, lang: str) -> list[dict[str, str]]:
    """Dropdown options of the map measures."""
    return [{"label": measure_name(data, m, lang), "value": m} for m in measures(data)]


def rank_interval(data: Any, result: Any) -> pd.Series:
    """Rank interval (p05, p95) per AGS: from ``result`` if it has one, else the baseline."""
    for source in (result, data.baseline):
        scores = source.scores
        if {"rank_p05", "rank_p95"} <= set(scores.columns) and scores["rank_p05"].notna().any():
            pairs = zip(scores["rank_p05"], scores["rank_p95"], strict=True)
            return pd.Series(list(pairs), index=scores.index)
    return pd.Series([(float("nan"), float("nan"))] * len(result.scores), index=result.scores.index)


def score_year(data: Any) -> str:
    """Year span of the indicators behind the scores, e.g. ``2017–2019``."""
    return data.score_years


def year_span(years: pd.DataFrame) -> str:
    """Year span of a district × indicator table of years, e.g. ``2017–2019``."""
    values = pd.to_numeric(years.stack(), errors="coerce").dropna()
    if values.empty:
        return "–"
    lo, hi = int(values.min()), int(values.max())
    return str(lo) if lo == hi else f"{lo}–{hi}"
