"""A problem found in a user's file, told in German and English, located by row and column.

:class:`Problem` is the neutral record every validation of user input returns (the
upload reader in :mod:`geodata.readers.user_table`, the user-indicator checks in
:mod:`potentials.extra`), so the dashboard and the command line show them alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Problem", "Severity"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (or worth knowing about) a user's file.

    Attributes
    ----------
    code
        Stable identifier such as ``"duplicate_district"``.
    message_de, message_en
        The full message in German and English, naming row, column and district.
    row
        Row number as a spreadsheet program shows it (1-based), if the problem sits in a row.
    column
        Column header, if the problem sits in one column.
    """

    code: str
    message_de: str
    message_en: str
    row: int | None = None
    column: str | None = None

    def message(self, language: str = "en") -> str:
        """Return the message in ``language`` (``"de"`` or ``"en"``)."""
        return self.message_de if language == "de" else self.message_en
