"""Export the warehouse as files: Parquet and CSV of every core and analysis table and view,
the data dictionary and the snapshot ledger, and a README naming each source's licence,
citation and the versions the files were built from.

DuckDB writes the files itself (COPY ... TO) from one read-only connection, so an export is
one consistent state of the warehouse and never blocks on, or disturbs, the tables.

The files are written into a hidden staging folder next to the target and moved into place
only when every one is written: a target that is a file, cannot be written or fills up on
the way gives one `ExportError` line and leaves nothing behind (no empty folders, no half
export); an earlier export in the target keeps its files until the new one is complete.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import duckdb

from schemas import DATA_DICTIONARY, SNAPSHOT
from warehouse.connection import WarehouseError, connect, warehouse_path
from warehouse.ddl import ident

EXPORTED_SCHEMAS = ("core", "analysis")
# Bookkeeping that travels with the data: what each column means, which versions it rests on.
EXPORTED_META = (DATA_DICTIONARY.qualified_name, SNAPSHOT.qualified_name)
FORMATS = {"parquet": "(FORMAT parquet, COMPRESSION zstd)", "csv": "(FORMAT csv, HEADER)"}
_FORMAT_NAMES = {"parquet": "Parquet (`parquet/`)", "csv": "CSV (`csv/`)"}


class ExportError(WarehouseError):
    """The export could not be written; the message names the path and why."""


class Citable(Protocol):
    """What the README needs of a source (sources.source.SourceInfo has it)."""

    name: str
    title: str
    homepage: str
    licence: str
    citation: str


@dataclass(frozen=True)
class Exported:
    relation: str  # schema.name
    kind: str  # table or view
    rows: int
    files: tuple[Path, ...]
    seconds: float


def relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(schema.name, table|view) of everything exported, tables and views of core and
    analysis by name, then the bookkeeping tables."""
    found = con.execute(
        "SELECT schema_name || '.' || table_name, 'table' FROM duckdb_tables() "
        "WHERE list_contains(?, schema_name) UNION ALL "
        "SELECT schema_name || '.' || view_name, 'view' FROM duckdb_views() "
        "WHERE NOT internal AND list_contains(?, schema_name) ORDER BY 1",
        [list(EXPORTED_SCHEMAS), list(EXPORTED_SCHEMAS)],
    ).fetchall()
    return [*found, *((name, "table") for name in EXPORTED_META)]


def _literal(path: Path) -> str:
    # COPY takes its target as a literal, not a bound parameter
    return "'" + str(path).replace("'", "''") + "'"


def _quoted(relation: str) -> str:
    return ".".join(ident(part) for part in relation.split("."))


def export(
    directory: str | os.PathLike,
    sources: Sequence[Citable],
    *,
    path: str | os.PathLike | None = None,
    progress: Callable[[int, int, Exported], None] | None = None,
    formats: Sequence[str] = tuple(FORMATS),
) -> list[Exported]:
    """Write `<directory>/parquet/<schema.name>.parquet` and `<directory>/csv/<schema.name>.csv`
    (the `formats` asked for) for every exported relation, then `<directory>/README.md`;
    `progress(done, total, item)` is called after each relation. An earlier export in
    `directory` is replaced (its `parquet/`, `csv/` and README) once the new one is complete;
    other files stay."""
    out = Path(directory).expanduser().absolute()
    base = _existing_folder(out)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=base))
    except OSError as err:
        raise ExportError(f"cannot export to {out}: {err.strerror or err} ({base})") from err
    try:
        staging.chmod(0o755)  # mkdtemp's folder is private; an export is for every reader
        done = _write(staging, out, sources, path, progress, formats)
        _move_into_place(staging, out, formats)
    except (OSError, duckdb.Error) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        reason = reason.strip().splitlines()[0] if reason.strip() else type(err).__name__
        raise ExportError(f"cannot export to {out}: {reason}; nothing was left there") from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return done


