"""``potentials score``: score the atlas and export a GeoPackage (and CSV)."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TYPE_CHECKING

from potentials._cli_types import bounded_float, bounded_int, output_file
from potentials.errors import SpecificationError

if TYPE_CHECKING:
    from geodata.atlas.model import Atlas
    from potentials.framework import Framework
    from potentials.pipeline import Result


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``score`` sub-command."""
    from potentials.classify import ClassMethod
    from potentials.datapackage import CSV_DIALECTS
    from potentials.normalise import Normalisation
    from potentials.palettes import Palette
    from potentials.spec import Aggregation, MissingPolicy, Weighting

    parser = commands.add_parser(
        "score",
        help="score the atlas and export a GeoPackage",
        description="Score every district under explicit assumptions and export the result "
        "(GeoPackage with metadata and QGIS style; optional CSV with a JSON sidecar and a "
        "Frictionless datapackage.json). All options are checked before any work.",
    )
    parser.add_argument("--framework", default="thuenen2016", help="framework name or TOML file")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--atlas", type=Path, help="atlas GeoPackage (default: the shipped one)")
    source.add_argument(
        "--synthetic",
        type=bounded_int(2, MAX_SYNTHETIC, "the number of synthetic districts"),
        metavar="N",
        help="score a SYNTHETIC atlas of N random districts instead (demonstration/testing)",
    )
    parser.add_argument("--weights", default="", help="domain weights, e.g. labour=2,housing=1")
    parser.add_argument(
        "--indicator-weights", default="", help="indicator weights within domains, code=w,…"
    )
    parser.add_argument("--weighting", choices=[m.value for m in Weighting], default="framework")
    parser.add_argument(
        "--normalisation", choices=[m.value for m in Normalisation], default="zscore"
    )
    parser.add_argument(
        "--aggregation", choices=[m.value for m in Aggregation], default="arithmetic"
    )
    parser.add_argument(
        "--missing", choices=[m.value for m in MissingPolicy], default="renormalise"
    )
    parser.add_argument(
        "--min-coverage", type=bounded_float(0, 1, "the minimum coverage (a share)"), default=0.5
    )
    parser.add_argument(
        "--mc",
        type=bounded_int(0, MAX_MC, "the number of Monte Carlo evaluations"),
        default=0,
        metavar="N",
        help="Monte Carlo evaluations",
    )
    parser.add_argument(
        "--seed", type=bounded_int(0, 2**32 - 1, "the seed"), default=0, help="random seed"
    )
    parser.add_argument(
        "--perturbation",
        type=bounded_float(0, 1, "the perturbation (relative weight change)", include_high=False),
        default=0.25,
    )
    parser.add_argument("--classes", choices=[m.value for m in ClassMethod], default="quantiles")
    parser.add_argument(
        "--k", type=bounded_int(MIN_K, MAX_K, "the number of map classes"), default=5,
        help=f"number of map classes ({MIN_K}-{MAX_K})",
    )  # fmt: skip
    parser.add_argument(
        "--palette", choices=[p.value for p in Palette], default="viridis",
        help="colours of the map classes in the QGIS style",
    )  # fmt: skip
    parser.add_argument(
        "--extra",
        type=Path,
        metavar="FILE",
        help="your own indicators: CSV/XLSX with one row per district (AGS or name)",
    )
    parser.add_argument(
        "--extra-spec",
        type=Path,
        metavar="TOML",
        help="domain, direction and weight of each --extra column (default: FILE.toml)",
    )
    parser.add_argument("--out", type=output_file, required=True, help="output GeoPackage")
    parser.add_argument(
        "--csv", type=output_file, help="also write this CSV (+ .metadata.json, datapackage.json)"
    )
    parser.add_argument(
        "--csv-dialect",
        choices=list(CSV_DIALECTS),
        default="default",
        help="default: ',' and '.', UTF-8 (for code); excel-de: ';', decimal comma, UTF-8 "
        "with BOM, ags kept as text (for German Excel)",
    )
    parser.set_defaults(handler=score_command)


#: Bounds of the options (checked before any work).
MIN_K, MAX_K = 2, 9  # the palettes have 1-9 colours; one class is no map
MAX_MC = 1_000_000
MAX_SYNTHETIC = 100_000
MAX_WEIGHT = 1e6


def parse_weights(text: str, *, option: str) -> dict[str, float] | None:
    """Parse ``"a=1,b=2.5"`` into ``{"a": 1.0, "b": 2.5}`` (None for empty text).

    Raises
    ------
    SpecificationError
        Naming the malformed entry, a weight that is negative, not finite or above
        :data:`MAX_WEIGHT`.
    """
    if not text.strip():
        return None
    weights: dict[str, float] = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        try:
            if not sep or not key.strip():
                raise ValueError
            number = float(value)
        except ValueError:
            raise SpecificationError(
                f"{option}: cannot read {part.strip()!r}; expected CODE=NUMBER, e.g. labour=2"
            ) from None
        if not (math.isfinite(number) and 0 <= number <= MAX_WEIGHT):
            raise SpecificationError(
                f"{option}: weight {part.strip()!r} must be a finite number from 0 to "
                f"{MAX_WEIGHT:g}; weights count relative to each other"
            )
        weights[key.strip()] = number
    return weights


def _load_atlas(args: argparse.Namespace) -> Atlas:
    if args.synthetic is not None:
        from potentials.synthetic import synthetic_atlas

        return synthetic_atlas(args.synthetic)
    from geodata.atlas import load_atlas

    return load_atlas(args.atlas)


