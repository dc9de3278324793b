"""Bulk ingest of marketplace tick files into core.cloud_price, inside DuckDB.

The polars path (`sources.<upstream>.quotes` -> `analyses.cloud_prices.conform` ->
`schemas.validation.split_valid` -> `publish_versions`) holds a version in memory; a tick file
of 1e8 quotes does not fit that way. `load_ticks_csv` does the same job in SQL: it reads the
file once, numbers and validates every quote, and replaces the version's rows in
core.cloud_price, its meta.quarantine rows and its meta.snapshot counts in one transaction
(a failed or killed load leaves the previous table and ledger as they were).

## The tick file

UTF-8 CSV, comma-separated, `"` quotes, with exactly this header line:

    observed_at,provider,gpu_type,socket_type,usd_per_accelerator_hour

One line is one quote: the cheapest offer of one provider for one accelerator at one tick, the
shape of `sources.gpu_price_tracker.quotes` flattened (one line per `by_provider` entry).

- `observed_at`: ISO 8601 date and time ending in an explicit UTC offset (`+00:00`, `-0500`,
  `+05`) or `Z`, e.g. `2025-10-19T21:01:58.727366+00:00`; a time without one is not guessed.
- `provider`: the provider id (`sources.prices.provider_id`: `lambda`, `runpod`, `dc_roan`).
- `gpu_type`, `socket_type`: the accelerator as the upstream spells it (`H100_80GB`) and its
  form factor (`SXM5`, or empty). They resolve to `hardware_id` through core.hardware_alias
  rows of the snapshot's source, with the mention context `sources.gpu_price_tracker` gives:
  "gpu_type with socket_type <socket>" or "gpu_type without socket_type". Without a
  core.hardware_alias table, `hardware_id` stays null.
- `usd_per_accelerator_hour`: the price as written; `$` and thousands commas are read.

Blank lines are not quotes. A line with the wrong number of fields makes the whole file
unreadable (DuckDB's error names the line): nothing is written.

## What a quote becomes

`row_number` = `record_number` = the quote's number in the file (1-based, header excluded,
file order); `price_field` = "usd_per_accelerator_hour"; `pricing` = "marketplace";
`hardware_text` = `gpu_type`; `region`, `instance_type`, `accelerators_per_instance` and
`usd_per_hour` are null (the marketplace states no instance).

A quote is quarantined with the first reason that applies, in the polars path's words:

1. format: "unreadable timestamp '...'", NO_PRICE (empty price), "unreadable price '...'",
   ZERO_MEANS_MISSING (a zero price), "negative price '...'";
2. duplicate observation: the same time, provider, accelerator and form factor as an earlier
   quote of the file without a format error (the first one loads);
3. every check core.cloud_price declares, translated to SQL by `warehouse.sql_checks`
   ("usd_per_accelerator_hour failed less_than(100) (value 150.0)"), joined with "; ".

The quarantine record is the line's fields as JSON text, as written; for a quote rejected as
a duplicate or for its provider or accelerator id alone it is rebuilt from the parsed values
(the time as ISO 8601 UTC).

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
   COMMIT; CHECKPOINT. Conditions that cannot fail for this file (no duplicates, no bad key)
   are left out of the SQL, so the common case reads the stage once more with one filter.

Settings for the load: `memory_limit` (operators spill past it to a temporary directory next
to the warehouse, removed afterwards), `threads`, `preserve_insertion_order` on only while
staging (numbering needs file order; nothing after does).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from schemas import CLOUD_PRICE, QUARANTINE
from warehouse.connection import connect, warehouse_path
from warehouse.ddl import comments, ident, literal, qualified
from warehouse.publish import (
    Load,
    SnapshotRecord,
    ensure_meta,
    ensure_table,
    in_transaction,
    record_load,
)
from warehouse.sql_checks import sql_passes, sql_violations

TICK_COLUMNS = ("observed_at", "provider", "gpu_type", "socket_type", "usd_per_accelerator_hour")
HEADER = ",".join(TICK_COLUMNS)
PRICE_FIELD = "usd_per_accelerator_hour"
PRICING = "marketplace"
TABLE = CLOUD_PRICE

# The polars path's reasons (sources.prices, sources.gpu_price_tracker,
# analyses.cloud_prices): warehouse code does not import those, so they are repeated here
# and tests hold them equal.
NO_PRICE = "no price in any price field of the record"
ZERO_MEANS_MISSING = "price '{}' is zero, which this upstream writes for a missing price"
DUPLICATE = (
    "duplicate observation: quote {} of this version states the same time, provider, "
    "region, instance, accelerator, count and pricing ({})"
)
# sources.gpu_price_tracker's mention contexts, which core.hardware_alias rows carry.
WITH_SOCKET = "gpu_type with socket_type "
WITHOUT_SOCKET = "gpu_type without socket_type"
# How a time may end: an offset or Z (SQL LIKE patterns; a ':' must occur before).
OFFSET_ENDINGS = ("%Z", "%z", "%+__:__", "%-__:__", "%+____", "%-____", "%+__", "%-__")


class TickFormatError(ValueError):
    """The file is not a tick file (its header differs); nothing was written."""


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


@dataclass(frozen=True)
class _CountedLoad(Load):
    """A Load whose rejects are already in meta.quarantine (written in SQL): `record_load`
    inserts none and records `quarantined` as the count."""

    quarantined: int = 0

    @property
    def rows_quarantined(self) -> int:
        return self.quarantined


def check_header(csv_path: Path) -> None:
    with csv_path.open("rb") as handle:
        first = handle.readline().decode("utf-8-sig", errors="replace").strip()
    if first != HEADER:
        raise TickFormatError(
            f"{csv_path}: not a tick file: the header is {first[:200]!r}, expected {HEADER!r}"
        )


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
        with connect(path) as con:
            con.execute(f"SET memory_limit = {literal(memory_limit)}")
            con.execute(f"SET temp_directory = {literal(str(scratch))}")
            con.execute(f"SET threads = {int(threads)}")
            counts: dict[str, int] = {}
            steps = _Steps(con)
            in_transaction(con, lambda: counts.update(_load(steps, csv_path, snapshot, run_id)))
            steps.mark("commit")
            steps("checkpoint", "CHECKPOINT")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return TickLoad(
        snapshot=snapshot,
        seconds=time.perf_counter() - started,
        steps=steps.seconds,
        **counts,
    )


class _Steps:
    """Runs statements on `con`, adding each one's time to its step."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.seconds: dict[str, float] = {}
        self._since = time.perf_counter()

    def __call__(self, step: str, sql: str, params: list | None = None) -> tuple | None:
        self.mark(None)
        row = self.con.execute(sql, params).fetchone()
        self.mark(step)
        return row

    def mark(self, step: str | None) -> None:
        """Charge the time since the last mark to `step` (None: to nothing)."""
        now = time.perf_counter()
        if step:
            self.seconds[step] = round(self.seconds.get(step, 0.0) + now - self._since, 3)
        self._since = now


