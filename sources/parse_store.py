"""The parse cache's disk tier: a version's `Parsed` kept between processes, so a second build
over unchanged snapshots reads its frames back instead of parsing again.

An entry is one zip file (its members stored as they are; its CRCs catch a damaged file)
holding one lz4 Arrow IPC file per frame, at `<dir>/<code digest>/<source>/<sha256>-<manifest digest>.zip`:
- the snapshot's sha256 names its content (versions are immutable, content-addressed), and
  the digest of its manifest covers what readers take from it besides the files (the
  retrieval date that dates mentions, MLPerf's upstream file names);
- the code digest is the sha256 of every .py file under sources/ and schemas/ (paths and
  contents) and of the versions of Python and the libraries parsing uses, so ANY change to
  that code (a parser, a schema, a frame's columns) misses every entry. It is coarse on
  purpose: a stale parse is never worth the seconds a finer key would save. Entries of other
  digests are removed when a process writes its first entry.

Entries are written to a temporary file in their folder and renamed into place, so a killed
build leaves no half entry; an entry that cannot be read (truncated, damaged, another shape)
is removed and the version parsed again. The folder is `$FLOPBASE_CACHE_DIR` ("off": no disk
tier); callers verify a version's files against its manifest before asking for its entry.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import fields
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import BinaryIO

import polars as pl

from schemas.settings import CACHE_DIR
from sources.interface import Parsed
from sources.snapshots import MANIFEST, Snapshot

ROOT = Path(__file__).resolve().parent.parent
CODE = ("sources", "schemas")  # every parser and every schema a parse is shaped by
LIBRARIES = ("polars", "pandera", "beautifulsoup4", "pyyaml", "zstandard")
FRAMES = frozenset(f.name for f in fields(Parsed)) - {"source", "sha256"}
# Every bundled version's frames read back from files in ~0.35 s either way (lz4 or none), and
# lz4 keeps them in 19 MB instead of 91 MB (measured 2026-12-04).
COMPRESSION = "lz4"
DIGEST = re.compile(r"[0-9a-f]{32}")  # a code digest's folder: the only kind ever removed
_PRUNED: set[tuple[Path, str]] = set()  # (folder, digest): other digests removed already


@cache
def code_digest(
    root: Path = ROOT, folders: tuple[str, ...] = CODE, libraries: tuple[str, ...] = LIBRARIES
) -> str:
    """sha256 of the code a parse (or what else is kept) depends on: the .py files of
    `folders` under `root` (paths and contents) and the versions of Python and `libraries`."""
    digest = hashlib.sha256(sys.version.encode())
    for name in libraries:
        try:
            digest.update(f"\0{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"\0{name}=none".encode())
    for path in sorted(p for folder in folders for p in (root / folder).rglob("*.py")):
        digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ParseStore:
    """Parses on disk under `root`, one entry per (source, version content, manifest, code)."""

    def __init__(self, root: Path, code: str | None = None) -> None:
        self.root = Path(root)
        self.code = code or code_digest()

    def entry(self, snapshot: Snapshot) -> Path:
        manifest = hashlib.sha256((snapshot.directory / MANIFEST).read_bytes()).hexdigest()
        name = f"{snapshot.sha256}-{manifest[:16]}.zip"
        return self.root / self.code[:32] / snapshot.source / name

    def load(self, snapshot: Snapshot) -> Parsed | None:
        """The stored parse of `snapshot`, or None (an unreadable entry is removed)."""
        path = self.entry(snapshot)
        try:
            with zipfile.ZipFile(path) as archive:
                frames = {
                    name.removesuffix(".arrow"): pl.read_ipc(io.BytesIO(archive.read(name)))
                    for name in archive.namelist()
                }
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - any unreadable entry is only a miss
            frames = None
        if frames is None or not frames.keys() <= FRAMES:
            with suppress(OSError):
                path.unlink()
            return None
        return Parsed(snapshot.source, snapshot.sha256, **frames)

    def save(self, parsed: Parsed, snapshot: Snapshot) -> None:
        """Store `parsed` atomically; a failure to write costs a parse later, nothing else."""

        def write(out: BinaryIO) -> None:
            with zipfile.ZipFile(out, "w") as archive:
                for name, frame in parsed.frames().items():
                    data = io.BytesIO()
                    frame.write_ipc(data, compression=COMPRESSION)
                    archive.writestr(f"{name}.arrow", data.getbuffer())

        drop_other_digests(self.root, self.code[:32])
        write_entry(self.entry(snapshot), write)


def write_entry(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """`write` an entry to a temporary file beside `path`, then rename it into place, so a
    killed process leaves no half entry; a failure (a full disk, a frame IPC cannot hold)
    writes nothing and only costs the work again later."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                write(out)
            os.replace(temporary, path)
        except BaseException:
            with suppress(OSError):
                os.unlink(temporary)
            raise
    except Exception:  # noqa: BLE001 - an entry not written is only a later miss
        return


def drop_other_digests(folder: Path, keep: str) -> None:
    """Remove the entries of code digests other than `keep` under `folder`: they can never be
    read again. Once per process and folder (two checkouts sharing a folder do not empty it at
    every write)."""
    if (folder, keep) in _PRUNED:
        return
    _PRUNED.add((folder, keep))
    if folder.is_dir():
        for child in folder.iterdir():
            if DIGEST.fullmatch(child.name) and child.name != keep:
                shutil.rmtree(child, ignore_errors=True)


def cache_root() -> Path | None:
    """The folder `$FLOPBASE_CACHE_DIR` names for every disk cache (parses, fits, plots), None
    when it is "off"."""
    text = CACHE_DIR.text()
    return None if text == "off" else Path(text)


def configured() -> ParseStore | None:
    """The disk tier `$FLOPBASE_CACHE_DIR` names, None when it is "off"."""
    root = cache_root()
    return None if root is None else ParseStore(root)
