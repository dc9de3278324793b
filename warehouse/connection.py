"""Opening the warehouse file: where it is, short write connections, read-only readers.

DuckDB lets one process write a file at a time and refuses every other open while it does.
A writer waits a bounded time for the lock, then fails with a message that names the
process holding it and what to do, instead of DuckDB's raw IO error. It waits once per
process (a run): after one wait for a file ran out, later opens of that file try once and
fail at once while it is still locked, so 21 independent steps do not wait 30 s each; the
first open that gets through waits normally again.

A file is opened by attaching it to the process's one DuckDB instance (warehouse/host.py:
~5 ms, against ~20 ms for an instance of its own) and closed by detaching it when its last
connection closes. A `session` opens it once for a span of work (a pipeline step): inside
it, every `connect` to that file in this process is a cursor of the session's connection,
with its own transaction, and the file stays locked until the session ends.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from schemas.settings import LOCK_TIMEOUT, WAREHOUSE_FILE
from warehouse import host

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = Path(WAREHOUSE_FILE.default)


class WarehouseError(RuntimeError):
    """The warehouse file cannot be used; the message says why and what to do."""


class WarehouseLocked(WarehouseError):
    pass


class WarehouseIncompatible(WarehouseError):
    pass


def warehouse_path(path: str | os.PathLike | None = None) -> Path:
    """The file to use: an explicit path, else $FLOPBASE_DB, else data/flopbase.duckdb."""
    chosen = path or WAREHOUSE_FILE.path()
    return Path(chosen).expanduser()


@contextmanager
def connect(
    path: str | os.PathLike | None = None,
    *,
    read_only: bool = False,
    lock_timeout_s: float | None = None,
    sandbox: bool = False,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that is closed on exit, so the file lock is held no longer than needed.

    `lock_timeout_s` bounds the wait for another process's lock (default
    $FLOPBASE_LOCK_TIMEOUT_S, else 30 s). `sandbox` (read-only only) is for SQL a person
    typed: no file, database or extension outside the warehouse file, configuration locked:
    an instance of its own, which cannot be open at the same time as a plain connection to
    the same file in the same process. Inside a `session` on the file, a connection is a
    cursor of the session's (not sandboxed ones)."""
    if sandbox and not read_only:
        raise ValueError("a sandboxed connection is read-only")
    target = warehouse_path(path)
    shared = None if sandbox else _SESSIONS.get(target.resolve())
    if shared is not None:  # the file is open already: no second open, no lock to wait for
        con = host.cursor_of(shared, target)
    else:
        if read_only and not target.exists():
            raise WarehouseError(f"no warehouse at {target}: build it first with `make run`")
        target.parent.mkdir(parents=True, exist_ok=True)
        if lock_timeout_s is None:
            lock_timeout_s = LOCK_TIMEOUT.number()
        con = _open(target, read_only, lock_timeout_s, sandbox)
    try:
        if shared is None and not read_only:
            _fold_leftover_wal(con, target)
        yield con
    finally:
        con.close()
        if shared is None and not sandbox:
            host.release(target)


# file (resolved) -> the connection of the session open on it in this process
_SESSIONS: dict[Path, duckdb.DuckDBPyConnection] = {}


