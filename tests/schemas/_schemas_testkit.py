"""Checks of a few declared columns on their own: a probe table holding just those columns
(the same `pa.Column` objects), and its failures as (column, check, failure case) tuples."""

import pandera.polars as pa
import polars as pl

from schemas.table import Table
from schemas.validation import schema_failures


def probe(columns: dict[str, pa.Column]) -> Table:
    """A table of `columns` only, to judge them apart from the rest of a table."""
    return Table("probe", "columns", "The columns under test.", columns)


def failures(columns: dict[str, pa.Column], frame: pl.DataFrame) -> list[tuple[str, str, str]]:
    """Every (column, check, failure case) of `frame`'s columns among `columns`, sorted."""
    picked = {name: col for name, col in columns.items() if name in frame.columns}
    cases = schema_failures(probe(picked), frame.select(list(picked)))
    if cases is None:
        return []
    return sorted(
        (r["column"], r["check"], r["failure_case"])
        for r in cases.select("column", "check", pl.col("failure_case").cast(pl.String)).to_dicts()
    )
