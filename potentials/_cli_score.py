"""``potentials score``: placeholder until the scoring engine lands."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``score`` sub-command."""
    parser = commands.add_parser("score", help="score the atlas and export a GeoPackage")
    parser.set_defaults(handler=lambda args: parser.error("not implemented yet"))
