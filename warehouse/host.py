"""One in-memory DuckDB instance per process that hosts the warehouse files it opens.

Creating a DuckDB instance costs ~15 ms and closing one ~5 ms, even in memory, and a
connection to a file was an instance of its own: a build opens the file ~50 times. Here a
file is ATTACHed to the host (~4 ms) when its first connection opens and DETACHed (~1 ms,
with the checkpoint DuckDB makes on close) when its last one closes, which releases the
file lock exactly as closing the instance did. Each connection is a cursor of the host
whose default database is the file, under the name a direct open gives it (its stem, as
an identifier), so SQL reads the same either way. The host's own settings (threads,
memory) are DuckDB's defaults for a file; spills go to the system's temporary directory.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.ddl import ident, literal

# names DuckDB reserves, or gives the host's own database
_RESERVED = {"memory", "system", "temp", "main"}
# TIMESTAMPTZ values reach polars as UTC, whatever the machine's zone (a setting of each
# connection: a cursor does not inherit it)
UTC = "SET TimeZone = 'UTC'"


@dataclass
class _Attached:
    alias: str
    read_only: bool
    users: int = 0


_lock = threading.Lock()  # attaching, detaching and the counts (a server has threads)
_host: duckdb.DuckDBPyConnection | None = None
_host_pid: int | None = None
_attached: dict[Path, _Attached] = {}


def open_cursor(target: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection to `target` (attached now unless it is already), to give back with
    `release`. Raises DuckDB's own error when the file cannot be attached (locked by another
    process, not a DuckDB file), and `PermissionError` for a write connection to a file this
    process has open read-only."""
    key = target.resolve()
    with _lock:
        host = _the_host()
        held = _attached.get(key)
        if held is None:
            held = _Attached(_alias_for(key), read_only)
            attach = f"ATTACH {literal(str(key))} AS {ident(held.alias)}"
            host.execute(f"{attach} (READ_ONLY)" if read_only else attach)
            _attached[key] = held
        elif held.read_only and not read_only:
            raise PermissionError(
                f"{target} is open read-only in this process: close that connection first"
            )
        held.users += 1
    try:
        return cursor_of(host, key)
    except BaseException:
        release(target)
        raise


def cursor_of(con: duckdb.DuckDBPyConnection, target: Path) -> duckdb.DuckDBPyConnection:
    """A new connection (its own transactions) of `con`'s instance, reading and writing
    `target`, an attached file, by default, in UTC."""
    cursor = con.cursor()  # a cursor starts in the host's own database, not the file
    try:
        cursor.execute(f"USE {ident(_attached[target.resolve()].alias)}")
        cursor.execute(UTC)
    except BaseException:
        cursor.close()
        raise
    return cursor


def release(target: Path) -> None:
    """One connection to `target` is closed: detach the file when it was the last."""
    key = target.resolve()
    with _lock:
        held = _attached[key]
        held.users -= 1
        if held.users == 0:
            del _attached[key]
            _the_host().execute(f"DETACH {ident(held.alias)}")


def _the_host() -> duckdb.DuckDBPyConnection:
    """The host of this process (a forked child makes its own: the parent's attachments and
    locks are not its to use)."""
    global _host, _host_pid
    if _host is None or _host_pid != os.getpid():
        _attached.clear()
        spill = Path(tempfile.gettempdir()) / f"flopbase-duckdb-{os.getpid()}"
        _host = duckdb.connect(":memory:", config={"temp_directory": str(spill)})
        _host_pid = os.getpid()
    return _host


def _alias_for(key: Path) -> str:
    """The file's stem, as a direct open names it, in lower snake case ('bench-1' becomes
    'bench_1'); numbered when that name is taken."""
    stem = re.sub(r"[^a-z0-9_]", "_", key.stem.lower())
    stem = stem if re.match(r"[a-z]", stem) else f"w_{stem}"
    taken = _RESERVED | {a.alias for a in _attached.values()}
    alias, n = stem, 1
    while alias in taken:
        n += 1
        alias = f"{stem}_{n}"
    return alias
