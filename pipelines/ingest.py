"""The one shape of a source-to-table asset: validate, quarantine, publish, describe."""

from __future__ import annotations

import dagster as dg
import polars as pl

import warehouse
from pipelines.metadata import materialization_metadata
from pipelines.resources import WarehouseResource, snapshot_record
from schemas import Table
from schemas.validation import ROW_NUMBER, split_valid
from sources.snapshots import Snapshot


def load_table(
    context: dg.AssetExecutionContext,
    db: WarehouseResource,
    table: Table,
    snapshot: Snapshot,
    raw: pl.DataFrame,
    conformed: pl.DataFrame,
) -> dg.MaterializeResult:
    """Publish the valid rows of `conformed`; quarantine the rest with their raw record.

    `raw` is the upstream frame (with `row_number`) that `conformed` was derived from.
    """
    conformed = conformed.with_columns(
        source=pl.lit(snapshot.source), sha256=pl.lit(snapshot.sha256)
    )
    valid, rejected = split_valid(conformed, table)
    rejects = rejected.join(raw_records(raw), on=ROW_NUMBER, how="left")
    load = warehouse.Load(snapshot_record(snapshot), rows_read=raw.height, rejects=rejects)
    db.publish(table, valid, load=load, run_id=context.run.run_id)
    for reason in rejects["reason"].head(20):
        context.log.warning(
            f"{table.qualified_name}: quarantined a {snapshot.source} row: {reason}"
        )
    return dg.MaterializeResult(
        metadata={
            **materialization_metadata(table, valid),
            "rows_read": raw.height,
            "rows_quarantined": rejects.height,
            "snapshot_version": snapshot.version,
            "snapshot_sha256": snapshot.sha256,
        },
        data_version=dg.DataVersion(snapshot.sha256),
    )


def raw_records(raw: pl.DataFrame) -> pl.DataFrame:
    """Each upstream record as JSON text, keyed by its row number."""
    fields = [c for c in raw.columns if c != ROW_NUMBER]
    return raw.select(ROW_NUMBER, record=pl.struct(fields).struct.json_encode())
