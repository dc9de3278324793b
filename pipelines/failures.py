"""Failed runs into the warehouse: the run-failure sensor's report (pipelines/sensors.py) as
rows of `meta.run_failure`, one per failed step (or one for the run itself), so a team asks
the warehouse what failed and why (`SELECT * FROM meta.run_failure ORDER BY failed_at DESC`)
without an external alerting service."""

from __future__ import annotations

from datetime import datetime

import warehouse
from schemas.runs import RUN_FAILURE, RUN_ITSELF
from warehouse.ddl import ident, qualified
from warehouse.publish import ensure_meta


def failure_rows(report) -> list[tuple]:
    """The rows of a `sensors.FailureReport`, in `RUN_FAILURE`'s column order."""
    at = datetime.fromisoformat(report.failed_at)
    steps = [(s.step, ",".join(s.assets), s.error) for s in report.steps]
    return [
        (report.run_id, report.job, step, assets, error, at, report.url)
        for step, assets, error in steps or [(RUN_ITSELF, "", report.error)]
    ]


def record_failure_rows(report, path: str | None = None) -> int:
    """Insert the report's rows (a row already there for the run and step stays: the sensor
    may see a run twice); how many rows the report has."""
    rows = failure_rows(report)
    columns = ", ".join(ident(c) for c in RUN_FAILURE.column_names)
    marks = ", ".join("?" for _ in RUN_FAILURE.column_names)
    with warehouse.connect(path) as con:
        ensure_meta(con)
        con.executemany(
            f"INSERT INTO {qualified(RUN_FAILURE)} ({columns}) VALUES ({marks}) "
            "ON CONFLICT DO NOTHING",
            rows,
        )
    return len(rows)
