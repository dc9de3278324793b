"""Failed runs into the warehouse: the run-failure sensor's report (pipelines/sensors.py) as
rows of `meta.run_failure`, one per failed step (or one for the run itself), so a team finds
what failed and why in the warehouse beside the data, without an external alerting service."""

from __future__ import annotations

from datetime import datetime

from schemas.runs import RUN_ITSELF
from warehouse.run_failures import record_run_failures


def failure_rows(report) -> list[tuple]:
    """The rows of a `sensors.FailureReport`, in `RUN_FAILURE`'s column order."""
    at = datetime.fromisoformat(report.failed_at)
    steps = [(s.step, ",".join(s.assets), s.error) for s in report.steps]
    return [
        (report.run_id, report.job, step, assets, error, at, report.url)
        for step, assets, error in steps or [(RUN_ITSELF, "", report.error)]
    ]


def record_failure_rows(report, path: str | None = None) -> int:
    """Record the report in `meta.run_failure`; how many rows it has."""
    return record_run_failures(failure_rows(report), path=path)
