"""The one shape of a table or view asset: declared from its schema, written through the
warehouse, checked in the same step, described for the UI.

`table_asset` / `tables_asset` declare the assets of one table or of several written
together (key `[schema, name]`, kinds, owners, column schema, and the checks:
`matches_schema` for each table plus the asset's own rules), in the warehouse pool, each
step opening the warehouse once (`in_session`);
`publish_table` writes a frame and returns its materialisation with the checks' results;
`view_asset` does both for a view declared in schemas/ with its SQL in warehouse/views.sql.
"""

import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

import dagster as dg
import polars as pl

import warehouse
from pipelines.checks import Rule, check_specs, results_for
from pipelines.ingest import load_metadata
from pipelines.metadata import definition_metadata, materialization_metadata, preview
from pipelines.resources import WAREHOUSE_POOL, WarehouseResource, in_session
from schemas import Table

OWNERS = ["team:flopbase"]
KINDS = {"duckdb", "polars"}  # rows come back as polars frames, for previews too


def today() -> date:
    """The date a table of estimates is stamped with (`as_of`): today in UTC."""
    return datetime.now(UTC).date()


def asset_key(table: Table) -> dg.AssetKey:
    return dg.AssetKey([table.schema, table.name])


def table_asset(
    table: Table,
    deps: Sequence,
    group: str,
    rules: Iterable[Rule] = (),
    description: str | None = None,
    **kwargs,
):
    """`@asset` writing one warehouse table, with its checks evaluated in its step, which
    opens the warehouse once (`in_session`)."""
    asset = dg.asset(
        key=asset_key(table),
        deps=deps,
        group_name=group,
        kinds=KINDS,
        owners=OWNERS,
        description=description or table.description,
        metadata=definition_metadata(table),
        check_specs=check_specs([table], rules),
        pool=WAREHOUSE_POOL,
        **kwargs,
    )
    return lambda body: asset(in_session(body))


def tables_asset(
    tables: Sequence[Table], deps: Sequence, group: str, rules: Iterable[Rule] = (), **kwargs
):
    """`@multi_asset` writing `tables` together, with their checks evaluated in its step,
    which opens the warehouse once (`in_session`)."""
    asset = dg.multi_asset(
        specs=table_specs(tables, deps, group),
        check_specs=check_specs(tables, rules),
        pool=WAREHOUSE_POOL,
        **kwargs,
    )
    return lambda body: asset(in_session(body))


def table_specs(tables: Sequence[Table], deps: Sequence, group: str) -> list[dg.AssetSpec]:
    """`AssetSpec`s of tables one multi-asset writes together, described as `table_asset`
    does."""
    return [
        dg.AssetSpec(
            asset_key(t),
            deps=deps,
            group_name=group,
            kinds=KINDS,
            owners=OWNERS,
            description=t.description,
            metadata=definition_metadata(t),
        )
        for t in tables
    ]


def publish_table(
    context: dg.AssetExecutionContext,
    db: WarehouseResource,
    table: Table,
    frame: pl.DataFrame,
    loads: list[warehouse.Load] | None = None,
    extra: dict[str, object] | None = None,
) -> dg.MaterializeResult:
    """Publish `frame` as `table` with its loads; the materialisation carries row count,
    preview, per-source accounting, `extra` metadata and the results of the table's checks."""
    loads = loads or []
    db.publish(table, frame, loads=loads, run_id=context.run.run_id)
    return materialized(context, db, table, frame, loads, extra)


def materialized(
    context: dg.AssetExecutionContext,
    db: WarehouseResource,
    table: Table,
    frame: pl.DataFrame,
    loads: list[warehouse.Load],
    extra: dict[str, object] | None = None,
) -> dg.MaterializeResult:
    """The materialisation of `table`, already written as `frame`, with its checks' results."""
    # the upstream versions it was built from, as one short hash (a rebuild of the price
    # history loads hundreds)
    versions = "".join(sorted(load.snapshot.sha256 for load in loads))
    attach(
        context,
        asset_key(table),
        {**materialization_metadata(table, frame), **load_metadata(loads), **(extra or {})},
    )
    return dg.MaterializeResult(
        asset_key=asset_key(table),
        data_version=dg.DataVersion(hashlib.sha256(versions.encode()).hexdigest()[:16])
        if versions
        else None,
        check_results=results_for(context, db, table),
    )


def attach(
    context: dg.AssetExecutionContext, key: dg.AssetKey, metadata: dict[str, object]
) -> None:
    """`metadata` on the materialisation of `key` only: a MaterializeResult's own metadata is
    copied by Dagster into the step's output event as well, which doubled what the instance
    records of every run (the plots were most of it)."""
    context.add_asset_metadata(metadata, asset_key=key)


def view_asset(view: Table, deps: Sequence, group: str, **kwargs) -> dg.AssetsDefinition:
    """The asset `[schema, name]` of a view: (re)creates it, then shows its row count and a
    preview, and checks it against its schema."""

    @dg.asset(
        key=asset_key(view),
        deps=deps,
        group_name=group,
        kinds=KINDS,
        owners=OWNERS,
        description=view.description,
        metadata=definition_metadata(view),
        check_specs=check_specs([view]),
        pool=WAREHOUSE_POOL,
        **kwargs,
    )
    @in_session
    def _view(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
        warehouse.replace_view(view)
        rows = warehouse.read(view)
        attach(
            context, asset_key(view), {"dagster/row_count": rows.height, "preview": preview(rows)}
        )
        return dg.MaterializeResult(
            check_results=results_for(context, warehouse, view),
        )

    return _view
