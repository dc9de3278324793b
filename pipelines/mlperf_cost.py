"""MLPerf Training in dollars and over time: the cost to train of every closed-division,
available result, each benchmark's frontier round by round, and the ImageNet series from
DAWNBench into MLPerf ResNet-50, with plots."""

import dagster as dg

from analyses.imagenet_series import series
from analyses.mlperf_cost import WINDOW_DAYS, cost_to_train
from analyses.mlperf_frontier import frontiers
from analyses.mlperf_plots import frontier_png, imagenet_png
from pipelines.plots import Plots
from pipelines.resources import WarehouseResource
from pipelines.tables import publish_table, tables_asset
from schemas.dawnbench import DAWNBENCH_CURVE, DAWNBENCH_ENTRY
from schemas.mlperf import MLPERF_RESULT, MLPERF_SCORE
from schemas.mlperf_cost import IMAGENET_SERIES, MLPERF_COST, MLPERF_FRONTIER

GROUP = "mlperf"
TABLES = (MLPERF_COST, MLPERF_FRONTIER, IMAGENET_SERIES)
UPSTREAM = [
    dg.AssetKey([t.schema, t.name])
    for t in (MLPERF_SCORE, MLPERF_RESULT, DAWNBENCH_ENTRY, DAWNBENCH_CURVE)
] + [dg.AssetKey(["core", "cloud_price"])]


@tables_asset(TABLES, UPSTREAM, group=GROUP)
def mlperf_cost(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Every closed-division, available MLPerf result priced at its chip's robust on-demand
    cloud price on the round's date (or why not), the frontiers per benchmark, and the ImageNet
    series (DAWNBench 2017-2020, MLPerf ResNet-50 2018 on), with a plot of each benchmark's
    frontier and one of the series."""
    costs = cost_to_train(
        warehouse.read(MLPERF_SCORE), warehouse.named("cloud_price_per_accelerator")
    )
    records = frontiers(costs)
    points = series(
        warehouse.read(
            DAWNBENCH_ENTRY,
            ("entry_id", "task", "kind", "submitted_on", "hardware_id", "accelerator_count")
            + ("time_to_target_s", "cost_usd", "target_metric", "target_value"),
        ),
        warehouse.read(DAWNBENCH_CURVE, ("entry_id", "top1_accuracy", "is_first_at_target")),
        costs,
        warehouse.read(
            MLPERF_RESULT, ("system_id", "benchmark", "is_success", "eval_accuracy", "eval_target")
        ),
    )
    drawn = Plots(context, dg.AssetKey([IMAGENET_SERIES.schema, IMAGENET_SERIES.name]))
    plots = {
        "plot": drawn.png("plot", "ImageNet: time and cost to train", imagenet_png, points),
        **drawn.metadata(),
    }
    priced = costs["cost_to_train_usd"].is_not_null()
    summary = {
        "results": costs.height,
        "priced": int(priced.sum()),
        "unpriced": int((~priced).sum()),
        "price_window_days": WINDOW_DAYS,
    }
    yield publish_table(context, warehouse, MLPERF_COST, MLPERF_COST.select(costs), extra=summary)
    drawn_frontier = Plots(context, dg.AssetKey([MLPERF_FRONTIER.schema, MLPERF_FRONTIER.name]))
    frontier_plots = {
        "plot": drawn_frontier.png(
            "plot", "MLPerf frontiers: time and cost per benchmark", frontier_png, records
        ),
        **drawn_frontier.metadata(),
    }
    yield publish_table(
        context, warehouse, MLPERF_FRONTIER, MLPERF_FRONTIER.select(records), extra=frontier_plots
    )
    yield publish_table(
        context, warehouse, IMAGENET_SERIES, IMAGENET_SERIES.select(points), extra=plots
    )


assets = [mlperf_cost]
