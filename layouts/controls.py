"""The sidebar: what the map shows (measure, classes, palette) and the weights."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from dash import dcc, html

from layouts import ids, labels
from layouts.aria import aria
from layouts.colours import K_CHOICES, METHODS, PALETTES
from layouts.engine import default_weights, reversible
from layouts.i18n import dropdown_labels, t

if TYPE_CHECKING:
    from layouts.data import AppData
    from layouts.state import AppState

SLIDER_MIN = 0.0
SLIDER_STEP = 0.05
PALETTE_NAMES = {"viridis": "Viridis", "cividis": "Cividis", "puor": "PuOr", "brbg": "BrBG"}


def _labelled(label: str, control: Any, control_id: str) -> html.Div:
    return html.Div(
        [html.Label(label, htmlFor=control_id, className="control-label"), control],
        className="control",
    )


def radio_group(label: str, radio_id: str, options: list[dict[str, Any]], value: Any) -> html.Div:
    """Return a labelled row of radio buttons whose label names the group for screen readers."""
    label_id = f"{radio_id}-label"
    return html.Div(
        [
            html.Span(label, id=label_id, className="control-label"),
            dcc.RadioItems(
                id=radio_id,
                options=options,
                value=value,
                inline=True,
                className="radio-row",
                inputClassName="radio-input",
            ),
        ],
        className="control",
        role="group",
        **aria(labelledby=label_id),
    )


def map_controls(data: AppData, state: AppState) -> html.Section:
    """Measure, classification, class count and palette of the map."""
    lang = state.lang
    return html.Section(
        [
            _labelled(
                t("measure", lang),
                dcc.Dropdown(
                    id=ids.MEASURE,
                    options=labels.measure_options(data, lang),
                    value=state.measure,
                    clearable=False,
                    labels=dropdown_labels(lang),
                ),
                ids.MEASURE,
            ),
            _labelled(
                t("class.method", lang),
                dcc.Dropdown(
                    id=ids.CLASS_METHOD,
                    options=[{"label": t(f"class.{m}", lang), "value": m} for m in METHODS],
                    value=state.method,
                    clearable=False,
                    searchable=False,
                    labels=dropdown_labels(lang),
                ),
                ids.CLASS_METHOD,
            ),
            radio_group(
                t("class.k", lang),
                ids.CLASS_K,
                [{"label": str(k), "value": k} for k in K_CHOICES],
                int(state.k),
            ),
            _labelled(
                t("palette", lang),
                dcc.Dropdown(
                    id=ids.PALETTE,
                    options=[{"label": PALETTE_NAMES.get(p, p), "value": p} for p in PALETTES],
                    value=state.palette,
                    clearable=False,
                    searchable=False,
                    labels=dropdown_labels(lang),
                ),
                ids.PALETTE,
            ),
        ],
        className="panel map-controls",
        **aria(label=t("measure", lang)),
    )


def slider_max(framework: Any) -> int:
    """Upper end of the weight sliders: 4, or more if a preset needs it.

    The "equal indicators" preset weighs a domain by its number of indicators, so the
    sliders reach at least the largest domain's indicator count.
    """
    largest = max(len(framework.indicators_of(d.code)) for d in framework.domains)
    return max(4, largest)


def _slider(slider_id: dict[str, str], value: float, label: str, top: int) -> html.Div:
    label_id = f"label-{slider_id['type']}-{slider_id['code']}"
    return html.Div(
        [
            html.Span(label, className="slider-label", id=label_id),
            dcc.Slider(
                id=slider_id,
                min=SLIDER_MIN,
                max=top,
                step=SLIDER_STEP,
                value=value,
                marks={i: str(i) for i in range(top + 1)},
                updatemode="mouseup",
                className="weight-slider",
            ),
        ],
        className="slider-row",
    )


def direction_choice(data: AppData, code: str, value: int, lang: str) -> html.Div:
    """Radio buttons for the favourable direction of a reversible indicator, with help."""
    radio_id = ids.direction(code)
    label_id = f"label-{ids.DIRECTION}-{code}"
    return html.Div(
        [
            html.Span(
                t("direction.choice", lang, name=labels.indicator_name(data, code, lang)),
                id=label_id,
                className="control-label",
            ),
            dcc.RadioItems(
                id=radio_id,
                options=[
                    {"label": t("direction.higher", lang), "value": 1},
                    {"label": t("direction.lower", lang), "value": -1},
                ],
                value=value,
                className="radio-row",
                inputClassName="radio-input",
            ),
            html.P(t("direction.choice.help", lang), className="help"),
        ],
        className="control direction-choice",
        role="radiogroup",
        **aria(labelledby=label_id),
    )


def indicator_sliders(
    data: AppData, domain: str, weights: Mapping[str, Any] | None, lang: str
) -> list[html.Div]:
    """Return the sliders of one domain's indicators, at the weights in ``weights``.

    They are shown on demand (:data:`ids.INDICATOR_TOGGLE`): every slider on the page
    is work for the browser whenever anything changes, and most people weight domains.
    """
    fw = data.framework
    given = (weights or {}).get("indicators") or {}
    defaults = default_weights(fw)["indicators"]
    top = slider_max(fw)
    return [
        _slider(
            ids.indicator_weight(i.code),
            _number_or(given.get(i.code), defaults[i.code]),
            labels.indicator_name(data, i.code, lang),
            top,
        )
        for i in fw.indicators_of(domain)
    ]


def _number_or(value: Any, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def weights_panel(data: AppData, state: AppState) -> html.Section:
    """One slider per domain, its indicators' sliders on demand, presets and reset."""
    lang = state.lang
    fw = data.framework
    weights = state.weights or default_weights(fw)
    top = slider_max(fw)
    directions = weights.get("directions") or default_weights(fw)["directions"]
    domain_blocks = []
    for d in fw.domains:
        panel_id = f"indicators-{d.code}"
        domain_blocks.append(
            html.Div(
                [
                    _slider(
                        ids.domain_weight(d.code),
                        weights["domains"][d.code],
                        labels.domain_name(data, d.code, lang),
                        top,
                    ),
                    html.Button(
                        t("weights.indicators", lang),
                        id=ids.indicator_toggle(d.code),
                        className="link-button indicator-toggle",
                        **aria(expanded="false", controls=panel_id),
                    ),
                    html.Div(
                        html.Div(id=ids.indicator_panel(d.code)),
                        id=panel_id,
                        className="indicator-weights",
                    ),
                    *[
                        direction_choice(
                            data, i.code, int(directions.get(i.code, i.direction)), lang
                        )
                        for i in reversible(fw)
                        if i.domain == d.code
                    ],
                ],
                className="domain-weight",
                title=d.description_en if lang == "en" else d.description_de,
            )
        )
    return html.Section(
        [
            html.H2(t("weights", lang)),
            html.P(t("weights.help", lang), className="help"),
            html.Div(
                [
                    html.Button(t("preset.equal_domains", lang), id=ids.PRESET_EQUAL_DOMAINS),
                    html.Button(t("preset.equal_indicators", lang), id=ids.PRESET_EQUAL_INDICATORS),
                    html.Button(t("preset.pca", lang), id=ids.PRESET_PCA),
                    html.Button(t("reset", lang), id=ids.RESET, className="secondary"),
                ],
                className="button-row",
            ),
            *domain_blocks,
            html.P(id=ids.WEIGHTS_NOTE, className="note", role="status"),
        ],
        className="panel weights",
        **aria(label=t("weights", lang)),
    )
