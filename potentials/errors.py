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
    "WeightError",
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


class WeightError(SpecificationError):
    """A weight setting cannot be scored.

    Attributes
    ----------
    reason
        Machine-readable cause, one of :data:`WeightError.REASONS` (interfaces
        translate it into their language).
    level
        ``"domain"`` or ``"indicator"``.
    code
        The offending domain or indicator code (None when the setting as a whole fails).
    value
        The offending value (None when the setting as a whole fails).
    """

    REASONS = ("not_number", "not_finite", "negative", "too_small", "too_large", "all_zero")

    def __init__(
        self,
        message: str,
        *,
        reason: str,
        level: str = "domain",
        code: str | None = None,
        value: object = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.level = level
        self.code = code
        self.value = value


class ClassificationError(PotentialsError, ValueError):
    """A class count or classification method cannot be used (e.g. ``k`` out of range)."""


class UnknownCodeError(PotentialsError, KeyError):
    """A domain, indicator, measure or column code that does not exist; names the known ones."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])
