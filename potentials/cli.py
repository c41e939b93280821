"""The ``potentials`` command line: ``potentials atlas build|info`` and ``potentials score``."""

from __future__ import annotations

import argparse
import sys

from geodata.errors import PotentialsError


def build_parser() -> argparse.ArgumentParser:
    """Assemble the argument parser from the sub-command modules."""
    from potentials import _cli_atlas, _cli_score

    parser = argparse.ArgumentParser(
        prog="potentials",
        description="Atlas of integration potential for Germany's districts.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    _cli_atlas.register(commands)
    _cli_score.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; product errors print one clear message and exit with 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except PotentialsError as error:
        print(f"potentials: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
