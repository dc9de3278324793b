"""The MLPerf Training asset (pipelines/mlperf.py): one step writing core.mlperf_system,
core.mlperf_result and analysis.mlperf_score from the raw MLPerf snapshot and the hardware
aliases, in the `mlperf` group and the warehouse pool, with a blocking schema check per table
and the blocking check that every run read is loaded or quarantined."""

from pipelines import mlperf
from schemas.mlperf import MLPERF_RESULT, MLPERF_SCORE, MLPERF_SYSTEM
from tests.pipelines._assets_testkit import checks, deps, groups, key_of, pools, schema_checks


def test_one_step_writes_the_three_mlperf_tables_from_the_snapshot_and_the_aliases():
    assert mlperf.TABLES == (MLPERF_SYSTEM, MLPERF_RESULT, MLPERF_SCORE)
    upstream = {"raw/mlperf", "core/hardware_alias"}
    assert deps(mlperf.assets) == {key_of(t): upstream for t in mlperf.TABLES}
    assert len(mlperf.assets) == 1
    assert groups(mlperf.assets) == {"mlperf"}
    assert pools(mlperf.assets) == {"warehouse"}


def test_every_run_read_is_accounted_for_and_every_table_matches_its_schema():
    assert checks(mlperf.assets) == {
        **schema_checks(*mlperf.TABLES),
        "core/mlperf_result:rows_accounted_for_mlperf": True,
    }
