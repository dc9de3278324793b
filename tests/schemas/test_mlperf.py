"""schemas/mlperf.py: the MLPerf Training tables are keyed by system, result and system with
benchmark, leave hardware_id null where no alias resolves a chip, trace every core row to its
upstream record, and take the cost tables into MLPERF_TABLES."""

from schemas.mlperf import MLPERF_RESULT, MLPERF_SCORE, MLPERF_SYSTEM, MLPERF_TABLES
from schemas.mlperf_cost import MLPERF_COST_TABLES


def test_keys_and_the_table_list():
    assert MLPERF_SYSTEM.key == ("system_id",)
    assert MLPERF_RESULT.key == ("result_id",)
    assert MLPERF_SCORE.key == ("system_id", "benchmark")
    assert (MLPERF_SYSTEM, MLPERF_RESULT, MLPERF_SCORE, *MLPERF_COST_TABLES) == MLPERF_TABLES


def test_chips_may_be_unresolved_and_core_rows_are_traced():
    for table in (MLPERF_SYSTEM, MLPERF_RESULT, MLPERF_SCORE):
        assert table.columns["hardware_id"].nullable, table
        assert not table.columns["round"].nullable, table
    for table in (MLPERF_SYSTEM, MLPERF_RESULT):
        assert table.column_names[-3:] == ["source", "sha256", "row_number"], table
    assert MLPERF_RESULT.unit("time_to_train_s") == MLPERF_SCORE.unit("score_s") == "s"
