"""warehouse.ddl: the SQL generated from our schemas. Identifiers are quoted snake_case names and
nothing else; comment text is quoted with its quotes doubled; every polars dtype the schemas use
has its DuckDB type; meta.snapshot's CREATE TABLE and comments run in DuckDB and give the
declared columns, key and descriptions with units."""

import duckdb
import polars as pl
import pytest

from schemas import HARDWARE, SNAPSHOT
from schemas.columns.declare import UTC_TIMESTAMP
from warehouse.ddl import comments, create_table, duckdb_type, ident, literal, qualified


@pytest.mark.parametrize("name", ["Source", "1st", "a-b", 'x"; DROP TABLE y; --', ""])
def test_only_snake_case_names_are_identifiers(name: str) -> None:
    with pytest.raises(ValueError, match="not a valid warehouse identifier"):
        ident(name)


def test_identifiers_and_literals_are_quoted() -> None:
    assert ident("bf16_flop_per_s") == '"bf16_flop_per_s"'
    assert qualified(SNAPSHOT) == '"meta"."snapshot"'
    assert qualified(SNAPSHOT, "snapshot__staging") == '"meta"."snapshot__staging"'
    assert literal("Epoch's 'ML OP/s'") == "'Epoch''s ''ML OP/s'''"


def test_duckdb_types_of_the_schema_dtypes() -> None:
    assert duckdb_type(UTC_TIMESTAMP) == "TIMESTAMP WITH TIME ZONE"
    assert duckdb_type(pl.Datetime("us")) == "TIMESTAMP"
    assert [duckdb_type(t) for t in (pl.String, pl.Float64, pl.Int64, pl.Boolean, pl.Date)] == [
        "VARCHAR",
        "DOUBLE",
        "BIGINT",
        "BOOLEAN",
        "DATE",
    ]
    with pytest.raises(ValueError, match="no DuckDB type declared"):
        duckdb_type(pl.List(pl.String))


def test_generated_table_and_comments_run_in_duckdb() -> None:
    con = duckdb.connect()
    con.execute("CREATE SCHEMA meta")
    con.execute(create_table(SNAPSHOT))
    for statement in comments(SNAPSHOT):
        con.execute(statement)
    columns = con.execute(
        "SELECT column_name, data_type, is_nullable, comment FROM duckdb_columns() "
        "WHERE table_name = 'snapshot' ORDER BY column_index"
    ).fetchall()
    assert [c[0] for c in columns] == SNAPSHOT.column_names
    assert columns[0] == ("source", "VARCHAR", False, SNAPSHOT.columns["source"].description)
    assert columns[4][:3] == ("retrieved_at", "TIMESTAMP WITH TIME ZONE", False)
    assert columns[6][:3] == ("rows_read", "BIGINT", True)
    [key] = con.execute(
        "SELECT constraint_column_names FROM duckdb_constraints() "
        "WHERE table_name = 'snapshot' AND constraint_type = 'PRIMARY KEY'"
    ).fetchone()
    assert key == ["source", "version"]
    [table_comment] = con.execute(
        "SELECT comment FROM duckdb_tables() WHERE table_name = 'snapshot'"
    ).fetchone()
    assert table_comment == SNAPSHOT.description


def test_a_column_comment_carries_its_unit() -> None:
    statement = next(s for s in comments(HARDWARE) if '"bf16_flop_per_s" IS' in s)
    assert statement.endswith(" [FLOP/s]'")
    assert comments(HARDWARE, kind="VIEW")[0].startswith('COMMENT ON VIEW "core"."hardware" IS ')
