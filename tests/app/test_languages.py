"""One language at a time: every view, rendered in German and in English, holds no text
of the other language (on the SYNTHETIC test atlas and on the shipped atlas)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from dashtree import texts as all_texts

from layouts import compare, labels, map_view, profile, types_view, uncertainty
from layouts import data as appdata
from layouts.about import about_section, attribution_items
from layouts.i18n import TEXT, t
from layouts.places import district_options
from layouts.shell import body
from layouts.state import AppState, validated

# Words that give a string away as English in the German interface, and vice versa.
ENGLISH = re.compile(
    r"\b(the|of|and|per|inhabitants|licence|not stated|district|districts|independent|"
    r"households|persons|favourable|proxy|missing|reuse|attribution|rank|weights|"
    r"synthetic|random|built|input)\b",
    re.IGNORECASE,
)
GERMAN = re.compile(
    r"\b(je|und|der|die|das|Einwohner|Kreise|Kreis|günstiger|fehlt|Ausländer|"
    r"Ersatzgröße|Lizenz|nicht|Jahr|Gewichte|Rang|Nachnutzung|Quellenangabe|synthetisch|"
    r"erwerbsfähige)\b"
)
#: Product names that hold a word of the other language.
PRODUCT_NAMES = ("VG250 Kreise",)
# a decimal number written the other language's way: 1.23 in German, 1,23 in English
NUMBER = {"de": re.compile(r"(?<![\d.])\d+\.\d{2}(?![\d.])"), "en": re.compile(r"\d,\d{2}(?!\d)")}


@pytest.fixture(scope="module")
def shipped(app_data) -> appdata.AppData:
    """App data on the shipped atlas (built in memory; the app under test keeps its own)."""
    from geodata.atlas import load_atlas

    return appdata.build(load_atlas(), mc_draws=60)


def texts(tree: Any) -> list[str]:
    """Visible strings of a tree, leaving out parts that declare their own ``lang``."""

    def strip(node: Any) -> Any:
        if isinstance(node, list | tuple):
            return [strip(n) for n in node]
        if hasattr(node, "_prop_names"):
            if getattr(node, "lang", None):
                return None
            children = getattr(node, "children", None)
            if children is not None and not isinstance(children, str):
                node.children = strip(children)
        return node

    import copy

    return all_texts(strip(copy.deepcopy(tree)))


def _figure_texts(fig: Any) -> list[str]:
    out: list[str] = []

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("geojson", "z", "locations", "customdata", "x", "y", "colorscale"):
                    continue
                walk(v, k)
        elif isinstance(node, list | tuple):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in ("text", "name", "hovertemplate", "ticktext"):
            out.append(node)

    walk(fig)
    return out


def rendered(data: appdata.AppData, lang: str) -> list[str]:
    """Every visible string of every view (layout and callback outputs) in ``lang``."""
    a, b, c = data.ags[1], data.ags[2], data.ags[3]
    state = validated(
        AppState(lang=lang, district=a, compare=(a, b, c)),
        framework=data.framework,
        measures=labels.measures(data),
        ags=set(data.ags),
    )
    result = data.result(None)
    out = texts(body(data, state, result, notice=None))
    out += texts(profile.profile_content(data, result, a, lang))
    out += texts(about_section(data, state))
    for mode in ("raw", "normalised"):
        fig, ranks, table = _compare_view(data, [a, b, c], mode, lang)
        out += texts(ranks) + texts(table) + _figure_texts(fig)
    box, means, options, _typ, tmap = _types_view(data, lang)
    out += texts(means) + [o["label"] for o in options] + _figure_texts(box)
    out += _figure_texts(tmap)
    ranks_fig, sens_fig, note, help_text = _uncertainty_view(data, lang)
    out += [note, help_text, *_figure_texts(ranks_fig), *_figure_texts(sens_fig)]
    for measure in labels.measures(data):
        for method in ("quantiles", "std_mean"):
            payload = map_view.map_payload(
                data, result, measure, method=method, k=7, palette="viridis", lang=lang
            )
            out += texts(map_view.legend(data, payload, measure=measure, lang=lang))
            out += [payload.hovertemplate, payload.colorbar_title, *payload.ticktext]
    return [s for s in out if s and s.strip()]


def _compare_view(data, selected, mode, lang):
    result = data.result(None)
    return (
        compare.compare_figure(data, result, selected, lang),
        compare.rank_table(data, result, selected, lang),
        compare.compare_table(data, result, selected, mode, lang),
    )


def _types_view(data, lang):
    result = data.result(None)
    types = types_view._types(result.scores, "settlement_type")
    options = [{"label": labels.type_name(x, lang), "value": x} for x in types]
    return (
        types_view.box_figure(data, result, "settlement_type", "composite", lang),
        types_view.means_table(data, result, "settlement_type", lang),
        options,
        types[0],
        types_view.type_map(data, result, "settlement_type", types[0], "composite", lang),
    )


def _uncertainty_view(data, lang):
    from layouts.engine import draws_of
    from layouts.i18n import fmt_count

    result = data.result(None)
    n = fmt_count(draws_of(result), lang)
    return (
        uncertainty.ranks_figure(data, result.scores, lang),
        uncertainty.sensitivity_figure(result.sensitivity, lang),
        t("uncertainty.live", lang, n=n),
        t("uncertainty.help", lang, n=n),
    )


def _exempt(data: appdata.AppData) -> set[str]:
    """Proper names: districts and the official citations the licences require verbatim."""
    names = {str(n) for n in data.names}
    names |= {f"{data.names[a]} ({a})" for a in data.ags}
    # search and ranking labels: the official name with its (German) kind, a proper name
    names |= {o["label"] for lang in ("de", "en") for o in district_options(data, lang)}
    citations = set(attribution_items(data))
    sources = [str(s) for s in data.catalogue["source"].dropna()]
    citations |= set(sources) | {part for s in sources for part in s.split("; ")}
    build = data.atlas.build.set_index("item")["value"] if len(data.atlas.build) else {}
    if "sources" in build:
        citations |= {str(r.get("name")) for r in json.loads(str(build["sources"]))}
    return names | citations


def _other_language_strings(lang: str) -> list[str]:
    other = 1 if lang == "de" else 0
    own = 0 if lang == "de" else 1
    out = []
    for pair in TEXT.values():
        if pair[other] == pair[own]:
            continue
        for fragment in re.split(r"\{[^}]*\}", pair[other]):
            fragment = fragment.strip(" :.,()·–-")
            if len(fragment) >= 8 and all(fragment not in p[own] for p in TEXT.values()):
                out.append(fragment)
    return out


def _offences(data: appdata.AppData, lang: str) -> list[str]:
    exempt = _exempt(data)
    marker = ENGLISH if lang == "de" else GERMAN
    foreign = _other_language_strings(lang)
    bad = []
    parts = [part for text in rendered(data, lang) for part in text.split("; ")]
    for text in parts:
        if text in exempt:
            continue
        # a source record is its (official, verbatim) title plus our details
        title = next((n for n in exempt if len(n) > 12 and text.startswith(n)), "")
        text = text[len(title) :]
        own_text = any(text == pair[0 if lang == "de" else 1] for pair in TEXT.values())
        # quoted examples (column headers, names) are not interface text
        for product in PRODUCT_NAMES:
            text = text.replace(product, "")
        text = re.sub(r"\b(AND|OR|WITH)\b", " ", text)  # SPDX licence expressions
        plain = re.sub(r"%\{[^}]*\}|<[^>]+>|'[^']*'|„[^“]*“|\"[^\"]*\"|\S*/\S*", " ", text)
        words = marker.findall(plain)
        if words and not own_text:
            bad.append(f"{text!r}: {sorted(set(words))}")
        hits = [f for f in foreign if f in text]
        if hits:
            bad.append(f"{text!r}: other-language text {hits}")
        if NUMBER[lang].search(text):
            bad.append(f"{text!r}: number not written the {lang} way")
    return bad


@pytest.mark.parametrize("lang", ["de", "en"])
def test_synthetic_atlas_views_hold_one_language(app_data, lang):
    bad = _offences(app_data, lang)
    assert not bad, "\n".join(bad[:40])


@pytest.mark.parametrize("lang", ["de", "en"])
def test_shipped_atlas_views_hold_one_language(shipped, lang):
    bad = _offences(shipped, lang)
    assert not bad, "\n".join(bad[:40])


def test_the_check_catches_the_other_language(app_data):
    """The detector itself: English units and build keys in German are offences."""
    marker_hits = ENGLISH.findall("per 100,000 inhabitants") + GERMAN.findall("je 100 Einwohner")
    assert marker_hits
    assert NUMBER["de"].search("1,234.57") and NUMBER["en"].search("1.234,57")
    assert not NUMBER["de"].search("1.234,57") and not NUMBER["en"].search("1,234.57")
    assert "district-free cities" not in " ".join(rendered(app_data, "en"))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_counts_carry_no_decimals(app_data, lang):
    result = app_data.result(None)
    payload = map_view.map_payload(
        app_data, result, "composite", method="quantiles", k=5, palette="viridis", lang=lang
    )
    legend = texts(map_view.legend(app_data, payload, measure="composite", lang=lang))
    word = "Kreise" if lang == "de" else "districts"
    counts = [x for x in legend if x.endswith(word)]
    assert counts and all(re.fullmatch(rf"\d[\d.,]* {word}", x) for x in counts)
    assert not any(",00" in x or ".00" in x for x in counts)
