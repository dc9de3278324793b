"""CPU against GPU tables (analyses/cpu_gpu.py): the spec gap at launch per year and precision
with the counts behind it, and the measured gap of matched DAWNBench runs."""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column
from schemas.table import Table, shared


def _count(what: str) -> pa.Column:
    return column(pl.Int64, what, nullable=False, checks=[pa.Check.ge(0)])


def _median(what: str, unit: str | None) -> pa.Column:
    return column(pl.Float64, what, unit, checks=[pa.Check.gt(0)])


_SIDES = {
    f"{side}_{name}": make(what.format(who=who))
    for side, who in (
        (
            "cpu",
            "server CPUs (kind cpu; Xeon, EPYC, Opteron, POWER, SPARC, Altra, Graviton, "
            "ThunderX, Kunpeng)",
        ),
        ("gpu", "ML GPUs (kind gpu, listed in Epoch's ML hardware data)"),
    )
    for name, make, what in (
        ("chips", _count, "Launches of {who} that year in core.hardware."),
        ("chips_stating_flops", _count, "Of those, chips stating peak FLOP/s at the precision."),
        (
            "chips_priced_stating_flops",
            _count,
            "Of those, chips also stating a launch price (the per-dollar median's n).",
        ),
        (
            "median_flop_per_s_per_usd",
            lambda w: _median(w, "FLOP/s/USD"),
            "Median peak FLOP/s per launch dollar of {who}; null without any.",
        ),
        (
            "median_flop_per_joule",
            lambda w: _median(w, "FLOP/J"),
            "Median peak FLOP/s per watt of TDP (FLOP per joule) of {who}; null without any.",
        ),
    )
}

CPU_GPU_SPEC_GAP = Table(
    "analysis",
    "cpu_gpu_spec_gap",
    "Server CPUs against ML GPUs at launch, per year and precision: peak FLOP/s per launch "
    "dollar and per watt with the counts behind each median, and the GPU/CPU ratio where both "
    "sides have figures. No spec source states a server CPU's FLOP/s, so the CPU side is empty "
    "and the ratios are withheld with the reason (docs/efficiency.md).",
    {
        "launch_year": column(
            pl.Int64,
            "Calendar year of released_on.",
            nullable=False,
            checks=[pa.Check.in_range(1980, 2035)],
        ),
        "precision": column(
            pl.String,
            "Precision of the peak FLOP/s: fp32 or fp16 (non-tensor).",
            nullable=False,
            checks=[pa.Check.isin(["fp32", "fp16"])],
        ),
        **_SIDES,
        "gpu_over_cpu_flops_per_dollar": column(
            pl.Float64,
            "ML GPU median FLOP/s per dollar over the server CPU median; null "
            "where a side has no figure (ratio_withheld_reason).",
            checks=[pa.Check.gt(0)],
        ),
        "gpu_over_cpu_flops_per_watt": column(
            pl.Float64,
            "ML GPU median FLOP/s per watt over the server CPU median; null "
            "where a side has no figure.",
            checks=[pa.Check.gt(0)],
        ),
        "ratio_withheld_reason": column(pl.String, "Why the ratios are null (else null)."),
    },
    key=("launch_year", "precision"),
)

CPU_GPU_MATCHED_RUN = Table(
    "analysis",
    "cpu_gpu_matched_run",
    "The measured CPU-GPU gap: each CPU-only DAWNBench entry beside each GPU entry of the same "
    "task, kind, team, model, framework and date, with CPU/GPU ratios of time (or latency) "
    "and cost.",
    {
        **shared("task"),
        "entry_kind": column(
            pl.String,
            "DAWNBench entry kind: train or inference.",
            nullable=False,
            checks=[pa.Check.isin(["train", "inference"])],
        ),
        **shared("team", "model", "framework", "submitted_on"),
        "cpu_entry_id": column(
            pl.String, "The CPU-only entry (core.dawnbench_entry).", nullable=False
        ),
        "gpu_entry_id": column(pl.String, "The GPU entry it is matched with.", nullable=False),
        "cpu_hardware_text": column(pl.String, "The CPU machine as the entry states it."),
        "gpu_hardware_id": column(
            pl.String, "The GPU entry's accelerator (canonical id).", nullable=False
        ),
        "cpu_to_gpu_time": column(
            pl.Float64,
            "CPU time to target (training) or latency (inference) over the GPU's: "
            "above 1, the CPU is slower.",
            nullable=False,
            checks=[pa.Check.gt(0)],
        ),
        "cpu_to_gpu_cost": column(
            pl.Float64,
            "CPU cost to target (or per 10,000 inferences) over the GPU's at the "
            "prices the submitters state; null where one side states none.",
            checks=[pa.Check.gt(0)],
        ),
    },
    key=("cpu_entry_id", "gpu_entry_id"),
)

CPU_GPU_TABLES = (CPU_GPU_SPEC_GAP, CPU_GPU_MATCHED_RUN)