# --- the load ------------------------------------------------------------------------------

STAGE = f"{TABLE.name}__ticks"
SCRATCH = ("tick_keys", "tick_repeated_hashes", "tick_duplicates")

# Every column of core.cloud_price as the final INSERT computes it from the stage `s` and the
# key lookup `k`, and where its checks are evaluated: "line" while staging (the line alone
# gives the value), "key" once per distinct key, "final" in the INSERT (the quote number).
# A column added to the table must be added here.
_COLUMNS: dict[str, tuple[str, str, str]] = {
    # column: (final INSERT expression, where checked, expression there)
    "observed_at": ("s.observed_at", "line", "observed_at_"),
    "provider": ("s.provider", "key", "k.provider"),
    "region": ("CAST(NULL AS VARCHAR)", "line", "CAST(NULL AS VARCHAR)"),
    "instance_type": ("CAST(NULL AS VARCHAR)", "line", "CAST(NULL AS VARCHAR)"),
    "hardware_id": ("k.hardware_id", "key", "a.hardware_id"),
    "hardware_text": ("s.gpu_type", "key", "k.gpu_type"),
    "accelerators_per_instance": ("CAST(NULL AS DOUBLE)", "line", "CAST(NULL AS DOUBLE)"),
    "pricing": (literal(PRICING), "line", literal(PRICING)),
    "usd_per_hour": ("CAST(NULL AS DOUBLE)", "line", "CAST(NULL AS DOUBLE)"),
    "usd_per_accelerator_hour": ("s.usd_per_accelerator_hour", "line", "price_"),
    "source": ("{source}", "line", "{source}"),
    "sha256": ("{sha256}", "line", "{sha256}"),
    "row_number": ("{number}", "final", "{number}"),
    "record_number": ("{number}", "final", "{number}"),
    "price_field": (literal(PRICE_FIELD), "line", literal(PRICE_FIELD)),
    # bulk ticks are not judged (analyses/price_quality.py judges the polars path's quotes)
    "is_suspect": ("FALSE", "line", "FALSE"),
    "suspect_reason": ("CAST(NULL AS VARCHAR)", "line", "CAST(NULL AS VARCHAR)"),
}
if list(_COLUMNS) != TABLE.column_names:
    raise RuntimeError(f"warehouse/bulk.py does not map the columns of {TABLE.qualified_name}")


