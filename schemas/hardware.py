"""Accelerator tables."""

from schemas.table import Table, shared

HARDWARE = Table(
    "core",
    "hardware",
    "One row per accelerator (GPU, TPU, NPU, ASIC) with release date, memory, power, "
    "peak throughput per precision and launch price, in SI units.",
    shared(
        "hardware_id",
        "vendor",
        "name",
        "kind",
        "released_on",
        "memory_bytes",
        "memory_bandwidth_bytes_per_s",
        "tdp_w",
        "fp64_flop_per_s",
        "fp32_flop_per_s",
        "tf32_flop_per_s",
        "fp16_flop_per_s",
        "bf16_flop_per_s",
        "fp8_flop_per_s",
        "int8_op_per_s",
        "launch_price_usd",
        "datasheet_url",
        "source_modified_at",
        "source",
        "sha256",
        "row_number",
    ),
    key=("hardware_id",),
)
