"""Trend inputs of DAWNBench training entries, on small excerpts of the real warehouse tables (values as the
2026-11-23 build states them, a few rows each; tick counts shortened where noted)."""

from datetime import date

import polars as pl

from analyses.trend_inputs_dawnbench import dawnbench_inputs
from tests.analyses._trend_inputs_testkit import by_subset


def test_dawnbench_inputs_fit_training_entries_per_task():
    """ImageNet entries of core.dawnbench_entry (the first inference entry must be ignored)."""
    entries = pl.DataFrame(
        [
            ("ImageNet", "train", date(2017, 10, 27), 1.1617e6, 2323.39273),
            ("ImageNet", "train", date(2017, 10, 27), 878398.192, 1112.63771),
            ("ImageNet", "inference", date(2017, 11, 30), None, None),
            ("ImageNet", "train", date(2017, 12, 5), 160107.0, None),
            ("ImageNet", "train", date(2018, 3, 25), 44799.0, 82.069279),
        ],
        schema=["task", "kind", "submitted_on", "time_to_target_s", "cost_usd"],
        orient="row",
    )
    inputs = by_subset(dawnbench_inputs(entries))
    assert set(inputs) == {
        ("time_to_target_s", "dawnbench ImageNet train"),
        ("cost_usd", "dawnbench ImageNet train"),
    }
    time = inputs["time_to_target_s", "dawnbench ImageNet train"]
    assert time.data["value"].to_list() == [1.1617e6, 878398.192, 160107.0, 44799.0]
    assert time.unit == "s"
    assert inputs["cost_usd", "dawnbench ImageNet train"].data["value"].null_count() == 1