def _checked(where: str, **values: str) -> dict[str, str]:
    """Column -> SQL expression of the columns checked `where`, constants filled in."""
    return {c: expr.format(**values) for c, (_, w, expr) in _COLUMNS.items() if w == where}


def _load(
    run: _Steps,
    csv_path: Path,
    snapshot: SnapshotRecord,
    run_id: str | None,
) -> dict[str, int]:
    con = run.con
    ensure_meta(con)
    ensure_table(con, TABLE, rebuild=False)
    stage = qualified(TABLE, STAGE)
    constants = {"source": literal(snapshot.source), "sha256": literal(snapshot.sha256)}
    version = f"source = {constants['source']} AND sha256 = {constants['sha256']}"

    # 1. Parse once, in file order. DuckDB numbers a transaction's new rows from its own
    # base, consecutively in insertion order: hence `first`, and the check.
    con.execute("SET preserve_insertion_order = true")
    con.execute(f"DROP TABLE IF EXISTS {stage}")
    run("stage", _stage_sql(stage, csv_path, constants))
    con.execute("SET preserve_insertion_order = false")
    rows_read, first, last = run(
        "stage", f"SELECT count(*), coalesce(min(rowid), 0), coalesce(max(rowid), -1) FROM {stage}"
    )
    if last - first + 1 != rows_read:
        raise RuntimeError(f"{stage}: rowids {first}..{last} are not one per quote read")
    number = f"(s.rowid - {int(first)} + 1)"

    # 2. Keys: hardware_id and the checks of the key columns, once per distinct key.
    run("keys", _keys_sql(con, stage, snapshot))
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
    socket = "coalesce(socket_type, '')" if sockets_as_written else _SOCKET_KEY
    key_hash = f"hash(observed_at, provider, gpu_type, {socket})"
    run(
        "duplicates",
        "CREATE OR REPLACE TEMP TABLE tick_repeated_hashes AS SELECT DISTINCT h FROM ("
        "  SELECT h, lag(h) OVER (ORDER BY h) AS previous FROM ("
        f"    SELECT {key_hash} AS h FROM {stage} WHERE {_WELL_FORMED})"
        ") WHERE h = previous",
    )
    run(
        "duplicates",
        "CREATE OR REPLACE TEMP TABLE tick_duplicates AS "
        "SELECT observed_at, provider, gpu_type, socket_key, min(n) AS first_row, "
        "arg_min(price, n) AS first_price, count(*) - 1 AS repeats FROM ("
        f"  SELECT rowid - {int(first)} + 1 AS n, observed_at, provider, gpu_type, "
        f"  {_SOCKET_KEY} AS socket_key, usd_per_accelerator_hour AS price FROM {stage} "
        f"  WHERE {_WELL_FORMED} AND {key_hash} IN (SELECT h FROM tick_repeated_hashes)"
        ") GROUP BY ALL HAVING count(*) > 1",
    )
    (duplicates,) = run(
        "duplicates", "SELECT coalesce(sum(repeats), 0)::BIGINT FROM tick_duplicates"
    )

    # 4. Replace the version: rows, quarantine, ledger.
    number_checks = _checked("final", number=number)
    (bad_numbers,) = run(
        "checks", f"SELECT count(*) FROM {stage} s WHERE NOT {sql_passes(TABLE, number_checks)}"
    )
    source, valid, reason = _final_parts(
        stage, number, number_checks, bad_keys > 0, bad_numbers > 0, duplicates > 0
    )
    run("delete", f"DELETE FROM {qualified(TABLE)} WHERE {version}")
    columns = ", ".join(ident(c) for c in TABLE.column_names)
    select = ", ".join(expr.format(number=number, **constants) for expr, _, _ in _COLUMNS.values())
    (rows_loaded,) = run(
        "insert",
        f"INSERT INTO {qualified(TABLE)} ({columns}) SELECT {select} FROM {source} WHERE {valid}",
    )
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
    record_load(
        con,
        TABLE,
        rows_loaded,
        _CountedLoad(snapshot, rows_read, rows_loaded=rows_loaded, quarantined=rows_quarantined),
        run_id,
    )
    run.mark("ledger")
    return {
        "rows_read": rows_read,
        "rows_loaded": rows_loaded,
        "rows_quarantined": rows_quarantined,
        "duplicates": duplicates,
    }


