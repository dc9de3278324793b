"""`Warehouse`: the warehouse as a pipelines step reads and writes it, as a type. The Dagster
resource `pipelines.resources.WarehouseResource` is one; the building blocks of pipelines/,
which import no other pipelines module, name this type instead of the resource."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Protocol

import polars as pl

from schemas import Table


class Warehouse(Protocol):
    def session(self) -> AbstractContextManager: ...

    def publish(
        self,
        table: Table,
        frame: pl.DataFrame,
        loads: list | None = None,
        run_id: str | None = None,
    ) -> int: ...

    def replace_view(self, view: Table) -> None: ...

    def read(self, table: Table, columns: Sequence[str] = ()) -> pl.DataFrame: ...

    def named(self, name: str, params: list[object] | None = None) -> pl.DataFrame: ...

    def query(self, sql: str, params: list[object] | None = None) -> pl.DataFrame: ...
