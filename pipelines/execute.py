"""`flopbase build` and `flopbase refresh`: run the build job in this process with progress
lines, recorded in the Dagster instance, and say truthfully what a failed run wrote."""

from __future__ import annotations

import sys
import time

import warehouse
from pipelines.progress import with_progress
from pipelines.summary import summary
from schemas.settings import DAGSTER_HOME, LIVE, RELEASE_KEEP
from sources.registry import source_infos
from warehouse.release import publish


def _execute(verbose: bool, keys=None, tags: dict[str, str] | None = None):
    """Run `build_all` (or the assets `keys` of it) in this process with progress lines,
    recorded in $DAGSTER_HOME when it is set."""
    import dagster as dg  # imported here: `flopbase summary` should not pay for Dagster

    from pipelines.definitions import defs

    warehouse.connection.reset_lock_waits()  # one wait for the lock per run, not per step

    from pipelines.event_log import kept_engines
    from pipelines.runs import in_code_location, mark_dead_runs, use_dagster_home_of
    from pipelines.serve import use_pg_driver

    # a warehouse other than the project's keeps its own run history (pipelines/runs.py)
    if home := use_dagster_home_of(warehouse.warehouse_path()):
        print(f"run history of {warehouse.warehouse_path()}: {home}")
    use_pg_driver()  # an instance on PostgreSQL (make serve's) reads the URL with its driver
    instance = dg.DagsterInstance.get() if DAGSTER_HOME.is_set else None
    for run_id in mark_dead_runs(instance) if instance else []:
        print(f"run {run_id} was left 'started' by a process that is gone: marked failed")
    job = defs.resolve_job_def("build_all")
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
