"""Columns of accelerators: identity and kind, memory, bandwidth, power, peak throughput per
precision, launch price, process and die; with the plausible ranges that catch unit mix-ups."""

from __future__ import annotations

from datetime import date

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column, in_range

# Plausible bounds catch unit mix-ups (TFLOPS given where FLOP/s is expected) as well as
# zero or negative values. They are wide on purpose, from a 1986 ATI display card (32 KB at
# 40 MB/s) to a wafer-scale chip (Cerebras WSE-3: 21 PB/s of on-chip SRAM bandwidth).
FLOP_PER_S_RANGE = (1e9, 1e19)
MEMORY_BYTES_RANGE = (1e4, 1e14)
BANDWIDTH_RANGE = (1e7, 1e17)
KINDS = ["gpu", "tpu", "npu", "asic", "fpga", "cpu", "other"]


def _peak(precision: str) -> pa.Column:
    return column(
        pl.Float64,
        f"Peak {precision} throughput of one accelerator, dense (no sparsity), per second.",
        "FLOP/s",
        checks=in_range(*FLOP_PER_S_RANGE),
    )


HARDWARE_COLUMNS: dict[str, pa.Column] = {
    "candidates": column(
        pl.String, "Canonical ids the spelling could mean, comma-separated, when ambiguous."
    ),
    "alias": column(
        pl.String, "A spelling of an accelerator exactly as a source writes it.", nullable=False
    ),
    "vendor": column(pl.String, "Designer or vendor of the accelerator (e.g. NVIDIA, Google)."),
    "name": column(
        pl.String,
        "Name of the product (accelerator or model) as the source spells it.",
        nullable=False,
    ),
    "kind": column(
        pl.String,
        "Kind of chip: gpu, tpu, npu, asic, fpga, cpu, or other where the source says so.",
        checks=[pa.Check.isin(KINDS)],
    ),
    "released_on": column(
        pl.Date,
        "Release or announcement date.",
        checks=[pa.Check.in_range(date(1980, 1, 1), date(2035, 12, 31))],
    ),
    "memory_bytes": column(
        pl.Float64, "On-board memory per accelerator.", "B", checks=in_range(*MEMORY_BYTES_RANGE)
    ),
    "memory_bandwidth_bytes_per_s": column(
        pl.Float64,
        "Peak memory bandwidth per accelerator.",
        "B/s",
        checks=in_range(*BANDWIDTH_RANGE),
    ),
    "tdp_w": column(
        pl.Float64, "Thermal design power of one accelerator.", "W", checks=in_range(1, 1e5)
    ),
    "fp64_flop_per_s": _peak("FP64 (double precision)"),
    "fp32_flop_per_s": _peak("FP32 (single precision, non-tensor)"),
    "tf32_flop_per_s": _peak("TF32 tensor"),
    "fp16_flop_per_s": _peak(
        "FP16 (half precision; vector units unless the chip has only matrix units)"
    ),
    "fp16_tensor_flop_per_s": _peak(
        "FP16 on tensor/matrix units (Epoch's 'Tensor-FP16/BF16', Wikipedia's 'Tensor compute "
        "(FP16)'; a GeForce card's figure is with FP16 accumulate)"
    ),
    "bf16_flop_per_s": _peak(
        "BF16 on tensor/matrix units, only for chips that support BF16 (none before NVIDIA "
        "Ampere: V100 and Turing cards have FP16 tensor cores only)"
    ),
    "fp8_flop_per_s": _peak("FP8 tensor"),
    "int8_op_per_s": column(
        pl.Float64,
        "Peak INT8 throughput of one accelerator, dense, in integer operations per second.",
        "OP/s",
        checks=in_range(*FLOP_PER_S_RANGE),
    ),
    "launch_price_usd": column(
        pl.Float64,
        "Price at launch (list or first reported), nominal US dollars.",
        "USD",
        checks=in_range(1, 1e7),
    ),
    "process_size_m": column(
        pl.Float64,
        "Manufacturing process node (e.g. 4e-9 for '4 nm'), as the vendor names it.",
        "m",
        checks=in_range(1e-9, 1e-5),
    ),
    "die_area_m2": column(
        pl.Float64, "Area of the (largest) die.", "m2", checks=in_range(1e-6, 0.1)
    ),
    "transistor_count": column(
        pl.Float64, "Number of transistors on the chip.", checks=in_range(1e5, 1e13)
    ),
    "datasheet_url": column(pl.String, "Link to the datasheet or announcement the source cites."),
}
