"""The record of failed runs: written by the run-failure sensor (pipelines/sensors.py), so a
failure and its reason stay queryable beside the data it failed to refresh."""

import polars as pl

from schemas.columns.declare import UTC_TIMESTAMP, column
from schemas.table import Table

# `step` of a run that failed outside any step (a resource, the run worker, a kill)
RUN_ITSELF = "(run)"

RUN_FAILURE = Table(
    "meta",
    "run_failure",
    "Every failed Dagster run seen by the report_run_failure sensor: one row per failed step "
    "(or one for the run itself), with the first line of its error.",
    {
        "run_id": column(pl.String, "Dagster run that failed.", nullable=False),
        "job": column(pl.String, "The run's job.", nullable=False),
        "step": column(
            pl.String,
            f"Key of the step that failed; {RUN_ITSELF} when the run failed outside any step.",
            nullable=False,
        ),
        "assets": column(
            pl.String, "Assets the step was to materialise, comma-separated (may be empty)."
        ),
        "error": column(pl.String, "First line of the error.", nullable=False),
        "failed_at": column(UTC_TIMESTAMP, "When the failure was recorded.", nullable=False),
        "url": column(pl.String, "The run's page in the Dagster UI.", nullable=False),
    },
    key=("run_id", "step"),
)
