"""The run-failure sensor: says what failed, why in one line, and where to look.

Every failed run of any job of this code location is reported once: in the daemon's log, as
one JSON line appended to `run_failures.jsonl` in the Dagster instance's folder
($DAGSTER_HOME, `.dagster_home/` under `make ui`), which stays after the UI is gone, and as
rows of `meta.run_failure` in the warehouse, one per failed step (or one for the run itself),
so a team finds what failed and why beside the data, without an external alerting service.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from schemas.runs import RUN_ITSELF
from schemas.settings import UI_URL
from warehouse import WarehouseError
from warehouse.run_failures import record_run_failures

FAILURE_LOG = "run_failures.jsonl"
# Where `make ui` serves the UI; FLOPBASE_UI_URL when it runs elsewhere.
INTACT = (
    "A failed step wrote nothing (a step publishes its table, quarantine and ledger rows in "
    "one transaction): its tables, and those of the steps that depend on it, keep their "
    "previous rows."
)


@dataclass(frozen=True)
class FailedStep:
    step: str
    assets: list[str]
    error: str  # the first line of the error


@dataclass(frozen=True)
class FailureReport:
    run_id: str
    job: str
    failed_at: str
    steps: list[FailedStep]
    error: str  # the run's own failure message when no step failed
    written: list[str]  # assets the run did materialise before or besides the failure
    url: str
    message: str


def first_line(text: str | None) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[0] if lines else "no error message"


def ui_url() -> str:
    return UI_URL.text().rstrip("/")


def step_assets(instance: dg.DagsterInstance, run_id: str) -> dict[str, list[str]]:
    """The assets each step of a run was to materialise, from its planned events."""
    planned = instance.get_records_for_run(
        run_id=run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION_PLANNED
    ).records
    by_step: dict[str, list[str]] = {}
    for record in planned:
        event = record.event_log_entry.dagster_event
        if event is None or event.asset_key is None:
            continue
        step = event.step_key or record.event_log_entry.step_key or ""
        by_step.setdefault(step, []).append(event.asset_key.to_user_string())
    return by_step


def written_assets(instance: dg.DagsterInstance, run_id: str) -> list[str]:
    """The assets a run materialised (they hold its data, failed run or not)."""
    records = instance.get_records_for_run(
        run_id=run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION, limit=100_000
    ).records
    keys = {
        r.event_log_entry.dagster_event.asset_key.to_user_string()
        for r in records
        if r.event_log_entry.dagster_event and r.event_log_entry.dagster_event.asset_key
    }
    return sorted(keys)


def failure_report(context: dg.RunFailureSensorContext) -> FailureReport:
    run = context.dagster_run
    assets = step_assets(context.instance, run.run_id)
    written = written_assets(context.instance, run.run_id)
    steps = []
    for event in context.get_step_failure_events():
        error = event.event_specific_data.error if event.event_specific_data else None
        while error is not None and error.cause is not None:  # Dagster's wrapper -> our error
            error = error.cause
        message = error.message if error is not None else event.message
        steps.append(
            FailedStep(
                step=event.step_key or "",
                assets=sorted(assets.get(event.step_key or "", [])),
                error=first_line(message),
            )
        )
    run_error = first_line(context.failure_event.message)
    url = f"{ui_url()}/runs/{run.run_id}"
    lines = [f"flopbase: run {run.run_id} of job {run.job_name} failed."]
    if steps:
        for step in steps:
            what = ", ".join(step.assets) or step.step
            lines.append(f"  failed: {what} (step {step.step}): {step.error}")
    else:
        lines.append(f"  no step failed; the run itself: {run_error}")
    lines.append(f"  Look at {url} for the step's log and the full error.")
    lines.append(f"  {INTACT}")
    if written:
        lines.append(
            f"  Written by this run: {len(written)} assets ({', '.join(written[:8])}"
            f"{' ...' if len(written) > 8 else ''}) hold its new data."
        )
    else:
        lines.append("  Nothing was written by this run.")
    return FailureReport(
        run_id=run.run_id,
        job=run.job_name,
        failed_at=datetime.now(UTC).isoformat(timespec="seconds"),
        steps=steps,
        error=run_error,
        written=written,
        url=url,
        message="\n".join(lines),
    )


def failure_log(instance: dg.DagsterInstance) -> Path:
    """`run_failures.jsonl` in the instance's folder ($DAGSTER_HOME)."""
    return Path(instance.root_directory) / FAILURE_LOG


def record_failure(context: dg.RunFailureSensorContext) -> FailureReport:
    """Log the failure report of the run and append it to the failure log."""
    report = failure_report(context)
    context.log.error(report.message)
    path = failure_log(context.instance)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(asdict(report)) + "\n")
    try:  # and in the warehouse, meta.run_failure
        record_failure_rows(report)
    except WarehouseError as err:
        context.log.warning(f"not recorded in meta.run_failure: {err}")
    return report


def failure_rows(report) -> list[tuple]:
    """The rows of a `FailureReport`, in `RUN_FAILURE`'s column order."""
    at = datetime.fromisoformat(report.failed_at)
    steps = [(s.step, ",".join(s.assets), s.error) for s in report.steps]
    return [
        (report.run_id, report.job, step, assets, error, at, report.url)
        for step, assets, error in steps or [(RUN_ITSELF, "", report.error)]
    ]


def record_failure_rows(report, path: str | None = None) -> int:
    """Record the report in `meta.run_failure`; how many rows it has."""
    return record_run_failures(failure_rows(report), path=path)
