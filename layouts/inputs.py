"""Typed checks of the raw JSON a Dash callback receives from the browser.

The browser can send anything: ``k="abc"``, a number as the classification method,
weights as a string, a district as a dict, 4000-digit numbers, a hand-edited store.
Each check here takes such a raw value and returns a value of the type the callback
expects, or the fallback the callback already handles (``None``, the default, an empty
list), so a crafted request falls back instead of ending in a 500. What was replaced is
logged. :func:`checked` applies the checks to a callback by parameter name::

    @callback(...)
    @checked
    def _recolour(weights, measure, method, k, palette, before, lang, user=None): ...

Parameters whose name is ambiguous are named in the decorator:
``@checked(current=state_store)``.
"""

from __future__ import annotations

import functools
import inspect
import logging
import math
import re
from collections.abc import Callable
from typing import Any, TypeVar, overload

from layouts.colours import DEFAULT_K, DEFAULT_METHOD, DEFAULT_PALETTE, K_CHOICES, METHODS, PALETTES
from layouts.i18n import DEFAULT_LANG, LANGUAGES

__all__ = [
    "CHECKS",
    "checked",
    "class_count",
    "classes_store",
    "click",
    "click_counts",
    "clicks",
    "district",
    "districts",
    "language",
    "method",
    "number",
    "numbers",
    "palette",
    "pending_store",
    "query",
    "state_store",
    "text",
    "user_store",
    "weights_list",
    "weights_part",
    "weights_store",
]

LOG = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])

#: Longest text accepted where a name or code belongs.
MAX_TEXT = 200
#: Longest URL query accepted.
MAX_QUERY = 4_000
#: Most districts accepted in a list (Germany has 400).
MAX_DISTRICTS = 400
#: Most columns of an upload store (the reader allows 50).
MAX_STORE_COLUMNS = 50
#: Largest weight accepted (sliders end at 3; a sum of weights must stay finite).
MAX_WEIGHT = 1_000.0
_DISTRICT = re.compile(r"^\d{5}$")


def number(value: Any, *, low: float = -math.inf, high: float = math.inf) -> float | None:
    """Return a finite number in ``[low, high]`` (booleans and numbers that overflow are not)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    if isinstance(value, str) and len(value) > 50:
        return None
    try:
        result = float(value)
    except (ValueError, OverflowError):
        return None
    return result if math.isfinite(result) and low <= result <= high else None


def numbers(value: Any) -> list[float | None]:
    """Return a list of the values of pattern-matched controls, each a finite number or ``None``."""
    if not isinstance(value, list):
        return []
    return [number(v) for v in value[:1000]]


def text(value: Any, *, limit: int = MAX_TEXT) -> str | None:
    """Text of at most ``limit`` characters, else ``None``."""
    return value if isinstance(value, str) and len(value) <= limit else None


def weights_list(value: Any) -> list[float | None]:
    """Return slider weights, each a number in ``[0, MAX_WEIGHT]`` or ``None``."""
    if not isinstance(value, list):
        return []
    return [number(v, low=0.0, high=MAX_WEIGHT) for v in value[:1000]]


def texts(value: Any) -> list[str | None]:
    """Return a list of texts (pattern-matched dropdowns); anything else in it becomes ``None``."""
    if not isinstance(value, list):
        return []
    return [text(v) for v in value[:1000]]


def language(value: Any) -> str:
    """``"de"`` or ``"en"``; anything else is the default language."""
    return value if value in LANGUAGES else DEFAULT_LANG


def method(value: Any) -> str:
    """Return a classification method name of :data:`layouts.colours.METHODS`, else the default."""
    return value if isinstance(value, str) and value in METHODS else DEFAULT_METHOD


def class_count(value: Any) -> int:
    """Return a class count of :data:`layouts.colours.K_CHOICES`, else the default."""
    count = number(value)
    return int(count) if count is not None and count in K_CHOICES else DEFAULT_K


def palette(value: Any) -> str:
    """Return a palette name of :data:`layouts.colours.PALETTES`, else the default."""
    return value if isinstance(value, str) and value in PALETTES else DEFAULT_PALETTE


def district(value: Any) -> str | None:
    """Return a five-digit district key, else ``None`` (no district selected)."""
    return value if isinstance(value, str) and _DISTRICT.match(value) else None


def districts(value: Any) -> list[str]:
    """District keys of a multi-select; anything that is not a key is dropped."""
    if not isinstance(value, list):
        return []
    return [a for a in value[:MAX_DISTRICTS] if district(a) is not None]


def query(value: Any) -> str:
    """Return a URL query string (``?…``), else the empty query."""
    return value if isinstance(value, str) and len(value) <= MAX_QUERY else ""


def clicks(value: Any) -> int | None:
    """Return a button's click count, else ``None`` (not clicked)."""
    count = number(value, low=0)
    return int(count) if count is not None else None


