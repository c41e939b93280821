"""Errors of the scoring engine; they share the root of :mod:`geodata.errors`."""

from __future__ import annotations

from geodata.errors import (
    MissingFileError,
    PotentialsError,
    PotentialsWarning,
    UnknownDistrictError,
)

__all__ = [
    "ClassificationError",
    "FrameworkError",
    "MissingFileError",
    "PotentialsError",
    "PotentialsWarning",
    "SpecificationError",
    "UnknownCodeError",
    "UnknownDistrictError",
]


class FrameworkError(PotentialsError, ValueError):
    """An indicator framework is invalid; ``problems`` lists every offence found."""

    def __init__(self, problems: list[str], source: str = "framework") -> None:
        self.problems = list(problems)
        self.source = source
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{source} has {len(self.problems)} problem(s):\n{lines}")


class SpecificationError(PotentialsError, ValueError):
    """A scoring specification (weights, methods, parameters) is invalid."""


class ClassificationError(SpecificationError):
    """Values cannot be put into classes as asked (no finite values, a bad class count)."""


class UnknownCodeError(PotentialsError, KeyError):
    """A domain, indicator, measure or column code that does not exist; names the known ones."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])
