"""What every upstream declares, and the one way a live fetch lands in the snapshot store."""

from __future__ import annotations

from collections.abc import Callable
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


def fetch(
    source: SourceInfo,
    store: SnapshotStore,
    client: HttpClient,
    *,
    url: str | None = None,
    transform: Callable[[bytes], bytes] | None = None,
    retrieved_at: datetime | None = None,
    extra: dict[str, object] | None = None,
) -> FetchOutcome:
    """Download `url` (default `source.url`) conditionally into a new immutable version when
    it changed, stored as `source.filename`.

    `transform` turns the download into the stored file (an extract) and raises when the
    download is not what it should be: nothing is stored then. `retrieved_at` dates the
    version (default now; a file at a pinned commit is dated by that commit, and the real
    download time goes to the manifest as `fetched_at`)."""
    url = url or source.url
    previous = store.versions(source.name)
    latest = previous[-1] if previous else None
    response = client.get(
        url,
        etag=latest.etag if latest else None,
        last_modified=latest.last_modified if latest else None,
    )
    if response.not_modified and latest:
        return FetchOutcome(latest, changed=False)
    content = transform(response.content) if transform else response.content
    now = datetime.now(UTC)
    snapshot, created = store.add(
        source.name,
        {source.filename: content},
        url=url,
        licence=source.licence,
        retrieved_at=retrieved_at or now,
        etag=response.etag,
        last_modified=response.last_modified,
        extra={**(extra or {}), **({"fetched_at": now.isoformat()} if retrieved_at else {})},
    )
    return FetchOutcome(snapshot, changed=created)
