"""The small user state of one page view and its URL query-string form.

Everything a shared link restores lives here: language, view, shown measure,
classification, weights, the selected district and the compared districts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any
from urllib.parse import parse_qs, urlencode

from layouts.colours import DEFAULT_K, DEFAULT_METHOD, DEFAULT_PALETTE, K_CHOICES, METHODS, PALETTES
from layouts.engine import COMPOSITE, WeightSetting, clean_weights, default_weights
from layouts.i18n import DEFAULT_LANG, LANGUAGES
from potentials import Framework

VIEWS: tuple[str, ...] = (
    "map",
    "compare",
    "types",
    "uncertainty",
    "export",
    "about",
    "ranking",
)
MAX_COMPARE = 6


@dataclass(frozen=True)
class AppState:
    """User state of one page view (JSON-serialisable via :meth:`to_dict`)."""

    lang: str = DEFAULT_LANG
    view: str = "map"
    measure: str = COMPOSITE
    method: str = DEFAULT_METHOD
    k: int = DEFAULT_K
    palette: str = DEFAULT_PALETTE
    weights: WeightSetting | dict[str, dict[str, float]] = field(default_factory=dict)
    district: str | None = None
    compare: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for a ``dcc.Store``."""
        out = asdict(self)
        out["compare"] = list(self.compare)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> AppState:
        """Inverse of :meth:`to_dict` (unknown keys ignored)."""
        data = dict(data or {})
        known = {f for f in cls.__dataclass_fields__}
        kwargs = {k: v for k, v in data.items() if k in known}
        if "compare" in kwargs:
            kwargs["compare"] = tuple(kwargs["compare"] or ())
        return cls(**kwargs)


def validated(
    state: AppState, *, framework: Framework, measures: list[str], ags: set[str]
) -> AppState:
    """Return the state with every field checked against the app's data (bad values → defaults).

    Weights the engine cannot score become the framework's weights as a whole
    (see :func:`layouts.engine.weights_problem` for why).
    """
    return replace(
        state,
        lang=state.lang if state.lang in LANGUAGES else DEFAULT_LANG,
        view=state.view if state.view in VIEWS else "map",
        measure=state.measure if state.measure in measures else COMPOSITE,
        method=state.method if state.method in METHODS else DEFAULT_METHOD,
        k=int(state.k) if _int(state.k) in K_CHOICES else DEFAULT_K,
        palette=state.palette if state.palette in PALETTES else DEFAULT_PALETTE,
        weights=clean_weights(framework, state.weights),
        district=state.district if state.district in ags else None,
        compare=tuple(dict.fromkeys(a for a in state.compare if a in ags))[:MAX_COMPARE],
    )


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _pairs(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in text.split(","):
        code, _, value = item.partition(":")
        try:
            out[code] = float(value)
        except ValueError:
            continue
    return out


def _fmt_pairs(weights: dict[str, float]) -> str:
    return ",".join(f"{code}:{value:g}" for code, value in weights.items())


def to_query(state: AppState, *, framework: Framework) -> str:
    """Write the state as a URL query string (``?…``); default values are left out."""
    base = AppState()
    params: dict[str, str] = {}
    if state.lang != base.lang:
        params["lang"] = state.lang
    if state.view != base.view:
        params["view"] = state.view
    if state.measure != base.measure:
        params["m"] = state.measure
    if state.method != base.method:
        params["cls"] = state.method
    if int(state.k) != base.k:
        params["k"] = str(state.k)
    if state.palette != base.palette:
        params["pal"] = state.palette
    defaults = default_weights(framework)
    weights = clean_weights(framework, state.weights)
    if weights["domains"] != defaults["domains"]:
        params["w"] = _fmt_pairs(weights["domains"])
    changed = {c: v for c, v in weights["indicators"].items() if v != defaults["indicators"][c]}
    if changed:
        params["iw"] = _fmt_pairs(changed)
    flipped = {c: v for c, v in weights["directions"].items() if v != defaults["directions"][c]}
    if flipped:
        params["dir"] = ",".join(f"{code}:{value}" for code, value in flipped.items())
    if state.district:
        params["d"] = state.district
    if state.compare:
        params["c"] = ",".join(state.compare)
    return "?" + urlencode(params, safe=",:") if params else ""


def from_query(search: str | None) -> AppState:
    """Parse a URL query string written by :func:`to_query` (unvalidated)."""
    query = parse_qs((search or "").lstrip("?"), keep_blank_values=False)

    def one(key: str, default: Any) -> Any:
        values = query.get(key)
        return values[0] if values else default

    base = AppState()
    weights: dict[str, Any] = {}
    if "w" in query:
        weights["domains"] = _pairs(one("w", ""))
    if "iw" in query:
        weights["indicators"] = _pairs(one("iw", ""))
    if "dir" in query:
        weights["directions"] = {
            c: int(v) for c, v in _pairs(one("dir", "")).items() if v in (1, -1)
        }
    compare = tuple(c for c in one("c", "").split(",") if c)
    return AppState(
        lang=one("lang", base.lang),
        view=one("view", base.view),
        measure=one("m", base.measure),
        method=one("cls", base.method),
        k=_int(one("k", base.k)) or base.k,
        palette=one("pal", base.palette),
        weights=weights,
        district=one("d", None),
        compare=compare,
    )
