"""Registry of benchmark suites; each suite measures one or more named figures."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

Unit = Literal["s", "bytes", "ratio"]


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


SUITES: list[Suite] = []


def suite(figures: dict[str, tuple[Unit, float | None]], *, repeat: int = 5):
    """Register a benchmark function measuring ``figures`` (name -> (unit, target))."""

    def register(func: Callable[[], dict[str, float]]) -> Callable[[], dict[str, float]]:
        SUITES.append(Suite(func, tuple(Figure(n, u, t) for n, (u, t) in figures.items()), repeat))
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
            {"name": fig.name, "value": round(value, 6), "unit": fig.unit, "target": fig.target}
        )
    return out
