"""The live fetch: the 48 pages at the pinned commit, checked as they arrive, stored as one
version dated by the commit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from sources.aws_instance_pages.layout import BASE_URL, COMMIT, COMMIT_DATE, INSTANCES, SOURCE
from sources.aws_instance_pages.quotes import _quotes
from sources.http import HttpClient
from sources.snapshots import SnapshotStore
from sources.source import FetchOutcome


def fetch(store: SnapshotStore, client: HttpClient, base_url: str | None = None) -> FetchOutcome:
    """Download the 48 pages at the pinned commit (`base_url` replaces the repository root,
    for tests), check them as `quotes` does and store them as one version (unchanged content
    is not stored twice). Nothing is stored when any page fails."""
    base = base_url or BASE_URL
    base = base if base.endswith("/") else base + "/"
    files = {}

    def download() -> Iterator[tuple[str, bytes]]:
        for instance in INSTANCES:
            url = f"{base}www/{instance}.html"
            files[f"{instance}.html"] = client.get(url).content
            yield url, files[f"{instance}.html"]

    _quotes(download(), COMMIT_DATE)  # raises, naming the page, before anything is stored
    snapshot, created = store.add(
        SOURCE.name,
        files,
        url=f"{base}www/",
        licence=SOURCE.licence,
        retrieved_at=COMMIT_DATE,
        extra={
            "obtained_via": f"live fetch of {base}www/<instance>.html for the "
            f"{len(INSTANCES)} instances of sources.aws_instance_pages.INSTANCES",
            "upstream_commit": COMMIT,
            "fetched_at": datetime.now(UTC).isoformat(),
        },
    )
    return FetchOutcome(snapshot, changed=created)
