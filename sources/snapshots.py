"""The snapshot store: immutable, content-addressed versions of raw upstream files.

Layout: `<root>/<source>/<version>/` holding the raw file(s) and `snapshot.json` (url,
sha256, retrieved_at, licence, etag). A version is named `<retrieved date>-<sha256[:12]>`;
content already stored under any version of the source is not stored again. Versions are
written to a temporary folder and renamed into place, so a killed fetch leaves no half version.

A file is handed to a parser only through `Snapshot.path`, which checks it against the sha256
its manifest recorded first (once per file and process while its inode, size and times stay
the same; all bundled versions, 445 files and 39 MB, hash in about 0.1 s): a snapshot edited in place is refused
naming the file and both hashes, never loaded as if it were the recorded one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = PROJECT_ROOT / "data" / "snapshots"
MANIFEST = "snapshot.json"
# A stored file name: plain parts joined by '/', never absolute, never '..' (names may come
# from upstream listings, so they are checked, not trusted).
_SAFE_NAME = re.compile(r"^(?!\.)[A-Za-z0-9._-]+(/(?!\.)[A-Za-z0-9._-]+)*$")


class SnapshotError(RuntimeError):
    """The store has no usable version, or a version does not match its manifest."""


class SnapshotTampered(SnapshotError):
    """A stored file is missing or no longer hashes to what its manifest recorded: `file`,
    the `recorded` sha256 and the `actual` one (None for a missing file)."""

    def __init__(
        self,
        message: str,
        *,
        file: Path | None = None,
        recorded: str | None = None,
        actual: str | None = None,
    ) -> None:
        super().__init__(message)
        self.file, self.recorded, self.actual = file, recorded, actual


# (file, inode, size, mtime_ns, ctime_ns) -> the manifest sha256 it matched in this process
_VERIFIED: dict[tuple[str, int, int, int, int], str] = {}


@dataclass(frozen=True)
class Snapshot:
    """One stored version of one upstream source."""

    source: str
    version: str
    directory: Path
    url: str
    sha256: str
    retrieved_at: datetime
    licence: str
    files: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None

    def path(self, name: str | None = None) -> Path:
        """The file called `name`, or the only file of a single-file snapshot."""
        if name is None:
            if len(self.files) != 1:
                raise SnapshotError(f"{self.directory} holds {len(self.files)} files: name one")
            (name,) = self.files
        if name not in self.files:
            raise SnapshotError(f"{self.directory} has no file {name!r}")
        target = self.directory / name
        check_file(target, self.files[name])
        return target


def content_sha256(files: dict[str, bytes]) -> str:
    """Hash of a version: the file's own sha256 for one file, else of the sorted listing."""
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    if len(digests) == 1:
        return next(iter(digests.values()))
    listing = "".join(f"{name}\0{digest}\n" for name, digest in sorted(digests.items()))
    return hashlib.sha256(listing.encode()).hexdigest()


