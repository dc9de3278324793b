"""pipelines.event_log.kept_engines: a run recorded through it stores the same events in the
same SQLite files, readable by any other instance on the folder, and leaves no write-ahead
log behind."""

import shutil

import dagster as dg
import pytest

from pipelines.event_log import kept_engines
from pipelines.runs import INSTANCE_CONFIG


@dg.asset
def upstream() -> int:
    return 1


@dg.asset(check_specs=[dg.AssetCheckSpec("positive", asset="downstream")])
def downstream(upstream: int) -> dg.MaterializeResult:
    return dg.MaterializeResult(
        metadata={"value": upstream + 1},
        check_results=[dg.AssetCheckResult(passed=upstream + 1 > 0)],
    )


@pytest.fixture
def home(tmp_path, monkeypatch):
    shutil.copy(INSTANCE_CONFIG, tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    return tmp_path


def event_types(instance: dg.DagsterInstance, run_id: str) -> list[str]:
    return sorted(
        e.dagster_event.event_type_value for e in instance.all_logs(run_id) if e.is_dagster_event
    )


def test_a_run_through_kept_engines_is_recorded_as_any_other(home):
    with dg.DagsterInstance.get() as instance:
        plain = dg.materialize([upstream, downstream], instance=instance)
        with kept_engines(instance) as applied:
            kept = dg.materialize([upstream, downstream], instance=instance)
            # a write's connection closed without checkpointing: the log is still there
            assert (home / "history" / "runs" / "index.db-wal").exists()
        assert applied
    assert not list(home.rglob("*-wal"))  # the last connection checkpointed on leaving
    with dg.DagsterInstance.get() as reader:  # another instance on the same folder
        assert event_types(reader, kept.run_id) == event_types(reader, plain.run_id)
        assert reader.get_run_by_id(kept.run_id).status == dg.DagsterRunStatus.SUCCESS
        latest = reader.get_latest_materialization_event(dg.AssetKey("downstream"))
        assert latest.run_id == kept.run_id
        assert latest.asset_materialization.metadata["value"].value == 2
        check = reader.get_latest_asset_check_evaluation_record(
            dg.AssetCheckKey(dg.AssetKey("downstream"), "positive")
        )
        assert check.run_id == kept.run_id
    # the storage's own method is back
    with dg.DagsterInstance.get() as instance:
        assert "_connect" not in vars(instance.event_log_storage)


def test_other_storages_are_left_alone():
    with dg.DagsterInstance.ephemeral() as instance, kept_engines(instance) as applied:
        assert not applied
        dg.materialize([upstream], instance=instance)
    with kept_engines(None) as applied:
        assert not applied
