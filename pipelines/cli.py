"""`flopbase`: build the warehouse from the command line, query and export it.

flopbase build [--live] [--verbose]   materialise every asset (in one process), a line per
                                      finished step, then summarise
flopbase refresh [--live] [--verbose] fetch (when live), then rebuild only the assets that
                                      depend on a source whose newest snapshot is not loaded
flopbase summary                      summarise the warehouse as it is
flopbase query "SQL" [-p VALUE ...] [--csv | --json] [--timeout S] [--max-rows N]
                                      run one reading statement (bound parameters) and print
                                      at most N rows (1,000); refused: writes, COPY, ATTACH,
                                      INSTALL/LOAD, SET, PRAGMA, files outside the warehouse
flopbase export [--dir DIR]           Parquet + CSV of every core and analysis table and view,
                                      the data dictionary, and a README of licences
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import pkgutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

import warehouse
from schemas import SNAPSHOT, TABLES
from schemas.settings import DAGSTER_HOME, LIVE, SETTINGS
from warehouse.read import missing_relations
from warehouse.safe_query import MAX_ROWS, QUERY_TIMEOUT_S, safe_query

# next to the default warehouse file, git-ignored
EXPORT_DIR = warehouse.connection.PROJECT_ROOT / "data" / "exports"

SUMMARY_SQL = f"""
SELECT source, count(*) AS versions, sum(rows_read) AS rows_read,
       sum(rows_loaded) AS rows_loaded, sum(rows_quarantined) AS rows_quarantined
FROM {SNAPSHOT.qualified_name} WHERE rows_read IS NOT NULL GROUP BY source ORDER BY source
"""

HEADLINE_SQL = """
SELECT name, bf16_flop_per_s, released_on FROM core.hardware
WHERE bf16_flop_per_s IS NOT NULL ORDER BY bf16_flop_per_s DESC, name LIMIT 5
"""


CLOUD_SQL = """
SELECT hardware_id, pricing, round(min(usd_per_accelerator_hour), 2) AS cheapest_usd_per_hour,
       arg_min(provider, usd_per_accelerator_hour) AS provider,
       round(quantile_cont(usd_per_accelerator_hour, 0.25), 2) AS p25_usd_per_hour,
       count(DISTINCT provider) AS providers, max(observed_at)::DATE AS latest_on
FROM core.cloud_price
WHERE hardware_id IN ('nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-80gb') AND NOT is_suspect
  AND observed_at >= (SELECT max(observed_at) FROM core.cloud_price) - INTERVAL 365 DAY
GROUP BY ALL ORDER BY hardware_id, cheapest_usd_per_hour
"""

# BF16 on demand by year: the cheapest non-suspect quote of any month, and the robust figure
# (each month's 25th percentile over providers; its median over the year's months) with the
# most providers a month had: a year resting on one provider says so.
PFLOP_DAY_SQL = """
SELECT year(month_on) AS year,
       round(min(usd_per_pflop_day), 1) AS cheapest_usd_per_pflop_day,
       arg_min(hardware_id, usd_per_pflop_day) AS cheapest_chip,
       round(median(robust_usd_per_pflop_day), 1) AS robust_usd_per_pflop_day,
       max(n_providers) AS most_providers_in_a_month,
       count(*) AS months_covered
FROM analysis.cheapest_pflop_day_by_month
WHERE precision = 'bf16' AND pricing = 'on_demand'
GROUP BY year ORDER BY year
"""

# What $1bn of on-demand rental buys, in multiples of the reference model's training compute,
# priced at frontier scale (datacenter chips in nodes of 8+, the robust price; run config in
# each row's inputs).
BUDGET_SQL = """
SELECT year, round(value, 1) AS multiples,
       round((inputs->>'$.usd_per_pflop_day')::DOUBLE, 1) AS usd_per_pflop_day,
       inputs->>'$.price.hardware_id' AS chip,
       (inputs->>'$.n_providers')::INTEGER AS providers,
       inputs->>'$.reference_model_id' AS reference_model
FROM analysis.overhang_estimate
WHERE scenario = 'budget' AND subject LIKE 'cloud_on_demand/%'
ORDER BY year
"""

# The headline trends in words, with what they rest on.
TRENDS_SQL = """
SELECT metric || ' (' || subset || ')' AS trend, summary, n,
       provider_count AS providers, first_on, last_on
FROM analysis.trend_summary
WHERE (metric, subset) IN (
    ('training_compute_flop', 'notable 2010-01-01..'),
    ('training_compute_flop', 'notable ..2009-12-31'),
    ('fp32_flop_per_s_per_usd', 'gpu'),
    ('fp16_tensor_flop_per_s_per_usd', 'ml gpu'),
    ('usd_per_pflop_day', 'bf16 cloud_on_demand'),
    ('usd_per_accelerator_hour', 'nvidia-h100-sxm5-80gb on_demand'))
