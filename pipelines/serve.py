"""`make serve`: flopbase as a service, the Dagster webserver and daemon on 127.0.0.1.

The daemon runs the schedules and sensors, evaluates the assets' automation conditions and
launches queued runs; the webserver shows them. Both read the instance in $DAGSTER_HOME,
whose `dagster.yaml` is chosen here by one setting: with `FLOPBASE_DAGSTER_PG_URL` set, runs,
event logs and schedule state live in PostgreSQL (config/dagster-postgres.yaml) and survive
restarts of either process; unset, SQLite files in $DAGSTER_HOME (config/dagster.yaml), the
default for one machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipelines.runs import pg_url, use_dagster_home_of, use_pg_driver
from schemas.settings import DAGSTER_HOME

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQLITE_CONFIG = PROJECT_ROOT / "config" / "dagster.yaml"
POSTGRES_CONFIG = PROJECT_ROOT / "config" / "dagster-postgres.yaml"
WORKSPACE = PROJECT_ROOT / "workspace.yaml"


def instance_config() -> Path:
    """The instance config the setting selects: PostgreSQL when a URL is set, else SQLite."""
    return POSTGRES_CONFIG if pg_url() else SQLITE_CONFIG


def write_instance(home: Path) -> Path:
    """Put the selected config in `home` as its dagster.yaml (and the URL, with its driver, in
    force for this process and its children); the file written."""
    home.mkdir(parents=True, exist_ok=True)
    use_pg_driver()
    target = home / "dagster.yaml"
    shutil.copyfile(instance_config(), target)
    return target


def _binary(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def daemon_command() -> list[str]:
    return [_binary("dagster-daemon"), "run", "-w", str(WORKSPACE)]


def webserver_command(host: str, port: int) -> list[str]:
    return [_binary("dagster-webserver"), "-h", host, "-p", str(port), "-w", str(WORKSPACE)]


def start(command: list[str], **popen) -> subprocess.Popen:
    """A child in its own process group (stopped as a group: the daemon starts code servers)."""
    return subprocess.Popen(command, cwd=PROJECT_ROOT, start_new_session=True, **popen)


def stop(process: subprocess.Popen, timeout_s: float = 20.0) -> int:
    """SIGTERM to the child's group, SIGKILL after `timeout_s`; its exit code."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            return process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            continue
    return process.wait()


def serve(host: str, port: int) -> int:
    """Run webserver and daemon until either stops or this process is told to stop."""
    import warehouse

    if not pg_url():  # a scratch warehouse keeps its own SQLite history (pipelines/runs.py)
        use_dagster_home_of(warehouse.warehouse_path())
    home = DAGSTER_HOME.path() if DAGSTER_HOME.is_set else PROJECT_ROOT / ".dagster_home"
    DAGSTER_HOME.set(str(home))
    config = write_instance(home)
    where = "PostgreSQL ($FLOPBASE_DAGSTER_PG_URL)" if pg_url() else f"SQLite in {home}"
    print(f"flopbase serve: instance {config} (run history in {where})", flush=True)
    print(f"flopbase serve: UI on http://{host}:{port}, daemon running", flush=True)
    stopping = False

    def on_signal(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    children = [start(daemon_command()), start(webserver_command(host, port))]
    try:
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.5)
    finally:
        codes = [stop(child) for child in children]
    if stopping:
        return 0
    print(f"flopbase serve: a process stopped (exit codes {codes}); stopped both", flush=True)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.serve", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3000)
    args = parser.parse_args(argv)
    return serve(args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
