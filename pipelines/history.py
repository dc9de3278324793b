"""What was known when: the point-in-time macros (warehouse/as_of.sql) installed in the
warehouse, the followed headline trends fitted as of each date a new upstream version arrived
and as of yearly cut-offs (analysis.trend_history), and their 1- and 2-year extrapolations
against what was later observed (analysis.trend_backtest), with a plot of the doubling time
as it was estimated over time."""

from datetime import date

import dagster as dg
import polars as pl

from analyses.backtest import backtest_rows
from analyses.history_plots import doubling_history_png
from analyses.trend_estimates import published_trends
from analyses.trend_history import (
    Vintage,
    cutoff_vintages,
    fit_vintages,
    followed,
    history_rows,
    known_by,
    quarterly,
)
from analyses.trend_inputs_cloud import cloud_price_performance_inputs
from analyses.trend_inputs_models import compute_inputs
from pipelines import fit_store
from pipelines.plots import Plots
from pipelines.resources import WarehouseResource
from pipelines.tables import publish_table, tables_asset
from schemas.history import HISTORY_TABLES, TREND_BACKTEST, TREND_HISTORY
from sources import curated
from warehouse.as_of import install_macros

GROUP = "history"
FIRST_CUTOFF_YEAR = 2013
DEPS = [
    dg.AssetKey(["core", "model_record"]),
    dg.AssetKey(["core", "model"]),
    dg.AssetKey(["core", "hardware"]),
    dg.AssetKey(["core", "cloud_price"]),
    dg.AssetKey(["analysis", "price_performance"]),
]


def _versions_label(warehouse: WarehouseResource, on: date, read: str) -> str:
    """ "source/version,..." of the newest versions by `on` (named read `read`)."""
    return ",".join(warehouse.named(read, [on])["label"].to_list())


def model_vintages(warehouse: WarehouseResource) -> list[Vintage]:
    """Training compute as of each Epoch version's date, from core.model_as_of."""
    dates = warehouse.named("model_version_dates")["version_on"].to_list()
    return [
        Vintage(
            on,
            "versions",
            _versions_label(warehouse, on, "model_version_labels_as_of"),
            followed(compute_inputs(warehouse.named("model_trend_fields_as_of", [on]))),
        )
        for on in dates
    ]


def price_vintages(warehouse: WarehouseResource) -> list[Vintage]:
    """Cloud $/PFLOP/s-day as of the newest price version of each quarter: the cheapest rows
    of analysis.price_performance whose quote came from a version published by then (chip
    specs as today: every spec source has one stored version)."""
    rows = warehouse.named("cloud_price_performance_with_version_dates")
    return [
        Vintage(
            on,
            "versions",
            _versions_label(warehouse, on, "cloud_price_version_labels_as_of"),
            followed(cloud_price_performance_inputs(known_by(rows, on, "priced_on"))),
        )
        for on in quarterly(rows["version_on"].unique().to_list())
    ]


@tables_asset(HISTORY_TABLES, DEPS, group=GROUP)
def trend_history(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Installs the point-in-time macros, fits the followed trends as of every version date
    and yearly cut-off, and backtests each fit 1 and 2 years ahead."""
    made = install_macros(warehouse.location())
    models = warehouse.named("model_trend_fields")
    prices = warehouse.named("cloud_price_performance")
    latest = followed(compute_inputs(models) + cloud_price_performance_inputs(prices))
    last = max(i.data["date"].max() for i in latest if i.data.height)
    cutoffs = [date(y, 1, 1) for y in range(FIRST_CUTOFF_YEAR, last.year + 1)]
    vintages = [
        *model_vintages(warehouse),
        *price_vintages(warehouse),
        *cutoff_vintages(latest, cutoffs, "today's data"),
    ]
    dated = fit_vintages(vintages, memo=fit_store.configured())
    history = history_rows(dated, published_trends(curated.load("published_trends")))
    backtest = backtest_rows(dated, {(i.metric, i.subset): i for i in latest})
    checked = backtest.filter(pl.col("is_inside").is_not_null())
    context.log.info(
        f"{len(made)} macros; {history.height} fits over {len(vintages)} vintages; "
        f"{checked.height} backtests observable, {checked['is_inside'].sum()} inside"
    )
    drawn = Plots(context, dg.AssetKey(list(TREND_HISTORY.qualified_name.split("."))))
    plots = {
        "plot_doubling_history": drawn.png(
            "plot_doubling_history", "Doubling time as estimated", doubling_history_png, history
        ),
        **drawn.metadata(),
    }
    yield publish_table(
        context, warehouse, TREND_HISTORY, history, extra={"macros": ", ".join(made), **plots}
    )
    yield publish_table(
        context,
        warehouse,
        TREND_BACKTEST,
        backtest,
        extra={"observable": checked.height, "inside": int(checked["is_inside"].sum() or 0)},
    )


assets = [trend_history]
