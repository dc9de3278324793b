"""The SQL of a tick file load (`benchmarks.tick_load`): how each column of core.cloud_price is computed
and where its checks are evaluated (`COLUMNS`), the staging table of parsed quotes, the
distinct keys with their hardware_id, and the parts of the final INSERTs. Identifiers only
from our schemas, values as escaped literals.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

# the polars path's reasons and the tracker's mention contexts, from where they are declared
from analyses.cloud_prices import DUPLICATE
from benchmarks.tick_file import OFFSET_ENDINGS, PRICE_FIELD, PRICING, TABLE, TICK_COLUMNS
from benchmarks.tick_sql_checks import sql_passes, sql_violations
from sources.gpu_price_tracker import WITH_SOCKET, WITHOUT_SOCKET
from sources.prices import NO_PRICE, ZERO_MEANS_MISSING
from warehouse.ddl import literal
from warehouse.publish import SnapshotRecord

STAGE = f"{TABLE.name}__ticks"
SCRATCH = ("tick_keys", "tick_repeated_hashes", "tick_duplicates")
# Every column of core.cloud_price as the final INSERT computes it from the stage `s` and the
# key lookup `k`, and where its checks are evaluated: "line" while staging (the line alone
# gives the value), "key" once per distinct key, "final" in the INSERT (the quote number).
# A column added to the table must be added here.
COLUMNS: dict[str, tuple[str, str, str]] = {
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
if list(COLUMNS) != TABLE.column_names:
    raise RuntimeError(
        f"benchmarks/tick_load_sql.py does not map the columns of {TABLE.qualified_name}"
    )


def checked_where(where: str, **values: str) -> dict[str, str]:
    """Column -> SQL expression of the columns checked `where`, constants filled in."""
    return {c: expr.format(**values) for c, (_, w, expr) in COLUMNS.items() if w == where}


# A quote without a format error: a readable time and a positive price.
WELL_FORMED = "observed_at IS NOT NULL AND usd_per_accelerator_hour > 0"
# The form factor as the mention context states it (stripped; '' for none).
SOCKET_KEY = "trim(coalesce(socket_type, ''))"


def _quoted(text: str) -> str:
    """SQL: the text between single quotes, as the polars path writes it in reasons."""
    return f"'''' || coalesce({text}, '') || ''''"


def stage_sql(stage: str, csv_path: Path, constants: dict[str, str]) -> str:
    """CREATE TABLE of the parsed quotes in file order: typed values, the key text as written,
    and `reject` (JSON: reason, record) for a quote that fails on its line alone."""
    checked = checked_where("line", **constants)
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
    # eight LIKEs: cheaper here than one regular expression (4.8 against 5.1 CPU s per 1e7)
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


def keys_sql(con: duckdb.DuckDBPyConnection, stage: str, snapshot: SnapshotRecord) -> str:
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
    checked = checked_where("key")
    return (
        "CREATE OR REPLACE TEMP TABLE tick_keys AS "
        "SELECT k.provider, k.gpu_type, k.socket_type, k.socket_key, a.hardware_id, "
        f"{sql_passes(TABLE, checked)} AS key_ok, "
        f"{sql_violations(TABLE, checked)} AS key_violation "
        # the distinct keys first, their stripped form factor after: a third of the CPU
        f"FROM (SELECT *, {SOCKET_KEY} AS socket_key FROM ("
        f"      SELECT provider, gpu_type, socket_type FROM {stage} GROUP BY ALL)) k "
        f"LEFT JOIN ({aliases}) a ON a.alias = k.gpu_type AND a.socket_key = k.socket_key"
    )


def final_parts(
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
