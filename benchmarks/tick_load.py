"""Bulk ingest of marketplace tick files into core.cloud_price, inside DuckDB.

The polars path (`sources.<upstream>.quotes` -> `analyses.cloud_prices.conform` ->
`schemas.validation.split_valid` -> `publish_versions`) holds a version in memory; a tick file
of 1e8 quotes does not fit that way. `load_ticks_csv` does the same job in SQL: it reads the
file once, numbers and validates every quote, and replaces the version's rows in
core.cloud_price, its meta.quarantine rows and its meta.snapshot counts in one transaction
(a failed or killed load leaves the previous table and ledger as they were).

The file's format and the reasons: `benchmarks/tick_file.py`; the SQL: `benchmarks/tick_load_sql.py`.

## How

1. `read_csv` (every field VARCHAR, no sniffing) into a staging table in the warehouse file,
   inside the transaction, in file order: DuckDB gives the rows consecutive rowids in that
   order (checked), so rowid - min(rowid) + 1 is the quote number. Format errors and the
   checks of values a line gives alone are decided here; `reject` (JSON: reason and the
   line as written) is set only for quotes that fail.
2. The few distinct (provider, gpu_type, socket_type) keys get their hardware_id (aliases)
   and their checks once each, instead of once per quote.
3. Duplicates: one hash per quote, sorted; only quotes whose hash repeats are compared
   exactly.
4. DELETE the version's rows; INSERT the valid rows; INSERT the rejects into
   meta.quarantine; refuse counts that do not add up; DROP the stage; upsert meta.snapshot;
   COMMIT; CHECKPOINT. Conditions that cannot fail for this file (no duplicates, no bad key,
   numbers within the bounds their checks set: judged at 1 and at the last number) are left
   out of the SQL, so the common case reads the stage once more with one filter.
5. The key (source, sha256, row_number) is unique: in the warehouse's core.cloud_price,
   which declares it as PRIMARY KEY, DuckDB's index enforces it at the INSERT and the
   COMMIT; in a core.cloud_price created without it (`bench_ticks`' table), the load
   verifies it before COMMIT in one scan of the version's rows (`benchmarks.tick_unique`:
   their count, and as many distinct numbers in a bitstring of 1..rows_read), and raises
   (rolled back) otherwise.

Where the time goes (1e8 quotes, 2 cores, `bench_ticks`): the stage (reading the text,
casting and checking it, writing 6 columns) and the INSERT (writing core.cloud_price's 17
columns: its constant and null columns cost about as much per quote as its values) each
cost about one COPY of the file; the duplicate sort and the keys a few seconds; the
PRIMARY KEY index, where the table has one, as much again as the INSERT.

Settings for the load: `memory_limit` (operators spill past it to a temporary directory next
to the warehouse, removed afterwards), `threads`, `preserve_insertion_order` on only while
staging (numbering needs file order; nothing after does). The stage is a table of the
warehouse file, not a TEMP table: DuckDB compresses it, while a TEMP stage of 1e8 quotes
spills uncompressed past `memory_limit` (2.3x slower).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from benchmarks.tick_file import PRICE_FIELD, TABLE, check_header
from benchmarks.tick_load_sql import (
    COLUMNS,
    SCRATCH,
    SOCKET_KEY,
    STAGE,
    WELL_FORMED,
    checked_where,
    final_parts,
    keys_sql,
    stage_sql,
)
from benchmarks.tick_sql_checks import interval_checks_only, sql_passes
from benchmarks.tick_steps import Steps
from benchmarks.tick_unique import has_primary_key, verify_unique_numbers
from schemas import QUARANTINE
from warehouse.connection import connect, warehouse_path
from warehouse.ddl import comments, ident, literal, qualified
from warehouse.publish import (
    Load,
    SnapshotRecord,
    columns_in_file,
    ensure_table,
    in_transaction,
    record_loads,
)


@dataclass(frozen=True)
class TickLoad:
    """What one tick file load did: rows_read = rows_loaded + rows_quarantined."""

    snapshot: SnapshotRecord
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    duplicates: int
    seconds: float
    steps: dict[str, float]  # seconds per step (stage, keys, duplicates, insert, ...)
    steps_cpu: dict[str, float]  # CPU seconds per step, all threads


@dataclass(frozen=True)
class _CountedLoad(Load):
    """A Load whose rejects are already in meta.quarantine (written in SQL): `record_loads`
    inserts none and records `quarantined` as the count."""

    quarantined: int = 0

    @property
    def rows_quarantined(self) -> int:
        return self.quarantined


def load_ticks_csv(
    csv_path: str | os.PathLike,
    snapshot: SnapshotRecord,
    *,
    path: str | os.PathLike | None = None,
    run_id: str | None = None,
    memory_limit: str = "3GB",
    threads: int = 2,
    temp_directory: str | os.PathLike | None = None,
) -> TickLoad:
    """Replace `snapshot`'s rows in core.cloud_price with the quotes of the tick file
    `csv_path` (its quarantine rows and ledger counts too), in one transaction.

    Raises TickFormatError before opening the warehouse when the header is not the tick
    header, TableOutdated when core.cloud_price has another shape, ValueError (rolled back)
    when the counts do not add up, and DuckDB's error (rolled back) for a malformed line.
    """
    csv_path = Path(csv_path)
    check_header(csv_path)
    started = time.perf_counter()
    spill = Path(temp_directory or warehouse_path(path).expanduser().resolve().parent)
    spill.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".flopbase-bulk-", dir=spill))
    try:
        with connect(path) as con, instance_settings(con, memory_limit, scratch, threads):
            counts: dict[str, int] = {}
            steps = Steps(con)
            (existing,) = columns_in_file(con, TABLE)  # before the transaction begins
            in_transaction(
                con, lambda: counts.update(_load(steps, csv_path, snapshot, existing, run_id))
            )
            steps.mark("commit")
            steps("checkpoint", "CHECKPOINT")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return TickLoad(
        snapshot=snapshot,
        seconds=time.perf_counter() - started,
        steps=steps.seconds,
        steps_cpu=steps.cpu_seconds,
        **counts,
    )


@contextmanager
def instance_settings(
    con: duckdb.DuckDBPyConnection, memory_limit: str, spill: Path, threads: int
) -> Iterator[None]:
    """The load's memory limit, spill directory and threads (and the insertion order `_load`
    switches), then the earlier values back: they are settings of the DuckDB instance, which
    the process's other connections share (warehouse/host.py)."""
    names = ("memory_limit", "temp_directory", "threads", "preserve_insertion_order")
    before = [con.execute("SELECT current_setting(?)", [n]).fetchone()[0] for n in names]
    try:
        con.execute(f"SET memory_limit = {literal(memory_limit)}")
        con.execute(f"SET temp_directory = {literal(str(spill))}")
        con.execute(f"SET threads = {int(threads)}")
        yield
    finally:
        for name, value in zip(names, before, strict=True):
            con.execute(f"SET {ident(name)} = {literal(str(value))}")


