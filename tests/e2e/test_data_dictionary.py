"""Every table, view and column of meta, core and analysis in a fresh build carries a comment,
and meta.data_dictionary has exactly one row per column, agreeing with DuckDB's catalogue."""

import polars as pl

from schemas import TABLES
from tests.e2e.conftest import q

SCHEMAS = ["meta", "core", "analysis"]


def test_every_table_and_view_has_a_comment(db):
    relations = q(
        db,
        "SELECT schema_name || '.' || table_name AS name, comment FROM duckdb_tables() "
        "WHERE list_contains(?, schema_name) UNION ALL "
        "SELECT schema_name || '.' || view_name, comment FROM duckdb_views() "
        "WHERE NOT internal AND list_contains(?, schema_name)",
        [SCHEMAS, SCHEMAS],
    )
    # a full build creates every table and view the schemas declare, and nothing else
    assert sorted(relations["name"]) == sorted(t.qualified_name for t in TABLES)
    assert (
        relations.filter(relations["comment"].is_null() | (relations["comment"] == ""))[
            "name"
        ].to_list()
        == []
    )
    # the comment is the schema's description
    described = {t.qualified_name: t.description for t in TABLES}
    for name, comment in relations.iter_rows():
        assert comment == described[name], name


def test_every_column_has_a_comment_and_a_dictionary_row(db):
    columns = q(
        db,
        "SELECT c.schema_name || '.' || c.table_name AS table_name, c.column_name, "
        "c.data_type, c.comment, d.description, d.unit, d.data_type AS dictionary_type "
        "FROM duckdb_columns() c LEFT JOIN meta.data_dictionary d "
        "ON d.table_name = c.schema_name || '.' || c.table_name "
        "AND d.column_name = c.column_name WHERE list_contains(?, c.schema_name)",
        [SCHEMAS],
    )
    assert columns.height == sum(len(t.columns) for t in TABLES)
    uncommented = columns.filter(columns["comment"].is_null())
    assert uncommented.select("table_name", "column_name").rows() == []
    undescribed = columns.filter(columns["description"].is_null())
    assert undescribed.select("table_name", "column_name").rows() == []
    # the comment is the dictionary's description, with the unit where there is one
    expected = pl.when(pl.col("unit").is_null()).then(pl.col("description"))
    expected = expected.otherwise(pl.format("{} [{}]", "description", "unit"))
    mismatched = columns.filter(pl.col("comment") != expected)
    assert mismatched.select("table_name", "column_name").rows() == []
    assert (columns["data_type"] == columns["dictionary_type"]).all(), columns.filter(
        columns["data_type"] != columns["dictionary_type"]
    )


def test_the_dictionary_lists_no_column_that_does_not_exist(db):
    stale = q(
        db,
        "SELECT d.table_name, d.column_name FROM meta.data_dictionary d ANTI JOIN "
        "duckdb_columns() c ON d.table_name = c.schema_name || '.' || c.table_name "
        "AND d.column_name = c.column_name",
    )
    assert stale.rows() == []
    counts = q(
        db, "SELECT count(*) AS n, count(DISTINCT table_name) AS t FROM meta.data_dictionary"
    )
    assert counts["t"][0] == len(TABLES)
    assert counts["n"][0] == sum(len(t.columns) for t in TABLES)
