"""Run history that tells the truth: runs whose process is gone are marked failed, and each
warehouse keeps its own history.

A run killed from the shell (kill -9, a closed terminal, a reboot) never records its end, so
the UI shows it "Started" forever. Every run records the PID of the process executing it in
its RUN_START event; when that process no longer exists (or the PID now belongs to a process
started after the run), the run is marked failed with the reason. `flopbase build` and
`refresh` do this before they start a run, and the `mark_dead_runs_failed` sensor does it
while the UI's daemon runs.

Dagster keeps run history per instance folder ($DAGSTER_HOME). `dagster_home_for` gives a
warehouse other than the project's default its own folder next to it, so runs against a
scratch warehouse do not show up as the main warehouse's materialisations.

`flopbase build` and `refresh` run the job in their own process (`execute_in_process`), which
records a run with no code location. The UI's Overview timeline places a run by its code
location and job (a run without one is left out), so `in_code_location` records these runs
under the job of workspace.yaml's code location, as if the UI had launched them.

An instance on PostgreSQL (`make serve`'s) is reached with the driver dagster-postgres
installs (`pg_url`, `use_pg_driver`).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

from schemas.settings import DAGSTER_HOME, DAGSTER_PG_URL

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PROJECT_HOME = PROJECT_ROOT / ".dagster_home"  # the Makefile's DAGSTER_HOME
DEFAULT_DB = PROJECT_ROOT / "data" / "flopbase.duckdb"
INSTANCE_CONFIG = PROJECT_ROOT / "config" / "dagster.yaml"
WORKSPACE = PROJECT_ROOT / "workspace.yaml"  # what `make ui` loads
DEFINITIONS_MODULE = "pipelines.definitions"
IN_FLIGHT = [dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED]


def run_pid(instance: dg.DagsterInstance, run_id: str) -> tuple[int, float] | None:
    """(PID, epoch seconds) of the process that started the run, from its RUN_START event."""
    records = instance.get_records_for_run(
        run_id=run_id, of_type=dg.DagsterEventType.RUN_START, limit=1
    ).records
    if not records:
        return None
    entry = records[0].event_log_entry
    event = entry.dagster_event
    if event is None or event.pid is None:
        return None
    return event.pid, entry.timestamp


def process_alive(pid: int, since: float) -> bool:
    """Whether `pid` is a live process that was already running at `since` (a PID reused by
    a later process is not the run's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return True  # no /proc: trust the PID
    if stat[0] == "Z":
        return False  # a zombie: dead, not yet reaped by its parent
    # field 22 of stat (index 19 after the command): start time in clock ticks after boot
    process_started = time.time() - uptime + int(stat[19]) / os.sysconf("SC_CLK_TCK")
    return process_started <= since + 2.0


def mark_dead_runs(instance: dg.DagsterInstance) -> list[str]:
    """Mark failed every starting or started run whose process is gone, freeing the pool
    slots it held; their ids."""
    marked = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=IN_FLIGHT)):
        found = run_pid(instance, run.run_id)
        if found is None:
            continue  # not started by a process yet (queued, launching): Dagster's to time out
        pid, started = found
        if process_alive(pid, started):
            continue
        instance.report_run_failed(
            run,
            message=f"the process running it (PID {pid}) is gone: killed or crashed without "
            "recording its end; marked failed by flopbase. A step that had not committed "
            "wrote nothing (each publish is one transaction).",
        )
        # the warehouse writer slot it held (config/dagster.yaml): the next writer's to take
        if instance.event_log_storage.supports_global_concurrency_limits:
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        marked.append(run.run_id)
    return marked


def dagster_home_for(db: Path, current: str | None) -> Path | None:
    """The Dagster home a run against warehouse `db` should record into instead of `current`
    (the Makefile's `.dagster_home/`): a folder `<db>.dagster/` next to a warehouse other
    than the project's default. None: keep `current` (unset, or set to a folder of the
    user's own choosing, or the warehouse is the default one)."""
    if not current or Path(current).resolve() != PROJECT_HOME.resolve():
        return None  # no history kept, or a folder of the user's own choice
    if db.resolve() == DEFAULT_DB.resolve():
        return None
    return db.with_name(db.name + ".dagster")


