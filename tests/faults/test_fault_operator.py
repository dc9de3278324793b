"""Operator mistakes and bad days at the command line: an export aimed at a file or a folder
that cannot be written, runs killed from the shell, a scratch warehouse's run history."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

import warehouse
from pipelines import runs
from pipelines.cli import main


@pytest.fixture()
def small_warehouse(warehouse_file: Path) -> Path:
    """The least an export reads: one core table and the two bookkeeping tables."""
    with warehouse.connect() as con:
        con.execute("CREATE SCHEMA core; CREATE SCHEMA meta")
        con.execute("CREATE TABLE core.chip AS SELECT 'nvidia-h100' AS hardware_id")
        con.execute("CREATE TABLE meta.data_dictionary AS SELECT 'core.chip' AS relation")
        con.execute(
            "CREATE TABLE meta.snapshot AS SELECT 'epoch_hardware' AS source, "
            "'2025-11-15-7d691b6ecc06' AS version, TIMESTAMPTZ '2025-11-15' AS retrieved_at"
        )
    return warehouse_file


def refused(capsys, *args: str) -> str:
    assert main(["export", *args]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.err.count("\n") == 1, captured.err
    return captured.err


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_export_onto_a_file_is_refused_and_leaves_nothing(small_warehouse, tmp_path, capsys):
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    before = listing(tmp_path)
    assert "it is a file, not a folder" in refused(capsys, "--dir", str(target))
    err = refused(capsys, "--dir", str(target / "export" / "deeper"))
    assert f"{target} is a file, not a folder" in err
    assert listing(tmp_path) == before and target.read_text() == "mine"


def test_export_to_an_unwritable_place_is_refused_and_leaves_nothing(small_warehouse, capsys):
    # /sys refuses every new entry, to root as well (a chmod'ed folder would not stop root)
    err = refused(capsys, "--dir", "/sys/flopbase-export/out")
    assert "cannot export to /sys/flopbase-export/out" in err
    assert not Path("/sys/flopbase-export").exists()


def test_a_complete_export_replaces_the_previous_one_and_leaves_no_staging(
    small_warehouse, tmp_path, capsys
):
    out = tmp_path / "new" / "deeper" / "export"
    assert main(["export", "--dir", str(out)]) == 0
    first = listing(out)
    assert "parquet/core.chip.parquet" in first and "README.md" in first
    (out / "my-notes.md").write_text("kept")
    assert main(["export", "--dir", str(out)]) == 0
    assert listing(out) == sorted([*first, "my-notes.md"])
    assert not [p for p in out.parent.iterdir() if ".partial-" in p.name]
    capsys.readouterr()


SLOW_RUN = """
import sys, time, dagster as dg
@dg.asset
def slow():
    print("started", flush=True)
    time.sleep(120)
defs = dg.Definitions(assets=[slow])
with dg.DagsterInstance.get() as instance:
    defs.resolve_implicit_global_asset_job_def().execute_in_process(instance=instance)
"""


def start_run(home: Path) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_RUN],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "DAGSTER_HOME": str(home), "DAGSTER_DISABLE_TELEMETRY": "1"},
    )
    assert child.stdout.readline().strip() == "started"
    return child


def test_a_run_killed_from_the_shell_is_marked_failed_on_the_next_start(tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    killed, alive = start_run(home), start_run(home)
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        with dg.DagsterInstance.from_config(str(home)) as instance:
            [dead_id] = [
                r.run_id
                for r in instance.get_runs()
                if runs.run_pid(instance, r.run_id)[0] == killed.pid
            ]
            assert instance.get_run_by_id(dead_id).status == dg.DagsterRunStatus.STARTED
            assert runs.mark_dead_runs(instance) == [dead_id]  # the live one is left alone
            statuses = {r.run_id: r.status for r in instance.get_runs()}
            assert statuses[dead_id] == dg.DagsterRunStatus.FAILURE
            assert sorted(statuses.values(), key=str) == sorted(
                [dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.STARTED], key=str
            )
            failure = instance.get_records_for_run(
                dead_id, of_type=dg.DagsterEventType.RUN_FAILURE
            ).records[0]
            assert f"(PID {killed.pid}) is gone" in failure.event_log_entry.dagster_event.message
            assert runs.mark_dead_runs(instance) == []  # once
    finally:
        alive.kill()
        alive.wait()


def test_a_scratch_warehouse_keeps_its_own_run_history(tmp_path, monkeypatch):
    scratch = tmp_path / "scratch.duckdb"
    monkeypatch.setenv("DAGSTER_HOME", str(runs.PROJECT_HOME))  # what the Makefile exports
    assert runs.use_dagster_home_of(scratch) == tmp_path / "scratch.duckdb.dagster"
    assert os.environ["DAGSTER_HOME"] == str(tmp_path / "scratch.duckdb.dagster")
    assert (tmp_path / "scratch.duckdb.dagster" / "dagster.yaml").is_file()
    # the project's own warehouse, or a home the user chose, are left as they are
    assert runs.dagster_home_for(runs.DEFAULT_DB, str(runs.PROJECT_HOME)) is None
    assert runs.dagster_home_for(scratch, str(tmp_path / "mine")) is None
    assert runs.dagster_home_for(scratch, None) is None


def test_the_sensor_that_marks_dead_runs_is_on_by_default():
    from pipelines.definitions import defs

    sensor = defs.resolve_sensor_def("mark_dead_runs_failed")
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
