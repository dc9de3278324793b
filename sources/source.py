"""What every upstream declares, and the one way a live fetch lands in the snapshot store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sources.http import HttpClient
from sources.snapshots import Snapshot, SnapshotStore


@dataclass(frozen=True)
class SourceInfo:
    """An upstream dataset: where it lives, under what terms, how often it changes."""

    name: str  # folder in the snapshot store and `source` in every table
    title: str
    homepage: str
    url: str  # the file a live fetch downloads
    filename: str  # our name for the stored file (never the upstream's)
    licence: str
    citation: str
    cadence: str


@dataclass(frozen=True)
class FetchOutcome:
    snapshot: Snapshot
    changed: bool  # False: upstream answered 304 or sent content already stored


def fetch(source: SourceInfo, store: SnapshotStore, client: HttpClient) -> FetchOutcome:
    """Download `source.url` (conditionally) into a new immutable version when it changed."""
    previous = store.versions(source.name)
    latest = previous[-1] if previous else None
    response = client.get(
        source.url,
        etag=latest.etag if latest else None,
        last_modified=latest.last_modified if latest else None,
    )
    if response.not_modified and latest:
        return FetchOutcome(latest, changed=False)
    snapshot, created = store.add(
        source.name,
        {source.filename: response.content},
        url=source.url,
        licence=source.licence,
        retrieved_at=datetime.now(UTC),
        etag=response.etag,
        last_modified=response.last_modified,
    )
    return FetchOutcome(snapshot, changed=created)
