"""Split conformed rows into valid ones and rejected ones with a reason each.

Row-level failures (a bad value, a duplicate key, a parse error found earlier) reject that
row and let the rest load. Table-level failures (a missing column, a wrong dtype) mean the
upstream format or our parser changed: they raise `SchemaMismatch`, and nothing is written.
"""

from __future__ import annotations

import pandera.errors
import polars as pl

from schemas.table import Table

# Columns a conformed frame carries besides the table's own.
ROW_NUMBER = "row_number"
PARSE_ERROR = "parse_error"


class SchemaMismatch(ValueError):
    """The frame does not have the table's shape; no row can be judged."""


def split_valid(
    conformed: pl.DataFrame, table: Table, by: tuple[str, ...] = ()
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (valid rows as the table's columns, rejects as `row_number`, `reason`).

    `conformed` has the table's columns plus `row_number` (the upstream record number) and
    optionally `parse_error` (non-null where the source could not read a value). `by` names
    columns that, with `row_number`, identify a record when the frame holds several upstream
    versions (`source`, `sha256`): rejects carry them first.
    """
    ids = [*by, ROW_NUMBER]
    missing = [c for c in [*table.column_names, ROW_NUMBER] if c not in conformed.columns]
    if missing:
        raise SchemaMismatch(f"{table.qualified_name}: the data lacks columns {missing}")
    frame = (
        conformed
        if PARSE_ERROR in conformed.columns
        else conformed.with_columns(pl.lit(None, pl.String).alias(PARSE_ERROR))
    )
    frame = frame.with_columns(_duplicate_reason(frame, table))
    rejects = [frame.filter(pl.col(PARSE_ERROR).is_not_null()).select(*ids, reason=PARSE_ERROR)]
    candidates = frame.filter(pl.col(PARSE_ERROR).is_null())

    failures = _check_failures(table.select(candidates), table)
    if failures.height:
        rows = candidates.select(ids).with_row_index("index")
        rejects.append(
            failures.join(rows, on="index")
            .group_by(ids, maintain_order=True)
            .agg(pl.col("reason").str.join("; "))
        )
        bad = failures["index"].unique()
        candidates = candidates.with_row_index("index").filter(
            ~pl.col("index").is_in(bad.to_list())
        )

    valid = table.select(candidates)  # warehouse.publish validates it again before writing
    rejected = pl.concat(rejects).sort(ids)
    return valid, rejected


def _duplicate_reason(frame: pl.DataFrame, table: Table) -> pl.Expr:
    """Keep the first row of each key; later ones are rejected naming the row they repeat."""
    if not table.key:
        return pl.col(PARSE_ERROR)
    key = list(table.key)
    first = pl.col(ROW_NUMBER).first().over(key)
    key_text = pl.concat_str(
        [pl.lit(f"{k}=") + pl.col(k).cast(pl.String) for k in key], separator=", "
    )
    is_repeat = pl.int_range(pl.len()).over(key) > 0
    return (
        pl.when(
            pl.col(PARSE_ERROR).is_null() & is_repeat & pl.all_horizontal(pl.col(key).is_not_null())
        )
        .then(pl.lit("duplicate key (") + key_text + pl.lit(") of row ") + first.cast(pl.String))
        .otherwise(pl.col(PARSE_ERROR))
        .alias(PARSE_ERROR)
    )


def schema_failures(table: Table, frame: pl.DataFrame) -> pl.DataFrame | None:
    """pandera's failure cases of `frame` against `table`'s schema, every check evaluated
    (`column`, `check`, `failure_case`, `index`: null for a table-level failure), or None
    when it passes."""
    try:
        table.pandera.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
        return err.failure_cases
    return None


def _check_failures(frame: pl.DataFrame, table: Table) -> pl.DataFrame:
    """Row failures of the pandera checks as (`index`, `reason`); raise on table-level ones."""
    cases = schema_failures(table, frame)
    if cases is None:
        return pl.DataFrame(schema={"index": pl.UInt32, "reason": pl.String})
    table_level = cases.filter(pl.col("index").is_null())
    if table_level.height:
        listing = "; ".join(
            f"{r['column']}: {r['check']} ({r['failure_case']})" for r in table_level.to_dicts()
        )
        raise SchemaMismatch(f"{table.qualified_name}: the data does not fit the schema: {listing}")
    return cases.select(
        pl.col("index").cast(pl.UInt32),
        reason=pl.format(
            "{} failed {} (value {})",
            pl.col("column"),
            pl.col("check"),
            pl.col("failure_case").fill_null("null"),
        ),
    )
