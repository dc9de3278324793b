"""Dagster resources: the warehouse file and the snapshot store (offline unless told live)."""

import os
from collections.abc import Callable

import dagster as dg
import polars as pl

import warehouse
from schemas import Table
from sources.http import HttpClient
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import FetchOutcome, SourceInfo, fetch

# A source module's own live fetch: `fetch(store, client)` -> the version to load.
Fetcher = Callable[[SnapshotStore, HttpClient], FetchOutcome]


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse. An empty `path` means $FLOPBASE_DB, else data/flopbase.duckdb."""

    path: str = ""

    def location(self) -> str:
        return str(warehouse.warehouse_path(self.path or None))

    def publish(
        self,
        table: Table,
        frame: pl.DataFrame,
        loads: list[warehouse.Load] | None = None,
        run_id: str | None = None,
    ) -> int:
        return warehouse.publish(table, frame, loads=loads, run_id=run_id, path=self.location())

    def publish_versions(
        self,
        frames: dict[Table, pl.DataFrame],
        loads: list[warehouse.Load],
        rebuild: bool = False,
        run_id: str | None = None,
    ) -> int:
        return warehouse.publish_versions(
            frames, loads, rebuild=rebuild, run_id=run_id, path=self.location()
        )

    def replace_view(self, view: Table) -> None:
        warehouse.replace_view(view, path=self.location())

    def record_snapshots(self, snapshots: list[Snapshot]) -> None:
        warehouse.record_snapshots([snapshot_record(s) for s in snapshots], path=self.location())

    def query(self, sql: str, params: list[object] | None = None) -> pl.DataFrame:
        return warehouse.query(sql, params or [], path=self.location())


class SnapshotStoreResource(dg.ConfigurableResource):
    """Raw upstream versions. Live fetching is opt-in: `live: true` or FLOPBASE_LIVE=1."""

    root: str = ""
    live: bool = False

    def store(self) -> SnapshotStore:
        return SnapshotStore(self.root or os.environ.get("FLOPBASE_SNAPSHOTS") or None)

    def is_live(self) -> bool:
        return self.live or os.environ.get("FLOPBASE_LIVE", "") == "1"

    def current(self, source: SourceInfo, fetcher: Fetcher | None = None) -> FetchOutcome:
        """The version to load: a fresh fetch in live mode (with the source's own `fetcher`
        where the one-file `sources.source.fetch` does not fit), else the newest stored one."""
        store = self.store()
        if not self.is_live():
            return FetchOutcome(store.latest(source.name), changed=False)
        with HttpClient() as client:
            if fetcher is not None:
                return fetcher(store, client)
            return fetch(source, store, client)


def snapshot_record(snapshot: Snapshot) -> warehouse.SnapshotRecord:
    return warehouse.SnapshotRecord(
        source=snapshot.source,
        version=snapshot.version,
        url=snapshot.url,
        sha256=snapshot.sha256,
        retrieved_at=snapshot.retrieved_at,
        licence=snapshot.licence,
    )
