"""Algorithmic efficiency: the efficiency frontier of Hernandez and Brown (2020) loaded from its
snapshot, the halving time of the compute to reach each capability, effective compute per
dollar (price-performance x algorithmic efficiency) and the CPU-GPU gap, with plots."""

import dagster as dg

from analyses.algorithmic_efficiency import efficiency_trends, frontier
from analyses.cpu_gpu import gap_summary, matched_runs, spec_gap
from analyses.effective_compute import effective_compute_trends
from analyses.effective_compute_plots import (
    effective_compute_png,
    frontier_png,
    matched_runs_png,
    spec_gap_png,
)
from pipelines.checks import markdown_table, rows_accounted_for, rule
from pipelines.ingest import validate_records
from pipelines.plots import Plots
from pipelines.raw import raw_key
from pipelines.resources import SnapshotStoreResource, WarehouseResource
from pipelines.tables import publish_table, table_asset, tables_asset, view_asset
from schemas import HARDWARE
from schemas.cpu_gpu import CPU_GPU_MATCHED_RUN, CPU_GPU_SPEC_GAP
from schemas.dawnbench import DAWNBENCH_ENTRY
from schemas.effective_compute import EFFECTIVE_COMPUTE_TREND, HARDWARE_SERIES
from schemas.efficiency import ALGORITHMIC_EFFICIENCY, ALGORITHMIC_EFFICIENCY_TREND
from schemas.efficiency_summary import EFFICIENCY_SUMMARY
from sources import algorithmic_efficiency, registry

GROUP = "efficiency"
RAW = raw_key(algorithmic_efficiency.SOURCE.name)


