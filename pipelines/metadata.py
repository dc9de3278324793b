"""Dagster metadata generated from the schemas (column schema, row count, preview); the plots
of a materialisation are `pipelines.plots`."""

from __future__ import annotations

import dagster as dg
import polars as pl

from schemas import Table
from warehouse.ddl import duckdb_type

PREVIEW_ROWS = 10


def column_schema(table: Table) -> dg.TableSchema:
    columns = []
    for name, dtype in table.polars_schema.items():
        col = table.columns[name]
        unit = table.unit(name)
        description = f"{col.description} [{unit}]" if unit else col.description
        columns.append(
            dg.TableColumn(
                name,
                duckdb_type(dtype),
                description=description,
                constraints=dg.TableColumnConstraints(
                    nullable=col.nullable, unique=table.key == (name,)
                ),
            )
        )
    return dg.TableSchema(columns=columns)


def definition_metadata(table: Table) -> dict[str, object]:
    """Static metadata of a table asset, shown in the UI before anything runs."""
    return {
        "dagster/column_schema": column_schema(table),
        "dagster/table_name": table.qualified_name,
    }


def preview(frame: pl.DataFrame, rows: int = PREVIEW_ROWS) -> dg.TableMetadataValue:
    """The first rows as a UI table; dates and timestamps shown as ISO text."""
    head = frame.head(rows).with_columns(
        pl.col(pl.Date, pl.Datetime).cast(pl.String),
    )
    schema = dg.TableSchema(
        columns=[
            dg.TableColumn(n, "number" if d.is_numeric() else "string")
            for n, d in head.schema.items()
        ]
    )
    return dg.MetadataValue.table(
        records=[dg.TableRecord(r) for r in head.to_dicts()], schema=schema
    )


def materialization_metadata(table: Table, frame: pl.DataFrame) -> dict[str, object]:
    return {
        "dagster/row_count": frame.height,
        "preview": preview(frame),
    }


def markdown_table(frame: pl.DataFrame) -> str:
    """A small frame as a Markdown table for check and asset metadata."""
    if frame.height == 0:
        return "none"
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + " --- |" * frame.width]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join(lines)
