"""One full build of the warehouse from the bundled snapshots, shared by the e2e tests."""

import pytest

from pipelines.cloud_prices import every_month
from pipelines.definitions import defs

QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def build(**kwargs):
    """Run `build_all` over every partition (what `flopbase build` does), in this process."""
    return defs.resolve_job_def("build_all").execute_in_process(
        run_config=QUIET, tags=every_month(), **kwargs
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """(warehouse path, run result) of one full build into a temporary file."""
    path = tmp_path_factory.mktemp("e2e") / "flopbase.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FLOPBASE_DB", str(path))
        result = build()
    assert result.success, failures(result)
    return path, result


def failures(result) -> str:
    """The errors of a run's failed steps, for assertion messages."""
    return "\n".join(
        e.event_specific_data.error.to_string() for e in result.all_events if e.is_step_failure
    )
