"""MLPerf Training in dollars and over time (pipelines/mlperf_cost.py): one step writing
analysis.mlperf_cost, analysis.mlperf_frontier and analysis.imagenet_series after the MLPerf
scores and runs, the DAWNBench entries and curves and the cloud prices, in the `mlperf` group
and the warehouse pool with a blocking schema check per table."""

from pipelines import mlperf_cost
from schemas.mlperf_cost import IMAGENET_SERIES, MLPERF_COST, MLPERF_FRONTIER
from tests.pipelines._assets_testkit import checks, deps, groups, key_of, pools, schema_checks

UPSTREAM = {
    "analysis/mlperf_score",
    "core/mlperf_result",
    "core/dawnbench_entry",
    "core/dawnbench_curve",
    "core/cloud_price",
}


def test_one_step_writes_costs_frontiers_and_the_imagenet_series():
    assert mlperf_cost.TABLES == (MLPERF_COST, MLPERF_FRONTIER, IMAGENET_SERIES)
    assert {k.to_user_string() for k in mlperf_cost.UPSTREAM} == UPSTREAM
    assert deps(mlperf_cost.assets) == {key_of(t): UPSTREAM for t in mlperf_cost.TABLES}
    assert len(mlperf_cost.assets) == 1
    assert groups(mlperf_cost.assets) == {"mlperf"}
    assert pools(mlperf_cost.assets) == {"warehouse"}
    assert checks(mlperf_cost.assets) == schema_checks(*mlperf_cost.TABLES)
