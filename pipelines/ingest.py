"""The one shape of source-to-table loading: validate, quarantine, publish, describe."""

import dagster as dg
import polars as pl

import warehouse
from pipelines.metadata import definition_metadata, materialization_metadata, preview
from pipelines.resources import WarehouseResource, snapshot_record
from schemas import Table
from schemas.validation import ROW_NUMBER, split_valid
from sources.snapshots import Snapshot
from warehouse.ddl import qualified

MAX_LOGGED_REJECTS = 20


def validate_records(
    context: dg.AssetExecutionContext,
    table: Table,
    snapshot: Snapshot,
    raw: pl.DataFrame,
    conformed: pl.DataFrame,
) -> tuple[pl.DataFrame, warehouse.Load]:
    """Valid rows of `conformed` (checked against `table`) and the load that accounts for every
    record of `raw`, the rejects carrying their raw record as JSON."""
    conformed = conformed.with_columns(
        source=pl.lit(snapshot.source), sha256=pl.lit(snapshot.sha256)
    )
    valid, rejected = split_valid(conformed, table)
    rejects = rejected.join(raw_records(raw), on=ROW_NUMBER, how="left")
    for reason in rejects["reason"].head(MAX_LOGGED_REJECTS):
        context.log.warning(f"{snapshot.source}: quarantined a record: {reason}")
    load = warehouse.Load(
        snapshot_record(snapshot), rows_read=raw.height, rejects=rejects, rows_loaded=valid.height
    )
    return valid, load


def load_metadata(loads: list[warehouse.Load]) -> dict[str, object]:
    """Per-source accounting for the UI."""
    return {
        f"{load.snapshot.source}": dg.MetadataValue.md(
            f"version `{load.snapshot.version}`: {load.rows_read} read, "
            f"{load.rows_loaded} loaded, {load.rows_quarantined} quarantined"
        )
        for load in loads
    } | {"rows_quarantined": sum(load.rows_quarantined for load in loads)}


def publish_table(
    context: dg.AssetExecutionContext,
    db: WarehouseResource,
    table: Table,
    frame: pl.DataFrame,
    loads: list[warehouse.Load] | None = None,
    extra: dict[str, object] | None = None,
) -> dg.MaterializeResult:
    """Publish `frame` as `table` with its loads; the materialisation carries row count,
    preview, per-source accounting and `extra` metadata."""
    loads = loads or []
    db.publish(table, frame, loads=loads, run_id=context.run.run_id)
    versions = ",".join(sorted(load.snapshot.sha256[:12] for load in loads))
    return dg.MaterializeResult(
        asset_key=dg.AssetKey([table.schema, table.name]),
        metadata={
            **materialization_metadata(table, frame),
            **load_metadata(loads),
            **(extra or {}),
        },
        data_version=dg.DataVersion(versions) if versions else None,
    )


def raw_records(raw: pl.DataFrame) -> pl.DataFrame:
    """Each upstream record as JSON text, keyed by its row number."""
    fields = [c for c in raw.columns if c != ROW_NUMBER]
    return raw.select(ROW_NUMBER, record=pl.struct(fields).struct.json_encode())


def view_asset(view: Table, deps: list, group: str, **kwargs) -> dg.AssetsDefinition:
    """The asset `[schema, name]` of a view declared in schemas/ with its SQL in
    warehouse/views.sql: (re)creates it, then shows its row count and a preview."""

    @dg.asset(
        key=[view.schema, view.name],
        deps=deps,
        group_name=group,
        kinds={"duckdb", "polars"},  # its rows come back as a polars frame for the preview
        owners=["team:flopbase"],
        description=view.description,
        metadata=definition_metadata(view),
        **kwargs,
    )
    def _view(warehouse: WarehouseResource) -> dg.MaterializeResult:
        warehouse.replace_view(view)
        rows = warehouse.query(f"SELECT * FROM {qualified(view)}")
        return dg.MaterializeResult(
            metadata={"dagster/row_count": rows.height, "preview": preview(rows)}
        )

    return _view
