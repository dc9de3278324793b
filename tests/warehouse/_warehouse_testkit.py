"""Shared by the warehouse tests and the child processes they start.

Everything here is synthetic test data, not hardware facts. `SYNTHETIC` rows are built so that
one SQL query can tell which complete version a table holds, or that it holds a mix.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from queue import Empty, Queue

import polars as pl

import warehouse
from schemas import Table
from schemas.columns.declare import column
from warehouse import SnapshotRecord

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent.parent

SYNTHETIC = Table(
    "core",
    "synthetic_rows",
    "Synthetic rows for warehouse fault tests (not real hardware data).",
    {
        "id": column(pl.Int64, "Row id, 0 to n-1.", nullable=False),
        "version": column(pl.Int64, "Synthetic version that wrote the row.", nullable=False),
        "label": column(pl.String, "'synthetic v<version> #<id>'.", nullable=False),
        "value": column(pl.Float64, "id / 2 + version.", "1"),
    },
    key=("id",),
)


def synthetic(n: int, version: int) -> pl.DataFrame:
    """`n` synthetic rows of `version`; every row says which version it belongs to."""
    ids = pl.int_range(n, eager=True, dtype=pl.Int64).alias("id")
    return pl.DataFrame(ids).select(
        "id",
        version=pl.lit(version, pl.Int64),
        label=pl.format("synthetic v{} #{}", pl.lit(version), pl.col("id")),
        value=pl.col("id") / 2 + version,
    )


def snapshot(source: str, version: str, sha_digit: str = "a") -> SnapshotRecord:
    return SnapshotRecord(
        source=source,
        version=version,
        url=f"https://example.org/{source}/{version}.csv",
        sha256=sha_digit * 64,
        retrieved_at=datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC),
        licence="CC-BY-4.0",
    )


STATE_SQL = """
SELECT
  count(*) AS n,
  count(DISTINCT version) AS versions,
  min(version) AS version,
  count(DISTINCT id) AS ids,
  min(id) AS min_id,
  max(id) AS max_id,
  count(*) FILTER (
    WHERE value IS DISTINCT FROM id / 2 + version
       OR label IS DISTINCT FROM 'synthetic v' || version || ' #' || id
  ) AS inconsistent
FROM core.synthetic_rows
"""


def synthetic_state(path: Path, sizes: dict[int, int]) -> int:
    """The version `core.synthetic_rows` holds, after checking it is that version, complete.

    `sizes` maps each version that may legitimately be there to its row count.
    """
    row = warehouse.query(STATE_SQL, path=path).row(0, named=True)
    assert row["versions"] == 1, f"rows of several versions are mixed: {row}"
    version = row["version"]
    assert version in sizes, f"unexpected version {version}: {row}"
    n = sizes[version]
    assert row == {
        "n": n,
        "versions": 1,
        "version": version,
        "ids": n,
        "min_id": 0,
        "max_id": n - 1,
        "inconsistent": 0,
    }
    return version


def staging_tables(path: Path) -> list[str]:
    found = warehouse.query(
        "SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() "
        "WHERE table_name LIKE '%\\_\\_staging' ESCAPE '\\'",
        path=path,
    )
    return found["t"].to_list()


class Child:
    """A Python child process (the project's interpreter, cwd = project root) read line by line."""

    def __init__(self, code: str, *args: object, db: Path) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(HERE), str(PROJECT_ROOT)]),
            "FLOPBASE_DB": str(db),  # never the real data/flopbase.duckdb
            "PYTHONUNBUFFERED": "1",
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, *map(str, args)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.pid = self.proc.pid
        self.lines: list[str] = []
        self._queue: Queue[str | None] = Queue()
        self._stderr: list[str] = []
        self._pumps = [
            threading.Thread(target=self._pump_stdout, daemon=True),
            threading.Thread(target=self._pump_stderr, daemon=True),
        ]
        for pump in self._pumps:
            pump.start()

    def _pump_stdout(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def _pump_stderr(self) -> None:
        assert self.proc.stderr is not None
        self._stderr.extend(self.proc.stderr)

    @property
    def stderr(self) -> str:
        return "".join(self._stderr)

    def next_line(self, timeout: float) -> str | None:
        """The next stdout line, or None at end of output or when none came within `timeout`."""
        try:
            line = self._queue.get(timeout=timeout)
        except Empty:
            return None
        if line is not None:
            self.lines.append(line)
        return line

    def expect(self, wanted: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.next_line(timeout=max(0.0, deadline - time.monotonic()))
            if line == wanted:
                return
            if line is None and self.proc.poll() is not None:
                break
        raise AssertionError(
            f"child {self.pid} did not print {wanted!r}; stdout {self.lines}, "
            f"exit {self.proc.poll()}, stderr:\n{self.stderr}"
        )

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()  # SIGKILL, this child only
        self.wait(timeout=30)

    def wait(self, timeout: float) -> int:
        """Exit code, once the process ended and all its output has been collected."""
        code = self.proc.wait(timeout=timeout)
        for pump in self._pumps:
            pump.join(timeout=10)
        return code
