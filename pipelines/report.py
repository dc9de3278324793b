"""`flopbase report`: a static page to share, drawn from the warehouse file alone. index.html
(no script, no external file) and the charts as PNG files beside it: the headline trends with
their intervals and published counterparts, a chart per headline metric, the cheapest
PFLOP/s-day by month, the overhang scenarios, the DAWNBench records and what was known when;
each figure with the named read that reproduces it and the upstream versions it rests on.

The folder is written whole in a temporary sibling and then swapped in, so a report that
fails leaves the previous one as it was."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl

import warehouse
from pipelines.report_html import IMAGES, images, render_page
from pipelines.report_sections import READS, sections
from pipelines.report_trends import trend_figures
from warehouse.read import missing_relations
from warehouse.reads import named_read

# next to the default warehouse file, git-ignored
REPORT_DIR = warehouse.connection.PROJECT_ROOT / "data" / "report"


@dataclass(frozen=True)
class Written:
    index: Path
    figures: int
    charts: int
    tables: int


def heading(db: Path, versions: pl.DataFrame, as_of: object) -> str:
    """What the report was drawn from: the warehouse file, its upstream versions, the date of
    its trend estimates (never today's date: the page is a function of the file)."""
    newest = versions["retrieved_at"].max()
    return (
        f"Drawn from the warehouse {db.name}: {versions.height} upstream versions of "
        f"{versions['source'].n_unique()} sources (newest retrieved "
        f"{newest.date().isoformat() if newest else 'never'}); trends estimated as of {as_of}. "
        "Every figure names the query that reproduces it: paste it into a shell in the "
        "project (flopbase query), or run its SQL on the warehouse or a release."
    )


def render(db: Path, target: Path) -> Written:
    """Write index.html and the charts of the warehouse `db` into the folder `target`."""
    drawn = sections(db, trend_figures(db))
    versions = named_read("report_loaded_versions", path=db)
    as_of = named_read("report_trends", path=db)["as_of"].max()
    (target / IMAGES).mkdir(parents=True)
    for name, png in images(drawn).items():
        (target / IMAGES / name).write_bytes(png)
    index = target / "index.html"
    index.write_text(render_page(drawn, versions, heading(db, versions, as_of)), encoding="utf-8")
    figures = [f for s in drawn for f in s.figures]
    return Written(
        index,
        len(figures),
        sum(f.png is not None for f in figures),
        sum(f.table is not None for f in figures) + 1,  # + the versions table
    )


def write_report(directory: Path, db: Path | None = None) -> Written:
    """Render into a temporary sibling of `directory`, then swap it in (the previous report is
    removed only once the new one is complete)."""
    db = Path(db or warehouse.warehouse_path())
    if not db.exists():
        raise warehouse.WarehouseError(f"no warehouse at {db}: build it first with `make run`")
    missing = missing_relations(READS, path=db)
    if missing:
        raise warehouse.WarehouseError(
            f"the warehouse {db} lacks {', '.join(missing)}: run `make refresh` or `make run`"
        )
    directory = directory.resolve()
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        written = render(db, staging / "report")
        old = staging / "previous"
        if directory.exists():
            os.replace(directory, old)
        os.replace(staging / "report", directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Written(directory / "index.html", written.figures, written.charts, written.tables)


def report(directory: Path) -> int:
    """`flopbase report [--dir DIR]`: write the page and say where and how long it took."""
    started = time.monotonic()
    written = write_report(directory)
    print(
        f"report: {written.figures} figures ({written.charts} charts, {written.tables} tables) "
        f"in {time.monotonic() - started:.1f} s: {written.index}",
        file=sys.stdout,
    )
    return 0
