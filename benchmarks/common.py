"""What every benchmark shares: the machine it ran on, where results go, a built warehouse."""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


def machine() -> dict[str, object]:
    return {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }


def write_result(name: str, result: dict[str, object]) -> None:
    """benchmarks/results/<name>.json, stamped with the time and machine, and printed."""
    result = {
        "benchmark": name,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        **result,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


def build_warehouse(path: Path) -> float:
    """Build every asset into `path` (set as FLOPBASE_DB) in this process; seconds taken."""
    import time

    from pipelines.definitions import defs
    from pipelines.partitions import every_partition

    os.environ["FLOPBASE_DB"] = str(path)
    started = time.perf_counter()
    result = defs.resolve_job_def("build_all").execute_in_process(
        run_config=QUIET, tags=every_partition()
    )
    if not result.success:
        raise RuntimeError("the build failed: run `make run` to see why")
    return time.perf_counter() - started
