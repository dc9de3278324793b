"""The one shape of a table or view asset: declared from its schema, written through the
warehouse, checked in the same step, described for the UI.

`table_asset` / `tables_asset` declare the assets of one table or of several written
together (key `[schema, name]`, kinds, owners, column schema, and the checks:
`matches_schema` for each table plus the asset's own rules, `pipelines.checks.Rule`s passed
in), in the warehouse pool, each step opening the warehouse once (`in_session`);
`publish_table` writes a frame and returns its materialisation with the checks' results;
`view_asset` does both for a view declared in schemas/ with its SQL in warehouse/views.sql.
A building block: it imports no other pipelines module, and names the warehouse resource by
its type `warehouse.Warehouse` and its key `warehouse`.
"""

import hashlib
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime

import dagster as dg
import polars as pl

import warehouse
from schemas import Table
from schemas.validation import schema_failures
from warehouse import Warehouse
from warehouse.ddl import duckdb_type
from warehouse.handle import in_session

OWNERS = ["team:flopbase"]
KINDS = {"duckdb", "polars"}  # rows come back as polars frames, for previews too
# Every step that writes the warehouse holds a slot of this pool. config/dagster.yaml gives it
# one slot, so a run launched from the UI and a scheduled one take turns step by step instead
# of meeting DuckDB's single-writer lock.
WAREHOUSE_POOL = "warehouse"
MATCHES_SCHEMA = "matches_schema"
MAX_LISTED = 20
PREVIEW_ROWS = 10
# Every declared rule by its key, with its evaluation: what `results_for` runs after a write
# (each table's `matches_schema` it evaluates itself, with the rows at hand).
_CHECKS: dict[dg.AssetCheckKey, Callable[[Warehouse], dg.AssetCheckResult]] = {}


def today() -> date:
    """The date a table of estimates is stamped with (`as_of`): today in UTC."""
    return datetime.now(UTC).date()


def asset_key(table: Table) -> dg.AssetKey:
    return dg.AssetKey([table.schema, table.name])


