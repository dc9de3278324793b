"""The service on PostgreSQL, for real: a PostgreSQL server of the test's own, the instance
config `make serve` writes for FLOPBASE_DAGSTER_PG_URL, a real `dagster-daemon` that
dequeues and launches a run, a schedule switched off, the daemon restarted, and the history
and schedule state read back from PostgreSQL (issue #24)."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.scheduler.instigation import InstigatorStatus
from dagster_postgres import PostgresEventLogStorage, PostgresRunStorage, PostgresScheduleStorage

from pipelines import serve
from tests.conftest import REPO
from tests.e2e._postgres import postgres_server

RAW_STEP = "raw__dawnbench"  # one small step: resolve and record the DAWNBench snapshot
RAW_KEY = dg.AssetKey(["raw", "dawnbench"])
SCHEDULE = "refresh_prices_daily"  # on by default (DefaultScheduleStatus.RUNNING)


def dagster_cli(*args: str) -> subprocess.Popen:
    """A `dagster` CLI command on workspace.yaml, started (the caller waits: `done`)."""
    command = [str(Path(sys.executable).with_name("dagster")), *args]
    return subprocess.Popen(
        [*command, "-w", str(REPO / "workspace.yaml")],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def done(process: subprocess.Popen) -> None:
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output.decode()[-3000:]


def launch(run_id: str) -> subprocess.Popen:
    """Queue one run of build_all's raw/dawnbench step (`dagster job launch` submits it to
    the instance's run queue; the daemon dequeues and launches it)."""
    return dagster_cli("job", "launch", "-j", "build_all", "-o", RAW_STEP, "--run-id", run_id)


def wait_for_end(home: Path, run_id: str, timeout_s: float = 120) -> dg.DagsterRunStatus:
    deadline = time.monotonic() + timeout_s
    with dg.DagsterInstance.from_config(str(home)) as instance:
        while time.monotonic() < deadline:
            run = instance.get_run_by_id(run_id)
            if run is not None and run.is_finished:
                return run.status
            time.sleep(0.5)
    pytest.fail(f"run {run_id} did not finish within {timeout_s} s")


def test_run_history_and_schedule_state_survive_a_daemon_restart(tmp_path, monkeypatch):
    home = tmp_path / "dagster_home"
    monkeypatch.setenv("FLOPBASE_DB", str(tmp_path / "flopbase.duckdb"))
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    monkeypatch.setenv("DAGSTER_DISABLE_TELEMETRY", "1")
    with postgres_server() as url:
        monkeypatch.setenv("FLOPBASE_DAGSTER_PG_URL", url)
        assert serve.write_instance(home).read_text() == serve.POSTGRES_CONFIG.read_text()
        first, second = str(uuid.uuid4()), str(uuid.uuid4())
        log = (tmp_path / "daemon.log").open("w")

        # Switched off before the daemon's first tick: a daemon that has not yet stored the
        # schedule's state writes it back as DECLARED_IN_CODE from what it read, over a stop
        # made during that tick (dagster/_scheduler/scheduler.py, a read then a write).
        done(dagster_cli("schedule", "stop", SCHEDULE))
        daemon = serve.start(serve.daemon_command(), stdout=log, stderr=subprocess.STDOUT)
        try:
            done(launch(first))
            assert wait_for_end(home, first) == dg.DagsterRunStatus.SUCCESS
        finally:
            serve.stop(daemon)

        # queued while no daemon runs; the restarted daemon finds it in PostgreSQL
        queued = launch(second)
        daemon = serve.start(serve.daemon_command(), stdout=log, stderr=subprocess.STDOUT)
        try:
            done(queued)
            assert wait_for_end(home, second) == dg.DagsterRunStatus.SUCCESS
        finally:
            serve.stop(daemon)

        with dg.DagsterInstance.from_config(str(home)) as instance:
            assert isinstance(instance.run_storage, PostgresRunStorage)
            assert isinstance(instance.event_log_storage, PostgresEventLogStorage)
            assert isinstance(instance.schedule_storage, PostgresScheduleStorage)
            runs = {r.run_id: r for r in instance.get_runs()}
            assert {first, second} <= runs.keys()
            assert runs[first].status == dg.DagsterRunStatus.SUCCESS
            # the first run's events, written before the restart, are still there
            materialised = instance.fetch_materializations(RAW_KEY, limit=10).records
            assert {m.run_id for m in materialised} == {first, second}
            states = {s.instigator_name: s for s in instance.all_instigator_state()}
            assert states[SCHEDULE].status == InstigatorStatus.STOPPED
    # nothing went to SQLite: no runs.db / history folder in the home
    assert not (home / "history").exists()
