"""Dagster resources: the warehouse file and the snapshot store (offline unless told live)."""

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

import dagster as dg
import polars as pl

import warehouse
from schemas import Table
from schemas.settings import LIVE, SNAPSHOT_STORE
from sources.http import HttpClient, HttpPolicy
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import FetchOutcome, SourceInfo, fetch

# A source module's own live fetch: `fetch(store, client)` -> the version to load.
Fetcher = Callable[[SnapshotStore, HttpClient], FetchOutcome]
# A source's parser, run on a download before it is stored (raises: nothing is stored).
Check = Callable[[Path], object]
_HTTP = HttpPolicy()


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse. An empty `path` means $FLOPBASE_DB, else data/flopbase.duckdb."""

    path: str = ""

    def location(self) -> str:
        return str(warehouse.warehouse_path(self.path or None))

    def session(self) -> AbstractContextManager:
        """The file opened once for one step: every call below shares its connection
        (`warehouse.session`); `warehouse.handle.in_session` wraps each asset's step in one."""
        return warehouse.session(self.location())

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
        warehouse.record_snapshots(
            [warehouse.SnapshotRecord.of(s) for s in snapshots], path=self.location()
        )

    def read(self, table: Table, columns: Sequence[str] = ()) -> pl.DataFrame:
        """Every row of a table or view declared in schemas/: all its columns, or `columns`."""
        return warehouse.read_table(table, columns, path=self.location())

    def named(self, name: str, params: list[object] | None = None) -> pl.DataFrame:
        """The named read of warehouse/reads.sql, with bound parameters."""
        return warehouse.named_read(name, params or [], path=self.location())

    def query(self, sql: str, params: list[object] | None = None) -> pl.DataFrame:
        """SQL written elsewhere (a check's generated SELECT); asset bodies use `named`."""
        return warehouse.query(sql, params or [], path=self.location())


class SnapshotStoreResource(dg.ConfigurableResource):
    """Raw upstream versions. Live fetching is opt-in: `live: true` or FLOPBASE_LIVE=1.

    `mirror` fetches every upstream URL through a mirror (`https://host/path` as
    `<mirror>/host/path`; empty: $FLOPBASE_UPSTREAM_MIRROR, else none); the other fields bound
    each live GET (see `sources.http.HttpPolicy`)."""

    root: str = ""
    live: bool = False
    mirror: str = ""
    connect_timeout_s: float = _HTTP.connect_timeout_s
    read_timeout_s: float = _HTTP.read_timeout_s
    deadline_s: float = _HTTP.deadline_s
    max_retries: int = _HTTP.max_retries
    backoff_s: float = _HTTP.backoff_s
    max_bytes: int = _HTTP.max_bytes

    def store(self) -> SnapshotStore:
        return SnapshotStore(self.root or SNAPSHOT_STORE.text())

    def is_live(self) -> bool:
        return self.live or LIVE.flag()

    def http_policy(self) -> HttpPolicy:
        return HttpPolicy(
            connect_timeout_s=self.connect_timeout_s,
            read_timeout_s=self.read_timeout_s,
            deadline_s=self.deadline_s,
            max_retries=self.max_retries,
            backoff_s=self.backoff_s,
            max_bytes=self.max_bytes,
            mirror=self.mirror or None,
        )

    def current(
        self, source: SourceInfo, fetcher: Fetcher | None = None, check: Check | None = None
    ) -> FetchOutcome:
        """The version to load: a fresh fetch in live mode (with the source's own `fetcher`
        where the one-file `sources.source.fetch` does not fit; else `check`, the source's
        parser, must read the download before it is stored), else the newest stored one."""
        store = self.store()
        if not self.is_live():
            return FetchOutcome(store.latest(source.name), changed=False)
        with HttpClient(self.http_policy()) as client:
            if fetcher is not None:
                return fetcher(store, client)
            return fetch(source, store, client, check=check)
