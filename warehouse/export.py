"""Export the warehouse as files: Parquet and CSV of every core and analysis table and view,
the data dictionary and the snapshot ledger, and a README naming each source's licence,
citation and the versions the files were built from.

DuckDB writes the files itself (COPY ... TO) from one read-only connection, so an export is
one consistent state of the warehouse and never blocks on, or disturbs, the tables.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import duckdb

from schemas import DATA_DICTIONARY, SNAPSHOT
from warehouse.connection import connect, warehouse_path
from warehouse.ddl import ident

EXPORTED_SCHEMAS = ("core", "analysis")
# Bookkeeping that travels with the data: what each column means, which versions it rests on.
EXPORTED_META = (DATA_DICTIONARY.qualified_name, SNAPSHOT.qualified_name)
FORMATS = {"parquet": "(FORMAT parquet, COMPRESSION zstd)", "csv": "(FORMAT csv, HEADER)"}


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
) -> list[Exported]:
    """Write `<directory>/parquet/<schema.name>.parquet` and `<directory>/csv/<schema.name>.csv`
    for every exported relation, then `<directory>/README.md`; `progress(done, total, item)`
    is called after each relation."""
    out = Path(directory)
    for fmt in FORMATS:
        (out / fmt).mkdir(parents=True, exist_ok=True)
    done: list[Exported] = []
    with connect(path, read_only=True) as con:
        todo = relations(con)
        for relation, kind in todo:
            started = time.monotonic()
            files, rows = [], 0
            for fmt, options in FORMATS.items():
                target = out / fmt / f"{relation}.{fmt}"
                copied = con.execute(
                    f"COPY (SELECT * FROM {_quoted(relation)}) TO {_literal(target)} {options}"
                )
                rows = copied.fetchone()[0]  # COPY answers with the rows it wrote
                files.append(target)
            item = Exported(relation, kind, rows, tuple(files), time.monotonic() - started)
            done.append(item)
            if progress:
                progress(len(done), len(todo), item)
        versions = con.execute(
            f"SELECT source, count(*), min(retrieved_at)::DATE, max(retrieved_at)::DATE, "
            f"arg_max(version, retrieved_at) FROM {_quoted(SNAPSHOT.qualified_name)} "
            "GROUP BY source ORDER BY source"
        ).fetchall()
    (out / "README.md").write_text(readme(done, sources, versions, warehouse_path(path)))
    return done


def readme(
    exported: Iterable[Exported],
    sources: Sequence[Citable],
    versions: Sequence[tuple],
    warehouse_file: Path,
) -> str:
    """The README of an export: what the files are, and under what terms each source's data
    may be reused (data from a source without a stated licence: ask before redistributing)."""
    by_source = {row[0]: row[1:] for row in versions}
    lines = [
        "# flopbase export",
        "",
        f"Exported {datetime.now(UTC):%Y-%m-%d %H:%M} UTC from `{warehouse_file.name}`. "
        "Every table and view of the `core` (facts as published) and `analysis` (derived "
        "figures) schemas, as Parquet (`parquet/`) and CSV (`csv/`), one file per "
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
