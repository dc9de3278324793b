"""`Warehouse`: the warehouse as a pipelines step reads and writes it, as a type. The Dagster
resource `pipelines.resources.WarehouseResource` is one; the building blocks of pipelines/,
which import no other pipelines module, name this type instead of the resource.
`in_session` runs an asset's compute function inside one session of its `warehouse` argument."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Protocol

import polars as pl

from schemas import Table

# The name of the warehouse parameter of an asset's compute function: the key of the warehouse
# resource (pipelines.resources), which Dagster passes by that name.
PARAMETER = "warehouse"


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


def in_session(body: Callable) -> Callable:
    """An asset's compute function run inside one warehouse session: its reads, writes and
    checks open the file once (not once each, ~5 ms a time), from the start of the step to
    its end, failed or not. Per step, not per run (a resource is set up once per run): the
    file is free between steps for other processes, and the pool's slot covers the hold.
    The session is the one of the body's `warehouse` argument (the resource's key). The
    wrapper keeps the body's signature for Dagster, and is a generator where it is."""
    signature = inspect.signature(body)

    def opened(args: tuple, kwargs: dict) -> AbstractContextManager:
        given = signature.bind_partial(*args, **kwargs).arguments
        if PARAMETER not in given:
            raise TypeError(f"{body.__name__} takes no `{PARAMETER}` to open a session of")
        return given[PARAMETER].session()

    if inspect.isgeneratorfunction(body):

        @functools.wraps(body)
        def generator_step(*args, **kwargs):
            with opened(args, kwargs):
                yield from body(*args, **kwargs)

        return generator_step

    @functools.wraps(body)
    def step(*args, **kwargs):
        with opened(args, kwargs):
            return body(*args, **kwargs)

    return step
