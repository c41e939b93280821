"""QGIS QML and OGC SLD documents for a graduated composite-score style."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from potentials.classify import Classes
from potentials.errors import ClassificationError


def _rgba(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"{r},{g},{b},255"


_QGIS_METHOD = {
    "quantiles": "Quantile",
    "fisher_jenks": "Jenks",
    "equal_interval": "EqualInterval",
    "std_mean": "StdDev",
}


def graduated_qml(column: str, classes: Classes, colours: list[str]) -> str:
    """Build a QGIS QML document: graduated fill renderer on ``column``.

    Parameters
    ----------
    column
        Attribute the renderer classifies.
    classes
        Class breaks (the first class starts at ``classes.lower``).
    colours
        One hex colour per class.

    Returns
    -------
    str
        The QML XML text.
    """
    if len(colours) != classes.k:
        raise ClassificationError(
            f"need {classes.k} colours for {classes.k} classes, got {len(colours)}"
        )
    qgis = ET.Element("qgis", version="3.28.0", styleCategories="Symbology")
    renderer = ET.SubElement(
        qgis,
        "renderer-v2",
        type="graduatedSymbol",
        attr=column,
        graduatedMethod="GraduatedColor",
        symbollevels="0",
        enableorderby="0",
        forceraster="0",
    )
    ranges = ET.SubElement(renderer, "ranges")
    edges = classes.edges
    for i, label in enumerate(classes.labels):
        ET.SubElement(
            ranges,
            "range",
            lower=repr(float(edges[i])),
            upper=repr(float(edges[i + 1])),
            symbol=str(i),
            label=label,
            render="true",
        )
    symbols = ET.SubElement(renderer, "symbols")
    for i, colour in enumerate(colours):
        symbol = ET.SubElement(
            symbols, "symbol", type="fill", name=str(i), alpha="1", clip_to_extent="1"
        )
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
    ET.SubElement(
        renderer, "classificationMethod", id=_QGIS_METHOD.get(classes.method.value, "Quantile")
    )
    body = ET.tostring(qgis, encoding="unicode")
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + body


def graduated_sld(layer: str, column: str, classes: Classes, colours: list[str]) -> str:
    """Build an OGC SLD 1.1 document with one rule per class on ``column``.

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
    return ET.tostring(root, encoding="unicode")
