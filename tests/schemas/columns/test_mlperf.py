"""schemas/columns/mlperf.py: the MLPerf columns accept every system of the bundled results
repositories as conformed, and reject a round without its 'v', an unnormalised division or
availability and a time to train beyond 30 days; times and costs declare units."""

import polars as pl
import pytest

from schemas.columns.declare import unit_of
from schemas.columns.mlperf import MLPERF_COLUMNS
from sources import mlperf_conform, registry
from tests.schemas._schemas_testkit import failures


@pytest.fixture(scope="module")
def systems(bundled_store) -> pl.DataFrame:
    return mlperf_conform.to_systems(registry.parsed(bundled_store.latest("mlperf")).entries)


def test_real_systems_pass(systems):
    assert systems.height > 1000
    assert {"round", "round_published_on", "division", "availability", "accelerator_chips"} <= set(
        systems.columns
    )
    assert failures(MLPERF_COLUMNS, systems) == []


def test_unnormalised_values_are_rejected(systems):
    # Fault injection: values as upstream may write them, before normalisation.
    broken = systems.head(1).with_columns(
        round=pl.lit("5.1"), division=pl.lit("Closed"), availability=pl.lit("on-premise")
    )
    assert failures(MLPERF_COLUMNS, broken) == [
        ("availability", "isin(['available', 'preview', 'research'])", "on-premise"),
        ("division", "isin(['closed', 'open'])", "Closed"),
        ("round", "str_matches('^v\\d+\\.\\d+$')", "5.1"),
    ]
    month = pl.DataFrame({"time_to_train_s": [31 * 86400.0]})  # fault: beyond the 30-day bound
    assert [c[:2] for c in failures(MLPERF_COLUMNS, month)] == [
        ("time_to_train_s", "less_than(2592000)")
    ]


def test_times_and_costs_declare_units():
    units = {n: unit_of(c) for n, c in MLPERF_COLUMNS.items() if unit_of(c)}
    assert {n for n, u in units.items() if u == "s"} == {
        "time_to_train_s",
        "score_s",
        "accelerator_time_s",
        "time_to_quality_s",
    }
    assert units["cost_to_train_usd"] == "USD"
