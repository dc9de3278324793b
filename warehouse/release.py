"""Releases: immutable, dated copies of the warehouse for many readers.

A build writes one DuckDB file, and while it writes DuckDB lets no other process open it.
Readers therefore read a release instead: `<releases>/release=<id>/` holds a copy of the
warehouse file (`flopbase.duckdb`), Parquet of every table and view (`parquet/`, written by
warehouse/export.py from that copy, readable by Spark, Trino, pandas, polars, DuckDB), the
export's README of licences, and `manifest.json` (row counts, sha256 and size of every file,
the snapshot versions loaded, a schema version). `latest` is a symlink switched with one
`os.replace`, so a reader sees the old release or the new one, never half of one; a reader
holding a release open keeps reading it while later builds write the warehouse and publish
further releases. The folder name `release=<id>` makes the releases one Hive-partitioned
dataset: `release=*/parquet/core.hardware.parquet` reads a table's every release with a
`release` column. The oldest releases beyond $FLOPBASE_RELEASE_KEEP are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from schemas import DATA_DICTIONARY, SNAPSHOT
from schemas.settings import RELEASE_DIR, RELEASE_KEEP
from warehouse.connection import WarehouseError, connect, warehouse_path
from warehouse.ddl import qualified
from warehouse.export import Citable, export

PREFIX = "release="
LATEST = "latest"
MANIFEST = "manifest.json"
DB_FILE = "flopbase.duckdb"
FORMATS = ("parquet",)  # CSV stays with `flopbase export`: 25x the bytes, same rows


class ReleaseError(WarehouseError):
    """No such release, or a release could not be written; the message says which."""


@dataclass(frozen=True)
class Release:
    id: str  # UTC time of publication, 2026-12-04T161523Z
    path: Path

    @property
    def db(self) -> Path:
        return self.path / DB_FILE

    def manifest(self) -> dict:
        return json.loads((self.path / MANIFEST).read_text())


def releases_root(root: str | os.PathLike | None = None, path=None) -> Path:
    """Where releases go: `root`, else $FLOPBASE_RELEASES, else `releases/` beside the
    warehouse file."""
    chosen = root or RELEASE_DIR.text()
    return Path(chosen).expanduser() if chosen else warehouse_path(path).parent / "releases"


def release_id(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H%M%SZ")


def sha256_of(file: Path) -> str:
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def releases(root: str | os.PathLike | None = None, path=None) -> list[Release]:
    """Every complete release, oldest first."""
    base = releases_root(root, path)
    if not base.is_dir():
        return []
    found = [
        Release(entry.name.removeprefix(PREFIX), entry)
        for entry in base.iterdir()
        if entry.name.startswith(PREFIX) and (entry / MANIFEST).is_file()
    ]
    return sorted(found, key=lambda r: r.id)


def open_release(name: str | None = None, root=None, path=None) -> Release:
    """The release called `name`: an id, a date (that day's newest release) or `latest`
    (also None)."""
    base = releases_root(root, path)
    if name in (None, "", LATEST):
        link = base / LATEST
        if not link.exists():
            raise ReleaseError(f"no release in {base}: `flopbase build` publishes one")
        target = link.resolve()
        return Release(target.name.removeprefix(PREFIX), target)
    matches = [r for r in releases(base) if r.id == name or r.id.startswith(f"{name}T")]
    if not matches:
        known = ", ".join(r.id for r in releases(base)) or "none"
        raise ReleaseError(f"no release {name!r} in {base} (releases: {known})")
    return matches[-1]


def publish(
    sources: Sequence[Citable],
    *,
    path: str | os.PathLike | None = None,
    root: str | os.PathLike | None = None,
    keep: int | None = None,
    at: datetime | None = None,
) -> Release:
    """Copy the warehouse (under its write lock, after a checkpoint, so no writer is halfway),
    export the copy's tables and views to Parquet, write the manifest, move the folder into
    place, point `latest` at it and remove releases beyond `keep` ($FLOPBASE_RELEASE_KEEP)."""
    base = releases_root(root, path)
    base.mkdir(parents=True, exist_ok=True)
    rid = release_id(at or datetime.now(UTC))
    final = base / f"{PREFIX}{rid}"
    if final.exists():
        raise ReleaseError(f"release {rid} exists already in {base}; releases are immutable")
    staging = Path(tempfile.mkdtemp(prefix=f".{PREFIX}{rid}.partial-", dir=base))
    try:
        staging.chmod(0o755)
        with connect(path) as con:  # the write lock: no build changes the file while copied
            con.execute("CHECKPOINT")
            shutil.copyfile(warehouse_path(path), staging / DB_FILE)
        exported = export(staging, sources, path=staging / DB_FILE, formats=FORMATS)
        manifest = _manifest(rid, staging, exported)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n")
        for file in staging.rglob("*"):
            if file.is_file():
                file.chmod(0o444)  # immutable: readers and later builds cannot change it
        staging.rename(final)
    except (OSError, duckdb.Error) as err:
        raise ReleaseError(f"cannot publish a release in {base}: {err}") from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _point_latest(base, final)
    prune(base, RELEASE_KEEP.number() if keep is None else keep)
    return Release(rid, final)


def _manifest(rid: str, folder: Path, exported) -> dict:
    db = folder / DB_FILE
    with connect(db, read_only=True) as con:
        snapshots = con.execute(
            f"SELECT source, version, sha256, rows_loaded FROM {qualified(SNAPSHOT)} ORDER BY 1, 2"
        ).fetchall()
        columns = con.execute(
            f"SELECT table_name, column_name, data_type FROM {qualified(DATA_DICTIONARY)} "
            "ORDER BY 1, 2"
        ).fetchall()
    files = [
        {
            "relation": e.relation,
            "kind": e.kind,
            "rows": e.rows,
            "file": str(f.relative_to(folder)),
            "bytes": f.stat().st_size,
            "sha256": sha256_of(f),
        }
        for e in exported
        for f in (folder / "parquet" / f"{e.relation}.parquet",)
    ]
    return {
        "release": rid,
        "published_at": datetime.now(UTC).isoformat(timespec="seconds"),
        # the declared columns and their types: equal versions read alike
        "schema_version": hashlib.sha256(json.dumps(columns).encode()).hexdigest()[:16],
        "duckdb_version": duckdb.__version__,
        "warehouse": {"file": DB_FILE, "bytes": db.stat().st_size, "sha256": sha256_of(db)},
        "relations": files,
        # every stored version the build saw; rows_loaded says which it loaded rows from
        "snapshots": [
            {"source": s, "version": v, "sha256": h, "rows_loaded": n} for s, v, h, n in snapshots
        ],
    }


def _point_latest(base: Path, final: Path) -> None:
    """Switch `latest` to `final` in one rename: readers see the old or the new release."""
    link = base / f".{LATEST}-{final.name}"
    link.unlink(missing_ok=True)
    link.symlink_to(final.name)  # relative: the folder of releases can move as a whole
    os.replace(link, base / LATEST)


def prune(base: Path, keep: float) -> list[str]:
    """Remove the oldest releases beyond `keep` (never the one `latest` names); their ids."""
    current = (base / LATEST).resolve() if (base / LATEST).exists() else None
    kept = releases(base)
    surplus = kept[: max(0, len(kept) - int(keep))]
    removed = []
    for old in surplus:
        if old.path.resolve() == current:
            continue
        shutil.rmtree(old.path)
        removed.append(old.id)
    return removed
