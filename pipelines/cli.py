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
import sys
import time
from datetime import date
from pathlib import Path

import warehouse
from pipelines.progress import with_progress
from pipelines.read_commands import EXPORT_DIR, export, query, settings
from pipelines.refresh import refresh as refresh_stale
from pipelines.refresh import run_report
from pipelines.summary import summary
from schemas.settings import DAGSTER_HOME, LIVE, RELEASE_KEEP
from sources.registry import source_infos
from warehouse.release import publish
from warehouse.safe_query import MAX_ROWS, QUERY_TIMEOUT_S


def definitions():
    """The project's Dagster `Definitions`, imported when first needed: `flopbase summary`
    and a refresh with nothing to run should not pay for Dagster."""
    from pipelines.definitions import defs

    return defs


def _execute(verbose: bool, keys=None, tags: dict[str, str] | None = None):
    """Run `build_all` (or the assets `keys` of it) in this process with progress lines,
    recorded in $DAGSTER_HOME when it is set."""
    import dagster as dg  # imported here: `flopbase summary` should not pay for Dagster

    from pipelines.event_log import kept_engines
    from pipelines.runs import in_code_location, mark_dead_runs, use_dagster_home_of, use_pg_driver

    warehouse.connection.reset_lock_waits()  # one wait for the lock per run, not per step

    # a warehouse other than the project's keeps its own run history (pipelines/runs.py)
    if home := use_dagster_home_of(warehouse.warehouse_path()):
        print(f"run history of {warehouse.warehouse_path()}: {home}")
    use_pg_driver()  # an instance on PostgreSQL (make serve's) reads the URL with its driver
    instance = dg.DagsterInstance.get() if DAGSTER_HOME.is_set else None
    for run_id in mark_dead_runs(instance) if instance else []:
        print(f"run {run_id} was left 'started' by a process that is gone: marked failed")
    job = definitions().resolve_job_def("build_all")
    if keys is not None:  # the subset, so that progress counts its steps only
        job = job.get_subset(asset_selection=set(keys))
    # recorded under workspace.yaml's code location, so the UI's timeline shows the run;
    # its events written through kept engines (pipelines/event_log.py)
    with in_code_location(instance, job.name), kept_engines(instance):
        return with_progress(job).execute_in_process(
            run_config={
                "loggers": {
                    # the per-record warnings (quarantined rows) are in the UI and meta.quarantine
                    "console": {"config": {"log_level": "INFO" if verbose else "ERROR"}},
                    "progress": {},
                }
            },
            instance=instance,
            raise_on_error=False,
            tags=tags or {},
        )


def _failed(what: str, elapsed: float, errors: dict[str, str], written: list[str]) -> int:
    """Say which steps failed and why (a line each) and, truthfully, what the run wrote."""
    lines = [f"{what} failed in {elapsed:.1f} s: {len(errors) or 'no'} step(s) failed"]
    lines += [f"  {step}: {error}" for step, error in errors.items()]
    if written:
        shown = ", ".join(written[:8]) + (
            f" and {len(written) - 8} more" if len(written) > 8 else ""
        )
        lines.append(
            f"Written by this run: {len(written)} assets ({shown}) hold the new data. The failed "
            "steps wrote nothing (a step publishes in one transaction): their tables keep their "
            "previous rows, and so do the steps that depend on them, which did not run."
        )
    else:
        lines.append("Nothing was written: every table keeps its previous rows.")
    lines.append("Run again with --verbose (or open the run in the UI) for the full errors.")
    print("\n".join(lines), file=sys.stderr)
    return 1


def writable() -> None:
    """Take the write lock once and let it go: `WarehouseLocked` naming the holder's PID and
    command after one bounded wait, instead of every step of the run waiting its own."""
    with warehouse.connect():
        pass


def build(live: bool, verbose: bool = False) -> int:
    """Materialise every asset over every partition: a full rebuild."""
    from pipelines.partitions import every_partition

    if live:
        LIVE.set("1")
    started = time.monotonic()
    writable()  # a held lock fails here, once, before any step runs
    result = _execute(verbose, tags=every_partition())  # the whole price history in this one run
    elapsed = time.monotonic() - started
    if not result.success:
        return _failed("build", elapsed, *run_report(result))
    print(f"\nbuilt {warehouse.warehouse_path()} in {elapsed:.1f} s")
    if not release():
        return 1
    summary()
    return 0


def release() -> bool:
    """Publish the build as a dated release for readers (warehouse/release.py) unless
    $FLOPBASE_RELEASE_KEEP is 0; False when it could not be written (the build stands)."""
    if RELEASE_KEEP.number() <= 0:
        return True
    started = time.monotonic()
    try:
        published = publish(source_infos())
    except warehouse.WarehouseError as err:  # ReleaseError, or the lock held by another writer
        print(f"the build stands, but no release was published: {err}", file=sys.stderr)
        return False
    print(f"released {published.path} in {time.monotonic() - started:.1f} s (latest)")
    return True


def refresh(live: bool, verbose: bool = False) -> int:
    """Fetch (when live), then rebuild only what depends on a snapshot not yet loaded."""

    def execute(keys, tags):
        writable()  # only when there is something to run
        return _execute(verbose, keys, tags)

    started = time.monotonic()
    outcome = refresh_stale(definitions, live, execute)
    elapsed = time.monotonic() - started
    if not outcome.success:
        return _failed("refresh", elapsed, outcome.errors, outcome.written)
    if not outcome.stale and not outcome.missing:
        print(
            "every source's newest snapshot is loaded and every table is there: nothing "
            f"rebuilt ({elapsed:.1f} s)"
        )
        return 0
    why = [f"new snapshots of {', '.join(outcome.stale)}"] if outcome.stale else []
    if outcome.missing:
        why.append(f"missing {', '.join(outcome.missing)}")
    print(
        f"\nrefreshed ({'; '.join(why)}): {len(outcome.rebuilt)} assets rebuilt in {elapsed:.1f} s"
    )
    return 0


def report(directory: Path | None) -> int:
    """The report's modules import Dagster and matplotlib: loaded only for this command."""
    from pipelines.report import REPORT_DIR
    from pipelines.report import report as write

    return write(directory or REPORT_DIR)


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
