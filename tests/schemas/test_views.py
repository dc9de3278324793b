"""schemas/views.py: every view is described as a view of what it reads, takes the columns it
picks from its tables as the same declarations (so the same meaning, unit and checks), and
rejects what its own columns guard against (a cloud price over the per-hour bound)."""

import polars as pl

from schemas.efficiency_summary import EFFICIENCY_SUMMARY
from schemas.hardware import HARDWARE, PRICE_PERFORMANCE
from schemas.mlperf_progress import MLPERF_BENCHMARK_PROGRESS
from schemas.models import MODEL
from schemas.prices import CLOUD_PRICE
from schemas.trends import TREND_KEY, TREND_LATEST
from schemas.views import (
    ACCELERATOR_SPEC_SHEET,
    CHEAPEST_PFLOP_DAY_BY_MONTH,
    FRONTIER_MODEL,
    LATEST_CLOUD_PRICE,
    TREND_SUMMARY,
    VIEWS,
)
from tests.schemas._schemas_testkit import failures


def test_every_view_says_what_it_is_a_view_of():
    assert EFFICIENCY_SUMMARY in VIEWS and MLPERF_BENCHMARK_PROGRESS in VIEWS
    for view in VIEWS:
        assert view.description.startswith("View of"), view


def test_picked_columns_are_the_source_tables_declarations():
    picks = {
        FRONTIER_MODEL: (MODEL, ["model_id", "training_compute_flop", "is_top10_at_release"]),
        TREND_SUMMARY: (TREND_LATEST, [*TREND_KEY, "doubling_time_years", "gap_months"]),
        CHEAPEST_PFLOP_DAY_BY_MONTH: (PRICE_PERFORMANCE, ["precision", "usd_per_pflop_day"]),
        ACCELERATOR_SPEC_SHEET: (HARDWARE, ["sources", "fp16_tensor_flop_per_s", "is_family"]),
    }
    for view, (table, names) in picks.items():
        for name in names:
            assert view.columns[name] is table.columns[name], (view, name)
    assert TREND_SUMMARY.key == TREND_KEY and FRONTIER_MODEL.key == ("model_id",)


def test_latest_cloud_price_is_cloud_price_columns_with_chips_resolved():
    assert set(LATEST_CLOUD_PRICE.columns) <= set(CLOUD_PRICE.columns)
    assert not LATEST_CLOUD_PRICE.columns["hardware_id"].nullable  # resolved ones only
    assert CLOUD_PRICE.columns["hardware_id"].nullable


def test_a_spec_sheet_price_over_the_hourly_bound_is_rejected():
    frame = pl.DataFrame({"on_demand_usd_per_accelerator_hour": [240.0]})  # fault: per 8 GPUs
    assert failures(ACCELERATOR_SPEC_SHEET.columns, frame) == [
        ("on_demand_usd_per_accelerator_hour", "less_than(100)", "240.0")
    ]
    assert ACCELERATOR_SPEC_SHEET.unit("bf16_flop_per_s_per_usd") == "FLOP/s/USD"