def _with_extra(
    args: argparse.Namespace, atlas: Atlas, framework: Framework
) -> tuple[Atlas, Framework]:
    """Merge the user's own indicators (``--extra``) into atlas and framework."""
    if args.extra is None:
        return atlas, framework
    from potentials.extra import add_user_files

    spec_path = args.extra_spec or args.extra.with_suffix(".toml")
    if not spec_path.is_file():
        raise SpecificationError(
            f"--extra {args.extra}: no indicator description found at {spec_path}; "
            "pass --extra-spec FILE.toml with a [[indicator]] entry (column, domain, "
            "direction) for each column"
        )
    atlas, framework, table = add_user_files(atlas, framework, args.extra, spec_path)
    for problem in table.warnings:
        print(f"note ({args.extra.name}): {problem.message('en')}")
    return atlas, framework


def check_options(args: argparse.Namespace) -> None:
    """Reject option combinations that cannot work, before any data is read.

    Raises
    ------
    SpecificationError
        Naming the option and what is allowed.
    """
    import numpy as np

    from potentials.classify import classify

    # ask the engine's classifier what it makes of method and k on 400 distinct,
    # normally distributed values (fixed seed): as many classes as a real map can get
    sample = np.random.default_rng(0).normal(size=400)
    try:
        made = classify(sample, method=args.classes, k=args.k).k
    except ValueError as error:
        raise SpecificationError(f"--classes {args.classes} --k {args.k}: {error}") from None
    if made != args.k:
        raise SpecificationError(
            f"--classes {args.classes} gives {made} classes, not {args.k} "
            f"(std_mean: mean ± 1 and 2 standard deviations); use --k {made} or another "
            "--classes method"
        )
    if args.csv is not None and args.csv.resolve() == args.out.resolve():
        raise SpecificationError("--csv and --out name the same file; give two file names")
    if args.csv is not None and args.csv.name == "datapackage.json":
        raise SpecificationError("--csv datapackage.json: that name is kept for the data package")
    if args.extra is not None and not args.extra.is_file():
        raise SpecificationError(f"--extra {args.extra}: no such file")


def score_command(args: argparse.Namespace) -> int:
    """Run ``potentials score``."""
    from potentials.classify import ClassMethod
    from potentials.export import write_export
    from potentials.framework import load_framework
    from potentials.pipeline import run
    from potentials.spec import ScoringSpec

    check_options(args)
    domain_weights = parse_weights(args.weights, option="--weights")
    indicator_weights = parse_weights(args.indicator_weights, option="--indicator-weights")
    atlas = _load_atlas(args)
    framework = load_framework(args.framework, atlas=atlas)
    atlas, framework = _with_extra(args, atlas, framework)
    spec = ScoringSpec(
        framework,
        normalisation=args.normalisation,
        aggregation=args.aggregation,
        weighting=args.weighting,
        domain_weights=domain_weights,
        indicator_weights=indicator_weights,
        missing=args.missing,
        min_coverage=args.min_coverage,
        mc_draws=args.mc,
        seed=args.seed,
        perturbation=args.perturbation,
    )
    result = run(atlas, spec)
    written = write_export(
        result,
        atlas,
        gpkg=args.out,
        csv=args.csv,
        csv_dialect=args.csv_dialect,
        method=ClassMethod(args.classes),
        k=args.k,
        palette_name=args.palette,
        command=getattr(args, "command_line", None),
    )
    print(summary(result, atlas))
    print("wrote " + ", ".join(str(p) for p in written))
    return 0


def summary(result: Result, atlas: Atlas) -> str:
    """Return a short text summary: districts, coverage, proxies, top and bottom districts."""
    from potentials.naming import unique_names

    scores = result.scores.copy()
    districts = atlas.districts.set_index("ags").reindex(scores.index)
    scores["name"] = unique_names(districts["name"], districts["kind"], list(scores.index))
    ranked = scores[~scores["flagged"]].sort_values("rank")
    lines = [
        f"atlas: {atlas.kind}, {len(scores)} districts; framework {result.framework.name} "
        f"({len(result.framework.codes)} indicators, {len(result.framework.domains)} domains)",
        f"coverage: min {scores['coverage'].min():.2f}, median {scores['coverage'].median():.2f}; "
        f"flagged (below {result.spec.min_coverage:g}): {int(scores['flagged'].sum())}",
    ]
    if result.proxies:
        lines.append("proxies: " + ", ".join(f"{c} for {p}" for c, p in result.proxies.items()))
    if "robustness" in scores:
        for label, title in (("robust_high", "robustly high"), ("robust_low", "robustly low")):
            group = ranked[ranked["robustness"] == label]
            names = "; ".join(
                f"{row['name']}: rank {int(row['rank'])}, 90 % interval "
                f"{int(row['rank_p05'])}–{int(row['rank_p95'])}"
                for _, row in group.head(5).iterrows()
            )
            lines.append(f"{title} ({len(group)}): {names or '–'}")
        lines.append(f"weight-dependent: {int((scores['robustness'] == 'weight_dependent').sum())}")
        assert result.sensitivity is not None
        lines.append(
            "sensitivity (total order): "
            + ", ".join(f"{f} {v:.2f}" for f, v in result.sensitivity["total_order"].items())
        )
    else:
        top, bottom = ranked.head(5), ranked.tail(5)
        for label, group in (("top 5", top), ("bottom 5", bottom)):
            names = "; ".join(f"{r['name']} (rank {int(r['rank'])})" for _, r in group.iterrows())
            lines.append(f"{label}: {names}")
    return "\n".join(lines)
