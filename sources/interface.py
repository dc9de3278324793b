"""What the pipelines know of a source: the `Source` interface, the frames one parsed version
gives (`Parsed`), and `ModuleSource`, which puts a source module behind the interface. The
registry of every source is `sources.registry`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from types import ModuleType
from typing import Protocol, runtime_checkable

import polars as pl

from sources.http import HttpClient
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import FetchOutcome, SourceInfo
from sources.source import fetch as generic_fetch


@dataclass(frozen=True)
class Parsed:
    """One stored version read once: every frame its records take (None: not this source's).

    `raw` is the records in upstream terms with `row_number`, what a load accounts against
    (rows read, the quarantined record's JSON) where the table rows are not the records
    themselves; a price source's `quotes` are both. `mentions` are its mention records
    (`sources.mentions.RECORD_SCHEMA`, plus `record` where one record is seen in several
    files): `sources.mentions.mentions` folds those of many versions into spellings."""

    source: str
    sha256: str
    raw: pl.DataFrame | None = None
    spec_records: pl.DataFrame | None = None
    quotes: pl.DataFrame | None = None
    model_records: pl.DataFrame | None = None
    estimates: pl.DataFrame | None = None
    entries: pl.DataFrame | None = None
    curves: pl.DataFrame | None = None
    mentions: pl.DataFrame | None = None

    def frames(self) -> dict[str, pl.DataFrame]:
        """The frames this version has, by name."""
        return {
            f.name: value
            for f in fields(self)
            if isinstance(value := getattr(self, f.name), pl.DataFrame)
        }

    def estimated_size(self) -> int:
        return sum(frame.estimated_size() for frame in self.frames().values())


@runtime_checkable
class Source(Protocol):
    """What the pipelines know of a source."""

    SOURCE: SourceInfo

    def fetch(self, store: SnapshotStore, client: HttpClient) -> FetchOutcome:
        """Land a new version in `store` when upstream changed (else return the newest)."""
        ...

    def parse(self, snapshot: Snapshot) -> Parsed:
        """Read one stored version into its frames (callers go through `parsed`)."""
        ...


@dataclass(frozen=True)
class ModuleSource:
    """A source module behind the `Source` interface: its `SOURCE`, its own `fetch(store,
    client)` where it has one (else the generic fetch, which runs the module's `parse(path)`
    on the download before storing it), and `reader`, the function reading one version."""

    module: ModuleType
    roles: tuple[str, ...]
    reader: Callable[[ModuleType, Snapshot], Parsed]

    @property
    def SOURCE(self) -> SourceInfo:  # noqa: N802 - the name every source module uses
        return self.module.SOURCE

    @property
    def name(self) -> str:
        return self.module.SOURCE.name

    @property
    def check(self) -> Callable[[Path], object] | None:
        """The module's file parser, which a generic download must pass before it is stored."""
        return getattr(self.module, "parse", None)

    def fetch(self, store: SnapshotStore, client: HttpClient) -> FetchOutcome:
        own = getattr(self.module, "fetch", None)
        if own is not None:
            return own(store, client)
        return generic_fetch(self.SOURCE, store, client, check=self.check)

    def parse(self, snapshot: Snapshot) -> Parsed:
        if snapshot.source != self.name:
            raise ValueError(f"{self.name} cannot parse a version of {snapshot.source}")
        return self.reader(self.module, snapshot)
