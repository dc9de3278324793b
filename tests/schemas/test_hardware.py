"""schemas/hardware.py: the accelerator tables (core.hardware, its spec records and evidence,
aliases, merges and analysis.price_performance) as users' SQL and the sources rely on them."""


def test_contract_columns_of_core_hardware_are_present():
    """Users' SQL relies on these names (ARCHITECTURE.md, the warehouse contract)."""
    from schemas import HARDWARE

    contract = [
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
        "int8_op_per_s",
        "launch_price_usd",
    ]
    assert [c for c in contract if c not in HARDWARE.columns] == []
