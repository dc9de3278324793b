"""`meta.data_dictionary`, generated from the schemas: one row per column of every table."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from schemas import DATA_DICTIONARY, Table
from warehouse.ddl import duckdb_type


def data_dictionary(tables: Iterable[Table]) -> pl.DataFrame:
    rows = [
        {
            "table_name": table.qualified_name,
            "column_name": name,
            "data_type": duckdb_type(dtype),
            "unit": table.unit(name),
            "description": table.columns[name].description,
            "is_nullable": table.columns[name].nullable,
            "is_key": name in table.key,
        }
        for table in tables
        for name, dtype in table.polars_schema.items()
    ]
    return pl.DataFrame(rows, schema=DATA_DICTIONARY.polars_schema)
