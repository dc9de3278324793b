"""One full build of the warehouse from the bundled snapshots, shared by the e2e tests."""

import shutil
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

import warehouse
from pipelines.definitions import defs
from pipelines.partitions import every_partition
from tests.conftest import REPO

QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def build(**kwargs):
    """Run `build_all` over every partition (what `flopbase build` does), in this process."""
    return defs.resolve_job_def("build_all").execute_in_process(
        run_config=QUIET, tags=every_partition(), **kwargs
    )


@pytest.fixture(scope="session")
def dagster_home(tmp_path_factory) -> Path:
    """A Dagster instance folder (config/dagster.yaml) holding the session build's run, so a
    webserver started on it shows materialisations and checks (tests/e2e/test_browser.py)."""
    home = tmp_path_factory.mktemp("dagster_home")
    shutil.copy(REPO / "config" / "dagster.yaml", home / "dagster.yaml")
    return home


@pytest.fixture(scope="session")
def built(tmp_path_factory, dagster_home):
    """(warehouse path, run result) of one full build into a temporary file, recorded in the
    `dagster_home` instance."""
    path = tmp_path_factory.mktemp("e2e") / "flopbase.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FLOPBASE_DB", str(path))
        with dg.DagsterInstance.local_temp(str(dagster_home)) as instance:
            result = build(instance=instance)
    assert result.success, failures(result)
    return path, result


def failures(result) -> str:
    """The errors of a run's failed steps, for assertion messages."""
    return "\n".join(
        e.event_specific_data.error.to_string() for e in result.all_events if e.is_step_failure
    )


@pytest.fixture(scope="session")
def db(built) -> Path:
    """The session build's warehouse file."""
    return built[0]


def q(db: Path, sql: str, params=()) -> pl.DataFrame:
    """One read of the session build's warehouse, with bound parameters."""
    return warehouse.query(sql, list(params), path=db)
