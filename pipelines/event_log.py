"""A run recorded by this process writes its events to the SQLite event log at a fraction
of the cost, in the same files and format.

Dagster's `SqliteEventLogStorage` opens a new SQLAlchemy engine and a new connection for every
write (one to three per event; a build stores ~670 events, ~180 of them when the run is
created). That costs, per write: SQLAlchemy compiling the statement afresh (its cache lives on
the engine), a sync of the write-ahead log on commit, and, as the file's last connection
closes, a checkpoint of the log into the database with another sync: ~7 ms an event on a quiet
machine, 12-50 ms when other processes load the disk.

`kept_engines` changes that for the duration of a run in this process, and nothing on disk:
one engine per file whose pool keeps a connection open between writes (statements compiled
once, no checkpoint per write) with `synchronous=NORMAL` (in WAL mode the log is synced at
checkpoints, not at each commit: a power cut may lose the last events, never corrupt the
file). About 1.5 ms an event. On leaving, the engines close their connections and the last
one checkpoints. Other processes (the UI, the daemon) read and write the same files as always:
an idle connection holds no lock.

It reaches into the storage's private `_connect`, `_db_lock`, `_initialized_dbs` and `_initdb`
(Dagster's version is pinned in uv.lock); when they are not there, it changes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
from dagster._core.storage.event_log import SqliteEventLogStorage
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_SECONDS = 15  # Dagster's own for these files
_PRIVATE = ("_connect", "_db_lock", "_initialized_dbs", "_initdb", "conn_string_for_shard")


def tunable(instance: dg.DagsterInstance | None) -> SqliteEventLogStorage | None:
    """The instance's event log storage when it is Dagster's SQLite one as this module knows it."""
    storage = instance.event_log_storage if instance is not None else None
    if type(storage) is not SqliteEventLogStorage:  # PostgreSQL (make serve), or in memory
        return None
    return storage if all(hasattr(storage, name) for name in _PRIVATE) else None


@contextmanager
def kept_engines(instance: dg.DagsterInstance | None) -> Iterator[bool]:
    """Within: the instance's SQLite event log writes through one engine per file, without a
    sync per commit or a checkpoint per write (module docstring). Yields whether it applies."""
    storage = tunable(instance)
    if storage is None:
        yield False
        return
    engines: dict[str, Engine] = {}

    def no_sync_per_commit(connection: sqlite3.Connection, _record: object) -> None:
        connection.execute("PRAGMA synchronous=NORMAL")

    @contextmanager
    def connect(shard: str) -> Iterator[object]:
        with storage._db_lock:  # as Dagster's: one write at a time from this process
            engine = engines.get(shard)
            if engine is None:
                # the pool keeps one connection open between writes: no checkpoint on close
                engine = create_engine(
                    storage.conn_string_for_shard(shard),
                    pool_size=1,
                    max_overflow=-1,
                    connect_args={"timeout": BUSY_TIMEOUT_SECONDS},
                )
                event.listen(engine, "connect", no_sync_per_commit)
                engines[shard] = engine
                if shard not in storage._initialized_dbs:
                    storage._initdb(engine)
                    storage._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    storage._connect = connect
    try:
        yield True
    finally:
        del storage._connect  # the class's method again
        for engine in engines.values():
            engine.dispose()  # closes the kept connections; the last one checkpoints
