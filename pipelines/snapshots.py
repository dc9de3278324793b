"""Raw snapshot assets: one per upstream, resolving the version that tables will load."""

import dagster as dg
import polars as pl

from pipelines.metadata import preview
from pipelines.resources import Check, Fetcher, SnapshotStoreResource, WarehouseResource
from sources.snapshots import Snapshot, verify
from sources.source import SourceInfo


def snapshot_asset(
    source: SourceInfo, *, group: str, fetcher: Fetcher | None = None, check: Check | None = None
) -> dg.AssetsDefinition:
    """`raw/<source>`: fetch in live mode (else take the newest stored version) and record
    every stored version in `meta.snapshot`. `fetcher` is the source's own live fetch where
    the one-file generic fetch does not fit; `check` (the source's parser) must read a
    generic download before it is stored. A failed fetch fails the asset before anything is
    recorded: the store and `meta.snapshot` stay as they were. So does a stored file that no
    longer matches its manifest's sha256 (sources/snapshots.py): the asset fails naming it,
    and only what depends on this source is skipped."""

    @dg.asset(
        key=["raw", source.name],
        group_name=group,
        kinds={"file", "duckdb"},
        owners=["team:flopbase"],
        description=f"Raw snapshots of {source.title} ({source.url}; {source.licence}).",
        metadata={
            "url": dg.MetadataValue.url(source.homepage),
            "licence": source.licence,
            "cadence": source.cadence,
        },
    )
    def _snapshot(
        context: dg.AssetExecutionContext,
        snapshots: SnapshotStoreResource,
        warehouse: WarehouseResource,
    ) -> dg.MaterializeResult:
        outcome = snapshots.current(source, fetcher, check)
        versions = snapshots.store().versions(source.name)
        for version in versions:  # a file edited in place fails here, naming both hashes
            verify(version)
        warehouse.record_snapshots(versions)
        snap = outcome.snapshot
        context.log.info(
            f"{source.name}: using {snap.version} ({'new' if outcome.changed else 'unchanged'})"
        )
        return dg.MaterializeResult(
            metadata={
                "version": snap.version,
                "sha256": snap.sha256,
                "retrieved_at": snap.retrieved_at.isoformat(),
                "versions_stored": len(versions),
                # the rows this asset keeps in meta.snapshot: one per stored version
                "dagster/row_count": len(versions),
                "preview": preview(version_frame(versions)),
                "changed": outcome.changed,
                "live": snapshots.is_live(),
            },
            data_version=dg.DataVersion(snap.sha256),
        )

    return _snapshot


def version_frame(versions: list[Snapshot]) -> pl.DataFrame:
    """The stored versions, newest first, as the UI preview shows them."""
    return pl.DataFrame(
        {
            "version": [v.version for v in versions],
            "retrieved_at": [v.retrieved_at.isoformat() for v in versions],
            "sha256": [v.sha256[:12] for v in versions],
            "files": [len(v.files) for v in versions],
        },
        schema={
            "version": pl.String,
            "retrieved_at": pl.String,
            "sha256": pl.String,
            "files": pl.Int64,
        },
    ).sort("version", descending=True)
