"""Run every benchmark suite and print one JSON object per figure."""

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
    parser.add_argument("--only", nargs="+", metavar="NAME", help="figures (or prefixes) to run")
    args = parser.parse_args(argv)
    for module in sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__)):
        if module.startswith("bench_"):
            importlib.import_module(f"benchmarks.{module}")
    for s in SUITES:
        names = [f.name for f in s.figures]
        if args.only and not any(n.startswith(tuple(args.only)) for n in names):
            continue
        for figure in run_suite(s):
            print(json.dumps(figure), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
