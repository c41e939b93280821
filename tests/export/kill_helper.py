"""Start an export that pauses at a chosen point, so that a test can kill it there.

Usage: ``python kill_helper.py MODE FOLDER SEED`` with MODE

``write``
    ``potentials`` export of a SYNTHETIC atlas; pauses after the GeoPackage's first
    layer is written into its temporary file.
``commit``
    the same export; pauses after the first of the final renames.
``atlas``
    ``geodata.atlas.write_atlas`` of a SYNTHETIC atlas; pauses after its first layer.

It prints ``paused`` and sleeps; the test then sends SIGKILL.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pyogrio


def pause() -> None:
    print("paused", flush=True)
    time.sleep(600)


def main(mode: str, folder: Path, seed: int) -> None:
    from potentials import ScoringSpec, load_framework, run
    from potentials.export import write_export
    from potentials.synthetic import synthetic_atlas

    atlas = synthetic_atlas(60, seed=seed)
    original_write = pyogrio.write_dataframe
    if mode in ("write", "atlas"):

        def slow_write(*args, **kwargs):
            original_write(*args, **kwargs)
            pause()

        pyogrio.write_dataframe = slow_write  # type: ignore[assignment]
    if mode == "atlas":
        from geodata.atlas import write_atlas

        write_atlas(atlas, folder / "atlas-full.gpkg")
        return
    if mode == "commit":
        import geodata.atomic

        original_replace = os.replace

        def slow_replace(src, dst):
            original_replace(src, dst)
            if not str(dst).endswith(".commit"):
                pause()

        geodata.atomic.os.replace = slow_replace  # type: ignore[attr-defined]
    result = run(atlas, ScoringSpec(load_framework("thuenen2016", atlas=atlas), seed=seed))
    write_export(
        result, atlas, gpkg=folder / "x.gpkg", csv=folder / "x.csv", command=f"seed {seed}"
    )


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]))
