"""The views people query first (schemas/views.py, warehouse/views.sql): each recreated after
the tables it reads, with its blocking schema check, evaluated in the same step."""

import dagster as dg

from pipelines.tables import view_asset
from schemas.views import (
    ACCELERATOR_SPEC_SHEET,
    CHEAPEST_PFLOP_DAY_BY_MONTH,
    FRONTIER_MODEL,
    LATEST_CLOUD_PRICE,
    MLPERF_BENCHMARK_PROGRESS,
    TREND_SUMMARY,
)

GROUP = "views"


def _key(schema: str, name: str) -> dg.AssetKey:
    return dg.AssetKey([schema, name])


core_latest_cloud_price = view_asset(
    LATEST_CLOUD_PRICE, deps=[_key("core", "cloud_price")], group=GROUP
)
analysis_cheapest_pflop_day_by_month = view_asset(
    CHEAPEST_PFLOP_DAY_BY_MONTH, deps=[_key("analysis", "price_performance")], group=GROUP
)
core_frontier_model = view_asset(
    FRONTIER_MODEL, deps=[_key("core", "model"), _key("core", "hardware")], group=GROUP
)
analysis_trend_summary = view_asset(
    TREND_SUMMARY, deps=[_key("analysis", "trend_latest")], group=GROUP
)
core_accelerator_spec_sheet = view_asset(
    ACCELERATOR_SPEC_SHEET,
    deps=[_key("core", "hardware"), _key("core", "cloud_price")],
    group=GROUP,
)
analysis_mlperf_benchmark_progress = view_asset(
    MLPERF_BENCHMARK_PROGRESS,
    deps=[_key("analysis", "mlperf_frontier"), _key("analysis", "trend_summary")],
    group=GROUP,
)

assets = [
    core_latest_cloud_price,
    analysis_cheapest_pflop_day_by_month,
    core_frontier_model,
    analysis_trend_summary,
    core_accelerator_spec_sheet,
    analysis_mlperf_benchmark_progress,
]
