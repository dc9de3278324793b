"""Accelerator specifications: every spec source into core.hardware_spec, merged into
core.hardware by precedence."""

import dagster as dg
import polars as pl

from analyses import hardware_specs
from analyses.hardware_identity import canonical, families, merges
from analyses.hardware_ids import hardware_id_expr
from analyses.hardware_merge import PRECEDENCE, disagreements, family_rows, merge, spec_rows
from analyses.plots import hardware_throughput_png
from pipelines.checks import markdown_table, rows_accounted_for, rule
from pipelines.ingest import validate_records
from pipelines.plots import Plots
from pipelines.raw import group_keys
from pipelines.resources import SnapshotStoreResource, WarehouseResource
from pipelines.tables import publish_table, table_asset, tables_asset
from schemas import HARDWARE, HARDWARE_MERGE, HARDWARE_SPEC, SPEC_RECORD
from sources import curated, registry

GROUP = "gpu_specs"
TOLERANCE = 0.10

# Every spec source (name -> registered source), from the registry: their `parse` gives
# `raw` and `spec_records`.
SPEC_SOURCES = {s.name: s for s in registry.with_role(registry.SPEC)}
assert set(SPEC_SOURCES) <= set(PRECEDENCE), "every spec source needs a precedence rank"

RAW_KEYS = group_keys(GROUP)


@tables_asset(
    (HARDWARE_SPEC, HARDWARE_MERGE),
    RAW_KEYS,
    group=GROUP,
    rules=[rows_accounted_for(HARDWARE_SPEC, name) for name in SPEC_SOURCES],
)
def core_hardware_spec(
    context: dg.AssetExecutionContext,
    snapshots: SnapshotStoreResource,
    warehouse: WarehouseResource,
):
    """Every attribute of every chip as each spec source states it (SI units), under one id
    per product (`meta.hardware_merge` says which spellings were merged and why), with the
    statements core.hardware does not take marked and the vendors' datasheet figures added."""
    frames, loads = [], []
    for name in SPEC_SOURCES:
        snapshot = snapshots.store().latest(name)
        version = registry.parsed(snapshot)
        raw = version.raw
        records = version.spec_records.with_columns(
            hardware_id=hardware_id_expr(pl.col("name"), pl.col("vendor"))
        )
        valid, load = validate_records(context, SPEC_RECORD, snapshot, raw, records)
        frames.append(valid)
        loads.append(load)
    records = pl.concat(frames)
    merged = merges(records, curated.load("hardware_merges"))
    records = records.with_columns(
        source_hardware_id=pl.col("hardware_id"),
        hardware_id=canonical(pl.col("hardware_id"), merged),
    )
    corrections = curated.load("hardware_spec_corrections")
    spec = hardware_specs.judge(
        spec_rows(records), corrections, curated.sha256("hardware_spec_corrections")
    )
    rejected = int(spec["is_rejected"].sum())
    yield publish_table(
        context,
        warehouse,
        HARDWARE_SPEC,
        HARDWARE_SPEC.select(spec).sort("hardware_id", "source", "attribute", "row_number"),
        loads,
        extra={"merged_ids": merged.height, "rejected_statements": rejected},
    )
    yield publish_table(context, warehouse, HARDWARE_MERGE, merged, extra={"merged": merged.height})


@rule(
    HARDWARE,
    f"Warns (does not block) where spec sources state a value more than {TOLERANCE:.0%} "
    "apart, listing the cases so they can be looked at.",
    blocking=False,
)
def sources_agree(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    cases = disagreements(warehouse.read(HARDWARE_SPEC), TOLERANCE)
    listing = cases.head(50).select("hardware_id", "attribute", "ratio", "values")
    return dg.AssetCheckResult(
        passed=cases.height == 0,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{cases.height} chip attributes differ by more than {TOLERANCE:.0%} "
        "between sources (first 50 listed)",
        metadata={
            "cases": cases.height,
            "listing": dg.MetadataValue.md(markdown_table(listing)),
        },
    )


@table_asset(
    HARDWARE, deps=[dg.AssetKey(["core", "hardware_spec"])], group=GROUP, rules=[sources_agree]
)
def core_hardware(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """One row per chip: each value from the first source in the documented precedence."""
    spec = warehouse.read(HARDWARE_SPEC)
    family = families(set(spec["hardware_id"]))
    chips = merge(spec, families=frozenset(family))
    hardware = pl.concat([chips, family_rows(chips, family)]).sort("hardware_id")
    plots = Plots(context, context.asset_key)
    return publish_table(
        context,
        warehouse,
        HARDWARE,
        hardware,
        extra={
            "precedence": ", ".join(PRECEDENCE),
            "families": len(family),
            "plot": plots.png(
                "plot", "Peak throughput at release", hardware_throughput_png, hardware
            ),
            **plots.metadata(),
        },
    )


assets = [core_hardware_spec, core_hardware]
