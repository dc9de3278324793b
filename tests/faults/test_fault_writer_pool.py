"""Two runs that write the warehouse at once (one launched from the UI, one scheduled) take
turns through the writer pool instead of meeting DuckDB's single-writer lock; a writer killed
while it holds the pool's slot does not block the next one for ever."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import dagster as dg
import pytest

from pipelines import runs
from pipelines.definitions import defs
from pipelines.tables import WAREHOUSE_POOL
from warehouse.read import missing_relations

REPO = Path(__file__).resolve().parents[2]
DICTIONARY = dg.AssetKey(["meta", "data_dictionary"])

# A writer of another run: holds the pool's slot in its step until its stdin closes.
HOLDER = f"""
import sys, dagster as dg
@dg.asset(pool={WAREHOUSE_POOL!r})
def holder():
    print("holding", flush=True)
    sys.stdin.readline()
defs = dg.Definitions(assets=[holder])
with dg.DagsterInstance.get() as instance:
    defs.resolve_implicit_global_asset_job_def().execute_in_process(instance=instance)
"""


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    """A Dagster home with the project's instance config (the pool's one slot)."""
    folder = tmp_path / "dagster_home"
    folder.mkdir()
    shutil.copy(REPO / "config" / "dagster.yaml", folder / "dagster.yaml")
    return folder


def start_holder(home: Path) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "DAGSTER_HOME": str(home), "DAGSTER_DISABLE_TELEMETRY": "1"},
    )
    assert child.stdout.readline().strip() == "holding"
    return child


def slots(instance: dg.DagsterInstance):
    return instance.event_log_storage.get_concurrency_info(WAREHOUSE_POOL)


def wait_for(condition, what: str, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.2)


def test_every_asset_writes_through_the_pool_of_one_slot(home):
    graph = defs.resolve_asset_graph()
    assert {k: graph.get(k).pools for k in graph.get_all_asset_keys()} == {
        k: {WAREHOUSE_POOL} for k in graph.get_all_asset_keys()
    }
    with dg.DagsterInstance.from_config(str(home)) as instance:
        config = instance.event_log_storage.get_pool_config()
        assert config.default_pool_limit == 1 and config.pool_granularity.value == "op"


def test_a_second_writer_waits_for_the_first(home, tmp_path, monkeypatch):
    db = tmp_path / "flopbase.duckdb"
    monkeypatch.setenv("FLOPBASE_DB", str(db))
    holder = start_holder(home)
    outcome: dict[str, object] = {}
    try:
        with dg.DagsterInstance.from_config(str(home)) as instance:
            assert slots(instance).active_slot_count == 1

            def second() -> None:
                job = defs.resolve_job_def("build_all")
                outcome["result"] = job.execute_in_process(
                    instance=instance, asset_selection=[DICTIONARY], raise_on_error=False
                )

            writer = threading.Thread(target=second)
            writer.start()
            wait_for(lambda: slots(instance).pending_step_count == 1, "the second writer to queue")
            assert writer.is_alive()
            assert missing_relations(["meta.data_dictionary"], path=str(db))  # nothing written

            holder.stdin.close()  # the first writer finishes and gives its slot back
            assert holder.wait(timeout=120) == 0
            writer.join(timeout=300)
            assert not writer.is_alive()
            assert outcome["result"].success
            assert not missing_relations(["meta.data_dictionary"], path=str(db))
            assert slots(instance).active_slot_count == 0
    finally:
        holder.kill()
        holder.wait()


def test_a_writer_killed_holding_the_slot_gives_it_back_when_marked_failed(home):
    holder = start_holder(home)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with dg.DagsterInstance.from_config(str(home)) as instance:
        [dead] = slots(instance).active_run_ids
        assert runs.mark_dead_runs(instance) == [dead]
        assert slots(instance).active_slot_count == 0  # the next writer can take it
