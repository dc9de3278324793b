"""A line per finished step of a run, fed by Dagster's structured events: what `flopbase build`
and `refresh` print while they run."""

from __future__ import annotations

import logging
from collections.abc import Callable


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
