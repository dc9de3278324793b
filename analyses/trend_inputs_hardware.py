"""Trend inputs of accelerators: price-performance at launch of GPUs and ML GPUs, and peak
FLOP/s, memory and bandwidth of Epoch's ML hardware.

Pure polars over frames of the warehouse tables named in each function, so a notebook can call
them; `analyses.trend_estimates` fits what they return. Decisions (issue "Trend engine"):
- **Price-performance at launch** (analysis.price_performance, basis launch_price, joined to
  core.hardware): peak FLOP/s per launch dollar of GPUs (kind 'gpu'), and of the GPUs Epoch's
  ML hardware database lists ("ml gpu"), at every precision of `LAUNCH_PRECISIONS` as
  analysis.price_performance names them (fp16: vector units; fp16_tensor: tensor units, so the
  two are never mixed in one series); dated by release. Prices are nominal dollars, as stated.
  Epoch's published rule is reproduced beside ours: FP32 per launch dollar of GPUs released
  2006-2021 (`EPOCH_2022_GPU_SUBSET`, Hobbhahn & Besiroglu 2022).
- **ML hardware** ("ml hardware"): chips of core.hardware that Epoch's ML hardware database
  lists (`sources` names epoch_hardware), any kind, by release date: peak fp32 and 16-bit
  tensor FLOP/s, memory and memory bandwidth.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from analyses.trend_input import TrendInput, points_frame

LAUNCH_PRECISIONS = ("fp32", "bf16", "fp16", "fp16_tensor")
EPOCH_2022_GPU_SUBSET = "gpu 2006-2021 (Epoch 2022 rule)"
EPOCH_2022_GPU_WINDOW = (date(2006, 1, 1), date(2021, 12, 31))
ML_HARDWARE_SOURCE = "epoch_hardware"
ML_HARDWARE_METRICS = {  # core.hardware column -> unit
    "fp32_flop_per_s": "FLOP/s",
    "bf16_flop_per_s": "FLOP/s",
    "fp16_tensor_flop_per_s": "FLOP/s",  # fitted where core.hardware has the column
    "memory_bytes": "B",
    "memory_bandwidth_bytes_per_s": "B/s",
}


def _in_ml_hardware(sources: pl.Expr) -> pl.Expr:
    return sources.str.split(",").list.contains(ML_HARDWARE_SOURCE)


def launch_price_inputs(
    price_performance: pl.DataFrame, hardware: pl.DataFrame
) -> list[TrendInput]:
    """FLOP/s per launch dollar of GPUs, and of ML GPUs, per precision (analysis.
    price_performance `hardware_id`, `precision`, `basis`, `priced_on`, `flop_per_s_per_usd`;
    core.hardware `hardware_id`, `kind`, `sources`)."""
    rows = price_performance.filter(pl.col("basis") == "launch_price").join(
        hardware.select("hardware_id", "kind", "sources"), on="hardware_id", how="left"
    )
    gpus = rows.filter(pl.col("kind") == "gpu")
    populations = {
        "gpu": (gpus, "a GPU"),
        "ml gpu": (
            gpus.filter(_in_ml_hardware(pl.col("sources"))),
            "a GPU of Epoch's ML hardware database",
        ),
    }
    inputs = []
    for precision in LAUNCH_PRECISIONS:
        for subset, (frame, what) in populations.items():
            part = frame.filter(pl.col("precision") == precision)
            inputs.append(
                TrendInput(
                    metric=f"{precision}_flop_per_s_per_usd",
                    subset=subset,
                    unit="FLOP/s/USD",
                    points=f"{what} with a launch price (nominal USD), by release date",
                    data=_launch_points(part),
                    headline=precision in ("fp32", "bf16"),
                )
            )
    part = gpus.filter(pl.col("precision") == "fp32")
    inputs.append(
        TrendInput(
            metric="fp32_flop_per_s_per_usd",
            subset=EPOCH_2022_GPU_SUBSET,
            unit="FLOP/s/USD",
            points="a GPU released 2006-2021 with a launch price (nominal USD), by release date "
            "(Hobbhahn & Besiroglu 2022's window and population)",
            data=_launch_points(part),
            start=EPOCH_2022_GPU_WINDOW[0],
            end=EPOCH_2022_GPU_WINDOW[1],
            headline=True,
        )
    )
    return inputs


def _launch_points(rows: pl.DataFrame) -> pl.DataFrame:
    """Points of launch-price rows; their sources are the chip's spec sources (core.hardware
    `sources`: the launch price is one of the chip's attributes)."""
    sources = rows["sources"] if "sources" in rows.columns else None
    return points_frame(rows["priced_on"], rows["flop_per_s_per_usd"], sources)


def ml_hardware_inputs(hardware: pl.DataFrame) -> list[TrendInput]:
    """Peak throughput, memory and bandwidth of the chips in Epoch's ML hardware database
    (core.hardware `sources`, `released_on` and the metric columns)."""
    ml = hardware.filter(_in_ml_hardware(pl.col("sources")))
    return [
        TrendInput(
            metric=column,
            subset="ml hardware",
            unit=unit,
            points="a chip of Epoch's ML hardware database, by release date",
            data=points_frame(ml["released_on"], ml[column], ml["sources"]),
            headline=column != "fp16_tensor_flop_per_s",
        )
        for column, unit in ML_HARDWARE_METRICS.items()
        if column in ml.columns  # the spec columns as core.hardware has them
    ]
