"""DAWNBench: every submission with its time (or latency) and cost at the quality target, the
training curves, and the progress factors with a plot of the frontier."""

import dagster as dg
import polars as pl

from analyses.cloud_prices import instance_catalogue
from analyses.dawnbench_leaderboard import (
    closest_list_prices,
    conform_entries,
    mark_first_at_target,
    time_to_target,
)
from analyses.dawnbench_progress import frontier, progress
from analyses.plots import dawnbench_png
from pipelines.checks import rows_accounted_for, rule
from pipelines.ingest import validate_records
from pipelines.plots import Plots
from pipelines.raw import raw_key
from pipelines.resources import SnapshotStoreResource, WarehouseResource
from pipelines.tables import publish_table, tables_asset
from schemas.dawnbench import (
    DAWNBENCH_CURVE,
    DAWNBENCH_ENTRY,
    DAWNBENCH_FRONTIER,
    DAWNBENCH_PROGRESS,
)
from sources import curated, dawnbench, registry

GROUP = "dawnbench"
RAW = raw_key(dawnbench.SOURCE.name)


@rule(
    DAWNBENCH_ENTRY,
    "Every entry meets its task's quality target (the leaderboard's rule): training "
    "entries have a time to target, inference entries a quality at or above the target.",
)
def meets_target(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    failing = warehouse.named("dawnbench_below_target")
    return dg.AssetCheckResult(
        passed=failing.height == 0,
        description=None if failing.height == 0 else "entries below target: see listing",
        metadata={
            "failing": failing.height,
            "listing": dg.MetadataValue.md(
                "\n".join(f"- `{e}`: {v} < {t}" for e, v, t in failing.head(20).rows()) or "none"
            ),
        },
    )


@tables_asset(
    (DAWNBENCH_ENTRY, DAWNBENCH_CURVE),
    [RAW, dg.AssetKey(["core", "hardware_alias"]), dg.AssetKey(["core", "cloud_price"])],
    group=GROUP,
    rules=[rows_accounted_for(DAWNBENCH_ENTRY, dawnbench.SOURCE.name), meets_target],
)
def dawnbench_entries(
    context: dg.AssetExecutionContext,
    snapshots: SnapshotStoreResource,
    warehouse: WarehouseResource,
):
    """Every entry of the latest DAWNBench version that meets its task's target, the rest
    quarantined with the reason; every training curve with the row time to target is read at."""
    snapshot = snapshots.store().latest(dawnbench.SOURCE.name)
    parsed = registry.parsed(snapshot)
    raw, entries, curves = parsed.raw, parsed.entries, parsed.curves
    times = time_to_target(curves)
    aliases = (
        warehouse.named("hardware_aliases_in_context", [dawnbench.HARDWARE])
        .filter(pl.col("source") == dawnbench.SOURCE.name)
        .select("alias", "hardware_id")
    )
    prices = warehouse.named(
        "cloud_price_on_demand_instances",
        [entries["instance_type"].drop_nulls().unique().to_list()],
    )
    conformed = conform_entries(
        entries,
        times,
        aliases,
        closest_list_prices(entries, prices),
        instance_catalogue(curated.load("cloud_instances")),
    )
    valid, load = validate_records(context, DAWNBENCH_ENTRY, snapshot, raw, conformed)
    trace = {"source": pl.lit(snapshot.source), "sha256": pl.lit(snapshot.sha256)}
    curve_rows = mark_first_at_target(curves, times).with_columns(**trace)
    summary = {
        "entries_on_leaderboard": valid.height,
        "linked_to_hardware": valid["hardware_id"].is_not_null().sum(),
        "linked_to_cloud_price": valid["list_usd_per_hour"].is_not_null().sum(),
        "count_from_instance_catalogue": (
            valid["accelerator_count_source"] == "instance_catalogue"
        ).sum(),
        "metric_rescaled": valid["metric_rescaled_from"].is_not_null().sum(),
    }
    yield publish_table(
        context, warehouse, DAWNBENCH_ENTRY, valid.sort("entry_id"), [load], extra=summary
    )
    yield publish_table(
        context,
        warehouse,
        DAWNBENCH_CURVE,
        DAWNBENCH_CURVE.select(curve_rows).sort("entry_id", "row_number"),
    )


@tables_asset(
    (DAWNBENCH_PROGRESS, DAWNBENCH_FRONTIER),
    [dg.AssetKey(["core", "dawnbench_entry"])],
    group=GROUP,
)
def dawnbench_progress(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Baseline against best in time and cost per task and kind, the same on each instance
    type, and the record-setting entries, with plots of training time and cost over time."""
    entries = warehouse.read(DAWNBENCH_ENTRY)
    records = frontier(entries)
    drawn = Plots(context, dg.AssetKey(["analysis", "dawnbench_progress"]))
    plots = {
        "time_plot": drawn.png(
            "time_plot", "DAWNBench time to target", dawnbench_png, entries, records, "time"
        ),
        "cost_plot": drawn.png(
            "cost_plot", "DAWNBench cost to target", dawnbench_png, entries, records, "cost"
        ),
        **drawn.metadata(),
    }
    yield publish_table(context, warehouse, DAWNBENCH_PROGRESS, progress(entries), extra=plots)
    yield publish_table(context, warehouse, DAWNBENCH_FRONTIER, records)


assets = [dawnbench_entries, dawnbench_progress]
