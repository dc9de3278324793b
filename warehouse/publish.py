"""Writing to the warehouse: atomic table replace plus the load's ledger rows, in one go.

A table is built under a staging name and swapped in inside one transaction, together with
its quarantine rows and its `meta.snapshot` counts, then CHECKPOINTed. A failed or killed run
leaves the previous table, ledger and file as they were (DuckDB discards the open transaction).
The ledger itself (`SnapshotRecord`, `Load`, `record_loads`, `ensure_meta`, ...) is in
`warehouse.ledger`; its names stay importable from here.
"""

from __future__ import annotations

import os
from dataclasses import replace

import duckdb
import polars as pl

from schemas import QUARANTINE, Table
from warehouse.connection import connect
from warehouse.ddl import comments, create_table, ident, qualified
from warehouse.ledger import (
    LEDGER,
    SCHEMAS,
    Load,
    SnapshotRecord,
    columns_in_file,
    ensure_meta,
    in_transaction,
    record_loads,
    record_snapshots,
)

__all__ = [
    "LEDGER",
    "SCHEMAS",
    "Load",
    "SnapshotRecord",
    "TableOutdated",
    "columns_in_file",
    "ensure_meta",
    "ensure_table",
    "in_transaction",
    "publish",
    "publish_versions",
    "record_loads",
    "record_snapshots",
]


def publish(
    table: Table,
    frame: pl.DataFrame,
    *,
    load: Load | None = None,
    loads: list[Load] | None = None,
    run_id: str | None = None,
    path: str | os.PathLike | None = None,
) -> int:
    """Replace `table` with `frame` atomically; record each load (one per source snapshot the
    frame was built from) in the ledger. Returns rows written.

    Raises before opening the file when the frame does not fit the table's schema, and when
    a load does not account for every record read.
    """
    table.pandera.validate(frame)
    loads = [load] if load else list(loads or [])
    for item in loads:
        loaded = frame.height if item.rows_loaded is None else item.rows_loaded
        if item.rows_read != loaded + item.rows_quarantined:
            raise ValueError(
                f"{table.qualified_name}: {item.rows_read} records read from "
                f"{item.snapshot.source} but {loaded} loaded + {item.rows_quarantined} "
                "quarantined: rows went missing"
            )
    with connect(path) as con:
        in_transaction(con, lambda: _write(con, table, frame, loads, run_id))
        con.execute("CHECKPOINT")
    return frame.height


def _write(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    frame: pl.DataFrame,
    loads: list[Load],
    run_id: str | None,
) -> None:
    staging = f"{table.name}__staging"
    con.execute(f"DROP TABLE IF EXISTS {qualified(table, staging)}")
    con.execute(create_table(table, staging))
    con.register("incoming_rows", frame)
    con.execute(f"INSERT INTO {qualified(table, staging)} SELECT * FROM incoming_rows")
    con.unregister("incoming_rows")
    con.execute(f"DROP TABLE IF EXISTS {qualified(table)}")
    con.execute(f"ALTER TABLE {qualified(table, staging)} RENAME TO {ident(table.name)}")
    for statement in comments(table):
        con.execute(statement)
    # The table was replaced whole: so is its quarantine, per source it was built from.
    for source in sorted({load.snapshot.source for load in loads}):
        con.execute(
            f"DELETE FROM {qualified(QUARANTINE)} WHERE source = ? AND target_table = ?",
            [source, table.qualified_name],
        )
    # a load that leaves rows_loaded unset counts every row of the frame
    counted = [
        replace(load, rows_loaded=frame.height) if load.rows_loaded is None else load
        for load in loads
    ]
    record_loads(con, table, counted, run_id)


def publish_versions(
    frames: dict[Table, pl.DataFrame],
    loads: list[Load],
    *,
    rebuild: bool = False,
    run_id: str | None = None,
    path: str | os.PathLike | None = None,
) -> int:
    """Replace the rows that `loads`' snapshot versions contributed to each table of `frames`
    (matched on `source`, `sha256`), leaving other versions' rows alone: how a partition of
    a history table is refreshed. One transaction for all tables, their quarantine rows and
    the ledger. `rebuild` drops the tables first (a full rebuild, or a new table shape).

    Each load's `rows_loaded` counts its records across all the tables; its `rejects` may
    carry `target_table` (default: the first table). Returns rows written.
    """
    tables = list(frames)
    for table, frame in frames.items():
        missing = {"source", "sha256"} - set(table.column_names)
        if missing:
            raise ValueError(f"{table.qualified_name} lacks {sorted(missing)}: rows of a version")
        table.pandera.validate(frame)
    for item in loads:
        if item.rows_loaded is None or item.rows_read != item.rows_loaded + item.rows_quarantined:
            raise ValueError(
                f"{', '.join(t.qualified_name for t in tables)}: {item.rows_read} records read "
                f"from {item.snapshot.source} {item.snapshot.version} but {item.rows_loaded} "
                f"loaded + {item.rows_quarantined} quarantined: rows went missing"
            )
    versions = pl.DataFrame(
        [(item.snapshot.source, item.snapshot.sha256) for item in loads],
        schema={"source": pl.String, "sha256": pl.String},
        orient="row",
    )
    foreign = [
        t.qualified_name
        for t, frame in frames.items()
        if frame.join(versions, on=["source", "sha256"], how="anti").height
    ]
    if foreign:
        raise ValueError(f"{foreign}: rows of versions that no load accounts for")

    def write(con: duckdb.DuckDBPyConnection, existing: list[list[str]]) -> None:
        con.register("loaded_versions", versions)
        for (table, frame), columns in zip(frames.items(), existing, strict=True):
            ensure_table(con, table, columns, rebuild)
            con.execute(
                f"DELETE FROM {qualified(table)} WHERE (source, sha256) IN "
                "(SELECT (source, sha256) FROM loaded_versions)"
            )
            con.register("incoming_rows", frame)
            con.execute(f"INSERT INTO {qualified(table)} SELECT * FROM incoming_rows")
            con.unregister("incoming_rows")
            for statement in comments(table):
                con.execute(statement)
            con.execute(
                f"DELETE FROM {qualified(QUARANTINE)} WHERE target_table = ? AND "
                "(source, sha256) IN (SELECT (source, sha256) FROM loaded_versions)",
                [table.qualified_name],
            )
        con.unregister("loaded_versions")
        record_loads(con, tables[0], loads, run_id)

    with connect(path) as con:
        existing = columns_in_file(con, *tables)  # before the transaction: see columns_in_file
        in_transaction(con, lambda: write(con, existing))
        con.execute("CHECKPOINT")
    return sum(frame.height for frame in frames.values())


def ensure_table(
    con: duckdb.DuckDBPyConnection, table: Table, existing: list[str], rebuild: bool
) -> None:
    """Create `table` if missing (or on `rebuild`); refuse to add rows to an older shape.
    `existing`: its columns in the file (`columns_in_file`, read before the transaction)."""
    if existing == table.column_names and not rebuild:
        return
    if existing and not rebuild:
        raise TableOutdated(
            f"{table.qualified_name} has an older shape ({existing}); rebuild it from every "
            "version (materialise all its partitions, e.g. `flopbase build`)"
        )
    con.execute(f"DROP TABLE IF EXISTS {qualified(table)}")
    con.execute(create_table(table))


class TableOutdated(ValueError):
    """A table holds rows of an older shape: adding a partition would mix shapes."""
