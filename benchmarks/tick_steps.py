"""Time per step of a tick file load (`benchmarks.tick_load`): wall and CPU seconds."""

from __future__ import annotations

import time

import duckdb


class Steps:
    """Runs statements on `con`, adding each one's wall and CPU time to its step. CPU time
    counts every thread of the process: on a shared machine it varies less than wall time."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.seconds: dict[str, float] = {}
        self.cpu_seconds: dict[str, float] = {}
        self._since = time.perf_counter()
        self._cpu_since = time.process_time()

    def __call__(self, step: str, sql: str, params: list | None = None) -> tuple | None:
        self.mark(None)
        row = self.con.execute(sql, params).fetchone()
        self.mark(step)
        return row

    def mark(self, step: str | None) -> None:
        """Charge the time since the last mark to `step` (None: to nothing)."""
        now, cpu = time.perf_counter(), time.process_time()
        if step:
            self.seconds[step] = round(self.seconds.get(step, 0.0) + now - self._since, 3)
            self.cpu_seconds[step] = round(
                self.cpu_seconds.get(step, 0.0) + cpu - self._cpu_since, 3
            )
        self._since, self._cpu_since = now, cpu