def weights_part(value: Any) -> dict[str, float]:
    """Return ``{code: weight}`` with the entries that are a code and an allowed weight."""
    if not isinstance(value, dict):
        return {}
    out = {}
    for code, weight in list(value.items())[:1000]:
        checked_weight = number(weight, low=0.0, high=MAX_WEIGHT)
        if isinstance(code, str) and len(code) <= MAX_TEXT and checked_weight is not None:
            out[code] = checked_weight
    return out


def click_counts(value: Any) -> list[int | None]:
    """Return the click counts of pattern-matched buttons, each an ``int`` or ``None``."""
    if not isinstance(value, list):
        return []
    return [clicks(v) for v in value[:1000]]


def _directions_part(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    out = {}
    for code, direction in list(value.items())[:1000]:
        if isinstance(code, str) and len(code) <= MAX_TEXT and not isinstance(direction, bool):
            if direction in (1, -1) or direction in ("1", "-1"):
                out[code] = int(direction)
    return out


def weights_store(value: Any) -> dict[str, dict[str, Any]] | None:
    """Weights ``{"domains": {code: w}, "indicators": {code: w}, "directions": {code: ±1}}``.

    Bad entries are dropped; ``None`` (the framework's weights) when the value is not
    such a mapping at all.
    """
    if not isinstance(value, dict):
        return None
    return {
        "domains": weights_part(value.get("domains")),
        "indicators": weights_part(value.get("indicators")),
        "directions": _directions_part(value.get("directions")),
    }


def state_store(value: Any) -> dict[str, Any] | None:
    """Return the page state store with each field of the right type (others left out)."""
    if not isinstance(value, dict):
        return None
    out: dict[str, Any] = {}
    for key in ("lang", "view", "measure", "method", "palette"):
        if text(value.get(key)) is not None:
            out[key] = value[key]
    if (k := number(value.get("k"))) is not None:
        out["k"] = int(k)
    if (weights := weights_store(value.get("weights"))) is not None:
        out["weights"] = weights
    out["district"] = district(value.get("district"))
    out["compare"] = districts(value.get("compare"))
    return out


def classes_store(value: Any) -> list[int] | None:
    """Return the map's class store (one class index per district), else ``None``."""
    if not isinstance(value, list) or len(value) > 1000:
        return None
    if not all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c < 100 for c in value):
        return None
    return value


def click(value: Any) -> dict[str, Any] | None:
    """Return a map click (a mapping), else ``None`` (no click)."""
    return value if isinstance(value, dict) else None


def _table_store(value: Any) -> dict[str, Any] | None:
    """``{filename, columns, values: {column: {ags: value}}}`` with every value checked."""
    if not isinstance(value, dict):
        return None
    columns = value.get("columns")
    raw = value.get("values")
    if not isinstance(columns, list) or not isinstance(raw, dict):
        return None
    if not 0 < len(columns) <= MAX_STORE_COLUMNS or any(text(c) is None for c in columns):
        return None
    values: dict[str, dict[str, float]] = {}
    for column in columns:
        cells = raw.get(column)
        if not isinstance(cells, dict) or len(cells) > MAX_DISTRICTS:
            return None
        values[column] = {}
        for ags, cell in cells.items():
            checked_value = number(cell, low=-1e15, high=1e15)
            if district(ags) is None or checked_value is None:
                return None
            values[column][ags] = checked_value
    return {"filename": text(value.get("filename")) or "", "columns": columns, "values": values}


