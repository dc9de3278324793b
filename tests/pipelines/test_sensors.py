"""The run-failure sensor, evaluated on a run that really failed: it names the job, the failed
asset and its error, points to the run's page in the UI, and leaves a JSON line behind."""

import json

import dagster as dg
import pytest

from pipelines import automation, sensors
from pipelines.definitions import defs as project_defs


@dg.asset(key=["core", "fine"])
def fine() -> int:
    return 1


@dg.asset(key=["core", "broken"], deps=[fine])
def broken() -> None:
    raise ValueError("core.broken: column price_usd is missing\nsecond line of detail")


@dg.asset(key=["core", "after_broken"], deps=[broken])
def after_broken() -> None:
    pass


FAILING = dg.Definitions(
    assets=[fine, broken, after_broken],
    jobs=[dg.define_asset_job("build_all", selection=dg.AssetSelection.all())],
)


@pytest.fixture()
def failed(tmp_path):
    """(instance, run result) of a build whose middle asset raises."""
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        result = FAILING.resolve_job_def("build_all").execute_in_process(
            instance=instance, raise_on_error=False
        )
        assert not result.success
        yield instance, result


def evaluate(instance, result, monkeypatch, url=None):
    # the sensor also writes meta.run_failure: into a warehouse of the test's own
    monkeypatch.setenv("FLOPBASE_DB", f"{instance.root_directory}/flopbase.duckdb")
    if url:
        monkeypatch.setenv("FLOPBASE_UI_URL", url)
    else:
        monkeypatch.delenv("FLOPBASE_UI_URL", raising=False)
    context = dg.build_run_status_sensor_context(
        sensor_name="report_run_failure",
        dagster_instance=instance,
        dagster_run=result.dagster_run,
        dagster_event=result.get_run_failure_event(),
    ).for_run_failure()
    automation.report_run_failure(context)
    return context


def test_the_report_names_job_asset_error_and_where_to_look(failed, monkeypatch):
    instance, result = failed
    run_id = result.run_id
    evaluate(instance, result, monkeypatch)
    (line,) = sensors.failure_log(instance).read_text().splitlines()
    report = json.loads(line)
    assert report["run_id"] == run_id
    assert report["job"] == "build_all"
    assert report["steps"] == [
        {
            "step": "core__broken",
            "assets": ["core/broken"],
            "error": "ValueError: core.broken: column price_usd is missing",
        }
    ]
    assert report["url"] == f"http://127.0.0.1:3000/runs/{run_id}"
    message = report["message"].splitlines()
    assert message[0] == f"flopbase: run {run_id} of job build_all failed."
    assert message[1] == (
        "  failed: core/broken (step core__broken): "
        "ValueError: core.broken: column price_usd is missing"
    )
    assert (
        message[2]
        == f"  Look at http://127.0.0.1:3000/runs/{run_id} for the step's log and the full error."
    )
    assert "keep their previous rows" in message[3]
    # truthful about the rest of the run: the step before the failure did write its table
    assert report["written"] == ["core/fine"]
    assert message[4] == "  Written by this run: 1 assets (core/fine) hold its new data."
    assert "second line of detail" not in report["message"]


def test_each_failure_appends_a_line_and_the_ui_address_can_be_moved(failed, monkeypatch):
    instance, result = failed
    evaluate(instance, result, monkeypatch)
    evaluate(instance, result, monkeypatch, url="http://127.0.0.1:3333/")
    lines = sensors.failure_log(instance).read_text().splitlines()
    assert [json.loads(x)["url"] for x in lines] == [
        f"http://127.0.0.1:3000/runs/{result.run_id}",
        f"http://127.0.0.1:3333/runs/{result.run_id}",
    ]


def test_a_run_that_fails_before_any_step_is_reported_with_its_own_error(tmp_path, monkeypatch):
    """A run whose failure is not a step's (here: the run is marked failed from outside)."""
    monkeypatch.setenv("FLOPBASE_DB", str(tmp_path / "flopbase.duckdb"))
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        run = instance.create_run_for_job(
            FAILING.resolve_job_def("build_all"), run_id="0" * 8 + "-0000-0000-0000-" + "0" * 12
        )
        instance.report_run_failed(run, message="Run timed out after 3600 seconds\nmore")
        event = (
            instance.get_records_for_run(run.run_id, of_type=dg.DagsterEventType.RUN_FAILURE)
            .records[0]
            .event_log_entry.dagster_event
        )
        context = dg.build_run_status_sensor_context(
            sensor_name="report_run_failure",
            dagster_instance=instance,
            dagster_run=instance.get_run_by_id(run.run_id),
            dagster_event=event,
        ).for_run_failure()
        automation.report_run_failure(context)
        report = json.loads(sensors.failure_log(instance).read_text())
    assert report["steps"] == []
    assert report["error"] == "Run timed out after 3600 seconds"
    assert report["message"].splitlines()[1] == (
        "  no step failed; the run itself: Run timed out after 3600 seconds"
    )


def test_the_sensor_is_on_by_default_and_watches_the_project():
    sensor = project_defs.resolve_sensor_def("report_run_failure")
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
