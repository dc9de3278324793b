"""Cloud price history: every dated price of every price source, partitioned by year.

A partition is a calendar year of upstream *versions* (by the date a version was published
upstream: a commit date, or the day a live fetch found it). Materialising a year reads every
price source's versions of that year into quotes and replaces exactly those versions' rows in
core.cloud_price and core.hardware_price, with their quarantine and ledger rows, in one
transaction; a refresh that finds a new version reloads its year and leaves history alone. A
run over every partition (one run: `BackfillPolicy.single_run`) rebuilds both tables.

Years, not months: a rebuild records two materialisations per partition, and 14 years cost
Dagster far less than 160 months did (docs/PERFORMANCE.md); a refresh rereads one year's
versions, a few seconds.
"""

import dagster as dg
import polars as pl

import warehouse
from analyses import price_quality
from analyses.cloud_prices import cloud_rows, conform, instance_catalogue, purchase_rows
from analyses.hardware_identity import canonical
from pipelines.checks import linked_to_hardware, versions_accounted_for
from pipelines.ingest import log_rejects
from pipelines.partitions import PARTITIONS
from pipelines.raw import raw_keys
from pipelines.resources import (
    SnapshotStoreResource,
    WarehouseResource,
)
from pipelines.tables import materialized, tables_asset, view_asset
from schemas import CLOUD_PRICE, CLOUD_PRICE_CHANGE, HARDWARE_PRICE, Table
from schemas.validation import split_valid
from schemas.views import PRICE_QUALITY
from sources import curated, registry
from sources.snapshots import Snapshot
from warehouse.read import missing_relations

GROUP = "cloud_prices"
# Every source read into quotes (`Parsed.quotes`), from the registry.
PRICE_SOURCES = registry.with_role(registry.PRICE)
TABLES = (CLOUD_PRICE, HARDWARE_PRICE)
ID = ("source", "sha256")
# The upstream-facing part of a quote: what meta.quarantine keeps as its record.
QUOTE_RECORD = [
    "record_number",
    "price_field",
    "value_text",
    "observed_at",
    "provider",
    "region",
    "instance_type",
    "hardware_text",
    "accelerators_per_instance",
    "pricing",
    "notes",
]
LINK_GOAL = 0.95

RAW_KEYS = raw_keys(registry.PRICE)


def versions_in(store, start, end) -> tuple[list[tuple[object, Snapshot]], int]:
    """(source, version) pairs of every price source published in [start, end), and how many
    versions the store holds in all."""
    everything = [(m, s) for m in PRICE_SOURCES for s in store.versions(m.SOURCE.name)]
    chosen = [(m, s) for m, s in everything if start <= s.retrieved_at < end]
    return chosen, len(everything)


def read_quotes(versions: list[tuple[object, Snapshot]]) -> pl.DataFrame:
    """Every quote of the given versions (one parse per version, shared with the hardware
    alias step), tagged with `source` and `sha256`."""
    frames = [
        registry.parsed(snapshot, source).quotes.with_columns(
            source=pl.lit(snapshot.source), sha256=pl.lit(snapshot.sha256)
        )
        for source, snapshot in versions
    ]
    return pl.concat(frames, how="vertical") if frames else pl.DataFrame()


# The columns a stored quote is judged on (our identifiers, from analyses/price_quality.py).


def judged_cloud_rows(conformed: pl.DataFrame, context: pl.DataFrame | None) -> pl.DataFrame:
    """The cloud quotes with `is_suspect` and `suspect_reason`: readable quotes judged
    against each other and `context` (stored quotes of other versions); unreadable ones,
    bound for the quarantine, are not judged."""
    rows = cloud_rows(conformed)
    readable = rows.filter(pl.col("parse_error").is_null())
    unread = rows.filter(pl.col("parse_error").is_not_null()).with_columns(
        is_suspect=pl.lit(False), suspect_reason=pl.lit(None, pl.String)
    )
    judged = price_quality.judge(readable, context) if readable.height else unread.clear()
    return pl.concat([judged, unread], how="vertical_relaxed")


def split_tables(
    conformed: pl.DataFrame, context: pl.DataFrame | None = None
) -> tuple[dict[Table, pl.DataFrame], pl.DataFrame]:
    """Valid rows per table, and every reject (`source`, `sha256`, `row_number`, `reason`,
    `target_table`). `context`: stored cloud quotes the judged ones are compared with."""
    valid, rejects = {}, []
    for table, rows in (
        (CLOUD_PRICE, judged_cloud_rows(conformed, context)),
        (HARDWARE_PRICE, purchase_rows(conformed)),
    ):
        table_valid, table_rejects = split_valid(rows, table, by=ID)
        valid[table] = table_valid
        rejects.append(table_rejects.with_columns(target_table=pl.lit(table.qualified_name)))
    return valid, pl.concat(rejects)


