"""Trend inputs of accelerators: launch price-performance, Epoch's ML hardware, on small excerpts of the real warehouse tables (values as the
2026-11-23 build states them, a few rows each; tick counts shortened where noted)."""

from datetime import date

import polars as pl

from analyses.trend_inputs_hardware import (
    EPOCH_2022_GPU_SUBSET,
    launch_price_inputs,
    ml_hardware_inputs,
)
from schemas import PRICE_PERFORMANCE as PRICE_PERFORMANCE_TABLE
from schemas.columns import COLUMNS
from schemas.columns.declare import unit_of
from tests.analyses._trend_inputs_testkit import HARDWARE, PRICE_PERFORMANCE, by_subset


def test_launch_price_inputs_by_population_and_precision():
    inputs = by_subset(launch_price_inputs(PRICE_PERFORMANCE, HARDWARE))
    assert set(inputs) == {
        (f"{p}_flop_per_s_per_usd", s)
        for p in ("fp32", "bf16", "fp16", "fp16_tensor")  # vector and tensor FP16 apart
        for s in ("gpu", "ml gpu")
    } | {("fp32_flop_per_s_per_usd", EPOCH_2022_GPU_SUBSET)}
    epoch = inputs["fp32_flop_per_s_per_usd", EPOCH_2022_GPU_SUBSET]
    assert (epoch.start, epoch.end) == (date(2006, 1, 1), date(2021, 12, 31))
    assert epoch.data["value"].to_list() == [1.4813e10, 1.4632e10, 5.1657e10]  # windowed later
    assert epoch.headline
    gpu = inputs["fp32_flop_per_s_per_usd", "gpu"].data
    assert gpu["value"].to_list() == [1.4813e10, 1.4632e10, 5.1657e10]
    # the GTX 1060 is not in Epoch's ML hardware database
    ml = inputs["fp32_flop_per_s_per_usd", "ml gpu"].data
    assert ml["value"].to_list() == [1.4813e10, 5.1657e10]
    assert ml["date"].to_list() == [date(2016, 5, 27), date(2022, 9, 20)]
    assert inputs["bf16_flop_per_s_per_usd", "gpu"].data["value"].to_list() == [2.0638e11]
    assert inputs["fp16_flop_per_s_per_usd", "gpu"].data.height == 0  # fitted: skipped
    assert inputs["fp16_tensor_flop_per_s_per_usd", "gpu"].data.height == 0
    # a launch price's sources are the chip's
    assert gpu["source"].to_list()[0] == "epoch_hardware,epoch_chips,techpowerup"
    assert {i.unit for i in inputs.values()} == {PRICE_PERFORMANCE_TABLE.unit("flop_per_s_per_usd")}


def test_ml_hardware_is_what_epoch_lists_by_exact_source_name():
    hardware = pl.concat(
        [
            HARDWARE,
            # a source whose name merely starts the same does not count
            HARDWARE.head(1).with_columns(
                hardware_id=pl.lit("x"), sources=pl.lit("epoch_hardware_prices")
            ),
        ]
    )
    inputs = by_subset(ml_hardware_inputs(hardware))
    assert set(inputs) == {
        ("fp32_flop_per_s", "ml hardware"),
        ("bf16_flop_per_s", "ml hardware"),
        ("memory_bytes", "ml hardware"),
        ("memory_bandwidth_bytes_per_s", "ml hardware"),
    }
    memory = inputs["memory_bytes", "ml hardware"].data
    assert memory["value"].to_list() == [8e9, 2.4e10, 3.2e10]  # GTX 1080, RTX 4090, TPU v4
    for (metric, _), item in inputs.items():
        assert item.unit == unit_of(COLUMNS[metric])
