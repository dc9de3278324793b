"""The live fetch: the repository zip at `SOURCE.url`, kept only for the files a version holds."""

from __future__ import annotations

import hashlib
import io
import re
import stat
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from sources.dawnbench.layout import KINDS, SOURCE, TASKS
from sources.dawnbench.parse import parse_curves, parse_entries
from sources.http import HttpClient
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import (
    FetchOutcome,
    RejectedDownload,
    conditional_get,
    refuse_unexpected_html,
)
from sources.upstream import UpstreamFormatError

README = "README.md"
# What a version holds: the README, and every entry and curve the parsers read.
_STORED = re.compile(rf"^(?:{'|'.join(TASKS)})/(?:{'|'.join(KINDS)})/[^/]+\.(?:json|tsv)$")
_PLAIN_PART = re.compile(r"^(?!\.)[A-Za-z0-9._-]+$")  # the snapshot store's name rule
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024  # the kept files are ~0.3 MB; refuse a zip bomb


def fetch(store: SnapshotStore, client: HttpClient) -> FetchOutcome:
    """Download the repository zip at `SOURCE.url` (conditional GET) and store `README.md` and
    every `<task>/<train|inference>/*.json|tsv` under its relative path (the zip's top folder
    stripped) as a new version when they changed: the files the bundled version holds, byte
    for byte, so the same content is the same version. Nothing else of the zip is stored.
    Nothing is stored when the download is not such a zip, names a member outside its folder,
    or its entries or curves do not parse (`RejectedDownload`)."""
    response, latest = conditional_get(SOURCE.name, SOURCE.url, store, client)
    if response.not_modified and latest:
        return FetchOutcome(latest, changed=False)
    refuse_unexpected_html(SOURCE.url, response)
    try:
        top, files = unzip_entries(response.content)
        check_entries(files)
    except UpstreamFormatError as err:
        raise RejectedDownload(
            f"GET {response.url}: the download does not hold {SOURCE.name}'s entries: {err}; "
            "nothing stored, the stored versions are unchanged"
        ) from err
    now = datetime.now(UTC)
    snapshot, created = store.add(
        SOURCE.name,
        files,
        url=SOURCE.url,
        licence=SOURCE.licence,
        retrieved_at=now,
        etag=response.etag,
        last_modified=response.last_modified,
        extra={
            "obtained_via": f"live GET of {SOURCE.url}: {README} and every *.json and *.tsv "
            f"under {{{','.join(TASKS)}}}/{{{','.join(KINDS)}}}/ of the zip, its top folder "
            f"{top!r} stripped, relative paths kept",
            "renamed_files": {},
            "personal_data": "the JSON entries hold submitters' e-mail addresses (authorEmail) "
            "as upstream has them; parsers never return them",
        },
    )
    return FetchOutcome(snapshot, changed=created)


def unzip_entries(body: bytes) -> tuple[str, dict[str, bytes]]:
    """(top folder, files to store) out of a GitHub repository zip: `README.md` and the
    entries and curves, keyed by their path below the one top folder. Every member name must
    be a plain relative path (no absolute path, no '..', no backslash) and no kept member may
    be a link, or the whole zip is refused; a kept file's name must fit the store's rule."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise UpstreamFormatError(f"not a zip archive ({err})") from None
    tops, members = set(), {}
    for info in infos:
        name = info.filename
        parts = name.removesuffix("/").split("/")
        if name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts):
            raise UpstreamFormatError(f"member {name!r} is not a plain relative path")
        tops.add(parts[0])
        if info.is_dir() or len(parts) < 2:
            continue
        relative = "/".join(parts[1:])
        if relative != README and not _STORED.match(relative):
            continue  # tests, CI files, requirements: not what the loader reads
        if not all(_PLAIN_PART.match(p) for p in parts[1:]):
            raise UpstreamFormatError(
                f"member {name!r} has no plain file name to store it under (letters, digits, "
                "'.', '_', '-'): update sources/dawnbench/fetch.py"
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UpstreamFormatError(f"member {name!r} is a symbolic link, not a file")
        if relative in members:
            raise UpstreamFormatError(f"the zip holds {name!r} twice")
        members[relative] = info
    if len(tops) != 1:
        raise UpstreamFormatError(
            f"expected one top folder (a GitHub archive), found {sorted(tops)[:10]}"
        )
    (top,) = tops
    if README not in members or not any(n.endswith(".json") for n in members):
        raise UpstreamFormatError(
            f"the zip lacks {README} or any <task>/<train|inference>/*.json entry (it holds "
            f"{archive.namelist()[:20]}): the repository changed shape, update "
            "sources/dawnbench/fetch.py"
        )
    if sum(info.file_size for info in members.values()) > MAX_UNZIPPED_BYTES:
        raise UpstreamFormatError(f"the kept files unpack to more than {MAX_UNZIPPED_BYTES} bytes")
    files = {}
    for relative, info in sorted(members.items()):
        try:
            files[relative] = archive.read(info)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
            raise UpstreamFormatError(f"{info.filename} in the zip is unreadable ({err})") from None
    return f"{top}/", files


def check_entries(files: dict[str, bytes]) -> None:
    """Raise `UpstreamFormatError` unless `parse_entries` and `parse_curves` read `files` (a
    temporary version holding them under their relative paths) and find entries and curves."""
    with tempfile.TemporaryDirectory(prefix="flopbase-check-") as folder:
        root = Path(folder)
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        snapshot = Snapshot(
            source=SOURCE.name,
            version="check",
            directory=root,
            url=SOURCE.url,
            sha256="",
            retrieved_at=datetime.now(UTC),
            licence=SOURCE.licence,
            files={name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
        )
        try:
            entries = parse_entries(snapshot)
            curves = parse_curves(snapshot) if any(n.endswith(".tsv") for n in files) else None
        except Exception as err:  # UpstreamFormatError, or any other way a parser fails
            raise UpstreamFormatError(str(err).replace(folder + "/", "")) from None
    if entries.is_empty() or curves is None or curves.is_empty():
        raise UpstreamFormatError("no entries, or no training curves, to read")