def _existing_folder(out: Path) -> Path:
    """The nearest folder that exists at or above `out`, checked to take the export."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"cannot export to {out}: it is a file, not a folder")
    probe = out
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir():
        raise ExportError(f"cannot export to {out}: {probe} is a file, not a folder")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise ExportError(f"cannot export to {out}: {probe} is not writable")
    return probe


def _move_into_place(staging: Path, out: Path, formats: Sequence[str]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    if not out.exists():
        staging.rename(out)  # one rename: the export appears whole
        return
    for name in (*FORMATS, "README.md"):  # a format not written again goes too
        old = out / name
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
        elif old.exists() or old.is_symlink():
            old.unlink()
        if (staging / name).exists():
            (staging / name).rename(old)


def _write(
    staging: Path,
    out: Path,
    sources: Sequence[Citable],
    path: str | os.PathLike | None,
    progress: Callable[[int, int, Exported], None] | None,
    formats: Sequence[str],
) -> list[Exported]:
    for fmt in formats:
        (staging / fmt).mkdir()
    done: list[Exported] = []
    with connect(path, read_only=True) as con:
        todo = relations(con)
        for relation, kind in todo:
            started = time.monotonic()
            files, rows = [], 0
            for fmt in formats:
                options = FORMATS[fmt]
                target = staging / fmt / f"{relation}.{fmt}"
                copied = con.execute(
                    f"COPY (SELECT * FROM {_quoted(relation)}) TO {_literal(target)} {options}"
                )
                rows = copied.fetchone()[0]  # COPY answers with the rows it wrote
                files.append(out / fmt / target.name)  # where it will be once moved
            item = Exported(relation, kind, rows, tuple(files), time.monotonic() - started)
            done.append(item)
            if progress:
                progress(len(done), len(todo), item)
        versions = con.execute(
            f"SELECT source, count(*), min(retrieved_at)::DATE, max(retrieved_at)::DATE, "
            f"arg_max(version, retrieved_at) FROM {_quoted(SNAPSHOT.qualified_name)} "
            "GROUP BY source ORDER BY source"
        ).fetchall()
    (staging / "README.md").write_text(
        readme(done, sources, versions, warehouse_path(path), formats)
    )
    return done


def readme(
    exported: Iterable[Exported],
    sources: Sequence[Citable],
    versions: Sequence[tuple],
    warehouse_file: Path,
    formats: Sequence[str] = tuple(FORMATS),
) -> str:
    """The README of an export: what the files are, and under what terms each source's data
    may be reused (data from a source without a stated licence: ask before redistributing)."""
    by_source = {row[0]: row[1:] for row in versions}
    lines = [
        "# flopbase export",
        "",
        f"Exported {datetime.now(UTC):%Y-%m-%d %H:%M} UTC from `{warehouse_file.name}`. "
        "Every table and view of the `core` (facts as published) and `analysis` (derived "
        f"figures) schemas, as {' and '.join(_FORMAT_NAMES[f] for f in formats)}, one file per "
        "`schema.name`; column meanings and units are in `meta.data_dictionary`, the upstream "
        "file versions in `meta.snapshot` (rows trace to them by `source`, `sha256`, "
        "`row_number`).",
        "",
        "| relation | kind | rows |",
        "| --- | --- | ---: |",
        *(f"| `{e.relation}` | {e.kind} | {e.rows:,} |" for e in exported),
        "",
        "## Sources, licences and citations",
        "",
        "Each source's terms apply to the rows whose `source` names it. Cite the sources you use.",
        "",
        "| source | licence | citation | versions loaded |",
        "| --- | --- | --- | --- |",
    ]
    for source in sorted(sources, key=lambda s: s.name):
        count, first, last, newest = by_source.get(source.name, (0, None, None, None))
        loaded = f"{count}: {first} to {last}, newest `{newest}`" if count else "none"
        lines.append(
            f"| [{source.title}]({source.homepage}) (`{source.name}`) | {_cell(source.licence)} "
            f"| {_cell(source.citation)} | {loaded} |"
        )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
