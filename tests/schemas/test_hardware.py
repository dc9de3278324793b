"""schemas/hardware.py: the accelerator tables (core.hardware, its spec records and evidence,
aliases, merges and analysis.price_performance) as users' SQL and the sources rely on them:
contract columns and keys, the attribute, precision and basis values the checks accept, and
the real Epoch ML hardware records validated as the pipeline does."""

import polars as pl
import pytest

from analyses.hardware_ids import hardware_id_expr
from schemas.hardware import (
    BASES,
    HARDWARE,
    HARDWARE_ALIAS,
    HARDWARE_SPEC,
    PRECISIONS,
    PRICE_PERFORMANCE,
    SPEC_ATTRIBUTES,
    SPEC_RECORD,
    TEXT_ATTRIBUTES,
)
from schemas.validation import split_valid
from sources import registry


def test_contract_columns_of_core_hardware_are_present():
    """Users' SQL relies on these names (ARCHITECTURE.md, the warehouse contract)."""
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


@pytest.fixture(scope="module")
def epoch_spec_records(bundled_store) -> pl.DataFrame:
    """Epoch's ML hardware records conformed as the pipeline validates them."""
    snapshot = bundled_store.latest("epoch_hardware")
    return registry.parsed(snapshot).spec_records.with_columns(
        hardware_id=hardware_id_expr(pl.col("name"), pl.col("vendor")),
        source=pl.lit(snapshot.source),
        sha256=pl.lit(snapshot.sha256),
    )


def test_real_spec_records_load_but_a_repeated_chip(epoch_spec_records):
    valid, rejects = split_valid(epoch_spec_records, SPEC_RECORD)
    assert valid.height == 168 == epoch_spec_records.height - 1
    (reason,) = rejects["reason"].to_list()
    assert reason.startswith("duplicate key (hardware_id=")
    assert valid.columns == SPEC_RECORD.column_names


def test_a_record_with_a_throughput_in_tflops_is_quarantined(epoch_spec_records):
    h100 = epoch_spec_records.filter(pl.col("hardware_id") == "nvidia-h100-sxm5-80gb")
    broken = h100.with_columns(fp32_flop_per_s=pl.lit(66.9))  # fault: TFLOPS, not FLOP/s
    valid, rejects = split_valid(broken, SPEC_RECORD)
    assert valid.height == 0
    assert rejects["reason"].to_list() == [
        "fp32_flop_per_s failed in_range(1000000000.0, 1e+19) (value 66.9)"
    ]


def test_attributes_precisions_and_bases_are_what_the_checks_accept():
    assert set(SPEC_ATTRIBUTES) <= set(HARDWARE.columns)
    assert set(TEXT_ATTRIBUTES) <= {"name", "vendor", *SPEC_ATTRIBUTES}
    checks = {
        (HARDWARE_SPEC, "attribute"): ["name", "vendor", *SPEC_ATTRIBUTES],
        (PRICE_PERFORMANCE, "precision"): list(PRECISIONS),
        (PRICE_PERFORMANCE, "basis"): list(BASES),
    }
    for (table, name), allowed in checks.items():
        (check,) = table.columns[name].checks
        assert check.statistics == {"allowed_values": allowed}, (table, name)
    for precision in PRECISIONS:
        unit = "OP/s" if precision == "int8" else "FLOP/s"
        suffix = "_op_per_s" if precision == "int8" else "_flop_per_s"
        assert HARDWARE.unit(precision + suffix) == unit


def test_contract_columns_of_aliases_and_price_performance():
    contract = {
        HARDWARE_ALIAS: ["alias", "hardware_id", "source"],
        PRICE_PERFORMANCE: ["hardware_id", "precision", "flop_per_s_per_usd", "usd_per_pflop_day"]
        + ["basis"],
    }
    for table, names in contract.items():
        assert [n for n in names if n not in table.columns] == [], table
    assert HARDWARE.key == ("hardware_id",)
    assert HARDWARE_ALIAS.key == ("alias", "source", "context")
    assert PRICE_PERFORMANCE.key == ("hardware_id", "precision", "basis", "priced_on")
    assert PRICE_PERFORMANCE.unit("usd_per_pflop_day") == "USD/(PFLOP/s*day)"
