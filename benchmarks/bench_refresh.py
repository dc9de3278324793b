"""No-op refresh: every newest snapshot already loaded, so nothing may be rebuilt.

Builds a fresh warehouse once, then times `pipelines.refresh.refresh(definitions)` (offline: the
snapshot store against `meta.snapshot`) REPEATS times, and checks that no ledger row changed
(a rebuilt table would stamp a new `loaded_at`). Goal (issue 12): <= 5 s, no table rebuilt.
Writes benchmarks/results/refresh.json.

    python -m benchmarks.bench_refresh
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import warehouse
from benchmarks.common import build_warehouse, write_result

REPEATS = 5
LEDGER = "SELECT source, version, loaded_at FROM meta.snapshot ORDER BY source, version"


def main() -> int:
    from pipelines.cli import definitions
    from pipelines.refresh import refresh

    with tempfile.TemporaryDirectory() as tmp:
        build_warehouse(Path(tmp) / "flopbase.duckdb")
        before = warehouse.query(LEDGER)
        times, rebuilt = [], []
        for _ in range(REPEATS):
            started = time.perf_counter()
            outcome = refresh(definitions)
            times.append(time.perf_counter() - started)
            rebuilt += outcome.rebuilt
        unchanged = warehouse.query(LEDGER).equals(before)
    median = statistics.median(times)
    write_result(
        "refresh",
        {
            "repeats": REPEATS,
            "noop_refresh_s": round(median, 3),
            "noop_refresh_max_s": round(max(times), 3),
            "assets_rebuilt": len(rebuilt),
            "ledger_unchanged": unchanged,
            "goal": "no-op refresh <= 5 s and no table rebuilt (issue 12)",
            "meets_goal": median <= 5 and not rebuilt and unchanged,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
