"""The load ledger: the snapshot versions a table was built from (`SnapshotRecord`, `Load`),
their counts in `meta.snapshot` and their rejected records in `meta.quarantine`, the meta
schemas and ledger tables, and the one transaction a write runs in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb
import polars as pl

from schemas import QUARANTINE, RUN_FAILURE, SNAPSHOT, Table
from warehouse.connection import connect
from warehouse.ddl import comments, create_table, ident, qualified

SCHEMAS = ("meta", "core", "analysis")
LEDGER = (SNAPSHOT, QUARANTINE, RUN_FAILURE)  # run_failure: written by the failure sensor


@dataclass(frozen=True)
class SnapshotRecord:
    """One raw upstream file version, as `meta.snapshot` records it."""

    source: str
    version: str
    url: str
    sha256: str
    retrieved_at: datetime
    licence: str

    @classmethod
    def of(cls, snapshot: object) -> SnapshotRecord:
        """The record of a stored version (a `sources.snapshots.Snapshot`, read by its
        attributes: the warehouse imports no source code)."""
        return cls(
            source=snapshot.source,
            version=snapshot.version,
            url=snapshot.url,
            sha256=snapshot.sha256,
            retrieved_at=snapshot.retrieved_at,
            licence=snapshot.licence,
        )


@dataclass(frozen=True)
class Load:
    """What loading one snapshot into a table produced: counts and the rejected records.

    `rejects` has `row_number`, `reason` and `record` (the upstream record as JSON text).
    """

    snapshot: SnapshotRecord
    rows_read: int
    rejects: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(
            schema={"row_number": pl.Int64, "reason": pl.String, "record": pl.String}
        )
    )

    rows_loaded: int | None = None  # records that landed; None: every row of the frame

    @property
    def rows_quarantined(self) -> int:
        return self.rejects.height


def record_snapshots(
    records: list[SnapshotRecord], *, path: str | os.PathLike | None = None
) -> None:
    """Add snapshot versions to `meta.snapshot`, keeping the counts of versions already loaded."""
    rows = pl.DataFrame([r.__dict__ for r in records], schema=_snapshot_schema())
    with connect(path) as con:

        def upsert() -> None:
            con.register("incoming_snapshots", rows)
            con.execute(
                f"INSERT INTO {qualified(SNAPSHOT)} (source, version, url, sha256, retrieved_at, licence) "
                "SELECT * FROM incoming_snapshots ON CONFLICT (source, version) DO UPDATE SET "
                "url = excluded.url, sha256 = excluded.sha256, "
                "retrieved_at = excluded.retrieved_at, licence = excluded.licence"
            )
            con.unregister("incoming_snapshots")

        in_transaction(con, upsert)


def ensure_meta(con: duckdb.DuckDBPyConnection, existing: list[list[str]] | None = None) -> None:
    """Create the schemas and ledger tables; recreate a ledger table whose shape is outdated.
    `existing`: the ledger tables' columns as `columns_in_file` read them before the
    transaction this runs in began; None: read them now (outside a transaction only)."""
    if existing is None:
        existing = columns_in_file(con, *LEDGER)
    for schema in SCHEMAS:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {ident(schema)}")
    for table, columns in zip(LEDGER, existing, strict=True):
        if columns == table.column_names:
            continue
        con.execute(f"DROP TABLE IF EXISTS {qualified(table)}")
        con.execute(create_table(table))
        for statement in comments(table):
            con.execute(statement)


def columns_in_file(con: duckdb.DuckDBPyConnection, *tables: Table) -> list[list[str]]:
    """The columns each of `tables` has in the file, in order (none when it does not exist):
    one `pragma_table_info` each, ~0.5 ms. Outside a transaction only: DuckDB answers a
    missing table with an error, which would abort one (`in_transaction` reads them before
    it begins). Not `duckdb_tables()`: its first scan on a new connection builds DuckDB's
    built-in views first, ~8 ms, and every write opens a new connection."""
    found = []
    for table in tables:
        try:
            rows = con.execute("SELECT name FROM pragma_table_info(?)", [qualified(table)])
            found.append([name for (name,) in rows.fetchall()])
        except duckdb.CatalogException:
            found.append([])
    return found


def record_loads(
    con: duckdb.DuckDBPyConnection, table: Table, loads: list[Load], run_id: str | None
) -> None:
    """Insert the loads' rejects (their quarantine rows were cleared by the caller) and upsert
    each version's counts in the ledger: two statements for any number of loads (a rebuild
    of the price history records hundreds of versions). Each load's `rows_loaded` is set."""
    if not loads:
        return
    rejects = pl.concat(
        [
            load.rejects.with_columns(
                **(
                    {}
                    if "target_table" in load.rejects.columns
                    else {"target_table": pl.lit(table.qualified_name)}
                )
            ).select(
                source=pl.lit(load.snapshot.source, pl.String),
                sha256=pl.lit(load.snapshot.sha256, pl.String),
                row_number=pl.col("row_number").cast(pl.Int64),
                record=pl.col("record").cast(pl.String),
                reason=pl.col("reason").cast(pl.String),
                target_table=pl.col("target_table").cast(pl.String),
            )
            for load in loads
        ]
    )
    con.register("incoming_rejects", rejects)
    con.execute(
        f"INSERT INTO {qualified(QUARANTINE)} (source, sha256, row_number, record, reason, "
        "target_table, run_id) SELECT source, sha256, row_number, record, reason, "
        "target_table, ? FROM incoming_rejects",
        [run_id],
    )
    con.unregister("incoming_rejects")
    now = datetime.now(UTC)
    ledger = pl.DataFrame(
        [
            (
                load.snapshot.source,
                load.snapshot.version,
                load.snapshot.url,
                load.snapshot.sha256,
                load.snapshot.retrieved_at,
                load.snapshot.licence,
                load.rows_read,
                load.rows_loaded,
                load.rows_quarantined,
                now,
                run_id,
            )
            for load in loads
        ],
        schema=SNAPSHOT.polars_schema,
        orient="row",
    ).unique(["source", "version"], keep="last", maintain_order=True)  # as one after another
    con.register("incoming_ledger", ledger)
    con.execute(
        f"INSERT INTO {qualified(SNAPSHOT)} SELECT * FROM incoming_ledger "
        "ON CONFLICT (source, version) DO UPDATE SET rows_read = excluded.rows_read, "
        "rows_loaded = excluded.rows_loaded, rows_quarantined = excluded.rows_quarantined, "
        "loaded_at = excluded.loaded_at, run_id = excluded.run_id"
    )
    con.unregister("incoming_ledger")


def in_transaction(con: duckdb.DuckDBPyConnection, work) -> None:
    """`work()` in one transaction, with the meta schemas and ledger tables it records in
    ensured first, inside it (their shapes read just before it begins)."""
    ledger = columns_in_file(con, *LEDGER)
    con.execute("BEGIN TRANSACTION")
    try:
        ensure_meta(con, ledger)
        work()
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _snapshot_schema() -> dict[str, pl.DataType]:
    return {
        k: SNAPSHOT.polars_schema[k]
        for k in ("source", "version", "url", "sha256", "retrieved_at", "licence")
    }
