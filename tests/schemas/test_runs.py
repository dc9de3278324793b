"""schemas/runs.py: meta.run_failure keys a failure by run and step, names the placeholder step
of a run that failed outside any step, requires the error and when it was recorded (UTC), and
rejects a row missing them."""

import polars as pl

from schemas.runs import RUN_FAILURE, RUN_ITSELF
from tests.schemas._schemas_testkit import failures


def test_key_and_required_columns():
    assert RUN_FAILURE.qualified_name == "meta.run_failure"
    assert RUN_FAILURE.key == ("run_id", "step")
    required = [n for n, c in RUN_FAILURE.columns.items() if not c.nullable]
    assert required == ["run_id", "job", "step", "error", "failed_at", "url"]
    assert RUN_FAILURE.columns["failed_at"].dtype.type == pl.Datetime("us", "UTC")
    assert RUN_ITSELF in RUN_FAILURE.columns["step"].description


def test_a_failure_without_its_error_is_rejected():
    # Fault injection: a failure recorded without the error line.
    row = pl.DataFrame(
        {"step": [RUN_ITSELF], "error": [None]}, schema_overrides={"error": pl.String}
    )
    assert failures(RUN_FAILURE.columns, row) == [("error", "not_nullable", None)]
