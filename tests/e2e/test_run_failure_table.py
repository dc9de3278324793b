"""A real failed run recorded in the warehouse (pipelines/sensors.py, issue #24): the
project's own job over a snapshot store whose DAWNBench file was edited after it landed
(fault injection: the bundled version, one file changed), the report_run_failure sensor
evaluated on that run, and meta.run_failure holding the run, its step, assets and reason."""

import shutil

import dagster as dg
import duckdb

from pipelines import automation
from pipelines.definitions import defs
from schemas.runs import RUN_FAILURE
from tests.conftest import REPO

DAWNBENCH = dg.AssetSelection.groups("dawnbench")


def test_a_failed_run_lands_in_meta_run_failure_with_its_reason(built, tmp_path, monkeypatch):
    db = tmp_path / "flopbase.duckdb"
    shutil.copyfile(built[0], db)
    store = tmp_path / "snapshots"
    shutil.copytree(REPO / "data" / "snapshots" / "dawnbench", store / "dawnbench")
    (version,) = (store / "dawnbench").glob("20*")
    edited = next((version / "ImageNet").rglob("*.tsv"))
    edited.write_text(edited.read_text() + "tampered\trow\n")  # synthetic: the injected fault
    monkeypatch.setenv("FLOPBASE_DB", str(db))
    monkeypatch.setenv("FLOPBASE_SNAPSHOTS", str(store))
    monkeypatch.delenv("FLOPBASE_UI_URL", raising=False)
    keys = DAWNBENCH.resolve(defs.resolve_asset_graph())
    job = defs.resolve_job_def("build_all").get_subset(asset_selection=keys)
    (tmp_path / "dagster").mkdir()
    with dg.instance_for_test(temp_dir=str(tmp_path / "dagster")) as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False)
        assert not result.success
        context = dg.build_run_status_sensor_context(
            sensor_name="report_run_failure",
            dagster_instance=instance,
            dagster_run=result.dagster_run,
            dagster_event=result.get_run_failure_event(),
        ).for_run_failure()
        automation.report_run_failure(context)
        automation.report_run_failure(context)  # seen twice: recorded once
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT run_id, job, step, assets, error, url FROM meta.run_failure"
        ).fetchall()
        described = con.execute(
            "SELECT count(*) FROM meta.data_dictionary WHERE table_name = 'meta.run_failure'"
        ).fetchone()[0]
    assert len(rows) == 1
    run_id, job_name, step, assets, error, url = rows[0]
    assert (run_id, job_name) == (result.run_id, "build_all")
    assert step == "dawnbench_entries"
    assert assets == "core/dawnbench_curve,core/dawnbench_entry"
    assert "SnapshotTampered" in error and edited.name in error
    assert url == f"http://127.0.0.1:3000/runs/{result.run_id}"
    assert described == len(RUN_FAILURE.column_names)  # the build's dictionary knows it
