"""How a column is declared: a pandera column with its dtype, description, unit (in metadata)
and value checks; `unit_of` reads the unit back. The declarations themselves are the domain
modules of this package, assembled in `schemas.columns.COLUMNS`."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

UTC_TIMESTAMP = pl.Datetime("us", "UTC")


def column(
    dtype: type[pl.DataType] | pl.DataType,
    description: str,
    unit: str | None = None,
    *,
    nullable: bool = True,
    checks: list[pa.Check] | None = None,
) -> pa.Column:
    """A pandera column carrying its unit in metadata (read back by `unit_of`)."""
    return pa.Column(
        dtype,
        checks=checks or [],
        nullable=nullable,
        description=description,
        metadata={"unit": unit},
    )


def in_range(low: float, high: float) -> list[pa.Check]:
    return [pa.Check.in_range(low, high)]


def unit_of(col: pa.Column) -> str | None:
    return (col.metadata or {}).get("unit")
