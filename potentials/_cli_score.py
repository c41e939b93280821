"""``potentials score``: score the atlas and export a GeoPackage (and CSV)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from potentials.errors import SpecificationError

if TYPE_CHECKING:
    from geodata.atlas.model import Atlas
    from potentials.framework import Framework
    from potentials.pipeline import Result


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``score`` sub-command."""
    from potentials.classify import ClassMethod
    from potentials.normalise import Normalisation
    from potentials.spec import Aggregation, MissingPolicy, Weighting

    parser = commands.add_parser(
        "score",
        help="score the atlas and export a GeoPackage",
        description="Score every district under explicit assumptions and export the result "
        "(GeoPackage with metadata and QGIS style; optional CSV with a JSON sidecar).",
    )
    parser.add_argument("--framework", default="thuenen2016", help="framework name or TOML file")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--atlas", type=Path, help="atlas GeoPackage (default: the shipped one)")
    source.add_argument(
        "--synthetic",
        type=int,
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
    parser.add_argument("--min-coverage", type=float, default=0.5)
    parser.add_argument("--mc", type=int, default=0, metavar="N", help="Monte Carlo evaluations")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--perturbation", type=float, default=0.25)
    parser.add_argument("--classes", choices=[m.value for m in ClassMethod], default="quantiles")
    parser.add_argument("--k", type=int, default=5, help="number of map classes")
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
    parser.add_argument("--out", type=Path, required=True, help="output GeoPackage")
    parser.add_argument("--csv", type=Path, help="also write this CSV (+ .metadata.json)")
    parser.set_defaults(handler=score_command)


def parse_weights(text: str, *, option: str) -> dict[str, float] | None:
    """Parse ``"a=1,b=2.5"`` into ``{"a": 1.0, "b": 2.5}`` (None for empty text).

    Raises
    ------
    SpecificationError
        Naming the malformed entry.
    """
    if not text.strip():
        return None
    weights: dict[str, float] = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        try:
            if not sep or not key.strip():
                raise ValueError
            weights[key.strip()] = float(value)
        except ValueError:
            raise SpecificationError(
                f"{option}: cannot read {part.strip()!r}; expected CODE=NUMBER, e.g. labour=2"
            ) from None
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


def score_command(args: argparse.Namespace) -> int:
    """Run ``potentials score``."""
    from potentials.classify import ClassMethod
    from potentials.export import write_csv, write_geopackage
    from potentials.framework import load_framework
    from potentials.pipeline import run
    from potentials.spec import ScoringSpec

    atlas = _load_atlas(args)
    framework = load_framework(args.framework, atlas=atlas)
    atlas, framework = _with_extra(args, atlas, framework)
    spec = ScoringSpec(
        framework,
        normalisation=args.normalisation,
        aggregation=args.aggregation,
        weighting=args.weighting,
        domain_weights=parse_weights(args.weights, option="--weights"),
        indicator_weights=parse_weights(args.indicator_weights, option="--indicator-weights"),
        missing=args.missing,
        min_coverage=args.min_coverage,
        mc_draws=args.mc,
        seed=args.seed,
        perturbation=args.perturbation,
    )
    result = run(atlas, spec)
    write_geopackage(result, atlas, args.out, method=ClassMethod(args.classes), k=args.k)
    if args.csv is not None:
        write_csv(result, atlas, args.csv)
    print(summary(result, atlas))
    print(f"wrote {args.out}" + (f" and {args.csv}" if args.csv else ""))
    return 0


def summary(result: Result, atlas: Atlas) -> str:
    """Return a short text summary: districts, coverage, proxies, top and bottom districts."""
    scores = result.scores
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
            names = ", ".join(
                f"{row['name']} ({int(row['rank_p05'])}–{int(row['rank_p95'])})"
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
        lines.append("top 5: " + ", ".join(ranked["name"].head(5)))
        lines.append("bottom 5: " + ", ".join(ranked["name"].tail(5)))
    return "\n".join(lines)
