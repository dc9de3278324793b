"""Every documented SQL query (docs/queries.md and the README) on a built warehouse.

Each query runs once to warm up, then REPEATS times on one read-only connection, as a user's
session would; the median and the worst median are reported. Goal (issue 12): <= 100 ms each.
Uses $FLOPBASE_DB when it holds a warehouse (after `make run`), else builds one first.
Writes benchmarks/results/queries.json.

    python -m benchmarks.bench_queries
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

import warehouse
from benchmarks.common import build_warehouse, write_result

REPO = Path(__file__).resolve().parent.parent
DOCUMENTS = (REPO / "docs" / "queries.md", REPO / "README.md")
REPEATS = 20
GOAL_S = 0.1


def documented_queries() -> dict[str, str]:
    """Every ```sql block of the documents, named by file and the heading above it."""
    queries = {}
    for document in DOCUMENTS:
        heading = document.name
        for block in re.split(r"^(#+ .*)$", document.read_text(), flags=re.MULTILINE):
            if block.startswith("#"):
                heading = f"{document.name}: {block.lstrip('# ').strip()}"
                continue
            for i, sql in enumerate(re.findall(r"```sql\n(.*?)```", block, flags=re.DOTALL)):
                queries[heading if i == 0 else f"{heading} ({i + 1})"] = sql.strip()
    return queries


def time_queries(path: Path) -> dict[str, float]:
    """Median seconds per query."""
    con = duckdb.connect(str(path), read_only=True)
    con.execute("SET TimeZone = 'UTC'")
    medians = {}
    for name, sql in documented_queries().items():
        con.execute(sql).fetchall()
        times = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            con.execute(sql).fetchall()
            times.append(time.perf_counter() - started)
        medians[name] = statistics.median(times)
    con.close()
    return medians


def main() -> int:
    path = warehouse.warehouse_path()
    with tempfile.TemporaryDirectory() as tmp:
        if not path.exists() or "FLOPBASE_BENCH_BUILD" in os.environ:
            path = Path(tmp) / "flopbase.duckdb"
            build_warehouse(path)
        medians = time_queries(path)
    slowest = max(medians, key=medians.get)
    write_result(
        "queries",
        {
            "repeats": REPEATS,
            "queries": len(medians),
            "median_ms": {name: round(s * 1000, 2) for name, s in medians.items()},
            "slowest": slowest,
            "slowest_ms": round(medians[slowest] * 1000, 2),
            "goal": "each documented query <= 100 ms (issue 12)",
            "meets_goal": medians[slowest] <= GOAL_S,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
