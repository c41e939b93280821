"""A short description of an atlas: counts, domains, sources and file size."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from geodata.atlas.model import Atlas

__all__ = ["atlas_info", "format_info"]


def _record(atlas: Atlas) -> dict[str, str]:
    return dict(zip(atlas.build["item"].astype(str), atlas.build["value"].astype(str), strict=True))


def _catalogue(atlas: Atlas, codes: set[str]) -> list[dict[str, Any]]:
    rows = atlas.catalogue[atlas.catalogue["code"].isin(codes)].sort_values("code")
    fields = ("code", "name_de", "name_en", "unit_de", "unit_en", "period", "source", "licence")
    out = []
    for row in rows.to_dict(orient="records"):
        entry: dict[str, Any] = {
            f: (None if row.get(f) is None else str(row.get(f))) for f in fields
        }
        entry["year"] = int(row["year"])
        entry["territorial_status"] = str(row.get("territorial_status") or "")
        out.append(entry)
    return out


def atlas_info(atlas: Atlas, domains: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Summarise an atlas as a JSON-ready dictionary.

    Parameters
    ----------
    atlas
        An atlas, typically from :func:`geodata.atlas.load_atlas`.
    domains
        Domain of each indicator code (from a framework; geodata knows no domains).

    Returns
    -------
    dict
        ``kind``, ``path``, ``size_bytes`` (``None`` when not read from a file),
        ``districts`` and ``indicators`` (counts), ``indicators_by_domain``,
        ``years`` (min/max reference year), ``territorial_status``, ``build_date``,
        ``software``, ``sources`` (list of ``name``, ``year``, ``licence``),
        ``vintages`` and ``catalogue`` (one object per indicator: ``code``, names,
        units, ``period``, ``source``, ``licence``).
    """
    record = _record(atlas)
    catalogue = atlas.catalogue
    codes = set(atlas.indicators["indicator"].unique())
    by_domain: dict[str, int] = {}
    for code in sorted(codes):
        if domains and code in domains:
            by_domain[domains[code]] = by_domain.get(domains[code], 0) + 1
    try:
        sources = json.loads(record.get("sources", "[]"))
    except json.JSONDecodeError:
        sources = []
    size = os.path.getsize(atlas.path) if atlas.path and os.path.exists(atlas.path) else None
    years = catalogue["year"] if len(catalogue) else None
    return {
        "kind": atlas.kind,
        "path": atlas.path,
        "size_bytes": size,
        "districts": int(atlas.districts["ags"].nunique()),
        "indicators": len(codes),
        "indicators_by_domain": {str(k): int(v) for k, v in sorted(by_domain.items())},
        "years": None if years is None else [int(years.min()), int(years.max())],
        "territorial_status": record.get("territorial_status"),
        "build_date": record.get("build_date"),
        "software": record.get("software"),
        "sources": [
            {
                "name": s.get("name"),
                "year": s.get("year", s.get("edition")),
                "licence": s.get("licence"),
            }
            for s in sources
        ],
        "vintages": record.get("vintages"),
        "catalogue": _catalogue(atlas, codes),
    }


def format_info(info: dict[str, Any]) -> str:
    """Render :func:`atlas_info` as a readable plain-text table."""
    size = info["size_bytes"]
    lines = [
        f"Atlas ({info['kind']})  {info['path'] or '(in memory)'}",
        f"  size          {size / 1e6:.2f} MB" if size else "  size          –",
        f"  districts     {info['districts']}",
        f"  indicators    {info['indicators']}",
        f"  status        {info['territorial_status']}",
        f"  built         {info['build_date']} with {info['software']}",
        "  by domain",
    ]
    lines += [
        f"    {domain:<12} {count:>3}" for domain, count in info["indicators_by_domain"].items()
    ]
    lines.append("  sources")
    lines += [f"    {s['year']}  {s['name']}  [{s['licence']}]" for s in info["sources"]]
    return "\n".join(lines)
