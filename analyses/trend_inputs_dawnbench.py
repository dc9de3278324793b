"""Trend inputs of DAWNBench (core.dawnbench_entry): training entries per task, time and cost
to the quality target, by submission date.

Pure polars over frames of the warehouse tables named in each function, so a notebook can call
them; `analyses.trend_estimates` fits what they return.
"""

from __future__ import annotations

import polars as pl

from analyses.trend_input import TrendInput, points_frame

DAWNBENCH_COLUMNS = ("task", "kind", "submitted_on", "time_to_target_s", "cost_usd")


def dawnbench_inputs(entries: pl.DataFrame) -> list[TrendInput]:
    """Time and cost to the quality target of DAWNBench training entries, per task
    (core.dawnbench_entry `task`, `kind`, `submitted_on`, `time_to_target_s`, `cost_usd`)."""
    train = entries.filter(pl.col("kind") == "train")
    inputs = []
    for metric, unit, what in (
        ("time_to_target_s", "s", "time"),
        ("cost_usd", "USD", "cost (on-demand cloud price as submitted)"),
    ):
        for task in sorted(train["task"].drop_nulls().unique()):
            part = train.filter(pl.col("task") == task)
            inputs.append(
                TrendInput(
                    metric=metric,
                    subset=f"dawnbench {task} train",
                    unit=unit,
                    points=f"a DAWNBench training entry's {what} to the target, by submission date",
                    data=points_frame(part["submitted_on"], part[metric], "dawnbench"),
                    headline=task == "ImageNet",
                )
            )
    return inputs
