"""Where a district is: names with their kind, a forgiving search, Länder borders, outlines.

The dropdown of Dash searches an option's ``label`` and ``search`` fields token by
token (every typed word must be a substring of some indexed word, case-insensitive).
:func:`search_text` therefore lists, for each district, the spellings people type:
the official name and its short form, the kind in the usual words ("Landkreis",
"Kreis", "LK", "kreisfreie Stadt", "Stadt"), umlauts transcribed ("Goerlitz") and
dropped ("Gorlitz"), and the AGS.

Länder borders are dissolved once per atlas from the map's simplified coverage
(:func:`state_borders`), never per callback.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from dash import html

from layouts.i18n import fmt_number, t
from potentials.printing import dissolve

CITY = "Kreisfreie Stadt"
#: Words people use for each kind of district (searched, never shown).
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "Landkreis": ("Landkreis", "Kreis", "LK", "Lkr", "Lkr.", "Kr.", "district"),
    CITY: ("kreisfreie", "Stadt", "Stadtkreis", "SK", "city"),
}
_TRANSCRIBE = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
_SPLIT = re.compile(r"[\s,./()\-]+")
OUTLINE_COLOUR = "#e69f00"
BORDER_COLOUR = "#1b1b1b"


def short_name(name: str) -> str:
    """Drop the official suffix after a comma ("München, Landeshauptstadt" → "München")."""
    return str(name).split(",", 1)[0].strip()


def kind_label(kind: Any, lang: str) -> str:
    """Name the kind of a district as shown: "kreisfreie Stadt" or "Landkreis" (or English)."""
    return t("kind.city" if str(kind) == CITY else "kind.district", lang)


def district_label(name: str, kind: Any, lang: str) -> str:
    """Display label, e.g. ``München (kreisfreie Stadt)`` or ``München (Landkreis)``."""
    return f"{short_name(name)} ({kind_label(kind, lang)})"


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_text(name: str, kind: Any, ags: str) -> str:
    """Every word a search for this district may use (space-separated, deduplicated)."""
    words: list[str] = []
    for variant in (str(name), str(name).translate(_TRANSCRIBE), _folded(str(name))):
        words.extend(w for w in _SPLIT.split(variant) if w)
        words.append(variant.replace(" ", ""))
    words.extend(KIND_WORDS.get(str(kind), KIND_WORDS["Landkreis"]))
    words.append(str(ags))
    return " ".join(dict.fromkeys(words))


_options_lock = threading.Lock()
_options: dict[tuple[int, str], tuple[Any, list[dict[str, str]]]] = {}


def district_options(data: Any, lang: str = "de") -> list[dict[str, str]]:
    """Dropdown options of all districts: label with kind, forgiving search words.

    Districts whose short name and kind coincide keep the official name to tell them
    apart. Built once per atlas and language (do not change the list returned).
    """
    key = (id(data.atlas), lang)
    with _options_lock:
        held = _options.get(key)
    if held is not None and held[0] is data.atlas:
        return held[1]
    options = _district_options(data, lang)
    with _options_lock:
        if len(_options) > 16:
            _options.clear()
        _options[key] = (data.atlas, options)
    return options


def _district_options(data: Any, lang: str) -> list[dict[str, str]]:
    frame = data.atlas.districts.set_index("ags")
    kinds = frame["kind"].reindex(list(data.ags)) if "kind" in frame else pd.Series(dtype=str)
    labels = {a: district_label(data.names[a], kinds.get(a, ""), lang) for a in data.ags}
    counts = pd.Series(list(labels.values())).value_counts()
    for a, label in labels.items():
        if counts[label] > 1:
            labels[a] = f"{data.names[a]} ({kind_label(kinds.get(a, ''), lang)}, {a})"
    return [
        {
            "label": labels[a],
            "value": a,
            "search": essential_words(search_text(data.names[a], kinds.get(a, ""), a), labels[a]),
        }
        for a in sorted(data.ags, key=lambda a: (labels[a].casefold(), a))
    ]


def essential_words(search: str, label: str) -> str:
    """Drop the search words that are part of a longer word of the option.

    The dropdown keeps an option when each typed word is a substring of one of its
    words, so such a word finds nothing the longer one does not ("Kreis" in
    "Landkreis"); the dropdown indexes every substring of every word on page load.
    """
    words = list(dict.fromkeys(search.split()))
    shown = [w.lower() for w in label.split()]
    others = [w.lower() for w in words]

    def covered(word: str) -> bool:
        w = word.lower()
        return any(w in v for v in shown) or any(w != v and w in v for v in others)

    return " ".join(w for w in words if not covered(w))


def context_line(data: Any, ags: str, lang: str) -> str:
    """Describe population, area and density of a district (profile and compare)."""
    row = data.atlas.districts.set_index("ags").loc[ags]
    population = float(row.get("population", float("nan")))
    area = float(row.get("area_km2", float("nan")))
    density = population / area if area > 0 else float("nan")
    return t(
        "profile.context",
        lang,
        pop=fmt_number(population, lang, 0),
        area=fmt_number(area, lang, 0),
        density=fmt_number(density, lang, 0),
    )


def context_rows(data: Any, selected: list[str], lang: str) -> list[Any]:
    """Table rows of population, area and density for the compared districts."""
    frame = data.atlas.districts.set_index("ags").reindex(selected)
    population = frame["population"].astype(float)
    area = frame["area_km2"].astype(float)
    density = population / area.where(area > 0)
    rows = []
    for key, unit, values in (
        ("print.population", "", population),
        ("print.area", "km²", area),
        ("print.density", t("print.per_km2", lang), density),
    ):
        cells = [html.Td(t(key, lang)), html.Td(unit)]
        cells += [html.Td(fmt_number(v, lang, 0), className="num") for v in values]
        rows.append(html.Tr(cells, className="context-row"))
    return rows


# ------------------------------------------------------------------ map overlays

_borders: dict[int, dict[str, list[float | None]]] = {}
_lock = threading.Lock()


def _lines(geometry: Any) -> tuple[list[float | None], list[float | None]]:
    """Longitude and latitude lists of a (multi)line, parts separated by ``None``."""
    lon: list[float | None] = []
    lat: list[float | None] = []
    parts = getattr(geometry, "geoms", [geometry])
    for part in parts:
        if part.is_empty:
            continue
        xs, ys = part.xy
        lon.extend(round(float(x), 3) for x in xs)
        lat.extend(round(float(y), 3) for y in ys)
        lon.append(None)
        lat.append(None)
    return lon, lat


def state_borders(data: Any) -> dict[str, list[float | None]]:
    """Länder borders as one line trace (``lon``/``lat``), dissolved once per atlas."""
    key = id(data.geojson)
    ready = _borders.get(key)
    if ready is not None:
        return ready
    with _lock:
        if key not in _borders:
            frame = gpd.GeoDataFrame.from_features(data.geojson["features"], crs="EPSG:4326")
            frame.index = [f["id"] for f in data.geojson["features"]]
            states = data.atlas.districts.set_index("ags")["state"].reindex(frame.index)
            merged = dissolve(frame.geometry, states.astype(str))
            lines = shapely.line_merge(shapely.union_all(merged.boundary.to_numpy()))
            lon, lat = _lines(lines)
            _borders[key] = {"lon": lon, "lat": lat}
        return _borders[key]


def district_outline(data: Any, ags: str | None) -> dict[str, list[float | None]]:
    """Outline of one district (``lon``/``lat`` lists; empty for none)."""
    if not ags:
        return {"lon": [], "lat": []}
    for feature in data.geojson["features"]:
        if feature["id"] == ags:
            geometry = shapely.geometry.shape(feature["geometry"]).boundary
            lon, lat = _lines(geometry)
            return {"lon": lon, "lat": lat}
    return {"lon": [], "lat": []}


def overlay_traces(data: Any, ags: str | None) -> list[dict[str, Any]]:
    """Map traces drawn over the districts: Länder borders, then the selected outline."""
    borders = state_borders(data)
    outline = district_outline(data, ags)
    common = {"type": "scattergeo", "mode": "lines", "hoverinfo": "skip", "showlegend": False}
    return [
        {**common, **borders, "line": {"width": 1.1, "color": BORDER_COLOUR}, "name": "states"},
        {**common, **outline, "line": {"width": 3, "color": OUTLINE_COLOUR}, "name": "selected"},
    ]


def with_overlays(figure: dict[str, Any], data: Any, ags: str | None) -> dict[str, Any]:
    """Add the Länder borders and the selected district's outline over the choropleth."""
    figure["data"] = [*figure["data"], *overlay_traces(data, ags)]
    return figure
