"""Labels derived from data: measure names and units, domain names, type names, intervals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from geodata.indicators import INDICATORS
from layouts.engine import COMPOSITE, DOMAIN_PREFIX
from layouts.i18n import TEXT, pick, t, unit_text
from potentials.extra import SOURCE as USER_SOURCE

if TYPE_CHECKING:
    from layouts.data import AppData


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


def domain_name(data: AppData, code: str, lang: str) -> str:
    """Display name of a domain of the framework."""
    d = data.framework.domain(code)
    return pick(lang, d.name_de, d.name_en)


def is_user_supplied(data: AppData, code: str) -> bool:
    """Whether an indicator comes from the session's own upload (catalogue source)."""
    if code in data.catalogue.index:
        return str(data.catalogue.loc[code].get("source")) == USER_SOURCE
    return False


def indicator_name(data: AppData, code: str, lang: str) -> str:
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


def indicator_unit(data: AppData, code: str, lang: str = "en") -> str:
    """Return the unit of an indicator in German (``"de"``) or English.

    The atlas catalogue's ``unit_de``/``unit_en`` come first (an uploaded indicator
    has only the unit its user gave); the registry fills in for older atlases, and
    :func:`layouts.i18n.unit_text` words units neither of them lists.
    """
    if code not in data.catalogue.index:
        return ""
    row = data.catalogue.loc[code]
    for column in ("unit_de", "unit") if lang == "de" else ("unit_en", "unit"):
        value = row.get(column)
        if value is not None and not pd.isna(value) and str(value):
            text = str(value)
            if lang == "de" and column == "unit" and text in UNITS_DE:
                return UNITS_DE[text]
            return unit_text(text, lang) if column == "unit" else text
    return ""


def _framework_indicator(data: AppData, code: str) -> Any:
    try:
        return data.framework.indicator(code)
    except (KeyError, ValueError):
        return None


def is_proxy(data: AppData, code: str) -> bool:
    """Whether a framework indicator stands in for one the atlas lacks."""
    ind = _framework_indicator(data, code)
    return bool(ind is not None and ind.is_proxy)


def proxy_target(data: AppData, code: str, lang: str) -> str:
    """Name of the indicator a proxy stands in for ("" if ``code`` is no proxy)."""
    ind = _framework_indicator(data, code)
    if ind is None or not ind.is_proxy or not ind.proxy_of:
        return ""
    target = str(ind.proxy_of)
    if target in data.catalogue.index:
        return indicator_name(data, target, lang)
    entry = INDICATORS.get(target)
    if entry is not None:
        return entry.name_en if lang == "en" else entry.name_de
    key = f"indicator.{target}"
    return t(key, lang) if key in TEXT else target


def marked_name(data: AppData, code: str, lang: str) -> str:
    """Return the indicator name with the proxy mark, e.g. ``… (Ersatzgröße)``."""
    name = indicator_name(data, code, lang)
    return f"{name} ({t('proxy.mark', lang)})" if is_proxy(data, code) else name


def proxy_note(data: AppData, code: str, lang: str) -> str:
    """Return the sentence explaining a proxy mark ("" if ``code`` is no proxy)."""
    if not is_proxy(data, code):
        return ""
    target = proxy_target(data, code, lang)
    return t("proxy.note", lang, name=indicator_name(data, code, lang), target=target)


def proxy_notes(data: AppData, codes: Any, lang: str) -> list[str]:
    """Explanations of every proxy among ``codes`` (in order, once each)."""
    notes = [proxy_note(data, c, lang) for c in dict.fromkeys(codes)]
    return [n for n in notes if n]


def favourable_high(data: AppData, measure: str, framework: Any = None) -> bool:
    """Whether higher values of a measure mean more favourable conditions.

    ``framework`` is the one a result was scored with (the user may have reversed a
    direction); by default the app's framework.
    """
    if measure == COMPOSITE or measure.startswith(DOMAIN_PREFIX):
        return True
    try:
        ind = (framework or data.framework).indicator(measure)
    except (KeyError, ValueError):
        return True
    return int(ind.direction) > 0


def direction_text(data: AppData, measure: str, lang: str, framework: Any = None) -> str:
    """Return ``höher = günstiger`` / ``lower is more favourable`` for a measure."""
    high = favourable_high(data, measure, framework)
    return t("direction.higher" if high else "direction.lower", lang)


def measure_name(data: AppData, measure: str, lang: str) -> str:
    """Display name of a map measure."""
    if measure == COMPOSITE:
        return t("measure.composite", lang)
    if measure.startswith(DOMAIN_PREFIX):
        return t(
            "measure.domain", lang, name=domain_name(data, measure[len(DOMAIN_PREFIX) :], lang)
        )
    return marked_name(data, measure, lang)


def measure_unit(data: AppData, measure: str, lang: str) -> str:
    """Return the unit of a map measure (scores are z-score points)."""
    if measure == COMPOSITE or measure.startswith(DOMAIN_PREFIX):
        return t("score.unit", lang)
    return indicator_unit(data, measure, lang)


def measures(data: AppData) -> list[str]:
    """All map measures: composite, each domain score, each framework indicator."""
    return [
        COMPOSITE,
        *(f"{DOMAIN_PREFIX}{d.code}" for d in data.framework.domains),
        *(i.code for i in data.framework.indicators),
    ]


def measure_options(data: AppData, lang: str) -> list[dict[str, str]]:
    """Dropdown options of the map measures."""
    return [{"label": measure_name(data, m, lang), "value": m} for m in measures(data)]


def rank_interval(result: Any) -> pd.Series:
    """Rank interval (p05, p95) per AGS of ``result`` itself (NaN pairs without Monte Carlo).

    Never another run's interval: a rank and its interval come from the same weights.
    """
    scores = result.scores
    if {"rank_p05", "rank_p95"} <= set(scores.columns):
        pairs = zip(scores["rank_p05"], scores["rank_p95"], strict=True)
        return pd.Series(list(pairs), index=scores.index)
    return pd.Series([(float("nan"), float("nan"))] * len(scores), index=scores.index)


def score_year(data: AppData) -> str:
    """Year span of the indicators behind the scores, e.g. ``2017–2019``."""
    return data.score_years


def year_span(years: pd.DataFrame) -> str:
    """Year span of a district × indicator table of years, e.g. ``2017–2019``."""
    values = pd.to_numeric(pd.Series(years.stack()), errors="coerce").dropna()
    if values.empty:
        return "–"
    lo, hi = int(values.min()), int(values.max())
    return str(lo) if lo == hi else f"{lo}–{hi}"