class SnapshotStore:
    """Versions of every source under one root folder (default `data/snapshots`)."""

    def __init__(self, root: str | os.PathLike | None = None) -> None:
        self.root = Path(root) if root else DEFAULT_ROOT

    def sources(self) -> list[str]:
        """Every source with at least one stored version."""
        if not self.root.is_dir():
            return []
        return sorted(d.name for d in self.root.iterdir() if d.is_dir() and self.versions(d.name))

    def versions(self, source: str) -> list[Snapshot]:
        """Every version of `source`, oldest first."""
        folder = self.root / source
        if not folder.is_dir():
            return []
        found = [_load(d) for d in folder.iterdir() if (d / MANIFEST).is_file()]
        return sorted(found, key=lambda s: (s.retrieved_at, s.version))

    def latest(self, source: str) -> Snapshot:
        versions = self.versions(source)
        if not versions:
            raise SnapshotError(
                f"no snapshot of {source!r} under {self.root / source}: the bundled snapshots "
                "come with the repository; fetch one with live mode (FLOPBASE_LIVE=1)"
            )
        return versions[-1]

    def add(
        self,
        source: str,
        files: dict[str, bytes],
        *,
        url: str,
        licence: str,
        retrieved_at: datetime | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        extra: dict[str, object] | None = None,
    ) -> tuple[Snapshot, bool]:
        """Store `files` as a new version unless identical content exists; (snapshot, created).

        `extra` adds provenance fields to the manifest (e.g. how a bundled file was obtained).
        """
        if not files or any(not data for data in files.values()):
            raise SnapshotError(f"refusing to store an empty snapshot of {source!r}")
        for name in files:
            if not _SAFE_NAME.match(name) or name == MANIFEST:
                raise SnapshotError(f"not a plain file name for a snapshot of {source!r}: {name!r}")
        sha = content_sha256(files)
        for existing in self.versions(source):
            if existing.sha256 == sha:
                return existing, False
        when = (retrieved_at or datetime.now(UTC)).astimezone(UTC)
        version = f"{when:%Y-%m-%d}-{sha[:12]}"
        manifest = {
            "source": source,
            "version": version,
            "url": url,
            "retrieved_at": when.isoformat(),
            "licence": licence,
            "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
            "sha256": sha,
            "etag": etag,
            "last_modified": last_modified,
            **(extra or {}),
        }
        folder = self.root / source
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=folder))
        staging.chmod(0o755)  # mkdtemp makes it private; versions are for every reader
        for name, data in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        for written in staging.rglob("*"):
            if written.is_file():
                written.chmod(0o444)  # immutable from here on
        staging.rename(folder / version)
        return _load(folder / version), True


def _load(directory: Path) -> Snapshot:
    manifest = json.loads((directory / MANIFEST).read_text())
    return Snapshot(
        source=manifest["source"],
        version=manifest["version"],
        directory=directory,
        url=manifest["url"],
        sha256=manifest["sha256"],
        retrieved_at=datetime.fromisoformat(manifest["retrieved_at"]),
        licence=manifest["licence"],
        files=manifest["files"],
        etag=manifest.get("etag"),
        last_modified=manifest.get("last_modified"),
    )


def verify(snapshot: Snapshot, *, cached: bool = False) -> None:
    """Raise `SnapshotTampered` when a stored file no longer matches the hash its manifest
    recorded (or is gone). With `cached`, files already matched in this process (same inode,
    size and times) are not hashed again."""
    for name, expected in snapshot.files.items():
        check_file(snapshot.directory / name, expected, cached=cached)


def tampered(snapshot: Snapshot) -> list[SnapshotTampered]:
    """Every file of `snapshot` that is missing or no longer matches its manifest (each
    hashed afresh), as the errors a reader of it would raise; empty when it is intact."""
    found = []
    for name, expected in snapshot.files.items():
        try:
            check_file(snapshot.directory / name, expected, cached=False)
        except SnapshotTampered as err:
            found.append(err)
    return found


def check_file(target: Path, expected: str, *, cached: bool = True) -> None:
    """`SnapshotTampered` naming the file and both hashes unless `target` hashes to
    `expected`. With `cached`, a file whose inode, size and times are those it had when it
    matched is not hashed again (parsers may ask for one file several times in a build)."""
    try:
        stat = target.stat()
    except FileNotFoundError:
        raise SnapshotTampered(
            f"{target} is missing (its manifest records sha256 {expected}); snapshots are "
            "immutable: restore it from git (or from wherever the store is kept)",
            file=target,
            recorded=expected,
            actual=None,
        ) from None
    key = (str(target), stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    if cached and _VERIFIED.get(key) == expected:
        return
    digest = hashlib.sha256()
    with target.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    actual = digest.hexdigest()
    if actual != expected:
        raise SnapshotTampered(
            f"{target} was changed after it landed: sha256 {actual}, manifest says "
            f"{expected}; snapshots are immutable: restore it from git (a new upstream "
            "version is stored next to it by a live fetch, never edited in place)",
            file=target,
            recorded=expected,
            actual=actual,
        )
    _VERIFIED[key] = expected
