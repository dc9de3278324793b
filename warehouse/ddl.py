"""SQL text generated from the schemas: CREATE TABLE and COMMENT ON.

Identifiers come only from our own `schemas` (checked against a strict pattern); comment
text is our own descriptions, quoted as SQL string literals. Upstream text never lands here.
"""

from __future__ import annotations

import re

import polars as pl

from schemas import Table

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")

DUCKDB_TYPES: dict[type[pl.DataType], str] = {
    pl.String: "VARCHAR",
    pl.Float64: "DOUBLE",
    pl.Int64: "BIGINT",
    pl.Int32: "INTEGER",
    pl.Boolean: "BOOLEAN",
    pl.Date: "DATE",
}


def ident(name: str) -> str:
    """A quoted identifier, refusing anything that is not one of our snake_case names."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a valid warehouse identifier: {name!r}")
    return f'"{name}"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def duckdb_type(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Datetime):
        # DuckDB's canonical names, as duckdb_columns() reports them.
        return "TIMESTAMP WITH TIME ZONE" if dtype.time_zone else "TIMESTAMP"
    try:
        return DUCKDB_TYPES[dtype.base_type()]
    except KeyError:
        raise ValueError(f"no DuckDB type declared for polars dtype {dtype}") from None


def qualified(table: Table, name: str | None = None) -> str:
    return f"{ident(table.schema)}.{ident(name or table.name)}"


def create_table(table: Table, name: str | None = None) -> str:
    """CREATE TABLE for `table` (under another name when staging), with NOT NULL and key."""
    lines = []
    for column_name, dtype in table.polars_schema.items():
        null = "" if table.columns[column_name].nullable else " NOT NULL"
        lines.append(f"{ident(column_name)} {duckdb_type(dtype)}{null}")
    if table.key:
        lines.append(f"PRIMARY KEY ({', '.join(ident(k) for k in table.key)})")
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {qualified(table, name)} (\n  {body}\n)"


def comments(table: Table, kind: str = "TABLE") -> list[str]:
    """COMMENT ON TABLE (or VIEW) and on every column, with the unit appended where there is
    one."""
    statements = [f"COMMENT ON {kind} {qualified(table)} IS {literal(table.description)}"]
    for column_name, col in table.columns.items():
        unit = table.unit(column_name)
        text = f"{col.description} [{unit}]" if unit else col.description
        statements.append(
            f"COMMENT ON COLUMN {qualified(table)}.{ident(column_name)} IS {literal(text)}"
        )
    return statements
