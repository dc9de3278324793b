"""Price-performance: peak throughput per dollar at launch price and at each day's cheapest
observed purchase price, and dollars per PFLOP/s-day at the cheapest non-suspect cloud price
of each day, with the robust figure over providers."""

import dagster as dg
import polars as pl

from analyses.plots import cloud_price_performance_png, price_performance_png
from analyses.price_performance import at_cloud_prices, at_launch_price, at_purchase_prices
from pipelines.plots import Plots
from pipelines.resources import WarehouseResource
from pipelines.tables import asset_key, publish_table, table_asset
from schemas import HARDWARE, HARDWARE_PRICE, PRICE_PERFORMANCE


class PricePerformanceConfig(dg.Config):
    """Run config of analysis/price_performance."""

    utilisation: float = 1.0  # share of peak achieved; 1.0 labels the figures as at peak


@table_asset(
    PRICE_PERFORMANCE,
    deps=[asset_key(HARDWARE), dg.AssetKey(["core", "cloud_price"]), asset_key(HARDWARE_PRICE)],
    group="price_performance",
)
def analysis_price_performance(
    context: dg.AssetExecutionContext,
    config: PricePerformanceConfig,
    warehouse: WarehouseResource,
) -> dg.MaterializeResult:
    """Launch-price rows per chip and precision; purchase rows per date, chip and precision;
    cloud rows per date, chip, precision and pricing model (the day's cheapest non-suspect
    price per accelerator-hour and the robust figure over providers), with plots."""
    hardware = warehouse.read(HARDWARE)
    cloud = warehouse.named("cloud_price_per_accelerator")
    rows = pl.concat(
        [
            at_launch_price(hardware),
            at_purchase_prices(warehouse.read(HARDWARE_PRICE), hardware),
            at_cloud_prices(cloud, hardware, config.utilisation),
        ]
    )
    context.log.info(f"price-performance at utilisation {config.utilisation}: {rows.height} rows")
    drawn = Plots(context, context.asset_key)
    plots = {
        "plot": drawn.png("plot", "FLOP/s per USD at launch price", price_performance_png, rows),
        "cloud_plot": drawn.png(
            "cloud_plot", "USD per PFLOP/s-day in the cloud", cloud_price_performance_png, rows
        ),
        **drawn.metadata(),
    }
    return publish_table(
        context,
        warehouse,
        PRICE_PERFORMANCE,
        rows,
        extra={**plots, "utilisation": config.utilisation},
    )


assets = [analysis_price_performance]
