"""The shape of a trend input: subset and source names, and inputs of empty tables, on small excerpts of the real warehouse tables (values as the
2026-11-23 build states them, a few rows each; tick counts shortened where noted)."""

from datetime import date

import polars as pl
import pytest

from analyses.trend_input import source_names, subset_name
from analyses.trend_inputs_cloud import cloud_price_performance_inputs
from analyses.trend_inputs_hardware import launch_price_inputs, ml_hardware_inputs
from analyses.trend_inputs_models import compute_inputs, training_cost_inputs
from tests.analyses._trend_inputs_testkit import HARDWARE, MODELS, PRICE_PERFORMANCE


def test_subset_names():
    assert subset_name("notable") == "notable"
    assert subset_name("notable", start=date(2010, 1, 1)) == "notable 2010-01-01.."
    assert subset_name("notable", end=date(2009, 12, 31)) == "notable ..2009-12-31"
    assert (
        subset_name("notable", start=date(2010, 1, 1), frontier_k=10)
        == "notable top10 2010-01-01.."
    )


def test_source_names_of_versions():
    frame = pl.DataFrame({"v": ["epoch_models/2026-03-30-c72c,epoch_notable_models/1", None]})
    assert frame.select(source_names(pl.col("v"))).to_series().to_list() == [
        "epoch_models,epoch_notable_models",
        None,
    ]


@pytest.mark.parametrize(
    "build",
    [
        lambda: compute_inputs(MODELS.clear()),
        lambda: training_cost_inputs(MODELS.clear()),
        lambda: launch_price_inputs(PRICE_PERFORMANCE.clear(), HARDWARE.clear()),
        lambda: ml_hardware_inputs(HARDWARE.clear()),
        lambda: cloud_price_performance_inputs(PRICE_PERFORMANCE.clear()),
    ],
)
def test_empty_tables_give_inputs_without_points(build):
    """An empty table still names its estimates, which the fit then skips with a reason."""
    for item in build():
        assert item.data.height == 0
        assert item.data.select("date", "value").schema == pl.Schema(
            {"date": pl.Date, "value": pl.Float64}
        )
