"""warehouse.dictionary: `meta.data_dictionary` has one row per column of every declared table,
with the schema's description, unit, nullability and key, and the type DuckDB builds."""

from __future__ import annotations

from pathlib import Path

import polars as pl

import warehouse
from schemas import DATA_DICTIONARY, TABLES


def test_data_dictionary_covers_every_column(db_path: Path) -> None:
    frame = warehouse.data_dictionary(TABLES)
    assert warehouse.publish(DATA_DICTIONARY, frame, path=db_path) == frame.height
    dictionary = warehouse.read_table(DATA_DICTIONARY, path=db_path).sort(
        "table_name", "column_name"
    )

    expected = sorted((t.qualified_name, name) for t in TABLES for name in t.column_names)
    assert list(zip(dictionary["table_name"], dictionary["column_name"], strict=True)) == expected
    assert len(expected) == sum(len(t.columns) for t in TABLES)

    by_key = {(r["table_name"], r["column_name"]): r for r in dictionary.iter_rows(named=True)}
    for table in TABLES:
        for name, col in table.columns.items():
            row = by_key[(table.qualified_name, name)]
            assert row["description"].strip(), (table, name)
            assert row["description"] == col.description
            assert row["is_nullable"] == col.nullable, (table, name)
            assert row["is_key"] == (name in table.key), (table, name)
            if name.endswith("_flop_per_s"):
                assert row["unit"] == "FLOP/s", (table, name)
            assert row["unit"] == table.unit(name)
    flop_columns = dictionary.filter(pl.col("column_name").str.ends_with("_flop_per_s"))
    assert flop_columns.height >= 6
    assert dictionary.filter(pl.col("unit") == "FLOP/s").height == flop_columns.height


def test_data_dictionary_types_match_the_tables_duckdb_builds(db_path: Path) -> None:
    for table in TABLES:
        warehouse.publish(table, table.empty(), path=db_path)
    warehouse.publish(DATA_DICTIONARY, warehouse.data_dictionary(TABLES), path=db_path)
    mismatches = warehouse.query(
        """
        SELECT d.table_name, d.column_name, d.data_type, c.data_type AS actual,
               d.description, d.unit, c.comment, d.is_nullable, c.is_nullable AS actual_nullable
        FROM meta.data_dictionary d
        LEFT JOIN duckdb_columns() c
          ON c.schema_name || '.' || c.table_name = d.table_name AND c.column_name = d.column_name
        WHERE c.data_type IS NULL
           OR replace(d.data_type, 'TIMESTAMPTZ', 'TIMESTAMP WITH TIME ZONE') <> c.data_type
           OR c.comment <> d.description || coalesce(' [' || d.unit || ']', '')
           OR d.is_nullable <> c.is_nullable
        """,
        path=db_path,
    )
    assert mismatches.rows() == []
