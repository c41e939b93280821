"""``potentials atlas build|info|use``: build the district atlas, describe it, choose it."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from potentials._cli_types import bounded_float, output_file

DEFAULT_FRAMEWORK = "thuenen2016"


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``atlas`` sub-command group with ``build``, ``info`` and ``use``."""
    parser = commands.add_parser("atlas", help="build, describe or choose the district atlas")
    actions = parser.add_subparsers(dest="atlas_command", required=True)

    build = actions.add_parser(
        "build",
        help="build the atlas GeoPackage from official raw files",
        description=(
            "Build the atlas from every official file of a raw folder laid out like "
            "../shared/raw (all PROVENANCE sections, including the Deutschlandatlas "
            "workbook and the INKAR exports). Without --out or --user it rewrites the "
            "shipped atlas geodata/data/atlas.gpkg."
        ),
    )
    build.add_argument(
        "--raw",
        metavar="DIR",
        type=Path,
        default=None,
        help="folder of official raw files (default: $POTENTIALS_RAW_DIR or ../shared/raw)",
    )
    target = build.add_mutually_exclusive_group()
    target.add_argument(
        "--out", metavar="PATH", type=output_file, default=None, help="output GeoPackage"
    )
    target.add_argument(
        "--user",
        action="store_true",
        help="write into the user data folder (then choose it with `potentials atlas use`)",
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

    info = actions.add_parser("info", help="describe an atlas (counts, catalogue, framework)")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.add_argument(
        "--atlas",
        metavar="PATH",
        type=Path,
        default=None,
        help="atlas file (default: $POTENTIALS_ATLAS, the one chosen with `atlas use`, "
        "else the shipped atlas)",
    )
    info.set_defaults(handler=_info)

    use = actions.add_parser(
        "use", help="choose which atlas the dashboard and the commands open by default"
    )
    choice = use.add_mutually_exclusive_group(required=True)
    choice.add_argument("path", metavar="PATH", type=Path, nargs="?", help="atlas GeoPackage")
    choice.add_argument("--shipped", action="store_true", help="go back to the shipped atlas")
    use.set_defaults(handler=_use)


def _build(args: argparse.Namespace) -> int:
    from geodata import settings
    from geodata.atlas import build_atlas, embedded_atlas_path, write_atlas
    from geodata.topology import DEFAULT_TOLERANCE_M

    tolerance = DEFAULT_TOLERANCE_M if args.tolerance is None else args.tolerance
    if tolerance <= 0:
        print("potentials: error: --tolerance must be > 0", file=sys.stderr)
        return 2
    started = time.perf_counter()
    atlas = build_atlas(args.raw, tolerance_m=tolerance, accessibility=not args.no_accessibility)
    out = args.out or (settings.user_atlas_path() if args.user else embedded_atlas_path())
    path = write_atlas(atlas, out)
    seconds = time.perf_counter() - started
    codes = atlas.indicators["indicator"].nunique()
    print(
        f"wrote atlas {path} ({path.stat().st_size / 1e6:.2f} MB, "
        f"{len(atlas.districts)} districts, {codes} indicators) in {seconds:.1f} s"
    )
    if args.user:
        print(f"open it with `potentials atlas use {path}` or POTENTIALS_ATLAS={path}")
    return 0


def framework_summary(atlas: Any, name: str = DEFAULT_FRAMEWORK) -> dict[str, Any]:
    """Resolve the framework ``name`` on ``atlas``: code, domain, direction, proxy_for."""
    from potentials.framework import load_framework

    framework = load_framework(name, atlas=atlas)
    return {
        "name": framework.name,
        "indicators": [
            {
                "code": ind.code,
                "domain": ind.domain,
                "direction": ind.direction,
                "proxy_for": ind.proxy_of if ind.is_proxy else None,
            }
            for ind in framework.indicators
        ],
    }


def _info(args: argparse.Namespace) -> int:
    from geodata.atlas import atlas_info, format_info, load_atlas

    try:
        atlas = load_atlas(args.atlas)
    except FileNotFoundError as error:
        print(f"potentials: error: {error}", file=sys.stderr)
        return 2
    framework = framework_summary(atlas)
    domains = {i["code"]: i["domain"] for i in framework["indicators"]}
    info = atlas_info(atlas, domains)
    info["framework"] = framework
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        print(format_info(info))
    return 0


def _use(args: argparse.Namespace) -> int:
    from geodata import settings
    from geodata.atlas import read_atlas

    choice = settings.atlas_choice_file()
    if args.shipped:
        choice.unlink(missing_ok=True)
        print("the shipped atlas is used from now on")
        return 0
    path = args.path.resolve()
    try:
        atlas = read_atlas(path)
    except FileNotFoundError:
        print(f"potentials: error: atlas file {path} does not exist", file=sys.stderr)
        return 2
    choice.parent.mkdir(parents=True, exist_ok=True)
    choice.write_text(str(path) + "\n", encoding="utf-8")
    print(f"atlas {path} ({len(atlas.districts)} districts) is used from now on")
    return 0
