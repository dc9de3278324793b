"""What was known when (pipelines/history.py): one step writing analysis.trend_history and
analysis.trend_backtest after the model records, models, chips, cloud prices and
price-performance its fits read, in the `history` group and the warehouse pool with a blocking
schema check per table; yearly cut-offs from 2013, the first year of the price history."""

from pipelines import history
from pipelines.partitions import PARTITIONS
from schemas.history import HISTORY_TABLES, TREND_BACKTEST, TREND_HISTORY
from tests.pipelines._assets_testkit import checks, deps, groups, key_of, pools, schema_checks

UPSTREAM = {
    "core/model_record",
    "core/model",
    "core/hardware",
    "core/cloud_price",
    "analysis/price_performance",
}


def test_one_step_writes_the_history_and_the_backtest_after_what_the_fits_read():
    assert set(HISTORY_TABLES) == {TREND_HISTORY, TREND_BACKTEST}
    assert deps(history.assets) == {key_of(t): UPSTREAM for t in HISTORY_TABLES}
    assert len(history.assets) == 1
    assert groups(history.assets) == {"history"}
    assert pools(history.assets) == {"warehouse"}
    assert checks(history.assets) == schema_checks(*HISTORY_TABLES)


def test_the_yearly_cutoffs_start_with_the_price_history():
    assert history.FIRST_CUTOFF_YEAR == 2013 == int(PARTITIONS.get_first_partition_key())
