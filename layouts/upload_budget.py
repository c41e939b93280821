"""Read a web upload in a short-lived child process with a CPU and memory budget.

The reader refuses the known costly shapes from cheap counts before it parses
(:mod:`geodata.readers.user_table`); the budget is the defence against shapes nobody
has thought of. The child is forked from a small server process that has imported the
reader once (multiprocessing's ``forkserver``, so no thread of the web server is ever
forked), runs at a lower priority than the server's threads, and gets
``RLIMIT_CPU`` and ``RLIMIT_AS`` (address space) limits. A child that hits a limit is
ended by the kernel and the upload is refused with :data:`TOO_COSTLY`.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from pathlib import Path
from typing import Any

import pandas as pd

from geodata.readers.user_table import UserTable, read_uploaded_contents, too_costly

__all__ = ["CPU_S", "MEMORY_BYTES", "WALL_S", "read_with_budget"]

#: CPU seconds one upload may cost.
CPU_S = 2
#: Memory one upload may add to the child's address space.
MEMORY_BYTES = 300_000_000
#: Wall-clock seconds before the child is ended regardless (a busy machine is slow).
WALL_S = 20.0

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["geodata.readers.user_table", "layouts.upload_budget"])


def _address_space() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def _child(
    conn: Any, contents: str, filename: str, districts: pd.DataFrame, cpu_s: int, memory: int
) -> None:
    os.nice(10)  # the server's own requests come first
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    limit = _address_space() + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        table = read_uploaded_contents(contents, filename=filename, districts=districts)
    except MemoryError:
        conn.send(None)
    else:
        conn.send(table)
    conn.close()


def read_with_budget(
    contents: str,
    *,
    filename: str,
    districts: pd.DataFrame,
    cpu_s: int = CPU_S,
    memory_bytes: int = MEMORY_BYTES,
) -> UserTable:
    """Read the ``contents`` of a web upload within a CPU and a memory budget.

    Parameters
    ----------
    contents, filename, districts
        As for :func:`geodata.readers.user_table.read_uploaded_contents`.
    cpu_s, memory_bytes
        The budget: CPU seconds and bytes of address space the reading may add.

    Returns
    -------
    UserTable
        The reader's result, or a table whose only error says that reading the file
        was stopped because it would cost more than the budget.
    """
    receive, send = _CONTEXT.Pipe(duplex=False)
    columns = [c for c in ("ags", "name", "kind") if c in districts.columns]
    process = _CONTEXT.Process(
        target=_child,
        args=(send, contents, filename, pd.DataFrame(districts[columns]), cpu_s, memory_bytes),
    )
    process.start()
    send.close()
    table = None
    try:
        if receive.poll(WALL_S):
            table = receive.recv()
    except EOFError:  # the child was ended by a limit before it answered
        table = None
    finally:
        receive.close()
        if process.is_alive():
            process.kill()
        process.join(timeout=5)
    if isinstance(table, UserTable):
        return table
    return too_costly(filename, cpu_s=cpu_s, memory_mb=memory_bytes // 1_000_000)
