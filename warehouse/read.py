"""Reading the warehouse through read-only connections.

`query` is for SQL written in this project; it still runs exactly one reading statement
(several statements joined by `;` would otherwise all run). SQL a person typed goes through
`warehouse.safe_query`, which adds the sandbox, a timeout and a row limit."""

from __future__ import annotations

import os
from collections.abc import Sequence

import polars as pl

from schemas import Table
from warehouse.connection import connect, warehouse_path
from warehouse.ddl import ident, qualified
from warehouse.safe_query import read_statement


def query(
    sql: str,
    params: Sequence[object] = (),
    *,
    path: str | os.PathLike | None = None,
    lock_timeout_s: float | None = None,
) -> pl.DataFrame:
    """Run one read-only query with bound parameters and return a polars frame."""
    statement = read_statement(sql)
    with connect(path, read_only=True, lock_timeout_s=lock_timeout_s) as con:
        return con.sql(statement.query, params=list(params) or None).pl()


def read_table(
    table: Table, columns: Sequence[str] = (), *, path: str | os.PathLike | None = None
) -> pl.DataFrame:
    """Every row of a table or view declared in schemas/: all its columns, or `columns`."""
    selected = ", ".join(ident(c) for c in columns) if columns else "*"
    return query(f"SELECT {selected} FROM {qualified(table)}", path=path)


def row_counts(*, path: str | os.PathLike | None = None) -> pl.DataFrame:
    """Exact row count of every table in the warehouse schemas."""
    with connect(path, read_only=True) as con:
        names = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() "
            "WHERE schema_name IN ('meta', 'core', 'analysis') ORDER BY 1, 2"
        ).fetchall()
        counts = [
            (f"{s}.{t}", con.execute(f"SELECT count(*) FROM {ident(s)}.{ident(t)}").fetchone()[0])
            for s, t in names
        ]
    return pl.DataFrame(counts, schema={"table_name": pl.String, "rows": pl.Int64}, orient="row")


def missing_relations(expected: list[str], *, path: str | os.PathLike | None = None) -> list[str]:
    """The names of `expected` ("schema.name") that are neither a table nor a view in the
    file: what an interrupted first build, or a table dropped by hand, left out. Every name
    is missing when the file does not exist yet."""
    if not warehouse_path(path).exists():
        return list(expected)
    with connect(path, read_only=True) as con:
        present = {
            f"{s}.{n}"
            for s, n in con.execute(
                "SELECT schema_name, table_name FROM duckdb_tables() UNION ALL "
                "SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal"
            ).fetchall()
        }
    return [name for name in expected if name not in present]
