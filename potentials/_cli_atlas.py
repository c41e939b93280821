"""``potentials atlas build|info``: placeholder until the atlas builder lands."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``atlas`` sub-command group."""
    parser = commands.add_parser("atlas", help="build or describe the district atlas")
    parser.set_defaults(handler=lambda args: parser.error("not implemented yet"))