def _load(
    run: Steps,
    csv_path: Path,
    snapshot: SnapshotRecord,
    existing: list[str],
    run_id: str | None,
) -> dict[str, int]:
    con = run.con
    ensure_table(con, TABLE, existing, rebuild=False)
    stage = qualified(TABLE, STAGE)
    constants = {"source": literal(snapshot.source), "sha256": literal(snapshot.sha256)}
    version = f"source = {constants['source']} AND sha256 = {constants['sha256']}"

    # 1. Parse once, in file order. DuckDB numbers a transaction's new rows from its own
    # base, consecutively in insertion order: hence `first`, and the check.
    con.execute("SET preserve_insertion_order = true")
    con.execute(f"DROP TABLE IF EXISTS {stage}")
    run("stage", stage_sql(stage, csv_path, constants))
    con.execute("SET preserve_insertion_order = false")
    rows_read, first, last = run(
        "stage", f"SELECT count(*), coalesce(min(rowid), 0), coalesce(max(rowid), -1) FROM {stage}"
    )
    if last - first + 1 != rows_read:
        raise RuntimeError(f"{stage}: rowids {first}..{last} are not one per quote read")
    number = f"(s.rowid - {int(first)} + 1)"

    # 2. Keys: hardware_id and the checks of the key columns, once per distinct key.
    run("keys", keys_sql(con, stage, snapshot))
    bad_keys, sockets_as_written = run(
        "keys",
        "SELECT count(*) FILTER (WHERE NOT key_ok), "
        "count(DISTINCT (gpu_type, socket_type)) = count(DISTINCT (gpu_type, socket_key)) "
        "FROM tick_keys",
    )

    # 3. Duplicate observations among the quotes without a format error: sorting one hash
    # per quote finds candidates cheaply; only quotes with a repeated hash are grouped
    # exactly. (When no two spellings of a form factor differ in spaces, the form factor as
    # written stands for the stripped one.)
    socket = "coalesce(socket_type, '')" if sockets_as_written else SOCKET_KEY
    key_hash = f"hash(observed_at, provider, gpu_type, {socket})"
    run(
        "duplicates",
        "CREATE OR REPLACE TEMP TABLE tick_repeated_hashes AS SELECT DISTINCT h FROM ("
        "  SELECT h, lag(h) OVER (ORDER BY h) AS previous FROM ("
        f"    SELECT {key_hash} AS h FROM {stage} WHERE {WELL_FORMED})"
        ") WHERE h = previous",
    )
    run(
        "duplicates",
        "CREATE OR REPLACE TEMP TABLE tick_duplicates AS "
        "SELECT observed_at, provider, gpu_type, socket_key, min(n) AS first_row, "
        "arg_min(price, n) AS first_price, count(*) - 1 AS repeats FROM ("
        f"  SELECT rowid - {int(first)} + 1 AS n, observed_at, provider, gpu_type, "
        f"  {SOCKET_KEY} AS socket_key, usd_per_accelerator_hour AS price FROM {stage} "
        f"  WHERE {WELL_FORMED} AND {key_hash} IN (SELECT h FROM tick_repeated_hashes)"
        ") GROUP BY ALL HAVING count(*) > 1",
    )
    (duplicates,) = run(
        "duplicates", "SELECT coalesce(sum(repeats), 0)::BIGINT FROM tick_duplicates"
    )

    # 4. Replace the version: rows, quarantine, ledger.
    number_checks = checked_where("final", number=number)
    # The numbers are 1..rows_read (checked above): for checks of bounds, the two ends say
    # what a scan of every quote would (a scan of 1e8 quotes: 0.7-1.4 s).
    ends = checked_where("final", number="n")
    (bad_numbers,) = (
        run(
            "checks",
            f"SELECT count(*) FROM (VALUES (1), ({int(rows_read)})) v(n) "
            f"WHERE n BETWEEN 1 AND {int(rows_read)} AND NOT {sql_passes(TABLE, ends)}",
        )
        if interval_checks_only(TABLE, ends)
        else run(
            "checks",
            f"SELECT count(*) FROM {stage} s WHERE NOT {sql_passes(TABLE, number_checks)}",
        )
    )
    source, valid, reason = final_parts(
        stage, number, number_checks, bad_keys > 0, bad_numbers > 0, duplicates > 0
    )
    run("delete", f"DELETE FROM {qualified(TABLE)} WHERE {version}")
    columns = ", ".join(ident(c) for c in TABLE.column_names)
    select = ", ".join(expr.format(number=number, **constants) for expr, _, _ in COLUMNS.values())
    (rows_loaded,) = run(
        "insert",
        f"INSERT INTO {qualified(TABLE)} ({columns}) SELECT {select} FROM {source} WHERE {valid}",
    )
    if not has_primary_key(con):
        verify_unique_numbers(run, version, rows_loaded, rows_read)
    run(
        "quarantine",
        f"DELETE FROM {qualified(QUARANTINE)} WHERE target_table = ? AND {version}",
        [TABLE.qualified_name],
    )
    rebuilt = (
        "to_json({"
        "observed_at: strftime(s.observed_at, '%Y-%m-%dT%H:%M:%S.%f+00:00'), "
        "provider: s.provider, gpu_type: s.gpu_type, socket_type: s.socket_type, "
        f"{PRICE_FIELD}: CAST(s.usd_per_accelerator_hour AS VARCHAR)}})"
    )
    (rows_quarantined,) = run(
        "quarantine",
        f"INSERT INTO {qualified(QUARANTINE)} "
        "(source, sha256, row_number, record, reason, target_table, run_id) "
        f"SELECT {constants['source']}, {constants['sha256']}, {number}, "
        f"coalesce(s.reject ->> 'record', {rebuilt}), {reason}, "
        f"{literal(TABLE.qualified_name)}, ? FROM {source} WHERE NOT ({valid})",
        [run_id],
    )
    if rows_read != rows_loaded + rows_quarantined:
        raise ValueError(
            f"{TABLE.qualified_name}: {rows_read} quotes read from {csv_path} but "
            f"{rows_loaded} loaded + {rows_quarantined} quarantined: rows went missing"
        )
    run("drop", f"DROP TABLE {stage}")
    for name in SCRATCH:
        run("drop", f"DROP TABLE {name}")
    for statement in comments(TABLE):
        con.execute(statement)
    record_loads(
        con,
        TABLE,
        [_CountedLoad(snapshot, rows_read, rows_loaded=rows_loaded, quarantined=rows_quarantined)],
        run_id,
    )
    run.mark("ledger")
    return {
        "rows_read": rows_read,
        "rows_loaded": rows_loaded,
        "rows_quarantined": rows_quarantined,
        "duplicates": duplicates,
    }
