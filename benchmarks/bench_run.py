"""`make run` on an existing environment: the wall time of `flopbase build` (the build recorded in
its Dagster instance, the release, the summary), each run a new process, as a person runs it.

Everything lives in a temporary folder: the warehouse (FLOPBASE_DB), its run history (a
warehouse other than the project's keeps its own, `<db>.dagster/`), its releases and the caches
of parses, fits and plots (FLOPBASE_CACHE_DIR). The first run makes the environment (every
parse, fit and plot made: `first_run_s`); the next REPEATS are the figure. Goal (issue 20):
<= 20 s. Writes benchmarks/results/run.json.

    python -m benchmarks.bench_run
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import write_result

REPEATS = 3
FLOPBASE = Path(sys.executable).parent / "flopbase"  # the entry point `make run` calls
REPO = Path(__file__).resolve().parent.parent


def run_once(env: dict[str, str]) -> dict[str, float]:
    """One `flopbase build`: its wall time and the build and release times it prints."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(FLOPBASE), "build"], env=env, cwd=REPO, capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"flopbase build failed:\n{done.stderr[-4000:]}")
    said = {
        name: float(found.group(1))
        for name, pattern in (
            ("build_s", r"\nbuilt .* in ([\d.]+) s"),
            ("release_s", r"\nreleased .* in ([\d.]+) s"),
        )
        if (found := re.search(pattern, done.stdout))
    }
    return {"wall_s": wall, **said}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="flopbase-bench-run-") as tmp:
        env = os.environ | {
            "FLOPBASE_DB": str(Path(tmp) / "flopbase.duckdb"),
            "FLOPBASE_RELEASES": str(Path(tmp) / "releases"),
            "FLOPBASE_CACHE_DIR": str(Path(tmp) / "cache"),
            "DAGSTER_DISABLE_TELEMETRY": "1",
        }
        first = run_once(env)
        runs = [run_once(env) for _ in range(REPEATS)]
    wall = statistics.median(r["wall_s"] for r in runs)
    write_result(
        "run",
        {
            "what": "flopbase build (make run) on an existing environment: build recorded in "
            "its Dagster instance, release, summary; a new process each",
            "repeats": REPEATS,
            "first_run_s": round(first["wall_s"], 2),
            "run_s": round(wall, 2),
            "runs_s": [round(r["wall_s"], 2) for r in runs],
            "build_s": [r.get("build_s") for r in runs],
            "release_s": [r.get("release_s") for r in runs],
            "goal": "make run on an existing environment <= 20 s (issue 20)",
            "meets_goal": wall <= 20,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
