"""What every upstream declares, and the one way a live fetch lands in the snapshot store."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from sources.http import FetchError, HttpClient, Response
from sources.snapshots import Snapshot, SnapshotStore
from sources.upstream import UpstreamFormatError

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_SUFFIXES = (".html", ".htm")


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


class RejectedDownload(FetchError, UpstreamFormatError):
    """The download arrived but is not the file it should be; nothing was stored."""


@dataclass(frozen=True)
class FetchOutcome:
    snapshot: Snapshot
    changed: bool  # False: upstream answered 304 or sent content already stored


def conditional_get(
    name: str, url: str, store: SnapshotStore, client: HttpClient
) -> tuple[Response, Snapshot | None]:
    """GET `url` with the ETag / Last-Modified of source `name`'s newest stored version, and
    that version (None before the first fetch): a 304 means it is still current."""
    previous = store.versions(name)
    latest = previous[-1] if previous else None
    response = client.get(
        url,
        etag=latest.etag if latest else None,
        last_modified=latest.last_modified if latest else None,
    )
    return response, latest


def fetch(
    source: SourceInfo,
    store: SnapshotStore,
    client: HttpClient,
    *,
    url: str | None = None,
    transform: Callable[[bytes], bytes] | None = None,
    check: Callable[[Path], object] | None = None,
    retrieved_at: datetime | None = None,
    extra: dict[str, object] | None = None,
) -> FetchOutcome:
    """Download `url` (default `source.url`) conditionally into a new immutable version when
    it changed, stored as `source.filename`.

    `transform` turns the download into the stored file (an extract) and raises when the
    download is not what it should be: nothing is stored then. `check` reads the file to be
    stored (the source's parser, given a temporary copy named `source.filename`) and raises
    when it cannot: `RejectedDownload`, nothing stored. An HTML page where the URL names
    another kind of file (a login or error page served with 200) is refused the same way.
    `retrieved_at` dates the version (default now; a file at a pinned commit is dated by that
    commit, and the real download time goes to the manifest as `fetched_at`)."""
    url = url or source.url
    response, latest = conditional_get(source.name, url, store, client)
    if response.not_modified and latest:
        return FetchOutcome(latest, changed=False)
    refuse_unexpected_html(url, response)
    content = response.content
    if transform is not None:
        try:
            content = transform(content)
        except ValueError as err:  # UpstreamFormatError: not the page or file it should be
            raise RejectedDownload(
                f"GET {url}: the download does not hold {source.name}'s data: {err}; nothing "
                "stored, the stored versions are unchanged"
            ) from err
    if check is not None:
        _check(source, url, content, check)
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


def refuse_unexpected_html(url: str, response: Response) -> None:
    """An HTML body for a URL naming a CSV/JSON/zip file is an error or login page."""
    media = (response.content_type or "").split(";")[0].strip().lower()
    suffix = PurePosixPath(unquote(urlsplit(url).path)).suffix.lower()
    if media in _HTML_TYPES and suffix not in _HTML_SUFFIXES:
        raise RejectedDownload(
            f"GET {response.url}: the server sent {media} where {url} names a "
            f"{suffix or 'non-HTML'} file (an error or login page?); nothing stored"
        )


def _check(source: SourceInfo, url: str, content: bytes, check: Callable[[Path], object]) -> None:
    """Run the source's parser on the file about to be stored; refuse it when that fails."""
    with tempfile.TemporaryDirectory(prefix="flopbase-check-") as folder:
        path = Path(folder) / source.filename  # our name for the file, never the upstream's
        path.write_bytes(content)
        try:
            check(path)
        except Exception as err:  # UpstreamFormatError, or any other way the parser fails
            reason = str(err).replace(str(path), source.filename)
            raise RejectedDownload(
                f"GET {url}: the download does not read as {source.name}'s {source.filename}: "
                f"{reason}; nothing stored, the stored versions are unchanged"
            ) from err
