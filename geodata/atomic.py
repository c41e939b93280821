"""All-or-nothing writes of one file or a set of files.

A writer gets a temporary path next to each target, writes there, and the targets
are replaced only once every file of the set is complete. Between "all written" and
"all renamed", a small commit record lists the pending renames, so that a process
killed in that window is completed by the next run: the set is replaced as a whole
or not at all, even after ``kill -9``.

Temporary names carry the writer's process id, ``.<stem>.~<pid>-<token><suffix>``
(the suffix kept, so that format-guessing writers still recognise it); the
next write into the same folder removes the temporaries of processes that no longer
run (and the ``-journal``/``-wal`` files SQLite leaves beside them) and completes
their finished commit records. Temporaries of a process still running are left
alone, so two writers in one folder do not disturb each other.

Examples
--------
>>> with atomic_files(["out/x.gpkg", "out/x.csv"]) as tmp:  # doctest: +SKIP
...     write_gpkg(tmp["out/x.gpkg"]); write_csv(tmp["out/x.csv"])
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path

__all__ = ["atomic_file", "atomic_files", "remove_stale_temporaries", "temporary_name"]

_TEMPORARY = re.compile(
    r"^\..*\.~(?P<pid>\d+)-[0-9a-f]{8}(?P<suffix>\.[^.]*)?(?:-journal|-wal|-shm)?$"
)
_SQLITE_SIDES = ("-journal", "-wal", "-shm")


def temporary_name(target: Path, token: str) -> Path:
    """Return the temporary path of ``target`` for one write (``token``: 8 hex digits).

    ``out/x.gpkg`` becomes ``out/.x.~<pid>-<token>.gpkg``.
    """
    return target.with_name(f".{target.stem}.~{os.getpid()}-{token}{target.suffix}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def remove_stale_temporaries(folder: str | os.PathLike[str]) -> list[Path]:
    """Finish or remove what writers killed earlier left in ``folder``.

    A complete commit record of a dead process is carried out (its temporaries
    replace their targets); any other temporary of a dead process is removed.

    Parameters
    ----------
    folder
        The folder to clean.

    Returns
    -------
    list of pathlib.Path
        The temporaries removed or renamed.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    handled: list[Path] = []
    entries = sorted(folder.iterdir(), key=lambda p: not p.name.endswith(".commit"))
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match is None or _alive(int(match["pid"])) or not entry.exists():
            continue
        if entry.name.endswith(".commit"):
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                pending = json.loads(entry.read_text(encoding="utf-8"))["renames"]
                for temporary, target in pending:
                    source = folder / temporary
                    if source.exists():
                        os.replace(source, folder / target)
                        handled.append(source)
        entry.unlink(missing_ok=True)
        handled.append(entry)
    return handled


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not supported on every platform
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_files(targets: Iterable[str | os.PathLike[str]]) -> Iterator[dict[Path, Path]]:
    """Write a set of files all or nothing.

    Parameters
    ----------
    targets
        The files to write; their folders are created if needed. Existing files
        are replaced only when the ``with`` block completes without an error.

    Yields
    ------
    dict
        ``{target: temporary path}``; write each file to its temporary path (the
        temporary does not exist yet). Keys are the targets as :class:`Path`.

    Raises
    ------
    FileNotFoundError
        At the end, if the block did not create a temporary it was given.
    """
    paths = [Path(t) for t in targets]
    token = secrets.token_hex(4)
    folders = list(dict.fromkeys(p.parent for p in paths))
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(folder)
    temporaries = {p: temporary_name(p, token) for p in paths}
    records: list[Path] = []
    try:
        yield temporaries
        missing = [str(t) for t, tmp in temporaries.items() if not tmp.exists()]
        if missing:
            raise FileNotFoundError(f"the writer produced no file for {', '.join(missing)}")
        for folder in folders:
            # one record per folder; renames never cross folders
            record = folder / f".{paths[0].stem}.~{os.getpid()}-{token}.commit"
            renames = [
                [tmp.name, target.name]
                for target, tmp in temporaries.items()
                if target.parent == folder
            ]
            partial = record.with_name(record.name + "-journal")
            partial.write_text(json.dumps({"renames": renames}), encoding="utf-8")
            with open(partial, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(partial, record)
            records.append(record)
        for folder in folders:
            _fsync_dir(folder)
        for target, tmp in temporaries.items():
            os.replace(tmp, target)
        for record in records:
            record.unlink()
    finally:
        for tmp in temporaries.values():
            for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in _SQLITE_SIDES)):
                leftover.unlink(missing_ok=True)
        for record in records:
            record.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_file(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Write one file all or nothing; yields its temporary path (see :func:`atomic_files`)."""
    with atomic_files([target]) as temporaries:
        yield next(iter(temporaries.values()))
