"""Open an exported GeoPackage in real QGIS (PyQGIS) and report what QGIS shows.

Run with the *system* Python that has Debian's ``python3-qgis``, not the project's
virtual environment::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis/qgis_probe.py x.gpkg out.png

Prints one JSON object: whether the layer is valid, the style QGIS applied by itself
(renderer type, legend labels), each district's rendered legend class next to its
``composite_class``, field aliases, the layer metadata (title, abstract, licences,
rights), the GeoPackage version warning if any, and statistics of a rendered PNG.
"""

from __future__ import annotations

import json
import os
import sys

_app = None


def main(gpkg: str, png: str) -> dict:
    from qgis.core import (
        QgsApplication,
        QgsMapRendererParallelJob,
        QgsMapSettings,
        QgsRenderContext,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    global _app  # keep the application alive until the process exits
    _app = QgsApplication([], False)
    _app.initQgis()
    messages: list[str] = []
    QgsApplication.messageLog().messageReceived.connect(
        lambda message, tag, level: messages.append(f"{tag}: {message}")
    )
    layer = QgsVectorLayer(f"{gpkg}|layername=districts", "districts", "ogr")
    report: dict = {"valid": layer.isValid(), "features": layer.featureCount()}
    renderer = layer.renderer()
    report["renderer"] = renderer.type()
    fields = layer.fields()
    report["aliases"] = {f.name(): f.alias() for f in fields}
    metadata = layer.metadata()
    report["metadata"] = {
        "title": metadata.title(),
        "abstract": metadata.abstract(),
        "licenses": list(metadata.licenses()),
        "rights": list(metadata.rights()),
        "history": list(metadata.history()),
    }
    context = QgsRenderContext()
    renderer.startRender(context, fields)
    legend = {item.ruleKey(): item.label() for item in renderer.legendSymbolItems()}
    report["legend"] = [legend[k] for k in sorted(legend)]
    rendered = {}
    for feature in layer.getFeatures():
        keys = list(renderer.legendKeysForFeature(feature, context))
        value = feature["composite_class"]
        rendered[str(feature["ags"])] = {
            "keys": keys,
            "composite_class": None
            if value is None or value == "" or str(value) == "NULL"
            else int(value),
            "label": [legend.get(k, "") for k in keys],
        }
    renderer.stopRender(context)
    report["rendered"] = rendered

    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(400, 500))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(png, "PNG")
    colours: dict[int, int] = {}
    for x in range(0, image.width(), 4):
        for y in range(0, image.height(), 4):
            rgb = image.pixel(x, y) & 0xFFFFFF
            colours[rgb] = colours.get(rgb, 0) + 1
    total = sum(colours.values())
    report["image"] = {
        "width": image.width(),
        "height": image.height(),
        "distinct_colours": len(colours),
        "white_share": colours.get(0xFFFFFF, 0) / total,
        "grey_pixels": colours.get(0xBDBDBD, 0),
    }
    report["messages"] = messages
    return report


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])), flush=True)
    # tearing QGIS down from Python can crash the interpreter at exit; the report is out
    os._exit(0)
