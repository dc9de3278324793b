"""Raw snapshot assets: one per upstream, resolving the version that tables will load. The
steps reading a source name its asset by key (pipelines/raw.py), never by importing this module."""

import dagster as dg
import polars as pl

from pipelines.raw import group_of, raw_key
from pipelines.resources import SnapshotStoreResource, WarehouseResource
from pipelines.tables import WAREHOUSE_POOL, preview
from sources import registry
from sources.snapshots import Snapshot, SnapshotTampered, tampered

# The in-step check of every raw asset: each stored file hashes to its manifest's sha256.
MATCHES_MANIFEST = "matches_manifest"


def snapshot_asset(source: registry.Source, *, group: str) -> dg.AssetsDefinition:
    """`raw/<source>`: fetch in live mode (`source.fetch`: the generic one-file fetch, which
    the source's parser must read before it is stored, or the source's own) else take the
    newest stored version, and record every stored version in `meta.snapshot`. A failed fetch
    fails the asset before anything is recorded: the store and `meta.snapshot` stay as they
    were.

    A stored file that no longer matches its manifest's sha256 (edited in place) does not
    fail the asset: its `matches_manifest` check fails (severity ERROR, not blocking) naming
    each such file with the recorded and actual sha256, and every reader of the source's
    files refuses them before parsing (`Snapshot.path`). So only the steps that read this
    source fail; the hardware alias step, which reads nine sources' spellings, keeps this
    one's earlier aliases and goes on."""
    info = source.SOURCE
    key = raw_key(info.name)

    @dg.asset(
        key=key,
        group_name=group,
        kinds={"file", "duckdb"},
        owners=["team:flopbase"],
        description=f"Raw snapshots of {info.title} ({info.url}; {info.licence}).",
        metadata={
            "url": dg.MetadataValue.url(info.homepage),
            "licence": info.licence,
            "cadence": info.cadence,
        },
        pool=WAREHOUSE_POOL,  # it records versions in meta.snapshot
        check_specs=[
            dg.AssetCheckSpec(
                MATCHES_MANIFEST,
                asset=key,
                blocking=False,
                description="Every file of every stored version hashes to the sha256 its "
                "manifest recorded when it landed (snapshots are immutable); a file edited in "
                "place is named with both hashes, and the steps reading it refuse it.",
            )
        ],
    )
    def _snapshot(
        context: dg.AssetExecutionContext,
        snapshots: SnapshotStoreResource,
        warehouse: WarehouseResource,
    ) -> dg.MaterializeResult:
        outcome = snapshots.current(info, source.fetch)
        versions = snapshots.store().versions(info.name)
        edited = [err for version in versions for err in tampered(version)]
        for err in edited:
            context.log.error(f"{info.name}: {err}")
        warehouse.record_snapshots(versions)
        snap = outcome.snapshot
        context.log.info(
            f"{info.name}: using {snap.version} ({'new' if outcome.changed else 'unchanged'})"
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
            check_results=[manifest_check(info.name, versions, edited)],
        )

    return _snapshot


# Every registered source's raw asset, made once here, in the group of its first role.
RAW_ASSETS: dict[str, dg.AssetsDefinition] = {
    s.name: snapshot_asset(s, group=group_of(s)) for s in registry.SOURCES
}
assets = list(RAW_ASSETS.values())


def manifest_check(
    source: str, versions: list[Snapshot], edited: list[SnapshotTampered]
) -> dg.AssetCheckResult:
    """`matches_manifest`: passed, or failed naming every file that is missing or edited with
    its recorded and actual sha256 (the description shows the first ones in the UI)."""
    files = sum(len(v.files) for v in versions)
    shown = "; ".join(str(err) for err in edited[:3])
    more = f" (and {len(edited) - 3} more)" if len(edited) > 3 else ""
    return dg.AssetCheckResult(
        check_name=MATCHES_MANIFEST,
        passed=not edited,
        severity=dg.AssetCheckSeverity.ERROR,
        description=(
            f"{len(edited)} of {files} stored files of {source} do not match their manifest: "
            f"{shown}{more}; the steps reading {source} refuse them"
            if edited
            else f"all {files} stored files of {len(versions)} versions match their manifest"
        ),
        metadata={
            "files_checked": files,
            "files_not_matching": len(edited),
            "not_matching": dg.MetadataValue.json(
                [
                    {"file": str(e.file), "recorded_sha256": e.recorded, "actual_sha256": e.actual}
                    for e in edited
                ]
            ),
        },
    )


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
