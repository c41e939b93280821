"""Run the benchmark suites and print one JSON object per figure.

``python -m benchmarks`` runs every suite; ``python -m benchmarks browser peers`` runs
the named groups only (a group is a ``bench_<group>.py`` module); ``--only NAME``
selects figures by name or prefix; ``--list`` prints the groups and their figures.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys

import benchmarks
from benchmarks._registry import SUITES, run_suite


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("groups", nargs="*", metavar="GROUP", help="groups to run (default: all)")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="figures (or prefixes) to run")
    parser.add_argument("--list", action="store_true", help="list groups and figures, run none")
    args = parser.parse_args(argv)
    for module in sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__)):
        if module.startswith("bench_"):
            importlib.import_module(f"benchmarks.{module}")
    known = sorted({s.group for s in SUITES})
    unknown = [g for g in args.groups if g not in known]
    if unknown:
        parser.error(f"unknown group {', '.join(unknown)} (groups: {', '.join(known)})")
    for s in SUITES:
        if not s.selected(args.only, args.groups):
            continue
        if args.list:
            print(f"{s.group}: {', '.join(f.name for f in s.figures)}")
            continue
        for figure in run_suite(s):
            print(json.dumps(figure), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
