"""Accelerator specifications: Epoch AI's ML hardware dataset into `core.hardware`."""

import dagster as dg
import polars as pl

from analyses.hardware_ids import hardware_id_expr
from pipelines.ingest import load_table
from pipelines.metadata import definition_metadata
from pipelines.resources import SnapshotStoreResource, WarehouseResource
from pipelines.snapshots import snapshot_asset
from schemas import HARDWARE
from sources import epoch_hardware

GROUP = "gpu_specs"

raw_epoch_hardware = snapshot_asset(epoch_hardware.SOURCE, group=GROUP)


@dg.asset(
    key=["core", "hardware"],
    deps=[raw_epoch_hardware],
    group_name=GROUP,
    kinds={"duckdb", "polars"},
    owners=["team:flopbase"],
    description=HARDWARE.description,
    metadata=definition_metadata(HARDWARE),
)
def core_hardware(
    context: dg.AssetExecutionContext,
    snapshots: SnapshotStoreResource,
    warehouse: WarehouseResource,
) -> dg.MaterializeResult:
    """Accelerators from Epoch AI's ML hardware data, one row per chip, SI units."""
    snapshot = snapshots.store().latest(epoch_hardware.SOURCE.name)
    raw = epoch_hardware.parse(snapshot.path())
    conformed = epoch_hardware.to_hardware(raw).with_columns(
        hardware_id=hardware_id_expr(pl.col("name"))
    )
    return load_table(context, warehouse, HARDWARE, snapshot, raw, conformed)


assets = [raw_epoch_hardware, core_hardware]
