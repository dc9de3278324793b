"""warehouse.run_failures: `record_run_failures` creates meta.run_failure where it is missing,
inserts a failed run's rows with bound parameters (quotes in an error stay text) and keeps the
row already there when the sensor reports the same run and step again. The runs are synthetic
(synthetic-run-1 is no real run), labelled as such in their ids."""

from datetime import UTC, datetime
from pathlib import Path

import warehouse
from schemas.runs import RUN_FAILURE, RUN_ITSELF
from warehouse.run_failures import record_run_failures

AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
URL = "http://localhost:3000/runs/{}"


def test_failures_are_recorded_once_per_run_and_step(db_path: Path) -> None:
    first = [
        ("synthetic-run-1", "build_all", "raw__dawnbench", "raw/dawnbench", "SnapshotChanged: 'x'", AT, URL.format("synthetic-run-1")),
        ("synthetic-run-1", "build_all", RUN_ITSELF, "", "run worker lost", AT, URL.format("synthetic-run-1")),
    ]  # fmt: skip
    assert record_run_failures(first, path=db_path) == 2
    again = [
        ("synthetic-run-1", "build_all", "raw__dawnbench", "raw/dawnbench", "seen twice", AT, "u")
    ]
    assert record_run_failures(again, path=db_path) == 1
    rows = warehouse.read_table(RUN_FAILURE, path=db_path).sort("step")
    assert rows.select("step", "error").rows() == [
        (RUN_ITSELF, "run worker lost"),
        ("raw__dawnbench", "SnapshotChanged: 'x'"),  # the first report stays
    ]
    assert rows["failed_at"].to_list() == [AT, AT]
