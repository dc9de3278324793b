"""Entries and curves in core.dawnbench_entry's and core.dawnbench_curve's terms: SI units,
accuracies as fractions (an F1 written on a 0-100 scale read as a percentage), the task's
quality target beside each value, the counts the `hardware` text states."""

from __future__ import annotations

import polars as pl

from sources.dawnbench.hardware import _first_instance, accelerator_count, instance_count
from sources.dawnbench.layout import (
    INFERENCES_PRICED,
    METRICS,
    PERCENT_FIELDS,
    REQUIRED,
    SECONDS_PER_HOUR,
    TARGETS,
)
from sources.prices import provider_id


def _written_as_percent(field: str) -> pl.Expr:
    """A fraction field (F1) whose value is in (1, 100]: a percentage, since an F1 or an
    accuracy cannot exceed 1 (FastFusionNet's SQuAD inference entry writes F1 82.52)."""
    return pl.lit(False) if field in PERCENT_FIELDS else pl.col(field).is_between(1, 100, "right")


def _fraction(field: str) -> pl.Expr:
    """A quality field as a fraction: accuracies are percentages upstream; F1 is a fraction,
    read as a percentage where it is written as one (`_written_as_percent`)."""
    if field in PERCENT_FIELDS:
        return pl.col(field) / 100
    return pl.when(_written_as_percent(field)).then(pl.col(field) / 100).otherwise(pl.col(field))


def _by_task(values: dict[str, object], dtype: pl.DataType) -> pl.Expr:
    return pl.col("task").replace_strict(values, default=None, return_dtype=dtype)


def _task_metric(as_fraction: bool = True) -> pl.Expr:
    """The value of the task's target field in each row, as a fraction or as written."""
    return pl.coalesce(
        pl.when(pl.col("task") == task).then(_fraction(f) if as_fraction else pl.col(f))
        for task, (f, _) in TARGETS.items()
    )


def _task_metric_rescaled_from() -> pl.Expr:
    """The task's metric as written, where it was read as a percentage (else null)."""
    return pl.coalesce(
        pl.when((pl.col("task") == task) & _written_as_percent(f)).then(pl.col(f))
        for task, (f, _) in TARGETS.items()
    )


TARGET_FIELD = _by_task({t: f for t, (f, _) in TARGETS.items()}, pl.String)
TARGET_METRIC = _by_task({t: METRICS[f] for t, (f, _) in TARGETS.items()}, pl.String)
TARGET_VALUE = _by_task({t: v for t, (_, v) in TARGETS.items()}, pl.Float64)


def to_entries(raw: pl.DataFrame) -> pl.DataFrame:
    """`parse_entries` rows in core.dawnbench_entry's terms: `entry_id` (the file's path without
    '.json'), `kind` (train/inference), latency in seconds, inference cost per 10,000 items,
    the task's `target_metric` / `target_value` and, for inference, the `metric_value` the entry
    states (fractions), the first cloud instance type named with its `provider` and
    `instance_count`, and `stated_accelerator_count`. A fraction written as a percentage
    (FastFusionNet's SQuAD inference entry gives F1 as 82.52) is read as one, and
    `metric_rescaled_from` keeps the value as written. `parse_error` names a missing
    required field, an unreadable date or a stated quality outside the README's range. Time
    to target and cost need the curve (analyses.dawnbench_leaderboard)."""
    instance = pl.col("hardware").map_elements(
        lambda text: dict(zip(("instance_type", "cloud"), _first_instance(text), strict=True)),
        return_dtype=pl.Struct({"instance_type": pl.String, "cloud": pl.String}),
    )
    missing = [
        pl.when(pl.col(f).cast(pl.String).str.strip_chars().fill_null("") == "").then(
            pl.lit(f"lacks the required field {f}")
        )
        for f in REQUIRED
    ]
    unreadable_date = pl.when(
        pl.col("timestamp").is_not_null() & pl.col("submitted_on").is_null()
    ).then(pl.format("unreadable timestamp '{}'", pl.col("timestamp")))
    # The README states F1 as a fraction and accuracies in percentage points.
    inference = pl.col("kind") == "inference"
    out_of_range = pl.when(inference & ~_task_metric().is_between(0, 1)).then(
        pl.format(
            "states {} {}, outside the README's range for it (F1 a fraction, accuracy in "
            "percentage points)",
            TARGET_FIELD,
            _task_metric(as_fraction=False),
        )
    )
    errors = pl.concat_str(
        [*missing, unreadable_date, out_of_range], separator="; ", ignore_nulls=True
    )
    return raw.with_columns(instance.alias("_instance")).select(
        "row_number",
        entry_id=pl.col("entry").str.strip_suffix(".json"),
        task="task",
        kind="kind",
        submitted_on="submitted_on",
        team=pl.col("author").str.strip_chars(),
        model=pl.col("model").str.strip_chars(),
        framework=pl.col("framework").str.strip_chars(),
        hardware_text=pl.col("hardware").str.strip_chars(),
        stated_accelerator_count=pl.col("hardware").map_elements(
            accelerator_count, return_dtype=pl.Int64
        ),
        instance_type=pl.col("_instance").struct.field("instance_type"),
        provider=pl.col("_instance")
        .struct.field("cloud")
        .map_elements(provider_id, return_dtype=pl.String),
        instance_count=pl.col("hardware").map_elements(instance_count, return_dtype=pl.Int64),
        usd_per_hour="costPerHour",
        latency_s=pl.col("latency") / 1000,
        cost_per_10k_inferences_usd=pl.col("cost") * INFERENCES_PRICED,
        target_metric=TARGET_METRIC,
        target_value=TARGET_VALUE,
        metric_value=pl.when(inference).then(_task_metric()),
        metric_rescaled_from=pl.when(inference).then(_task_metric_rescaled_from()),
        curve="curve",
        parse_error=pl.when(errors.str.len_chars() > 0).then(errors),
    )


def to_curves(curves: pl.DataFrame) -> pl.DataFrame:
    """`parse_curves` rows in core.dawnbench_curve's terms: `entry_id`, `row_number`, `epoch`,
    `elapsed_s` (from hours), accuracies as fractions, and the task's `metric_value` beside its
    `target_value` (what time to target is read from)."""
    return curves.select(
        entry_id=pl.col("curve").str.strip_suffix(".tsv"),
        task="task",
        row_number="row_number",
        epoch="epoch",
        elapsed_s=pl.col("hours") * SECONDS_PER_HOUR,
        **{METRICS[f]: _fraction(f) for f in METRICS},
        metric_value=_task_metric(),
        target_value=TARGET_VALUE,
    )