# --- SQL -----------------------------------------------------------------------------------

# A quote without a format error: a readable time and a positive price.
_WELL_FORMED = "observed_at IS NOT NULL AND usd_per_accelerator_hour > 0"
# The form factor as the mention context states it (stripped; '' for none).
_SOCKET_KEY = "trim(coalesce(socket_type, ''))"


def _quoted(text: str) -> str:
    """SQL: the text between single quotes, as the polars path writes it in reasons."""
    return f"'''' || coalesce({text}, '') || ''''"


def _stage_sql(stage: str, csv_path: Path, constants: dict[str, str]) -> str:
    """CREATE TABLE of the parsed quotes in file order: typed values, the key text as written,
    and `reject` (JSON: reason, record) for a quote that fails on its line alone."""
    checked = _checked("line", **constants)
    columns = ", ".join(f"{literal('t_' + c)}: 'VARCHAR'" for c in TICK_COLUMNS)
    record = ", ".join(f"{c}: t_{c}" for c in TICK_COLUMNS)
    price = f"t_{PRICE_FIELD}"
    zero_before, zero_after = ZERO_MEANS_MISSING.split("{}")
    format_error = (
        f"CASE WHEN observed_at_ IS NULL THEN 'unreadable timestamp ' || {_quoted('t_observed_at')} "
        f"WHEN {price} IS NULL THEN {literal(NO_PRICE)} "
        f"WHEN price_ IS NULL THEN 'unreadable price ' || {_quoted(price)} "
        f"WHEN price_ = 0 THEN {literal(zero_before)} || {price} || {literal(zero_after)} "
        f"WHEN price_ < 0 THEN 'negative price ' || {_quoted(price)} END"
    )
    well_formed = "observed_at_ IS NOT NULL AND coalesce(price_ > 0, FALSE)"
    reason = (
        f"CASE WHEN NOT ({well_formed}) THEN {format_error} "
        f"ELSE {sql_violations(TABLE, checked)} END"
    )
    has_offset = " OR ".join(f"t_observed_at LIKE {literal(e)}" for e in OFFSET_ENDINGS)
    return f"""
CREATE TABLE {stage} AS
SELECT observed_at_ AS observed_at, t_provider AS provider, t_gpu_type AS gpu_type,
       t_socket_type AS socket_type, price_ AS usd_per_accelerator_hour,
       CASE WHEN NOT ({well_formed} AND {sql_passes(TABLE, checked)})
            THEN to_json({{reason: {reason}, record: to_json({{{record}}})}}) END AS reject
FROM (
  SELECT *,
    CASE WHEN contains(t_observed_at, ':') AND ({has_offset})
         THEN TRY_CAST(t_observed_at AS TIMESTAMPTZ) END AS observed_at_,
    CASE WHEN NOT contains({price}, '_') THEN coalesce(
      TRY_CAST({price} AS DOUBLE),
      TRY_CAST(replace(replace(trim({price}), '$', ''), ',', '') AS DOUBLE)) END AS p_,
    CASE WHEN isfinite(p_) THEN p_ END AS price_
  FROM read_csv({literal(str(csv_path))}, header = true, auto_detect = false,
                delim = ',', quote = '"', escape = '"', columns = {{{columns}}})
)"""


