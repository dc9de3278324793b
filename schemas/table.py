"""A warehouse table: where it lives, its columns (from `columns.py`), its key and meaning."""

from __future__ import annotations

import copy
from functools import cached_property

import pandera.polars as pa
import polars as pl

from schemas.columns import COLUMNS
from schemas.columns.declare import unit_of


def shared(*names: str) -> dict[str, pa.Column]:
    """Columns declared once in `COLUMNS`, picked by name, in the order given."""
    return {name: COLUMNS[name] for name in names}


def optional(name: str) -> dict[str, pa.Column]:
    """A shared column that may be null in this table (e.g. `hardware_id` of a price whose
    accelerator no alias resolves); same name, dtype, unit and checks."""
    column = copy.deepcopy(COLUMNS[name])
    column.nullable = True
    return {name: column}


class Table:
    """One DuckDB table `schema.name`, described by a pandera schema built from its columns."""

    def __init__(
        self,
        schema: str,
        name: str,
        description: str,
        columns: dict[str, pa.Column],
        key: tuple[str, ...] = (),
    ) -> None:
        missing = [k for k in key if k not in columns]
        if missing:
            raise ValueError(f"{schema}.{name}: key columns {missing} are not columns")
        nullable = [k for k in key if columns[k].nullable]
        if nullable:
            raise ValueError(f"{schema}.{name}: key columns {nullable} must be declared non-null")
        self.schema = schema
        self.name = name
        self.description = description
        self.columns = columns
        self.key = key

    def __repr__(self) -> str:
        return f"Table({self.qualified_name})"

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def column_names(self) -> list[str]:
        return list(self.columns)

    @cached_property
    def pandera(self) -> pa.DataFrameSchema:
        """The validation schema: exact columns, dtypes, nullability, checks, unique key."""
        return pa.DataFrameSchema(
            self.columns,
            name=self.qualified_name,
            description=self.description,
            strict=True,
            ordered=True,
            unique=list(self.key) or None,
        )

    @cached_property
    def polars_schema(self) -> pl.Schema:
        return pl.Schema({n: c.dtype.type for n, c in self.columns.items()})

    def unit(self, column: str) -> str | None:
        return unit_of(self.columns[column])

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema)

    def select(self, df: pl.DataFrame) -> pl.DataFrame:
        """This table's columns in declared order (no casting: a wrong dtype must show)."""
        return df.select(self.column_names)
