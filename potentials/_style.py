"""QGIS QML and OGC SLD documents for the composite-score map style (classes + not scored)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from potentials.classify import Classes


def _rgba(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"{r},{g},{b},255"


#: Colour and legend label of districts without a score (NULL composite).
NOT_SCORED_COLOUR = "#bdbdbd"
NOT_SCORED_LABEL = "keine Bewertung / not scored"


def _class_filter(column: str, classes: Classes, i: int) -> str:
    """QGIS expression of class ``i``: ``lower < value <= upper`` (first: ``value <= upper``).

    Mirrors :func:`potentials.classify.classify` (upper bounds inclusive); the
    outer classes are open so that every finite value falls into one class.
    """
    quoted = f'"{column}"'
    breaks = classes.breaks
    parts = [f"{quoted} IS NOT NULL"]
    if i > 0:
        parts.append(f"{quoted} > {float(breaks[i - 1])!r}")
    if i < classes.k - 1:
        parts.append(f"{quoted} <= {float(breaks[i])!r}")
    return " AND ".join(parts)


def _fill_symbol(parent: ET.Element, name: str, colour: str) -> None:
    symbol = ET.SubElement(parent, "symbol", type="fill", name=name, alpha="1", clip_to_extent="1")
    layer = ET.SubElement(symbol, "layer", {"class": "SimpleFill", "enabled": "1"})
    options = ET.SubElement(layer, "Option", type="Map")
    for key, value in (
        ("color", _rgba(colour)),
        ("outline_color", "255,255,255,255"),
        ("outline_style", "solid"),
        ("outline_width", "0.1"),
        ("outline_width_unit", "MM"),
        ("style", "solid"),
    ):
        ET.SubElement(options, "Option", type="QString", name=key, value=value)


def classes_qml(
    column: str,
    classes: Classes,
    colours: list[str],
    *,
    aliases: dict[str, str] | None = None,
) -> str:
    """Build a QGIS QML document: one rule per class on ``column`` and a grey NULL class.

    A rule-based renderer (rather than a graduated one) lets districts without a
    score keep their place on the map, in grey with the legend entry
    :data:`NOT_SCORED_LABEL`.

    Parameters
    ----------
    column
        Attribute the rules classify.
    classes
        Class breaks (upper bounds inclusive, as in :func:`potentials.classify.classify`).
    colours
        One hex colour per class.
    aliases
        Field aliases shown by QGIS instead of the column names (field order kept).

    Returns
    -------
    str
        The QML XML text.
    """
    if len(colours) != classes.k:
        raise ValueError(f"need {classes.k} colours for {classes.k} classes, got {len(colours)}")
    qgis = ET.Element("qgis", version="3.22.0", styleCategories="Symbology|Fields")
    renderer = ET.SubElement(
        qgis, "renderer-v2", type="RuleRenderer", symbollevels="0", enableorderby="0",
        forceraster="0",
    )  # fmt: skip
    rules = ET.SubElement(renderer, "rules", key="root")
    for i, label in enumerate(classes.labels):
        ET.SubElement(
            rules, "rule", key=f"class{i}", symbol=str(i), label=label,
            filter=_class_filter(column, classes, i),
        )  # fmt: skip
    ET.SubElement(
        rules, "rule", key="not_scored", symbol=str(classes.k), label=NOT_SCORED_LABEL,
        filter=f'"{column}" IS NULL',
    )  # fmt: skip
    symbols = ET.SubElement(renderer, "symbols")
    for i, colour in enumerate([*colours, NOT_SCORED_COLOUR]):
        _fill_symbol(symbols, str(i), colour)
    if aliases:
        element = ET.SubElement(qgis, "aliases")
        for index, (field, alias) in enumerate(aliases.items()):
            ET.SubElement(element, "alias", field=field, index=str(index), name=alias)
    body = ET.tostring(qgis, encoding="unicode")
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + body


def classes_sld(layer: str, column: str, classes: Classes, colours: list[str]) -> str:
    """Build an OGC SLD 1.1 document with one rule per class on ``column`` and a NULL rule.

    Parameters
    ----------
    layer
        Name of the styled layer.
    column
        Attribute the rules filter on.
    classes
        Class breaks.
    colours
        One hex colour per class.

    Returns
    -------
    str
        The SLD XML text.
    """
    sld_ns = "http://www.opengis.net/sld"
    se_ns = "http://www.opengis.net/se"
    ogc_ns = "http://www.opengis.net/ogc"
    ET.register_namespace("sld", sld_ns)
    ET.register_namespace("se", se_ns)
    ET.register_namespace("ogc", ogc_ns)
    root = ET.Element(f"{{{sld_ns}}}StyledLayerDescriptor", version="1.1.0")
    named = ET.SubElement(root, f"{{{sld_ns}}}NamedLayer")
    ET.SubElement(named, f"{{{se_ns}}}Name").text = layer
    style = ET.SubElement(named, f"{{{sld_ns}}}UserStyle")
    fts = ET.SubElement(style, f"{{{se_ns}}}FeatureTypeStyle")
    edges = classes.edges
    for i, (label, colour) in enumerate(zip(classes.labels, colours, strict=True)):
        rule = ET.SubElement(fts, f"{{{se_ns}}}Rule")
        ET.SubElement(rule, f"{{{se_ns}}}Name").text = label
        flt = ET.SubElement(rule, f"{{{ogc_ns}}}Filter")
        both = ET.SubElement(flt, f"{{{ogc_ns}}}And")
        for op, value in (
            ("PropertyIsGreaterThanOrEqualTo", edges[i]),
            ("PropertyIsLessThanOrEqualTo", edges[i + 1]),
        ):
            cmp = ET.SubElement(both, f"{{{ogc_ns}}}{op}")
            ET.SubElement(cmp, f"{{{ogc_ns}}}PropertyName").text = column
            ET.SubElement(cmp, f"{{{ogc_ns}}}Literal").text = repr(float(value))
        sym = ET.SubElement(rule, f"{{{se_ns}}}PolygonSymbolizer")
        fill = ET.SubElement(sym, f"{{{se_ns}}}Fill")
        ET.SubElement(fill, f"{{{se_ns}}}SvgParameter", name="fill").text = colour
        stroke = ET.SubElement(sym, f"{{{se_ns}}}Stroke")
        ET.SubElement(stroke, f"{{{se_ns}}}SvgParameter", name="stroke").text = "#ffffff"
        ET.SubElement(stroke, f"{{{se_ns}}}SvgParameter", name="stroke-width").text = "0.3"
    rule = ET.SubElement(fts, f"{{{se_ns}}}Rule")
    ET.SubElement(rule, f"{{{se_ns}}}Name").text = NOT_SCORED_LABEL
    flt = ET.SubElement(rule, f"{{{ogc_ns}}}Filter")
    null = ET.SubElement(flt, f"{{{ogc_ns}}}PropertyIsNull")
    ET.SubElement(null, f"{{{ogc_ns}}}PropertyName").text = column
    sym = ET.SubElement(rule, f"{{{se_ns}}}PolygonSymbolizer")
    fill = ET.SubElement(sym, f"{{{se_ns}}}Fill")
    ET.SubElement(fill, f"{{{se_ns}}}SvgParameter", name="fill").text = NOT_SCORED_COLOUR
    return ET.tostring(root, encoding="unicode")
