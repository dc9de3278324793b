"""Epoch AI, "Data on Machine Learning Hardware": one CSV of ML accelerators.

`parse` reads the file in upstream terms (every field as text, plus `row_number`);
`to_spec_records` maps it onto the shared spec-record shape (SI units), noting per row what
could not be read.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from sources.source import SourceInfo
from sources.upstream import number, read_csv_text, spec_records

SOURCE = SourceInfo(
    name="epoch_hardware",
    title="Epoch AI, Data on Machine Learning Hardware",
    homepage="https://epoch.ai/data/machine-learning-hardware",
    url="https://epoch.ai/data/ml_hardware.csv",
    filename="ml_hardware.csv",
    licence="CC BY 4.0",
    citation=(
        "Epoch AI, 'Data on Machine Learning Hardware'. Published online at epoch.ai. "
        "Retrieved from 'https://epoch.ai/data/machine-learning-hardware' [online resource]."
    ),
    cadence="monthly",
)

# Upstream column -> core.hardware column, for values in SI base units already.
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
    "Release price (USD)": "launch_price_usd",
}
# Upstream columns in other units; converted in `to_spec_records` (dividing by powers of ten
# rather than multiplying by 1e-9 keeps '814 mm^2' exactly 8.14e-4).
SCALED = ["Process size (nm)", "Die Size (mm^2)", "Transistors (millions)"]
TEXT = {
    "Hardware name": "name",
    "Manufacturer": "vendor",
    "Link to datasheet": "datasheet_url",
}
REQUIRED = [*TEXT, *NUMBERS, *SCALED, "Type", "Release date"]

# Epoch's `Type` -> our `kind`. An unlisted type is quarantined, not guessed.
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
    "Hybrid CPU": "cpu",
    "CPU": "cpu",
    "Other": "other",
}


def parse(path: Path) -> pl.DataFrame:
    """The CSV as text columns in upstream terms, with a 1-based `row_number` per record."""
    return read_csv_text(path, REQUIRED, "sources/epoch_hardware.py")


def to_spec_records(raw: pl.DataFrame) -> pl.DataFrame:
    """One spec record per upstream record (see `sources.upstream.spec_records`)."""
    kind = (
        pl.col("Type").str.strip_chars().replace_strict(KINDS, default=None, return_dtype=pl.String)
    )
    released = pl.col("Release date").str.strip_chars().str.to_date("%Y-%m-%d", strict=False)
    numbers = {upstream: number(upstream) for upstream in [*NUMBERS, *SCALED]}
    values = {
        **{ours: pl.col(upstream).str.strip_chars() for upstream, ours in TEXT.items()},
        "kind": kind,
        "released_on": released,
        **{ours: numbers[upstream] for upstream, ours in NUMBERS.items()},
        "process_size_m": numbers["Process size (nm)"] / 1e9,
        "die_area_m2": numbers["Die Size (mm^2)"] / 1e6,
        "transistor_count": numbers["Transistors (millions)"] * 1e6,
    }
    return spec_records(raw, values, {**numbers, "Type": kind, "Release date": released})
