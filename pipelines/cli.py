"""`flopbase`: build the warehouse from the command line, query and export it.

flopbase build [--live] [--verbose]   materialise every asset (in one process), a line per
                                      finished step, then summarise
flopbase refresh [--live] [--verbose] fetch (when live), then rebuild only the assets that
                                      depend on a source whose newest snapshot is not loaded
flopbase summary                      summarise the warehouse as it is
flopbase query "SQL" [-p VALUE ...] [--csv | --json] [--timeout S] [--max-rows N]
               [--release ID|DATE|latest]   (a published release instead of the warehouse)
                                      run one reading statement (bound parameters) and print
                                      at most N rows (1,000); refused: writes, COPY, ATTACH,
                                      INSTALL/LOAD, SET, PRAGMA, files outside the warehouse
flopbase export [--dir DIR]           Parquet + CSV of every core and analysis table and view,
                                      the data dictionary, and a README of licences
flopbase report [--dir DIR]           a static page to share (index.html + PNG charts, works
                                      offline), each figure with the query reproducing it
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

import polars as pl

import warehouse
from pipelines.execute import build, refresh
from pipelines.summary import summary
from schemas.settings import SETTINGS
from sources.registry import source_infos
from warehouse.as_of_query import as_of_note, as_of_query
from warehouse.release import open_release
from warehouse.safe_query import MAX_ROWS, QUERY_TIMEOUT_S, safe_query

# next to the default warehouse file, git-ignored
EXPORT_DIR = warehouse.connection.PROJECT_ROOT / "data" / "exports"


def query(
    sql: str,
    params: list[str],
    fmt: str,
    timeout_s: float | None = None,
    max_rows: int = MAX_ROWS,
    as_of: date | None = None,
    release: str | None = None,
) -> int:
    """Print the result of one reading statement (warehouse/safe_query.py: refused with one
    line otherwise): a table, CSV or JSON rows, at most `max_rows` (0 = all); with `as_of`,
    against the warehouse as it stood on that date (warehouse/as_of_query.py); with `release`,
    against that published release instead of the warehouse (warehouse/release.py)."""
    try:
        path = open_release(release).db if release else None
        if as_of is not None:
            result = as_of_query(
                sql, as_of, params, path=path, timeout_s=timeout_s, max_rows=max_rows or None
            )
            print(as_of_note(as_of), file=sys.stderr)
        else:
            result = safe_query(
                sql, params, path=path, timeout_s=timeout_s, max_rows=max_rows or None
            )
    except warehouse.WarehouseError as err:
        print(f"flopbase query: {err}", file=sys.stderr)
        return 2
    frame = result.frame
    if result.truncated:
        print(
            f"flopbase query: showing the first {max_rows:,} rows; add a LIMIT, --max-rows N "
            "(0 = all) or use `flopbase export`",
            file=sys.stderr,
        )
    if fmt == "csv":
        sys.stdout.write(frame.write_csv())
    elif fmt == "json":
        print(json.dumps(frame.to_dicts(), default=str, indent=1))
    else:
        with pl.Config(tbl_rows=-1, tbl_cols=-1, tbl_width_chars=200, fmt_str_lengths=80):
            print(frame)
    return 0


def export(directory: Path) -> int:
    from warehouse.export import export as write_export

    def show(done: int, total: int, item) -> None:
        print(
            f"[{done:>{len(str(total))}}/{total}] {item.relation} ({item.kind}) "
            f"{item.rows:,} rows {item.seconds:.1f} s"
        )

    started = time.monotonic()
    exported = write_export(directory, source_infos(), progress=show)
    size = sum(f.stat().st_size for e in exported for f in e.files)
    print(
        f"\nexported {len(exported)} tables and views ({size / 1e6:.1f} MB) to {directory} "
        f"in {time.monotonic() - started:.1f} s; licences and citations: "
        f"{directory / 'README.md'}"
    )
    return 0


def report(directory: Path | None) -> int:
    """The report's modules import Dagster and matplotlib: loaded only for this command."""
    from pipelines.report import REPORT_DIR
    from pipelines.report import report as write

    return write(directory or REPORT_DIR)


def settings() -> int:
    """Each setting of schemas/settings.py: the value in force, where it came from, meaning."""
    for setting in SETTINGS:
        origin = f"${setting.env}" if setting.is_set else "default"
        unit = f" {setting.unit}" if setting.unit else ""
        print(f"{setting.env}={setting.text()}{unit}  ({origin}) {setting.description}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="flopbase", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="materialise every asset, then summarise")
    build_cmd.add_argument("--live", action="store_true", help="fetch upstream first")
    build_cmd.add_argument(
        "--verbose", action="store_true", help="Dagster's own log lines as well as progress"
    )
    refresh_cmd = commands.add_parser(
        "refresh", help="rebuild only what depends on a source whose newest snapshot is new"
    )
    refresh_cmd.add_argument("--live", action="store_true", help="fetch upstream first")
    refresh_cmd.add_argument("--verbose", action="store_true", help="Dagster's own log lines")
    commands.add_parser("summary", help="summarise the warehouse as it is")
    query_cmd = commands.add_parser("query", help="run one read-only SQL query and print it")
    query_cmd.add_argument(
        "sql", help="one SELECT/WITH/DESCRIBE/SHOW/SUMMARIZE/EXPLAIN; ? marks a bound parameter"
    )
    query_cmd.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="S",
        help=f"stop the query after S seconds (default $FLOPBASE_QUERY_TIMEOUT_S or "
        f"{QUERY_TIMEOUT_S:g}; 0 = none)",
    )
    query_cmd.add_argument(
        "--max-rows",
        type=int,
        default=MAX_ROWS,
        metavar="N",
        help=f"print at most N rows (default {MAX_ROWS:,}; 0 = all)",
    )
    query_cmd.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="read core tables as they stood on that date (upstream versions published by then)",
    )
    query_cmd.add_argument(
        "--release",
        default=None,
        metavar="ID|DATE|latest",
        help="read a published release (that day's newest for a date) instead of the warehouse",
    )
    query_cmd.add_argument(
        "-p", "--param", action="append", default=[], help="value of the next ? (repeatable)"
    )
    shape = query_cmd.add_mutually_exclusive_group()
    shape.add_argument("--csv", dest="fmt", action="store_const", const="csv", help="as CSV")
    shape.add_argument("--json", dest="fmt", action="store_const", const="json", help="as JSON")
    commands.add_parser("settings", help="each setting, the value in force and where it is from")
    export_cmd = commands.add_parser(
        "export", help="Parquet and CSV of every core and analysis table and view, + README"
    )
    export_cmd.add_argument(
        "--dir", type=Path, default=EXPORT_DIR, help=f"target (default {EXPORT_DIR})"
    )
    report_cmd = commands.add_parser(
        "report", help="a static page of the headline figures, charts and their queries"
    )
    report_cmd.add_argument("--dir", type=Path, default=None, help="target (default data/report/)")
    args = parser.parse_args(argv)
    run = {
        "build": lambda: build(args.live, args.verbose),
        "refresh": lambda: refresh(args.live, args.verbose),
        "summary": summary,
        "query": lambda: query(
            args.sql,
            args.param,
            args.fmt or "table",
            args.timeout,
            args.max_rows,
            args.as_of,
            args.release,
        ),
        "export": lambda: export(args.dir),
        "report": lambda: report(args.dir),
        "settings": settings,
    }
    try:
        return run[args.command]()
    except warehouse.WarehouseError as err:
        print(f"flopbase: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
