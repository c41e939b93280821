"""The product's exception hierarchy.

Every error the product raises on purpose derives from :class:`PotentialsError`.
Each specific class also derives from the built-in exception that callers would
expect, so ``except KeyError`` still catches an unknown district.
Reader errors name the file and, where known, the line, sheet or column.
"""

from __future__ import annotations

from os import PathLike

__all__ = [
    "ArgumentError",
    "ArgumentTypeError",
    "AtlasBuildError",
    "DuplicateKeyError",
    "EncodingError",
    "GeometryError",
    "IncompleteInputError",
    "MissingFileError",
    "MissingHeaderError",
    "MissingInputError",
    "NumericValueError",
    "PotentialsError",
    "PotentialsWarning",
    "RasterError",
    "ReaderError",
    "UnknownDistrictError",
]


class PotentialsError(Exception):
    """Root of every error the product raises on purpose."""


class PotentialsWarning(UserWarning):
    """Root of the product's warnings (tests turn them into errors)."""


class ReaderError(PotentialsError, ValueError):
    """A file could not be read as the format it claims to be.

    Parameters
    ----------
    path
        The file that was being read.
    problem
        What is wrong, in words a user can act on.
    line
        1-based line number (text formats) or row number (spreadsheets).
    sheet
        Worksheet name for spreadsheets.
    column
        Column name, where the problem sits in one column.
    """

    def __init__(
        self,
        path: str | PathLike[str],
        problem: str,
        *,
        line: int | None = None,
        sheet: str | None = None,
        column: str | None = None,
    ) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        self.sheet = sheet
        self.column = column
        where = [self.path]
        if sheet is not None:
            where.append(f"sheet {sheet!r}")
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {problem}")

    def __str__(self) -> str:  # KeyError subclasses would otherwise repr() the message
        return str(self.args[0])


class EncodingError(ReaderError):
    """The file's bytes do not decode in any encoding the format allows."""


class MissingHeaderError(ReaderError):
    """An expected header row or column is absent."""


class NumericValueError(ReaderError):
    """Text where the format requires a number (or a documented special value)."""


class DuplicateKeyError(ReaderError):
    """The same district key (and year/variable) occurs more than once."""


class GeometryError(ReaderError):
    """Boundaries are invalid, empty or in an unexpected coordinate reference system."""


class UnknownDistrictError(PotentialsError, KeyError):
    """A district key exists in no known territorial status.

    Parameters
    ----------
    keys
        The offending keys.
    source
        Where they came from (a file name or a table code).
    """

    def __init__(self, keys: list[str] | tuple[str, ...], source: str = "") -> None:
        self.keys = tuple(keys)
        self.source = source
        origin = f" in {source}" if source else ""
        listed = ", ".join(self.keys[:20]) + (" …" if len(self.keys) > 20 else "")
        super().__init__(
            f"district key(s){origin} exist in no known territorial status 2011–today: {listed}"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class RasterError(PotentialsError, ValueError):
    """A raster, or zones or points to be combined with it, cannot be used as asked.

    The message names the file (or the zone key) and what is wrong, e.g. a weights raster
    on a different grid than the value raster, or zones without a coordinate reference
    system.
    """


class MissingInputError(PotentialsError, FileNotFoundError):
    """A raw file the atlas build needs is absent from the raw folder."""


class AtlasBuildError(PotentialsError, ValueError):
    """The atlas build produced a value that breaks the indicator registry's contract."""


class IncompleteInputError(AtlasBuildError):
    """A raw file does not cover every district it must cover (e.g. it was cut short).

    Parameters
    ----------
    path
        The incomplete file.
    missing
        District keys that lack a value.
    what
        What is missing (indicator or file content), for the message.
    """

    def __init__(self, path: str | PathLike[str], missing: list[str], what: str) -> None:
        self.path = str(path)
        self.missing = sorted(missing)
        shown = ", ".join(self.missing[:12]) + (" …" if len(self.missing) > 12 else "")
        super().__init__(
            f"{self.path}: {what} lacks {len(self.missing)} district(s): {shown}. The file is "
            "incomplete or cut short; download it again (see PROVENANCE.md in the raw folder) "
            "or declare a real gap in geodata/indicators.py"
        )


class MissingFileError(PotentialsError, FileNotFoundError):
    """An input file does not exist; the message names it and where such a file comes from.

    Parameters
    ----------
    path
        The file that was looked for.
    what
        What kind of file it is ("boundary file", "framework file", …).
    fix
        How to get it, e.g. which official download to place where.
    message
        The whole message, where the default wording does not fit.
    """

    def __init__(
        self,
        path: str | PathLike[str],
        *,
        what: str = "input file",
        fix: str = "",
        message: str | None = None,
    ) -> None:
        self.path = str(path)
        if message is None:
            message = f"{what} {self.path} does not exist" + (f"; {fix}" if fix else "")
        super().__init__(message)
        self.filename = self.path

    def __str__(self) -> str:
        return str(self.args[0])


class ArgumentError(PotentialsError, ValueError):
    """A function got a value it cannot work with; the message says which values work."""


class ArgumentTypeError(PotentialsError, TypeError):
    """A function got an argument of a type it cannot work with; the message lists the types."""
