"""``potentials atlas build|info``: build the district atlas or describe one."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from potentials._cli_types import bounded_float, output_file, xlsx_file


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``atlas`` sub-command group with ``build`` and ``info``."""
    parser = commands.add_parser("atlas", help="build or describe the district atlas")
    actions = parser.add_subparsers(dest="atlas_command", required=True)

    build = actions.add_parser(
        "build",
        help="build the atlas GeoPackage from official raw files",
        description=(
            "Build the embedded atlas from the registry-derived official files "
            "(PROVENANCE sections 1-8). With --deutschlandatlas and --inkar, build the "
            "full atlas into the user data directory instead."
        ),
    )
    build.add_argument(
        "--raw",
        metavar="DIR",
        type=Path,
        default=None,
        help="folder of official raw files (default: $POTENTIALS_RAW_DIR or ../shared/raw)",
    )
    build.add_argument(
        "--out", metavar="PATH", type=output_file, default=None, help="output GeoPackage"
    )
    build.add_argument(
        "--deutschlandatlas",
        metavar="FILE",
        type=xlsx_file,
        default=None,
        help="official Deutschlandatlas-Daten.xlsx (builds the full atlas)",
    )
    build.add_argument(
        "--inkar",
        metavar="DIR",
        type=Path,
        default=None,
        help="folder of INKAR CSV exports with their Metadata-*.csv (full atlas)",
    )
    build.add_argument(
        "--tolerance",
        metavar="M",
        type=bounded_float(0, 10_000, "the tolerance in metres"),
        default=None,
        help="boundary simplification tolerance in metres (default 200)",
    )
    build.add_argument(
        "--no-accessibility",
        action="store_true",
        help="skip the station/stop accessibility indicators (faster)",
    )
    build.set_defaults(handler=_build)

    info = actions.add_parser("info", help="describe an atlas (counts, domains, sources)")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.add_argument(
        "--atlas",
        metavar="PATH",
        type=Path,
        default=None,
        help="atlas file (default: $POTENTIALS_ATLAS, the full atlas if built, else embedded)",
    )
    info.set_defaults(handler=_info)


def _build(args: argparse.Namespace) -> int:
    from geodata.atlas import build_embedded_atlas, embedded_atlas_path, write_atlas
    from geodata.topology import DEFAULT_TOLERANCE_M

    tolerance = DEFAULT_TOLERANCE_M if args.tolerance is None else args.tolerance
    started = time.perf_counter()
    if (args.deutschlandatlas is None) != (args.inkar is None):
        print(
            "potentials: error: the full atlas needs both --deutschlandatlas and --inkar",
            file=sys.stderr,
        )
        return 2
    if args.deutschlandatlas is not None:
        from geodata.atlas import build_full_atlas, full_atlas_path

        atlas = build_full_atlas(
            args.raw,
            deutschlandatlas=args.deutschlandatlas,
            inkar_dir=args.inkar,
            tolerance_m=tolerance,
            accessibility=not args.no_accessibility,
        )
        out = args.out or full_atlas_path()
    else:
        atlas = build_embedded_atlas(
            args.raw, tolerance_m=tolerance, accessibility=not args.no_accessibility
        )
        out = args.out or embedded_atlas_path()
    path = write_atlas(atlas, out)
    seconds = time.perf_counter() - started
    codes = atlas.indicators["indicator"].nunique()
    print(
        f"wrote {atlas.kind} atlas {path} ({path.stat().st_size / 1e6:.2f} MB, "
        f"{len(atlas.districts)} districts, {codes} indicators) in {seconds:.1f} s"
    )
    return 0


def _info(args: argparse.Namespace) -> int:
    from geodata.atlas import atlas_info, format_info, load_atlas

    try:
        atlas = load_atlas(args.atlas)
    except FileNotFoundError as error:
        print(f"potentials: error: {error}", file=sys.stderr)
        return 2
    info = atlas_info(atlas)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        print(format_info(info))
    return 0
