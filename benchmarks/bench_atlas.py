"""Atlas: loading the shipped atlas, boundary simplification, and a full build from raw files."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks._registry import stopwatch, suite
from geodata import settings

RAW = settings.raw_dir()


@suite(
    {
        "atlas_load_embedded_s": ("s", 1.5),
        "atlas_embedded_file_bytes": ("bytes", 8_000_000),
    },
    repeat=5,
)
def atlas_load() -> dict[str, float]:
    from geodata.atlas import embedded_atlas_path, load_atlas

    with stopwatch() as t:
        load_atlas(kind="embedded")
    return {
        "atlas_load_embedded_s": t[0],
        "atlas_embedded_file_bytes": float(embedded_atlas_path().stat().st_size),
    }


@suite(
    {
        "vg250_2016_read_s": ("s", 5.0),
        "coverage_harmonise_simplify_s": ("s", 10.0),
    },
    repeat=3,
)
def atlas_boundaries() -> dict[str, float]:
    from geodata.readers import read_vg250
    from geodata.territory import harmonise_geometries
    from geodata.topology import simplify_coverage

    path = RAW / "bkg-vg250-2016-kreise" / "kreise.geo.json"
    if not path.exists():
        return {}
    with stopwatch() as read:
        boundaries = read_vg250(path)
    with stopwatch() as simplify:
        simplify_coverage(harmonise_geometries(boundaries))
    return {"vg250_2016_read_s": read[0], "coverage_harmonise_simplify_s": simplify[0]}


@suite(
    {
        "atlas_build_embedded_no_access_s": ("s", 30.0),
        "atlas_build_embedded_s": ("s", 60.0),
        # CPU seconds of the full build: the wall time above grows when other processes
        # share the cores, the CPU time does not
        "atlas_build_embedded_cpu_s": ("s", 60.0),
    },
    repeat=1,
)
def atlas_build() -> dict[str, float]:
    from geodata.atlas import build_atlas, write_atlas

    if not RAW.is_dir():
        return {}
    with tempfile.TemporaryDirectory() as folder:
        with stopwatch() as fast:
            write_atlas(build_atlas(RAW, accessibility=False), Path(folder) / "a.gpkg")
        cpu = time.process_time()
        with stopwatch() as full:
            write_atlas(build_atlas(RAW), Path(folder) / "b.gpkg")
        cpu = time.process_time() - cpu
    return {
        "atlas_build_embedded_no_access_s": fast[0],
        "atlas_build_embedded_s": full[0],
        "atlas_build_embedded_cpu_s": cpu,
    }
