"""schemas/mlperf_cost.py: the MLPerf cost, frontier and ImageNet series tables are keyed as
their rows are meant (system and benchmark; benchmark, measure and round; series and point),
carry costs in USD and prices per accelerator-hour, and reject an unknown frontier measure,
series or cost basis."""

import polars as pl

from schemas.mlperf_cost import IMAGENET_SERIES, MLPERF_COST, MLPERF_COST_TABLES, MLPERF_FRONTIER
from tests.schemas._schemas_testkit import failures


def test_keys_units_and_the_table_list():
    assert MLPERF_COST.key == ("system_id", "benchmark")
    assert MLPERF_FRONTIER.key == ("benchmark", "frontier_measure", "round")
    assert IMAGENET_SERIES.key == ("series_source", "point_id")
    assert MLPERF_COST_TABLES == (MLPERF_COST, MLPERF_FRONTIER, IMAGENET_SERIES)
    assert MLPERF_COST.unit("robust_usd_per_accelerator_hour") == "USD/(accelerator*h)"
    for table in MLPERF_COST_TABLES:
        assert table.unit("cost_to_train_usd") == "USD", table
        assert table.columns["hardware_id"].nullable, table
    assert IMAGENET_SERIES.columns["round"].nullable  # DAWNBench points have no round


def test_unknown_measures_series_and_bases_are_rejected():
    # Fault injection: values none of the cost analyses write.
    frame = pl.DataFrame(
        {"frontier_measure": ["energy"], "series_source": ["mlperf_inference"]}
        | {"cost_basis": ["list_price"]}
    )
    columns = MLPERF_FRONTIER.columns | IMAGENET_SERIES.columns
    assert failures(columns, frame) == [
        ("cost_basis", "isin(['submitter_stated_price', 'robust_cloud_price'])", "list_price"),
        ("frontier_measure", "isin(['time', 'cost', 'accelerator_time'])", "energy"),
        ("series_source", "isin(['dawnbench', 'mlperf'])", "mlperf_inference"),
    ]