def use_dagster_home_of(db: Path) -> Path | None:
    """Point DAGSTER_HOME at the warehouse's own history folder (created with the project's
    instance config) when `dagster_home_for` says so; the folder, or None if unchanged."""
    home = dagster_home_for(db, DAGSTER_HOME.text() or None)
    if home is None:
        return None
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        shutil.copy(INSTANCE_CONFIG, home / "dagster.yaml")
    DAGSTER_HOME.set(str(home))
    return home


def workspace_job_origin(job_name: str, workspace: Path = WORKSPACE):
    """The origin the UI knows `job_name` by: the job of workspace.yaml's code location that
    loads `pipelines.definitions` (its one repository of a `Definitions`), made by the same
    loader the webserver uses, so its location name and id are the webserver's. None when the
    workspace file is missing or names no such location."""
    from dagster._core.definitions.repository_definition.valid_definitions import (
        SINGLETON_REPOSITORY_NAME,
    )
    from dagster._core.remote_origin import RemoteRepositoryOrigin
    from dagster._core.workspace.load import location_origins_from_yaml_paths

    if not workspace.is_file():
        return None
    for location in location_origins_from_yaml_paths([str(workspace)]):
        target = getattr(location, "loadable_target_origin", None)
        if target is not None and target.module_name == DEFINITIONS_MODULE:
            return RemoteRepositoryOrigin(location, SINGLETON_REPOSITORY_NAME).get_job_origin(
                job_name
            )
    return None


@contextmanager
def in_code_location(instance: dg.DagsterInstance | None, job_name: str) -> Iterator[None]:
    """Runs of `job_name` that this process creates on `instance` while inside (an
    `execute_in_process`) are recorded with the job's origin in the workspace's code
    location: the UI's timeline lists them under that job, the runs page's code location
    filter finds them (Dagster adds the `dagster/code_location` tag), and run-status sensors
    of the code location see them. `execute_in_process` takes no origin, so the instance's
    `create_run_for_job` is wrapped for the duration; nothing else changes."""
    origin = workspace_job_origin(job_name) if instance is not None else None
    if origin is None:
        yield
        return
    create = instance.create_run_for_job

    def create_with_origin(*args, **kwargs):
        job_def = kwargs.get("job_def")
        if kwargs.get("remote_job_origin") is None and getattr(job_def, "name", None) == job_name:
            kwargs["remote_job_origin"] = origin
        return create(*args, **kwargs)

    instance.create_run_for_job = create_with_origin
    try:
        yield
    finally:
        del instance.create_run_for_job  # the class's method again


# SQLAlchemy 2.1 reads a bare postgresql:// as psycopg 3; dagster-postgres installs psycopg2
PG_DRIVER = "postgresql+psycopg2://"


def pg_url() -> str:
    """The PostgreSQL URL in force ('' for none), with the driver dagster-postgres brings."""
    url = DAGSTER_PG_URL.text()
    for bare in ("postgresql://", "postgres://"):
        if url.startswith(bare):
            return PG_DRIVER + url.removeprefix(bare)
    return url


def use_pg_driver() -> None:
    """Put the URL with its driver in force for this process and its children (Dagster reads
    $FLOPBASE_DAGSTER_PG_URL itself when it loads config/dagster-postgres.yaml)."""
    if url := pg_url():
        DAGSTER_PG_URL.set(url)


def main() -> None:
    """`python -m pipelines.runs`: print the Dagster home that runs against the warehouse
    ($FLOPBASE_DB) record into, created when it is the warehouse's own (`make ui` starts the
    UI on it, so the UI shows that warehouse's history)."""
    import warehouse

    print(use_dagster_home_of(warehouse.warehouse_path()) or DAGSTER_HOME.text())


if __name__ == "__main__":
    main()