def pending_store(value: Any) -> dict[str, Any] | None:
    """Return a read but not yet applied upload, else ``None`` (nothing pending)."""
    return _table_store(value)


def user_store(value: Any) -> dict[str, Any] | None:
    """Return an applied upload with its specs, else ``None`` (the shared data only)."""
    table = _table_store(value)
    specs = value.get("specs") if isinstance(value, dict) else None
    if table is None or not isinstance(specs, list) or not specs:
        return None
    checked_specs = []
    for spec in specs[:MAX_STORE_COLUMNS]:
        if not isinstance(spec, dict) or spec.get("column") not in table["columns"]:
            return None
        weight = number(spec.get("weight", 1.0), low=0.0, high=MAX_WEIGHT)
        direction = spec.get("direction", 1)
        if text(spec.get("domain")) is None or weight is None or weight <= 0:
            return None
        if isinstance(direction, bool) or direction not in (1, -1):
            return None
        entry = {
            "column": spec["column"],
            "domain": spec["domain"],
            "direction": int(direction),
            "weight": weight,
        }
        if spec.get("code") is not None:
            if text(spec.get("code"), limit=70) is None:
                return None
            entry["code"] = spec["code"]
        checked_specs.append(entry)
    return {**table, "specs": checked_specs}


#: Check applied to a callback parameter of this name (see :func:`checked`).
CHECKS: dict[str, Callable[[Any], Any]] = {
    "weights": weights_store,
    "current_weights": weights_store,
    "measure": text,
    "method": method,
    "k": class_count,
    "palette": palette,
    "before": classes_store,
    "lang": language,
    "user": user_store,
    "pending": pending_store,
    "state": state_store,
    "search": query,
    "ags": district,
    "district": district,
    "selected": districts,
    "compare": districts,
    "mode": text,
    "view": text,
    "by": text,
    "typ": text,
    "clicks": clicks,
    "filename": text,
    "contents": lambda v: v if isinstance(v, str) else None,
    "domains": texts,
    "directions": numbers,
    "direction_values": numbers,
    "weights_in": weights_list,
    "domain_values": weights_list,
    "ind_values": weights_list,
    "click": click,
    "cell": click,
    "query": query,
    "same": text,
    "states": texts,
    "types": texts,
    "rural": texts,
}


@overload
def checked(func: F) -> F: ...
@overload
def checked(**overrides: Callable[[Any], Any]) -> Callable[[F], F]: ...
def checked(func: Any = None, **overrides: Callable[[Any], Any]) -> Any:
    """Decorate a callback so each parameter named in :data:`CHECKS` is checked first.

    Parameters
    ----------
    func
        The callback (when used as ``@checked``).
    **overrides
        Checks for parameters whose name alone does not say what they hold, e.g.
        ``@checked(current=state_store)``.
    """

    def decorate(callback: F) -> F:
        signature = inspect.signature(callback)
        checks = {
            name: overrides.get(name, CHECKS.get(name))
            for name in signature.parameters
            if name in overrides or name in CHECKS
        }

        @functools.wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind_partial(*args, **kwargs)
            for name, check in checks.items():
                if name in bound.arguments and check is not None:
                    raw = bound.arguments[name]
                    value = check(raw)
                    if (value is None and raw is not None) or _replaced(raw, value):
                        LOG.warning("%s: invalid %s replaced", callback.__name__, name)
                    bound.arguments[name] = value
            return callback(*bound.args, **bound.kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate(func) if func is not None else decorate


def _replaced(raw: Any, value: Any) -> bool:
    """Whether a check changed a scalar value (containers are rebuilt, not compared)."""
    return isinstance(raw, str | int | float | bool) and raw != value
