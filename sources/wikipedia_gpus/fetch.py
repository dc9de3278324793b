"""The live fetch: the plot HTML at `SOURCE.url`, stored as its extracted rows."""

from __future__ import annotations

from sources import source as generic
from sources.http import HttpClient
from sources.snapshots import SnapshotStore
from sources.source import FetchOutcome
from sources.wikipedia_gpus.extract import EXTRACTION, extract_rows
from sources.wikipedia_gpus.layout import SOURCE
from sources.wikipedia_gpus.parse import parse


def fetch(store: SnapshotStore, client: HttpClient) -> FetchOutcome:
    """Download the plot HTML at `SOURCE.url` (conditional GET) and store its rows
    (`extract_rows`) as a new version when they changed; a page without the plot's dataset,
    or rows `parse` cannot read, raise and store nothing."""
    return generic.fetch(
        SOURCE,
        store,
        client,
        transform=extract_rows,
        check=parse,
        extra={"obtained_via": f"live GET of {SOURCE.url}; {EXTRACTION}"},
    )
