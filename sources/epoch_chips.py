"""Epoch AI's chip dataset: one Airtable export of CPUs, GPUs, TPUs and other accelerators.

The file ships with Epoch's `training-cost-trends` repository ("a snapshot of our chip
database"); it is wider than `epoch_hardware` (CPUs and consumer GPUs too, many imported from
TechPowerUp). `parse` reads it in upstream terms (every field as text, plus `row_number`);
`to_spec_records` maps it onto the shared spec-record shape (SI units), noting per row what
could not be read.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from sources.source import SourceInfo
from sources.upstream import UpstreamFormatError, number, read_csv_text, spec_records

SOURCE = SourceInfo(
    name="epoch_chips",
    title="Epoch AI, chip dataset (training-cost-trends snapshot)",
    homepage="https://github.com/epoch-research/training-cost-trends",
    url=(
        "https://raw.githubusercontent.com/epoch-research/training-cost-trends/main/"
        "data/Chip%20dataset-Grid%20view.csv"
    ),
    filename="chips.csv",
    licence="no licence stated (Epoch AI publishes its datasets under CC BY 4.0)",
    citation=(
        "Epoch AI, chip dataset ('Chip dataset-Grid view.csv'), in epoch-research/"
        "training-cost-trends (code for Cottier et al., 'The rising costs of training "
        "frontier AI models', 2024). Retrieved from "
        "'https://github.com/epoch-research/training-cost-trends'."
    ),
    cadence="irregular (14 versions 2023-12 .. 2025-06); check quarterly",
)

# Upstream column -> spec-record column, for values in SI base units already.
NUMBERS = {
    "Memory size per board (Byte)": "memory_bytes",
    "Memory bandwidth (byte/s)": "memory_bandwidth_bytes_per_s",
    "TDP (W)": "tdp_w",
    "FP64 (double precision) performance (FLOP/s)": "fp64_flop_per_s",
    "FP32 (single precision) performance (FLOP/s)": "fp32_flop_per_s",
    "TF32 (TensorFloat-32) performance (FLOP/s)": "tf32_flop_per_s",
    "FP16 (half precision) performance (FLOP/s)": "fp16_flop_per_s",
    "Tensor-FP16/BF16 performance (FLOP/s)": "bf16_flop_per_s",
    "FP8 performance (FLOP/s)": "fp8_flop_per_s",
    "INT8 performance (OP/s)": "int8_op_per_s",
}
PRICE = "Release price (USD)"  # text like '$5412.00'
# Upstream columns in other units; converted in `to_spec_records` (dividing by powers of ten
# rather than multiplying by 1e-9 keeps '814 mm^2' exactly 8.14e-4).
SCALED = ["Process size (nm)", "Die Size (mm^2)", "Number of transistors (millions)"]
TEXT = {
    "Hardware name": "name",
    "Manufacturer": "vendor",
    "Link to datasheet": "datasheet_url",
}
REQUIRED = [*TEXT, *NUMBERS, PRICE, *SCALED, "Type", "Release date"]

# Epoch's `Type` -> our `kind`, every value of the export (the same Airtable vocabulary as
# `epoch_hardware`, which also knows WSE and IPU). An unlisted type is reported, not guessed.
KINDS = {
    "GPU": "gpu",
    "GPGPU": "gpu",
    "DCU (GPGPU)": "gpu",
    "TPU": "tpu",
    "NPU": "npu",
    "ASIC": "asic",
    "LPU": "asic",
    "XPU": "asic",
    "XPU-R": "asic",
    "WSE": "asic",
    "IPU": "asic",
    "CPU": "cpu",
    "Hybrid CPU": "cpu",
    "SoC": "other",  # Apple M/A-series: CPU, GPU and NPU on one die
    "Other": "other",
}


def parse(path: Path) -> pl.DataFrame:
    """The CSV as text columns in upstream terms, with a 1-based `row_number` per record."""
    frame = read_csv_text(path)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise UpstreamFormatError(
            f"{path}: columns {missing} are missing (found {frame.columns}); "
            "the Epoch chip export changed shape: update sources/epoch_chips.py"
        )
    return frame


def dollars(column: str) -> pl.Expr:
    """A '$1,299.00' text column as Float64 (null when empty or unreadable)."""
    value = (
        pl.col(column)
        .str.strip_chars()
        .str.strip_prefix("$")
        .str.replace_all(",", "")
        .cast(pl.Float64, strict=False)
    )
    return pl.when(value.is_finite()).then(value).otherwise(None)


def to_spec_records(raw: pl.DataFrame) -> pl.DataFrame:
    """One spec record per upstream record (see `sources.upstream.spec_records`)."""
    kind = (
        pl.col("Type").str.strip_chars().replace_strict(KINDS, default=None, return_dtype=pl.String)
    )
    released = pl.col("Release date").str.strip_chars().str.to_date("%Y-%m-%d", strict=False)
    numbers = {upstream: number(upstream) for upstream in [*NUMBERS, *SCALED]}
    price = dollars(PRICE)
    values = {
        **{ours: pl.col(upstream).str.strip_chars() for upstream, ours in TEXT.items()},
        "kind": kind,
        "released_on": released,
        **{ours: numbers[upstream] for upstream, ours in NUMBERS.items()},
        "launch_price_usd": price,
        "process_size_m": numbers["Process size (nm)"] / 1e9,
        "die_area_m2": numbers["Die Size (mm^2)"] / 1e6,
        "transistor_count": numbers["Number of transistors (millions)"] * 1e6,
    }
    checked = {**numbers, PRICE: price, "Type": kind, "Release date": released}
    return spec_records(raw, values, checked)
