"""How far CPUs trail GPUs for ML work, from what the warehouse can support.

Two views, both pure polars on warehouse frames:
- `spec_gap` (core.hardware): per launch year and precision, server CPUs against ML GPUs (the
  GPUs of Epoch's ML hardware list) in peak FLOP/s per launch dollar and per watt, with the
  counts behind each figure. No spec source in the warehouse states a server CPU's peak FLOP/s
  (Epoch's chip dataset lists 2,640 CPUs with price and TDP only), so the CPU side and the
  ratio stay null with the reason: the counts show how thin the data is, and nothing is
  derived from core counts or clocks the data does not hold.
- `matched_runs` (core.dawnbench_entry): the same model, framework, team and date trained or
  served on a CPU-only machine and on a GPU: the ratio of time (or latency) and of cost, the
  measured end-to-end gap. `gap_summary` gives their geometric mean and range per task and kind.
"""

from __future__ import annotations

import polars as pl

from schemas.cpu_gpu import CPU_GPU_SPEC_GAP

SERVER_CPU = r"(?i)\b(xeon|epyc|opteron|power\d+|sparc|altra|graviton|thunderx|kunpeng)\b"
ML_HARDWARE_SOURCE = "epoch_hardware"  # the ML GPUs of trend_inputs_hardware's "ml gpu"
PRECISIONS = {"fp32": "fp32_flop_per_s", "fp16": "fp16_flop_per_s"}
NO_CPU_FLOPS = "no server CPU of that year in core.hardware states peak {} FLOP/s"
MATCH = ["task", "kind", "team", "model", "framework", "submitted_on"]


def chip_class(hardware: pl.DataFrame) -> pl.DataFrame:
    """core.hardware rows (kind, name, sources) with `chip_class`: 'server cpu', 'ml gpu' or
    null (neither)."""
    server = (pl.col("kind") == "cpu") & pl.col("name").str.contains(SERVER_CPU)
    ml_gpu = (pl.col("kind") == "gpu") & pl.col("sources").str.split(",").list.contains(
        ML_HARDWARE_SOURCE
    )
    return hardware.with_columns(
        chip_class=pl.when(server).then(pl.lit("server cpu")).when(ml_gpu).then(pl.lit("ml gpu"))
    )


def _side(rows: pl.DataFrame, flops: str, prefix: str) -> list[pl.Expr]:
    has = pl.col(flops).is_not_null()
    per_usd = pl.col(flops) / pl.col("launch_price_usd")
    per_joule = pl.col(flops) / pl.col("tdp_w")
    return [
        pl.len().cast(pl.Int64).alias(f"{prefix}_chips"),
        has.sum().cast(pl.Int64).alias(f"{prefix}_chips_stating_flops"),
        (has & pl.col("launch_price_usd").is_not_null())
        .sum()
        .cast(pl.Int64)
        .alias(f"{prefix}_chips_priced_stating_flops"),
        per_usd.median().alias(f"{prefix}_median_flop_per_s_per_usd"),
        per_joule.median().alias(f"{prefix}_median_flop_per_joule"),
    ]


def spec_gap(hardware: pl.DataFrame) -> pl.DataFrame:
    """One row per launch year and precision (fp32, fp16) where either class launched a chip:
    counts and medians of each class, the GPU/CPU ratios where both sides have figures, else
    `ratio_withheld_reason`."""
    classed = chip_class(hardware).filter(
        pl.col("chip_class").is_not_null() & pl.col("released_on").is_not_null()
    )
    frames = []
    for precision, flops in PRECISIONS.items():
        year = pl.col("released_on").dt.year().cast(pl.Int64).alias("launch_year")
        sides = [
            classed.filter(pl.col("chip_class") == c).group_by(year).agg(_side(classed, flops, p))
            for c, p in (("server cpu", "cpu"), ("ml gpu", "gpu"))
        ]
        joined = sides[0].join(sides[1], on="launch_year", how="full", coalesce=True)
        frames.append(joined.with_columns(precision=pl.lit(precision)))
    gap = pl.concat(frames).with_columns(
        pl.col("^(cpu|gpu)_chips.*$").fill_null(0),
        gpu_over_cpu_flops_per_dollar=pl.col("gpu_median_flop_per_s_per_usd")
        / pl.col("cpu_median_flop_per_s_per_usd"),
        gpu_over_cpu_flops_per_watt=pl.col("gpu_median_flop_per_joule")
        / pl.col("cpu_median_flop_per_joule"),
    )
    reason = (
        pl.when(pl.col("cpu_chips_stating_flops") == 0)
        .then(pl.format(NO_CPU_FLOPS, pl.col("precision")))
        .when(pl.col("gpu_chips_stating_flops") == 0)
        .then(pl.lit("no ML GPU of that year in core.hardware states peak FLOP/s"))
    )
    return CPU_GPU_SPEC_GAP.select(
        gap.with_columns(ratio_withheld_reason=reason).sort("launch_year", "precision")
    )


def _cpu_only(entries: pl.DataFrame) -> pl.Expr:
    return (
        pl.col("hardware_id").is_null()
        & pl.col("accelerator_count").is_null()
        & pl.col("hardware_text").str.contains(r"(?i)\bCPU|xeon|c5\.")
    )


def matched_runs(entries: pl.DataFrame) -> pl.DataFrame:
    """Each CPU-only DAWNBench entry beside each GPU entry of the same task, kind, team, model,
    framework and submission date: time (training) or latency (inference) and cost, CPU over
    GPU (above 1: the CPU is slower or dearer)."""
    measure = pl.coalesce("time_to_target_s", "latency_s")
    cost = pl.coalesce("cost_usd", "cost_per_10k_inferences_usd")
    rows = entries.with_columns(measure=measure, money=cost)
    cpu = rows.filter(_cpu_only(rows)).select(
        *MATCH,
        cpu_entry_id="entry_id",
        cpu_hardware_text="hardware_text",
        cpu_measure="measure",
        cpu_cost="money",
    )
    gpu = rows.filter(pl.col("hardware_id").is_not_null()).select(
        *MATCH,
        gpu_entry_id="entry_id",
        gpu_hardware_id="hardware_id",
        gpu_measure="measure",
        gpu_cost="money",
    )
    pairs = cpu.join(gpu, on=MATCH, how="inner", nulls_equal=True)
    return pairs.select(
        "task",
        pl.col("kind").alias("entry_kind"),
        *MATCH[2:],
        "cpu_entry_id",
        "gpu_entry_id",
        "cpu_hardware_text",
        "gpu_hardware_id",
        cpu_to_gpu_time=pl.col("cpu_measure") / pl.col("gpu_measure"),
        cpu_to_gpu_cost=pl.col("cpu_cost") / pl.col("gpu_cost"),
    ).sort("task", "entry_kind", "cpu_entry_id", "gpu_entry_id")


def gap_summary(pairs: pl.DataFrame) -> pl.DataFrame:
    """Per task and kind: pairs, the geometric mean of the time and cost ratios and their
    smallest and largest (the spread across GPUs and frameworks, not a sampling interval)."""

    def stats(column: str) -> list[pl.Expr]:
        values = pl.col(column).drop_nulls()
        return [
            values.len().alias(f"{column}_n"),
            values.log().mean().exp().alias(f"{column}_geomean"),
            values.min().alias(f"{column}_min"),
            values.max().alias(f"{column}_max"),
        ]

    return (
        pairs.group_by("task", "entry_kind")
        .agg(pl.len().alias("pairs"), *stats("cpu_to_gpu_time"), *stats("cpu_to_gpu_cost"))
        .sort("task", "entry_kind")
    )
