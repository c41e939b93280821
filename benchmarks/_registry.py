"""Registry of benchmark suites; each suite measures one or more named figures."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

Unit = Literal["s", "bytes", "ratio", "count", "exponent"]


@dataclass(frozen=True)
class Figure:
    """How one measured figure is reported: unit and target (upper bound, lower for ratio)."""

    name: str
    unit: Unit
    target: float | None


@dataclass(frozen=True)
class Suite:
    """A function returning ``{figure name: value}`` for one run, and how often to run it."""

    func: Callable[[], dict[str, float]]
    figures: tuple[Figure, ...]
    repeat: int
    group: str

    def selected(self, only: list[str] | None, groups: list[str] | None) -> bool:
        """Whether ``python -m benchmarks [GROUP ...] [--only NAME ...]`` runs this suite."""
        if groups and self.group not in groups:
            return False
        return not only or any(f.name.startswith(tuple(only)) for f in self.figures)


SUITES: list[Suite] = []


def suite(
    figures: dict[str, tuple[Unit, float | None]], *, repeat: int = 5, group: str | None = None
) -> Callable[[Callable[[], dict[str, float]]], Callable[[], dict[str, float]]]:
    """Register a benchmark function measuring ``figures`` (name -> (unit, target)).

    ``group`` (default: the module name without ``bench_``) is what
    ``python -m benchmarks GROUP`` selects.
    """

    def register(func: Callable[[], dict[str, float]]) -> Callable[[], dict[str, float]]:
        name = group or func.__module__.rsplit(".", 1)[-1].removeprefix("bench_")
        specs = tuple(Figure(n, u, t) for n, (u, t) in figures.items())
        SUITES.append(Suite(func, specs, repeat, name))
        return func

    return register


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """Measure wall time of a block: ``with stopwatch() as t: ...; t[0]`` is seconds."""
    box: list[float] = []
    start = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - start)


def run_suite(s: Suite) -> list[dict[str, object]]:
    """Run a suite ``repeat`` times and report the median of each figure."""
    runs = [s.func() for _ in range(s.repeat)]
    out = []
    for fig in s.figures:
        values = [r[fig.name] for r in runs if fig.name in r]
        value = statistics.median(values) if values else float("nan")
        out.append(
            {
                "name": fig.name,
                "value": round(value, 6),
                "unit": fig.unit,
                "target": fig.target,
                "within_target": within_target(value, fig),
            }
        )
    return out


def within_target(value: float, fig: Figure) -> bool | None:
    """Whether ``value`` meets the target (a ratio is a lower bound, else an upper one)."""
    if fig.target is None:
        return None
    if fig.unit == "ratio":
        return bool(value >= fig.target)
    return bool(value <= fig.target)