@rule(
    ALGORITHMIC_EFFICIENCY,
    "Each capability's records are a frontier: every later record needs less compute than "
    "the one before it (a row that does not would be a data error upstream or here).",
)
def compute_falls(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    rising = warehouse.named("algorithmic_efficiency_not_falling")
    return dg.AssetCheckResult(
        passed=rising.height == 0,
        metadata={
            "not_falling": rising.height,
            "listing": dg.MetadataValue.md(
                "\n".join(f"- {c}: {p}" for c, p, *_ in rising.rows()) or "none"
            ),
        },
    )


@tables_asset(
    (ALGORITHMIC_EFFICIENCY, ALGORITHMIC_EFFICIENCY_TREND),
    [RAW],
    group=GROUP,
    rules=[
        rows_accounted_for(ALGORITHMIC_EFFICIENCY, algorithmic_efficiency.SOURCE.name),
        compute_falls,
    ],
)
def algorithmic_efficiency_tables(
    context: dg.AssetExecutionContext,
    snapshots: SnapshotStoreResource,
    warehouse: WarehouseResource,
):
    """Every record of the newest efficiency frontier version (or quarantined with the reason),
    then the halving time of the compute to each capability: an OLS fit with its 90%
    bootstrap interval (2,000 resamples, seed 0) where three or more records allow it."""
    snapshot = snapshots.store().latest(algorithmic_efficiency.SOURCE.name)
    parsed = registry.parsed(snapshot)
    valid, load = validate_records(
        context, ALGORITHMIC_EFFICIENCY, snapshot, parsed.raw, frontier(parsed.entries)
    )
    valid = valid.sort("capability", "published_on", "row_number")
    trends = efficiency_trends(valid)
    drawn = Plots(context, dg.AssetKey(["analysis", "algorithmic_efficiency_trend"]))
    readable = trends.select(
        "capability",
        "n",
        "reduction_factor",
        "halving_time_years",
        "halving_ci_low_years",
        "halving_ci_high_years",
        "trend_method",
        "published_halving_years",
    )
    extra = {
        "halving_times": dg.MetadataValue.md(markdown_table(readable)),
        "frontier_plot": drawn.png(
            "frontier_plot", "Compute to a fixed capability", frontier_png, valid, trends
        ),
        **drawn.metadata(),
    }
    yield publish_table(context, warehouse, ALGORITHMIC_EFFICIENCY, valid, [load])
    yield publish_table(context, warehouse, ALGORITHMIC_EFFICIENCY_TREND, trends, extra=extra)


@tables_asset(
    (CPU_GPU_SPEC_GAP, CPU_GPU_MATCHED_RUN),
    [dg.AssetKey(["core", "hardware"]), dg.AssetKey(["core", "dawnbench_entry"])],
    group=GROUP,
)
def cpu_gpu_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Server CPUs against ML GPUs at launch per year and precision (with the counts that show
    the CPU side has no FLOP/s figures), and the measured gap of matched DAWNBench runs."""
    gap = spec_gap(warehouse.read(HARDWARE))
    pairs = matched_runs(warehouse.read(DAWNBENCH_ENTRY))
    spec_plots = Plots(context, dg.AssetKey(["analysis", "cpu_gpu_spec_gap"]))
    coverage = {
        "server_cpus": int(gap.filter(gap["precision"] == "fp32")["cpu_chips"].sum()),
        "server_cpus_stating_flops": int(gap["cpu_chips_stating_flops"].sum()),
        "years_with_a_ratio": int(gap["gpu_over_cpu_flops_per_dollar"].is_not_null().sum()),
        "spec_plot": spec_plots.png("spec_plot", "CPU against GPU at launch", spec_gap_png, gap),
        **spec_plots.metadata(),
    }
    drawn = Plots(context, dg.AssetKey(["analysis", "cpu_gpu_matched_run"]))
    summary = {
        "matched_gap": dg.MetadataValue.md(markdown_table(gap_summary(pairs))),
        "matched_plot": drawn.png(
            "matched_plot", "CPU over GPU, matched DAWNBench runs", matched_runs_png, pairs
        ),
        **drawn.metadata(),
    }
    yield publish_table(context, warehouse, CPU_GPU_SPEC_GAP, gap, extra=coverage)
    yield publish_table(context, warehouse, CPU_GPU_MATCHED_RUN, pairs, extra=summary)


@table_asset(
    EFFECTIVE_COMPUTE_TREND,
    deps=[
        dg.AssetKey(["analysis", "algorithmic_efficiency_trend"]),
        dg.AssetKey(["analysis", "trend_latest"]),
    ],
    group=GROUP,
)
def effective_compute_trend(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Effective compute per dollar: each launch price-performance trend of HARDWARE_SERIES
    (analysis.trend_latest) plus the AlexNet-level algorithmic efficiency gain, both parts
    beside the sum, for the window both cover; the interval adds the parts' interval
    half-widths in quadrature (independent errors), as the row's assumption says."""
    hardware = warehouse.named("effective_compute_hardware_trends")
    rows = effective_compute_trends(hardware, warehouse.read(ALGORITHMIC_EFFICIENCY_TREND))
    made = set(rows.select("hardware_metric", "hardware_subset").rows())
    drawn = Plots(context, dg.AssetKey(["analysis", "effective_compute_trend"]))
    extra = {
        "series_without_a_trend": ", ".join(
            f"{m} ({s})" for m, s in HARDWARE_SERIES if (m, s) not in made
        )
        or "none",
        "effective_compute_plot": drawn.png(
            "effective_compute_plot", "Effective compute per dollar", effective_compute_png, rows
        ),
        **drawn.metadata(),
    }
    return publish_table(context, warehouse, EFFECTIVE_COMPUTE_TREND, rows, extra=extra)


analysis_efficiency_summary = view_asset(
    EFFICIENCY_SUMMARY,
    deps=[
        dg.AssetKey([t.schema, t.name])
        for t in (
            ALGORITHMIC_EFFICIENCY_TREND,
            EFFECTIVE_COMPUTE_TREND,
            CPU_GPU_MATCHED_RUN,
            CPU_GPU_SPEC_GAP,
        )
    ],
    group=GROUP,
)

assets = [
    algorithmic_efficiency_tables,
    cpu_gpu_tables,
    effective_compute_trend,
    analysis_efficiency_summary,
]
