"""Argument types of the command line: each rejects a bad value before any work.

An ``argparse`` type raises :class:`argparse.ArgumentTypeError` with a message that
says what is wrong and what is allowed; the parser prints it as one line and exits
with status 2 (see :class:`potentials.cli.OneLineParser`).
"""

from __future__ import annotations

import argparse
import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = [
    "bounded_float",
    "bounded_int",
    "existing_directory",
    "output_file",
    "xlsx_file",
]


def bounded_int(low: int, high: int, what: str) -> Callable[[str], int]:
    """Return a type accepting whole numbers ``low <= n <= high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a whole number; {what} must be {low}-{high}"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} must be {low}-{high}, got {value}")
        return value

    return parse


def bounded_float(
    low: float, high: float, what: str, *, include_high: bool = True
) -> Callable[[str], float]:
    """Return a type accepting finite numbers ``low <= x <= high`` (or ``< high``)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number ({what})") from None
        ok = (
            math.isfinite(value)
            and low <= value
            and (value <= high if include_high else value < high)
        )
        if not ok:
            bound = "at most" if include_high else "below"
            raise argparse.ArgumentTypeError(
                f"{what} must be a finite number from {low:g}, {bound} {high:g}; got {text}"
            )
        return value

    return parse


def output_file(text: str) -> Path:
    """Accept an output file whose folder exists and is writable and that is no folder."""
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{path} is a folder; give a file name inside it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"folder {folder} does not exist; create it first")
    try:  # access() says yes for root everywhere; a real file says what the disk allows
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        raise argparse.ArgumentTypeError(f"folder {folder} is not writable") from None
    if path.exists() and not os.access(path, os.W_OK):
        raise argparse.ArgumentTypeError(f"{path} exists and cannot be replaced (read-only)")
    return path


def existing_directory(text: str) -> Path:
    """Accept a folder that exists."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{path} is not a folder")
    return path


def xlsx_file(text: str) -> Path:
    """Accept an existing Excel workbook (``.xlsx``, a ZIP container)."""
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{path} does not exist or is not a file")
    try:
        with open(path, "rb") as handle:
            signature = handle.read(4)
    except OSError as error:
        raise argparse.ArgumentTypeError(f"{path} cannot be read: {error.strerror}") from None
    if path.suffix.lower() != ".xlsx" or signature != b"PK\x03\x04":
        raise argparse.ArgumentTypeError(
            f"{path} is not an Excel workbook (.xlsx); give the official "
            "Deutschlandatlas-Daten.xlsx"
        )
    return path
