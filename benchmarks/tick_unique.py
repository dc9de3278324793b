"""Uniqueness of (source, sha256, row_number) in core.cloud_price, verified without its index.

The warehouse declares that key as the table's PRIMARY KEY (warehouse/ddl.py), and there
DuckDB's ART index enforces it on every insert. Keeping that index over 1e8 new quotes is
most of a bulk load's cost (docs/PERFORMANCE.md), so `benchmarks.bench_ticks` also loads into
a core.cloud_price created without it. For such a table `benchmarks.tick_load` establishes the
key's guarantee itself, inside the load's transaction and before COMMIT, by a check of the
rows the table then holds (not of how they were made), in one scan of the version's rows:

- their count is the INSERT's count: every row of the version (source, sha256) is one just
  inserted (its older rows were deleted in the same transaction);
- the number of distinct row_numbers among them is that count too: `bitstring_agg` sets one
  bit per number in 1..rows_read (a number outside that range raises) and `bit_count` counts
  them, exactly, in rows_read / 8 bytes (12.5 MB for 1e8 quotes) and whatever the rows' order.

Rows of other versions differ in (source, sha256), so they cannot collide with these. What
the check does not do is stop a second writer inserting the same version concurrently (an
index would refuse it at commit); the warehouse has one writer at a time (the `warehouse`
pool, docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from benchmarks.tick_file import TABLE
from warehouse.ddl import literal, qualified


class NumbersNotUnique(ValueError):
    """Two rows of one version share a row_number, or rows of it were not just inserted."""


def has_primary_key(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether core.cloud_price in this file carries its PRIMARY KEY (DuckDB enforces it)."""
    (count,) = con.execute(
        "SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
        f"AND schema_name = {literal(TABLE.schema)} AND table_name = {literal(TABLE.name)}"
    ).fetchone()
    return count > 0


def verify_unique_numbers(
    run: Callable[[str, str], tuple], version: str, inserted: int, numbers: int
) -> None:
    """Raise NumbersNotUnique unless the rows matching `version` (SQL condition) are the
    `inserted` rows just inserted and carry distinct row_numbers in 1..`numbers`.
    `run(step, sql)` runs a query and returns its one row."""
    if numbers < 1:
        distinct = 0
        (rows,) = run("unique", f"SELECT count(*) FROM {qualified(TABLE)} WHERE {version}")
    else:
        try:
            rows, distinct = run(
                "unique",
                f"SELECT count(*), coalesce(bit_count(bitstring_agg(row_number, 1, {int(numbers)})), 0) "
                f"FROM {qualified(TABLE)} WHERE {version}",
            )
        except duckdb.OutOfRangeException as error:
            raise NumbersNotUnique(
                f"{TABLE.qualified_name}: a row_number outside 1..{numbers}: {error}"
            ) from error
    if rows != inserted or distinct != rows:
        raise NumbersNotUnique(
            f"{TABLE.qualified_name}: {rows} rows of the version after inserting {inserted}, "
            f"{distinct} distinct row numbers: (source, sha256, row_number) would not be unique"
        )
