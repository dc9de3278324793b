"""`meta.run_failure`: the failed runs the run-failure sensor reports (pipelines/sensors.py),
inserted with bound parameters; a row already there for a run and step stays (the sensor may
see a run twice)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from schemas.runs import RUN_FAILURE
from warehouse.connection import connect
from warehouse.ddl import ident, qualified
from warehouse.publish import ensure_meta


def record_run_failures(rows: Sequence[tuple], path: str | os.PathLike | None = None) -> int:
    """Insert `rows` (in `RUN_FAILURE`'s column order); how many were given."""
    columns = ", ".join(ident(c) for c in RUN_FAILURE.column_names)
    marks = ", ".join("?" for _ in RUN_FAILURE.column_names)
    with connect(path) as con:
        ensure_meta(con)
        con.executemany(
            f"INSERT INTO {qualified(RUN_FAILURE)} ({columns}) VALUES ({marks}) "
            "ON CONFLICT DO NOTHING",
            list(rows),
        )
    return len(rows)
