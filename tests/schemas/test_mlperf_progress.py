"""schemas/mlperf_progress.py: analysis.mlperf_benchmark_progress has one row per benchmark,
always states the time figures (first, best, times faster) and may lack the cost ones, and
rejects a times-faster factor below 1 and a non-positive best time."""

import polars as pl

from schemas.mlperf_progress import MLPERF_BENCHMARK_PROGRESS as PROGRESS
from tests.schemas._schemas_testkit import failures


def test_key_units_and_nullability():
    assert PROGRESS.qualified_name == "analysis.mlperf_benchmark_progress"
    assert PROGRESS.key == ("benchmark",)
    for name in ("first_best_time_s", "best_time_s", "times_faster", "latest_round_on"):
        assert not PROGRESS.columns[name].nullable, name
    for name in ("best_cost_usd", "times_cheaper", "cost_rounds", "time_trend"):
        assert PROGRESS.columns[name].nullable, name
    assert (PROGRESS.unit("best_time_s"), PROGRESS.unit("best_cost_usd")) == ("s", "USD")
    assert PROGRESS.columns["first_round_on"].dtype.type == pl.Date


def test_a_slowdown_factor_and_a_zero_time_are_rejected():
    # Fault injection: 0.5 times faster (the frontier never gets slower), a best time of 0 s.
    frame = pl.DataFrame({"times_faster": [0.5], "best_time_s": [0.0]})
    assert [c[:2] for c in failures(PROGRESS.columns, frame)] == [
        ("best_time_s", "greater_than(0)"),
        ("times_faster", "greater_than_or_equal_to(1)"),
    ]