def loads_of(
    versions: list[tuple[object, Snapshot]],
    quotes: pl.DataFrame,
    valid: dict[Table, pl.DataFrame],
    rejects: pl.DataFrame,
) -> list[warehouse.Load]:
    """One load per version: quotes read, loaded (in either table) and quarantined."""
    records = quotes.select(*ID, "row_number", record=pl.struct(QUOTE_RECORD).struct.json_encode())
    rejects = rejects.join(records, on=[*ID, "row_number"], how="left")
    read = quotes.group_by(ID).len()
    loaded = pl.concat([frame.select(ID) for frame in valid.values()]).group_by(ID).len()
    count = {
        name: {(source, sha): n for source, sha, n in frame.iter_rows()}
        for name, frame in (("read", read), ("loaded", loaded))
    }
    rejects_by_version = rejects.partition_by(ID, as_dict=True)
    loads = []
    for _, snapshot in versions:
        key = (snapshot.source, snapshot.sha256)
        loads.append(
            warehouse.Load(
                warehouse.SnapshotRecord.of(snapshot),
                rows_read=count["read"].get(key, 0),
                rows_loaded=count["loaded"].get(key, 0),
                rejects=rejects_by_version.get(key, rejects.clear()).select(
                    "row_number", "reason", "record", "target_table"
                ),
            )
        )
    return loads


@tables_asset(
    TABLES,
    [dg.AssetKey(["core", "hardware_alias"]), *RAW_KEYS],
    group=GROUP,
    rules=[
        *(versions_accounted_for(m.SOURCE.name, TABLES) for m in PRICE_SOURCES),
        linked_to_hardware(
            CLOUD_PRICE,
            LINK_GOAL,
            "cloud prices",
            "cloud_price_link_share",
            "cloud_price_unlinked",
        ),
    ],
    partitions_def=PARTITIONS,
    backfill_policy=dg.BackfillPolicy.single_run(),
)
def price_history(
    context: dg.AssetExecutionContext,
    snapshots: SnapshotStoreResource,
    warehouse: WarehouseResource,
):
    """Every quote of the versions published in the partitions' years -> both price tables."""
    window = context.partition_time_window
    versions, stored = versions_in(snapshots.store(), window.start, window.end)
    rebuild = _covers_all(context)
    if rebuild and len(versions) != stored:
        raise ValueError(
            f"{stored - len(versions)} stored price versions are dated outside every partition "
            f"({PARTITIONS.get_first_partition_key()} .. {PARTITIONS.get_last_partition_key()}): "
            "is the clock right?"
        )
    quotes = read_quotes(versions)
    known = set(warehouse.named("hardware_ids")["hardware_id"])
    # Curated ids follow the chips' merges (meta.hardware_merge), like every other spelling.
    merged = warehouse.named("hardware_merges")
    catalogue = instance_catalogue(curated.load("cloud_instances")).with_columns(
        hardware_id=canonical(pl.col("hardware_id"), merged)
    )
    unknown = sorted(set(catalogue["hardware_id"]) - known)
    if unknown:
        raise ValueError(f"data/curated/cloud_instances.csv names unknown hardware ids {unknown}")
    aliases = warehouse.named("hardware_aliases")
    context_quotes = None if rebuild else stored_quotes(warehouse, versions)
    valid, rejects = (
        split_tables(conform(quotes, aliases, catalogue), context_quotes)
        if quotes.height
        else (
            {t: t.empty() for t in TABLES},
            pl.DataFrame(),
        )
    )
    loads = loads_of(versions, quotes, valid, rejects) if quotes.height else []
    log_rejects(context, "price quotes", rejects)
    warehouse.publish_versions(valid, loads, rebuild=rebuild, run_id=context.run.run_id)
    context.log.info(
        f"{len(versions)} versions, {quotes.height} quotes: "
        + ", ".join(f"{t.qualified_name} {f.height}" for t, f in valid.items())
        + f", quarantined {rejects.height}"
    )
    linked = (
        valid[CLOUD_PRICE]["hardware_id"].is_not_null().mean()
        if valid[CLOUD_PRICE].height
        else None
    )
    for table, frame in valid.items():
        yield materialized(
            context,
            warehouse,
            table,
            frame,
            loads,
            extra={
                "versions": len(versions),
                "rebuilt": rebuild,
                **({"linked_to_hardware": round(linked, 4)} if linked is not None else {}),
            },
        )


def stored_quotes(warehouse: WarehouseResource, versions) -> pl.DataFrame | None:
    """The stored cloud quotes of every version but `versions` (what a partial run's quotes
    are judged against; stored rows keep their own judgement), or None without a table."""
    if missing_relations([CLOUD_PRICE.qualified_name], path=warehouse.location()):
        return None
    stored = warehouse.read(CLOUD_PRICE, price_quality.COLUMNS)
    loading = pl.DataFrame(
        [(s.source, s.sha256) for _, s in versions],
        schema={c: pl.String for c in ID},  # typed even when no version is loading
        orient="row",
    )
    return stored.join(loading, on=list(ID), how="anti")


meta_price_quality = view_asset(
    PRICE_QUALITY, deps=[dg.AssetKey(["core", "cloud_price"])], group=GROUP
)

core_cloud_price_change = view_asset(
    CLOUD_PRICE_CHANGE, deps=[dg.AssetKey(["core", "cloud_price"])], group=GROUP
)


def _covers_all(context: dg.AssetExecutionContext) -> bool:
    keys = PARTITIONS.get_partition_keys()
    selected = context.partition_key_range
    return selected.start == keys[0] and selected.end == keys[-1]


assets = [price_history, core_cloud_price_change, meta_price_quality]