def _keys_sql(con: duckdb.DuckDBPyConnection, stage: str, snapshot: SnapshotRecord) -> str:
    """CREATE TEMP TABLE tick_keys: every distinct (provider, gpu_type, socket_type) with
    its hardware_id and the checks of provider, hardware_id and hardware_text."""
    has_aliases = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'core' "
        "AND table_name = 'hardware_alias'"
    ).fetchone()[0]
    # One id per spelling and form factor, as the polars path's unique(); GROUP BY rather
    # than QUALIFY, whose PARTITION BY socket_key would bind to k.socket_key (DuckDB joins a
    # FROM subquery laterally when it names an outer column).
    aliases = (
        "SELECT alias, socket_key, min(hardware_id) AS hardware_id FROM ("
        f"  SELECT alias, hardware_id, CASE WHEN context = {literal(WITHOUT_SOCKET)} THEN '' "
        f"  WHEN starts_with(context, {literal(WITH_SOCKET)}) "
        f"  THEN substr(context, {len(WITH_SOCKET) + 1}) END AS socket_key "
        f"  FROM core.hardware_alias WHERE source = {literal(snapshot.source)}"
        ") GROUP BY ALL"
        if has_aliases
        else "SELECT CAST(NULL AS VARCHAR) AS alias, CAST(NULL AS VARCHAR) AS socket_key, "
        "CAST(NULL AS VARCHAR) AS hardware_id LIMIT 0"
    )
    checked = _checked("key")
    return (
        "CREATE OR REPLACE TEMP TABLE tick_keys AS "
        "SELECT k.provider, k.gpu_type, k.socket_type, k.socket_key, a.hardware_id, "
        f"{sql_passes(TABLE, checked)} AS key_ok, "
        f"{sql_violations(TABLE, checked)} AS key_violation "
        f"FROM (SELECT DISTINCT provider, gpu_type, socket_type, {_SOCKET_KEY} AS socket_key "
        f"      FROM {stage}) k "
        f"LEFT JOIN ({aliases}) a ON a.alias = k.gpu_type AND a.socket_key = k.socket_key"
    )


def _final_parts(
    stage: str,
    number: str,
    number_checks: dict[str, str],
    bad_keys: bool,
    bad_numbers: bool,
    duplicates: bool,
) -> tuple[str, str, str]:
    """(FROM clause, valid-quote condition, reason expression) of the final INSERTs. Only
    conditions that can fail for this file are in them."""
    source = (
        f"{stage} s JOIN tick_keys k ON k.provider IS NOT DISTINCT FROM s.provider "
        "AND k.gpu_type IS NOT DISTINCT FROM s.gpu_type "
        "AND k.socket_type IS NOT DISTINCT FROM s.socket_type"
    )
    conditions = ["s.reject IS NULL"]
    if bad_keys:
        conditions.append("k.key_ok")
    if bad_numbers:
        conditions.append(sql_passes(TABLE, number_checks))
    well_formed = "coalesce(s.observed_at IS NOT NULL AND s.usd_per_accelerator_hour > 0, FALSE)"
    duplicate, duplicate_reason = "FALSE", "CAST(NULL AS VARCHAR)"
    if duplicates:
        source += (
            " LEFT JOIN tick_duplicates d ON d.observed_at = s.observed_at "
            "AND d.provider IS NOT DISTINCT FROM s.provider "
            "AND d.gpu_type IS NOT DISTINCT FROM s.gpu_type AND d.socket_key = k.socket_key"
        )
        duplicate = f"coalesce({well_formed} AND {number} > d.first_row, FALSE)"
        conditions.append(f"NOT {duplicate}")
        before, middle, after = DUPLICATE.split("{}")
        duplicate_reason = (
            f"{literal(before)} || d.first_row || {literal(middle)} || "
            "CASE WHEN s.usd_per_accelerator_hour = d.first_price THEN 'same price' "
            "ELSE 'price ' || CAST(d.first_price AS VARCHAR) || ' there, ' || "
            f"CAST(s.usd_per_accelerator_hour AS VARCHAR) || ' here' END || {literal(after)}"
        )
    line_reason = "(s.reject ->> 'reason')"
    # The checks' reasons in column order: the key columns (provider, hardware_id,
    # hardware_text) come before the line's (usd_per_accelerator_hour, ...) and the number.
    reason = (
        f"CASE WHEN NOT {well_formed} THEN {line_reason} "
        f"WHEN {duplicate} THEN {duplicate_reason} "
        f"ELSE nullif(concat_ws('; ', k.key_violation, {line_reason}, "
        f"{sql_violations(TABLE, number_checks)}), '') END"
    )
    return source, " AND ".join(conditions), reason