ORDER BY metric, subset
"""

QUALITY_SQL = """
SELECT source, cloud_quotes, suspect_quotes, quarantined_quotes FROM meta.price_quality
WHERE suspect_quotes > 0 OR quarantined_quotes > 0 ORDER BY source
"""

MODELS_SQL = """
SELECT name, published_on, training_compute_flop, parameters, hardware_id, hardware_quantity
FROM core.model WHERE is_frontier AND training_compute_flop IS NOT NULL
ORDER BY training_compute_flop DESC, name LIMIT 5
"""


class Progress(logging.Handler):
    """A line per finished step of a run: [done/total], step, duration, rows of each asset it
    materialised, warnings logged and failed checks. Fed by Dagster's structured events."""

    def __init__(self, total: int, out: Callable[[str], None] = print) -> None:
        super().__init__(level=logging.DEBUG)
        self.total = total
        self.out = out
        self.done = 0
        self.rows: dict[str, dict[str, tuple[int | None, int]]] = {}  # rows, partitions
        self.warnings: dict[str, int] = {}
        self.failed_checks: dict[str, list[str]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event, step = meta.get("dagster_event"), meta.get("step_key")
        if step is None:
            return
        if event is None:
            if record.levelno >= logging.WARNING:
                self.warnings[step] = self.warnings.get(step, 0) + 1
            return
        if event.is_step_materialization:
            # a run over every partition materialises each asset once per partition: one entry
            materialization = event.event_specific_data.materialization
            count = materialization.metadata.get("dagster/row_count")
            asset = materialization.asset_key.to_user_string()
            rows, partitions = self.rows.setdefault(step, {}).get(asset, (None, 0))
            self.rows[step][asset] = (count.value if count else rows, partitions + 1)
        elif event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if not evaluation.passed:
                # a warning check (severity WARN) does not stop the build; say which it is
                severity = getattr(evaluation.severity, "value", "ERROR")
                self.failed_checks.setdefault(step, []).append(
                    f"{evaluation.check_name} ({'warning' if severity == 'WARN' else 'error'})"
                )
        elif event.is_step_success or event.is_step_failure:
            self.finished(step, event)

    def finished(self, step: str, event) -> None:
        self.done += 1
        data = event.event_specific_data
        seconds = data.duration_ms / 1000 if getattr(data, "duration_ms", None) else None
        parts = [
            f"[{self.done:>{len(str(self.total))}}/{self.total}]",
            "FAILED" if event.is_step_failure else "ok",
            step,
            f"{seconds:.1f} s" if seconds is not None else "",
            ", ".join(
                asset
                + (f" {rows:,} rows" if rows is not None else "")
                + (f" ({partitions} partitions)" if partitions > 1 else "")
                for asset, (rows, partitions) in self.rows.pop(step, {}).items()
            ),
        ]
        if warned := self.warnings.pop(step, 0):
            parts.append(f"({warned} warning{'s' if warned > 1 else ''})")
        if failed := self.failed_checks.pop(step, []):
            parts.append(f"checks not passed: {', '.join(failed)}")
        self.out("  ".join(p for p in parts if p))


def with_progress(job, out: Callable[[str], None] = print):
    """`job` with a `progress` logger printing a line per finished step."""
    import dagster as dg

    handler = Progress(total=len(job.graph.node_dict), out=out)

    @dg.logger(description="A line per finished step with its duration and rows.")
    def progress_logger(_init_context) -> logging.Logger:
        log = logging.Logger("flopbase.progress", level=logging.DEBUG)
        log.addHandler(handler)
        return log

    return job.with_logger_defs({**job.loggers, "progress": progress_logger})


def _execute(verbose: bool, keys=None, tags: dict[str, str] | None = None):
    """Run `build_all` (or the assets `keys` of it) in this process with progress lines,
    recorded in $DAGSTER_HOME when it is set."""
    import dagster as dg  # imported here: `flopbase summary` should not pay for Dagster

    from pipelines.definitions import defs

    warehouse.connection.reset_lock_waits()  # one wait for the lock per run, not per step

    from pipelines.runs import in_code_location, mark_dead_runs, use_dagster_home_of

    # a warehouse other than the project's keeps its own run history (pipelines/runs.py)
    if home := use_dagster_home_of(warehouse.warehouse_path()):
        print(f"run history of {warehouse.warehouse_path()}: {home}")
    instance = dg.DagsterInstance.get() if DAGSTER_HOME.is_set else None
    for run_id in mark_dead_runs(instance) if instance else []:
        print(f"run {run_id} was left 'started' by a process that is gone: marked failed")
    job = defs.resolve_job_def("build_all")
    if keys is not None:  # the subset, so that progress counts its steps only
        job = job.get_subset(asset_selection=set(keys))
    # recorded under workspace.yaml's code location, so the UI's timeline shows the run
    with in_code_location(instance, job.name):
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
    from pipelines.cloud_prices import every_partition
    from pipelines.refresh import run_report

    if live:
        LIVE.set("1")
    started = time.monotonic()
    writable()  # a held lock fails here, once, before any step runs
    result = _execute(verbose, tags=every_partition())  # the whole price history in this one run
    elapsed = time.monotonic() - started
    if not result.success:
        return _failed("build", elapsed, *run_report(result))
    print(f"\nbuilt {warehouse.warehouse_path()} in {elapsed:.1f} s")
    summary()
    return 0


def refresh(live: bool, verbose: bool = False) -> int:
    """Fetch (when live), then rebuild only what depends on a snapshot not yet loaded."""
    from pipelines.refresh import refresh as refresh_stale

    def execute(keys, tags):
        writable()  # only when there is something to run
        return _execute(verbose, keys, tags)

    started = time.monotonic()
    outcome = refresh_stale(live, execute)
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


SECTIONS = [  # title, query, the tables and views it reads (a view: with its tables)
    (
        "Sources (every record or price quote read is loaded or quarantined):",
        SUMMARY_SQL,
        ["meta.snapshot"],
    ),
    (
        "Fastest accelerators by dense 16-bit tensor throughput (FLOP/s):",
        HEADLINE_SQL,
        ["core.hardware"],
    ),
    (
        "Price quotes judged suspect (kept, never a cheapest figure) or quarantined, by source:",
        QUALITY_SQL,
        ["meta.price_quality", "core.cloud_price"],
    ),
    (
        "Cloud price per accelerator-hour in the last year of data, suspect quotes left out "
        "(USD; p25 = 25th percentile of the quotes):",
        CLOUD_SQL,
        ["core.cloud_price"],
    ),
    (
        "BF16 on demand, dollars per PFLOP/s-day at peak, by year: the cheapest quote and the "
        "robust figure (median of the months' 25th percentile over providers):",
        PFLOP_DAY_SQL,
        ["analysis.cheapest_pflop_day_by_month", "analysis.price_performance"],
    ),
    (
        "What $1bn of on-demand rental buys, in multiples of GPT-4's training compute "
        "(datacenter chips in 8+ accelerator nodes, 40% utilisation, robust price):",
        BUDGET_SQL,
        ["analysis.overhang_estimate"],
    ),
    (
        "Headline trends (docs/published_record.md):",
        TRENDS_SQL,
        ["analysis.trend_summary", "analysis.trend_estimate"],  # a view reads the table
    ),
    ("Largest training runs among frontier models (Epoch AI):", MODELS_SQL, ["core.model"]),
]


def summary() -> int:
    """Print what the warehouse holds. Tables a build should have made but the file lacks (a
    build killed halfway) are named with the fix, and the sections reading them skipped:
    exit status 1."""
    if not warehouse.warehouse_path().exists():
        raise warehouse.WarehouseError(
            f"no warehouse at {warehouse.warehouse_path()}: build it first with `make run`"
        )
    missing = missing_relations([t.qualified_name for t in TABLES])
    with pl.Config(
        tbl_rows=50, tbl_hide_dataframe_shape=True, fmt_str_lengths=120, tbl_width_chars=200
    ):
        print("\nTables:")
        print(warehouse.row_counts())
        for title, sql, reads in SECTIONS:
            if not set(reads) & set(missing):
                print(f"\n{title}")
                print(warehouse.query(sql))
    if missing:
        print(
            f"\nflopbase summary: the warehouse {warehouse.warehouse_path()} lacks "
            f"{len(missing)} of its {len(TABLES)} tables and views ({', '.join(missing)}), "
            "as a build stopped halfway leaves it. Run `make refresh` (flopbase refresh) to "
            "rebuild what is missing, or `make run` to rebuild everything.",
            file=sys.stderr,
        )
        return 1
    return 0


def query(
    sql: str,
    params: list[str],
    fmt: str,
    timeout_s: float | None = None,
    max_rows: int = MAX_ROWS,
) -> int:
    """Print the result of one reading statement (warehouse/safe_query.py: refused with one
    line otherwise): a table, CSV or JSON rows, at most `max_rows` (0 = all)."""
    try:
        result = safe_query(sql, params, timeout_s=timeout_s, max_rows=max_rows or None)
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


def source_infos() -> list:
    """The `SOURCE` of every module in sources/: the licences and citations an export names."""
    import sources
    from sources.source import SourceInfo

    found = []
    for module in pkgutil.iter_modules(sources.__path__):
        declared = getattr(importlib.import_module(f"sources.{module.name}"), "SOURCE", None)
        if isinstance(declared, SourceInfo):
            found.append(declared)
    return found


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
    args = parser.parse_args(argv)
    run = {
        "build": lambda: build(args.live, args.verbose),
        "refresh": lambda: refresh(args.live, args.verbose),
        "summary": summary,
        "query": lambda: query(
            args.sql, args.param, args.fmt or "table", args.timeout, args.max_rows
        ),
        "export": lambda: export(args.dir),
        "settings": settings,
    }
    try:
        return run[args.command]()
    except warehouse.WarehouseError as err:
        print(f"flopbase: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