def table_asset(
    table: Table,
    deps: Sequence,
    group: str,
    rules: Iterable = (),
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
    tables: Sequence[Table], deps: Sequence, group: str, rules: Iterable = (), **kwargs
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
    db: Warehouse,
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
    db: Warehouse,
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
        {"dagster/row_count": frame.height, "preview": preview(frame)}
        | load_metadata(loads)
        | (extra or {}),
    )
    return dg.MaterializeResult(
        asset_key=asset_key(table),
        data_version=dg.DataVersion(hashlib.sha256(versions.encode()).hexdigest()[:16])
        if versions
        else None,
        check_results=results_for(context, db, table, validated=frame),
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
    def _view(context: dg.AssetExecutionContext, warehouse: dg.ResourceParam[Warehouse]):
        warehouse.replace_view(view)
        rows = warehouse.read(view)  # a view is computed when read: once, for all below
        attach(
            context, asset_key(view), {"dagster/row_count": rows.height, "preview": preview(rows)}
        )
        return dg.MaterializeResult(check_results=results_for(context, warehouse, view, rows))

    return _view


def check_specs(tables: Iterable[Table], rules: Iterable = ()) -> list[dg.AssetCheckSpec]:
    """The check specs of an asset writing `tables`: each table's `matches_schema`, then
    `rules` (`pipelines.checks.Rule`: each has its `table`, `key`, `spec()` and `run`); each
    rule is remembered so the writing step can evaluate it."""
    tables = list(tables)
    specs = []
    for table in tables:
        spec = dg.AssetCheckSpec(
            MATCHES_SCHEMA,
            asset=asset_key(table),
            description=f"{table.qualified_name} as stored passes its schema: columns, dtypes, "
            "nullability, value checks and unique key.",
            blocking=True,
        )
        specs.append(spec)
    for rule in rules:
        assert rule.table in tables, f"{rule.key} is not a check of a table this asset writes"
        _CHECKS[rule.key] = rule.run
        specs.append(rule.spec())
    return specs


def results_for(
    context: dg.AssetExecutionContext,
    warehouse: Warehouse,
    table: Table,
    stored: pl.DataFrame | None = None,
    *,
    validated: pl.DataFrame | None = None,
) -> list[dg.AssetCheckResult]:
    """Evaluate every selected check of `table` against the warehouse as just written;
    `stored`: its rows as just read from the warehouse, for `matches_schema` to check
    instead of reading them again; `validated`: the rows the write validated (see
    `matches_schema`)."""
    key = asset_key(table)
    selected = context.selected_asset_check_keys
    return [
        matches_schema(table, warehouse, stored, validated)
        if check.name == MATCHES_SCHEMA
        else _CHECKS[check](warehouse)
        for check in sorted(selected, key=lambda k: k.name)
        if check.asset_key == key
    ]


def matches_schema(
    table: Table,
    warehouse: Warehouse,
    stored: pl.DataFrame | None = None,
    validated: pl.DataFrame | None = None,
) -> dg.AssetCheckResult:
    """The stored table passes its pandera schema (dtypes, nulls, ranges, key): its rows as
    read from the warehouse (`stored` when the caller has just read them).

    `validated` is the frame the write validated against the same schema before writing it
    (`warehouse.publish` refuses a frame that fails): rows read back equal to it, in dtypes,
    values and order, pass without a second validation, which cost ~1 s a build. Any
    difference is judged by the schema itself, as without it."""
    frame = warehouse.read(table) if stored is None else stored
    equal = validated is not None and frame.equals(validated)
    cases = None if equal else schema_failures(table, frame)
    result = (
        dg.AssetCheckResult(passed=True, metadata={"rows": frame.height})
        if cases is None
        else dg.AssetCheckResult(
            passed=False,
            description=f"{cases.height} schema failures: look at the listed columns and checks",
            metadata={"failures": dg.MetadataValue.md(_listing(cases.head(MAX_LISTED).to_dicts()))},
        )
    )
    return result._replace(asset_key=asset_key(table), check_name=MATCHES_SCHEMA)


def _listing(cases: list[dict]) -> str:
    lines = ["| column | check | value | row |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {c['column']} | {c['check']} | {c['failure_case']} | {c['index']} |" for c in cases
    ]
    return "\n".join(lines)


def column_schema(table: Table) -> dg.TableSchema:
    columns = []
    for name, dtype in table.polars_schema.items():
        col = table.columns[name]
        unit = table.unit(name)
        description = f"{col.description} [{unit}]" if unit else col.description
        columns.append(
            dg.TableColumn(
                name,
                duckdb_type(dtype),
                description=description,
                constraints=dg.TableColumnConstraints(
                    nullable=col.nullable, unique=table.key == (name,)
                ),
            )
        )
    return dg.TableSchema(columns=columns)


def definition_metadata(table: Table) -> dict[str, object]:
    """Static metadata of a table asset, shown in the UI before anything runs."""
    return {
        "dagster/column_schema": column_schema(table),
        "dagster/table_name": table.qualified_name,
    }


def preview(frame: pl.DataFrame, rows: int = PREVIEW_ROWS) -> dg.TableMetadataValue:
    """The first rows as a UI table; dates and timestamps shown as ISO text."""
    head = frame.head(rows).with_columns(
        pl.col(pl.Date, pl.Datetime).cast(pl.String),
    )
    schema = dg.TableSchema(
        columns=[
            dg.TableColumn(n, "number" if d.is_numeric() else "string")
            for n, d in head.schema.items()
        ]
    )
    return dg.MetadataValue.table(
        records=[dg.TableRecord(r) for r in head.to_dicts()], schema=schema
    )


def load_metadata(loads: list[warehouse.Load]) -> dict[str, object]:
    """Per-source accounting for the UI."""
    return {
        f"{load.snapshot.source}": dg.MetadataValue.md(
            f"version `{load.snapshot.version}`: {load.rows_read} read, "
            f"{load.rows_loaded} loaded, {load.rows_quarantined} quarantined"
        )
        for load in loads
    } | {"rows_quarantined": sum(load.rows_quarantined for load in loads)}