@contextmanager
def session(
    path: str | os.PathLike | None = None, *, lock_timeout_s: float | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """One read-write connection to the file, closed on exit (also when the body raises).

    Until then every `connect` to the same file in this process, read-only or not, is a
    cursor of it: a connection of its own (its own transactions: a failed write still rolls
    back alone) that does not open the file again. Sandboxed connections and other files
    are unaffected. The lock is taken when the session starts, with `connect`'s bounded wait
    and messages, and held until it ends: keep a session to one step, never a whole run, so
    other processes get in between steps. A session inside one on the same file is the
    outer one."""
    key = warehouse_path(path).resolve()
    if key in _SESSIONS:
        yield _SESSIONS[key]
        return
    with connect(path, lock_timeout_s=lock_timeout_s) as con:
        _SESSIONS[key] = con
        try:
            yield con
        finally:
            del _SESSIONS[key]


# DuckDB's own wording; the lock message also names the holder's executable, whose path may
# contain any word (".../pyenv/versions/..."), so the lock is recognised first.
_LOCKED = re.compile(r"could not set lock|conflicting lock", re.IGNORECASE)
_UNREADABLE = re.compile(
    r"not a valid duckdb database|database file with version number|storage version",
    re.IGNORECASE,
)


# What a typed query may not do, set when the database opens (external access can only be
# switched off at startup) and then locked.
SANDBOX = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


# files whose lock this process already waited for in vain -> how long it waited
_GAVE_UP: dict[str, float] = {}


def reset_lock_waits() -> None:
    """Forget earlier vain waits: a new run in a long-lived process waits once again."""
    _GAVE_UP.clear()


def _open(
    target: Path, read_only: bool, lock_timeout_s: float, sandbox: bool = False
) -> duckdb.DuckDBPyConnection:
    started = time.monotonic()
    waited_before = _GAVE_UP.get(str(target))
    deadline = started + (0.0 if waited_before is not None else lock_timeout_s)
    delay = 0.05
    while True:
        try:
            if sandbox:
                con = _utc(duckdb.connect(str(target), read_only=True, config=SANDBOX))
                # after the time zone: no statement can change a setting from here
                con.execute("SET lock_configuration = true")
            else:
                con = host.open_cursor(target, read_only)
            _GAVE_UP.pop(str(target), None)
            return con
        except duckdb.IOException as err:
            message = str(err)
            if not _LOCKED.search(message):
                if _UNREADABLE.search(message):
                    raise _incompatible(target, err) from err
                raise WarehouseError(f"cannot open the warehouse {target}: {err}") from err
            if time.monotonic() + delay > deadline:
                waited = time.monotonic() - started
                _GAVE_UP[str(target)] = max(waited, waited_before or 0.0)
                raise _locked(target, message, waited, waited_before) from err
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
        except duckdb.SerializationException as err:
            raise _incompatible(target, err) from err
        except PermissionError as err:  # a write connection to a file open read-only here
            raise WarehouseError(str(err)) from err


def _utc(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """TIMESTAMPTZ values reach polars as UTC, whatever the machine's zone (a setting of
    each connection: a cursor does not inherit it; `host.cursor_of` sets it on its own)."""
    con.execute(host.UTC)
    return con


def _fold_leftover_wal(con: duckdb.DuckDBPyConnection, target: Path) -> None:
    """Checkpoint a WAL left by a process that died before checkpointing (SIGKILL, power).

    DuckDB 2.0 replays such a WAL on open but keeps the file while nothing changes; the next
    write's CHECKPOINT then advances the file past the WAL without removing it, and every
    later open fails ("WAL checkpoint iteration does not match"). With the write lock held,
    a WAL is always a leftover: a throwaway change plus CHECKPOINT folds it in and removes it
    (tests/faults/test_fault_processes.py kills a materialisation to check this)."""
    if not target.with_name(target.name + ".wal").exists():
        return
    con.execute("CREATE OR REPLACE TABLE main.__flopbase_wal_fold AS SELECT 1 AS a")
    con.execute("DROP TABLE main.__flopbase_wal_fold")
    con.execute("CHECKPOINT")


def _locked(
    target: Path, message: str, waited_s: float, waited_before: float | None = None
) -> WarehouseLocked:
    pid_match = re.search(r"PID (\d+)", message)
    holder = "another process"
    if pid_match:
        pid = pid_match.group(1)
        holder = f"process {pid} ({_command_of(pid)})"
    waited = (
        f"waited {waited_s:.1f} s"
        if waited_before is None
        else f"not waiting again (this run's process already waited {waited_before:.1f} s)"
    )
    return WarehouseLocked(
        f"the warehouse {target} is locked by {holder}; {waited}. DuckDB allows "
        "one writer, and no reader while it writes. Let that process finish (a build, "
        "a materialisation in the UI) or stop it, or point FLOPBASE_DB at another file."
    )


def _incompatible(target: Path, err: Exception) -> WarehouseIncompatible:
    return WarehouseIncompatible(
        f"the warehouse {target} is not readable by the installed duckdb {duckdb.__version__} "
        f"(written by another version, or not a DuckDB file): {err}. It is derived data: "
        "delete the file and rebuild it with `make run`, or point FLOPBASE_DB elsewhere."
    )


def _command_of(pid: str) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "command unknown"
    # one line: a `python -c "<script>"` holder would otherwise break the message up
    command = " ".join(raw.replace(b"\0", b" ").decode(errors="replace").split())
    return command[:120] or "command unknown"
