"""A short description of an atlas: counts, domains, sources and file size."""

from __future__ import annotations

import json
import os
from typing import Any

from geodata.atlas.model import Atlas

__all__ = ["atlas_info", "format_info"]


def _record(atlas: Atlas) -> dict[str, str]:
    return dict(zip(atlas.build["item"].astype(str), atlas.build["value"].astype(str), strict=True))


def atlas_info(atlas: Atlas) -> dict[str, Any]:
    """Summarise an atlas as a JSON-ready dictionary.

    Parameters
    ----------
    atlas
        An atlas, typically from :func:`geodata.atlas.load_atlas`.

    Returns
    -------
    dict
        ``kind``, ``path``, ``size_bytes`` (``None`` when not read from a file),
        ``districts`` and ``indicators`` (counts), ``indicators_by_domain``,
        ``years`` (min/max reference year), ``territorial_status``, ``build_date``,
        ``software`` and ``sources`` (list of ``name``, ``year``, ``licence``).
    """
    record = _record(atlas)
    catalogue = atlas.catalogue
    codes = set(atlas.indicators["indicator"].unique())
    by_domain = (
        catalogue[catalogue["code"].isin(codes)].groupby("domain_hint")["code"].count().to_dict()
    )
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
            {"name": s.get("name"), "year": s.get("year"), "licence": s.get("licence")}
            for s in sources
        ],
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
