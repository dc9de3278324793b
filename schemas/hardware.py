"""Accelerator tables."""

from schemas.table import Table, shared

# What a spec source can say about a chip, in SI units: the attribute columns of a spec
# record (one upstream record, wide) and the `attribute` values of `core.hardware_spec` (long).
SPEC_ATTRIBUTES = (
    "kind",
    "released_on",
    "memory_bytes",
    "memory_bandwidth_bytes_per_s",
    "tdp_w",
    "process_size_m",
    "die_area_m2",
    "transistor_count",
    "fp64_flop_per_s",
    "fp32_flop_per_s",
    "tf32_flop_per_s",
    "fp16_flop_per_s",
    "bf16_flop_per_s",
    "fp8_flop_per_s",
    "int8_op_per_s",
    "launch_price_usd",
    "datasheet_url",
)

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
        "process_size_m",
        "die_area_m2",
        "transistor_count",
        "datasheet_url",
        "source",
        "sha256",
        "row_number",
    ),
    key=("hardware_id",),
)

# One upstream record of a spec source, conformed (not a warehouse table: records are
# validated in this shape, then melted into core.hardware_spec).
SPEC_RECORD = Table(
    "staging",
    "hardware_spec_record",
    "One upstream record of a hardware spec source, in SI units.",
    shared("hardware_id", "name", "vendor", *SPEC_ATTRIBUTES, "source", "sha256", "row_number"),
    key=("hardware_id",),
)
