"""Raw snapshot assets: one per upstream, resolving the version that tables will load."""

import dagster as dg

from pipelines.resources import Fetcher, SnapshotStoreResource, WarehouseResource
from sources.source import SourceInfo


def snapshot_asset(
    source: SourceInfo, *, group: str, fetcher: Fetcher | None = None
) -> dg.AssetsDefinition:
    """`raw/<source>`: fetch in live mode (else take the newest stored version) and record
    every stored version in `meta.snapshot`. `fetcher` is the source's own live fetch where
    the one-file generic fetch does not fit."""

    @dg.asset(
        key=["raw", source.name],
        group_name=group,
        kinds={"file"},
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
        outcome = snapshots.current(source, fetcher)
        versions = snapshots.store().versions(source.name)
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
                "changed": outcome.changed,
                "live": snapshots.is_live(),
            },
            data_version=dg.DataVersion(snap.sha256),
        )

    return _snapshot
