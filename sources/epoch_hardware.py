"""Epoch AI, "Data on Machine Learning Hardware": one CSV of ML accelerators.

`parse` reads the file in upstream terms (every field as text, plus `row_number`);
`to_hardware` maps it onto `core.hardware`'s columns, noting per row what could not be read.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from sources.source import SourceInfo
from sources.upstream import UpstreamFormatError, number, parse_errors, read_csv_text

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
TEXT = {
    "Hardware name": "name",
    "Manufacturer": "vendor",
    "Link to datasheet": "datasheet_url",
}
REQUIRED = [*TEXT, *NUMBERS, "Type", "Release date", "Last modified"]

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
    frame = read_csv_text(path)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise UpstreamFormatError(
            f"{path}: columns {missing} are missing (found {frame.columns}); "
            "the Epoch export changed shape: update sources/epoch_hardware.py"
        )
    return frame


def to_hardware(raw: pl.DataFrame) -> pl.DataFrame:
    """`core.hardware` columns except `hardware_id`, `source`, `sha256`, with `parse_error`."""
    type_text = pl.col("Type").str.strip_chars()
    kind = type_text.replace_strict(KINDS, default=None, return_dtype=pl.String)
    released = pl.col("Release date").str.strip_chars().str.to_date("%Y-%m-%d", strict=False)
    modified = (
        pl.col("Last modified")
        .str.strip_chars()
        .str.to_datetime("%Y-%m-%d %H:%M:%S%z", strict=False, time_unit="us")
        .dt.convert_time_zone("UTC")
    )
    checks = {
        **{upstream: number(upstream) for upstream in NUMBERS},
        "Type": kind,
        "Release date": released,
        "Last modified": modified,
    }
    return raw.select(
        "row_number",
        *(pl.col(upstream).str.strip_chars().alias(ours) for upstream, ours in TEXT.items()),
        kind.alias("kind"),
        released.alias("released_on"),
        modified.alias("source_modified_at"),
        *(number(upstream).alias(ours) for upstream, ours in NUMBERS.items()),
        parse_errors(checks),
    )
