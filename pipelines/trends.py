"""Trends: every required exponential trend fitted from the warehouse and appended to the history
in analysis.trend_estimate (beside the headline trends as fitted as of each upstream version's
date, from analysis.trend_history), the views of the newest estimates and of those with a published
counterpart, and the jobs, schedules and freshness policies that keep them (and the cloud
prices they rest on) current."""

from datetime import timedelta

import dagster as dg
import polars as pl

from analyses.trend_estimates import (
    Fitted,
    Skipped,
    append_history,
    conform,
    estimate_rows,
    fit_all,
    headline_table,
    published_trends,
    with_versions,
)
from analyses.trend_fit import DEFAULT_CI_LEVEL, DEFAULT_RESAMPLES
from analyses.trend_plots import trend_png
from pipelines import fit_store
from pipelines.checks import markdown_table
from pipelines.plots import Plots
from pipelines.resources import WarehouseResource
from pipelines.tables import publish_table, table_asset, today, view_asset
from pipelines.trend_inputs import columns_of, gather_inputs
from schemas.dawnbench import DAWNBENCH_ENTRY
from schemas.history import TREND_HISTORY
from schemas.mlperf_cost import IMAGENET_SERIES, MLPERF_COST
from schemas.trends import TREND_ESTIMATE, TREND_LATEST, TREND_VS_PUBLISHED
from sources import curated

GROUP = "trends"
# Fails when the newest materialisation is older than the weekly refresh plus a day's slack;
# Dagster's freshness daemon evaluates it (it supersedes freshness checks and their sensor).
FRESHNESS = dg.FreshnessPolicy.time_window(fail_window=timedelta(days=8))
MAX_LISTED = 50
# Optional inputs: the DAWNBench, MLPerf and history assets may be absent from a build; the
# trends then skip them.
UPSTREAM = [
    dg.AssetKey(["core", "model"]),
    dg.AssetKey(["core", "hardware"]),
    dg.AssetKey(["core", "cloud_price"]),
    dg.AssetKey(["core", "model_estimate"]),
    dg.AssetKey(["analysis", "price_performance"]),
    dg.AssetKey([DAWNBENCH_ENTRY.schema, DAWNBENCH_ENTRY.name]),
    dg.AssetKey([MLPERF_COST.schema, MLPERF_COST.name]),
    dg.AssetKey([IMAGENET_SERIES.schema, IMAGENET_SERIES.name]),
    dg.AssetKey([TREND_HISTORY.schema, TREND_HISTORY.name]),
]


class TrendConfig(dg.Config):
    """Run config of analysis/trend_estimate. Defaults: an OLS line, its 90% percentile
    bootstrap interval from 2,000 resamples (~100 beyond each tail), seed 0 (reproducible)."""

    ci_level: float = DEFAULT_CI_LEVEL
    resamples: int = DEFAULT_RESAMPLES
    seed: int = 0
    method: str = "ols"  # or "theil_sen" (robust to outliers; slower bootstrap)


def known_then(warehouse: WarehouseResource) -> tuple[pl.DataFrame, list[Skipped]]:
    """The followed trends as fitted from the upstream versions published by each past date
    (analysis.trend_history's basis 'versions' rows, as trend_estimate rows); none, with the
    reason, where the history is not in the warehouse."""
    if "versions" not in columns_of(warehouse, TREND_HISTORY.schema, TREND_HISTORY.name):
        reason = f"{TREND_HISTORY.qualified_name} is not in the warehouse (materialise it)"
        return TREND_ESTIMATE.empty(), [Skipped("followed trends", "as of versions", reason)]
    return TREND_ESTIMATE.select(warehouse.named("trend_history_versions")), []


def figures(fitted: list[Fitted], plots: Plots) -> dict[str, object]:
    """One PNG per figure name: the fitted subsets of one metric (one pricing for cloud)."""
    groups: dict[str, list[Fitted]] = {}
    for item in fitted:
        groups.setdefault(item.input.figure_name, []).append(item)
    figures = {
        f"plot_{name.replace(' ', '_')}": plots.png(
            f"plot_{name.replace(' ', '_')}", name, trend_png, group, f"Trend of {name}"
        )
        for name, group in groups.items()
    }
    return {**figures, **plots.metadata()}


def _skipped_listing(skipped: list[Skipped]) -> str:
    lines = [f"- {s.metric} [{s.subset}]: {s.reason}" for s in skipped[:MAX_LISTED]]
    return "\n".join(lines) or "none"


@table_asset(TREND_ESTIMATE, deps=UPSTREAM, group=GROUP, freshness_policy=FRESHNESS)
def analysis_trend_estimate(
    context: dg.AssetExecutionContext, config: TrendConfig, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Fits every required trend from the warehouse as it stands, dated today (UTC), and
    appends the estimates to the history (replacing a same-day run's), with plots; the
    followed trends as of each upstream version's date (analysis.trend_history) replace the
    stored ones."""
    as_of = today()
    inputs, skipped, note = gather_inputs(warehouse)
    fitted, too_few = fit_all(
        inputs,
        method=config.method,
        ci_level=config.ci_level,
        n_resamples=config.resamples,
        seed=config.seed,
        memo=fit_store.configured(),  # a rebuild over the same points reads its fits back
    )
    versions, missing = known_then(warehouse)
    skipped += too_few + missing
    for item in skipped:
        context.log.warning(f"trend skipped: {item.metric} [{item.subset}]: {item.reason}")
    rows = estimate_rows(fitted, as_of, published_trends(curated.load("published_trends")))
    history = (
        conform(warehouse.read(TREND_ESTIMATE))
        if columns_of(warehouse, TREND_ESTIMATE.schema, TREND_ESTIMATE.name)
        else TREND_ESTIMATE.empty()
    )
    table = with_versions(append_history(history, rows), versions)
    builds = table.filter(pl.col("basis") == "build")
    context.log.info(
        f"{rows.height} estimates as of {as_of} ({len(skipped)} skipped); the history holds "
        f"{builds.height} build rows over {builds['as_of'].n_unique()} dates and "
        f"{versions.height} rows as of upstream versions"
    )
    return publish_table(
        context,
        warehouse,
        TREND_ESTIMATE,
        table,
        extra={
            "as_of": as_of.isoformat(),
            "estimates": rows.height,
            "estimate_dates": builds["as_of"].n_unique(),
            "estimates_as_of_versions": versions.height,
            "headline": dg.MetadataValue.md(markdown_table(headline_table(fitted))),
            "skipped": len(skipped),
            "skipped_reasons": dg.MetadataValue.md(_skipped_listing(skipped)),
            **note,
            **config.model_dump(),
            **figures(fitted, Plots(context, context.asset_key)),
        },
    )


analysis_trend_latest = view_asset(
    TREND_LATEST, deps=[analysis_trend_estimate], group=GROUP, freshness_policy=FRESHNESS
)


analysis_trend_vs_published = view_asset(
    TREND_VS_PUBLISHED, deps=[analysis_trend_latest], group=GROUP, freshness_policy=FRESHNESS
)


TREND_ASSETS = [analysis_trend_estimate, analysis_trend_latest, analysis_trend_vs_published]

assets = TREND_ASSETS
