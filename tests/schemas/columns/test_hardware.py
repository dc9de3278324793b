"""schemas/columns/hardware.py: the accelerator columns accept every spec record of the bundled
Epoch ML hardware snapshot and reject the unit mix-ups their ranges exist for (TFLOPS given as
FLOP/s, GB as bytes), and each throughput column declares its unit."""

import polars as pl
import pytest

from schemas.columns.declare import unit_of
from schemas.columns.hardware import HARDWARE_COLUMNS, KINDS
from sources import registry
from tests.schemas._schemas_testkit import failures


@pytest.fixture(scope="module")
def epoch_records(bundled_store) -> pl.DataFrame:
    """Epoch's ML hardware spec records, as the source reads them (readable ones)."""
    records = registry.parsed(bundled_store.latest("epoch_hardware")).spec_records
    return records.filter(pl.col("parse_error").is_null())


def test_real_spec_records_pass_every_hardware_check(epoch_records):
    assert epoch_records.height > 100
    assert {"memory_bytes", "tdp_w", "bf16_flop_per_s", "kind"} <= set(epoch_records.columns)
    assert failures(HARDWARE_COLUMNS, epoch_records) == []
    assert set(epoch_records["kind"].drop_nulls()) <= set(KINDS)


def test_values_in_the_wrong_unit_are_rejected(epoch_records):
    h100 = epoch_records.filter(pl.col("name") == "NVIDIA H100 SXM5 80GB")
    assert h100["bf16_flop_per_s"].item() == 989.4e12
    # Fault injection: the H100's figures as a spec sheet prints them (TFLOPS, GB, kW).
    broken = h100.with_columns(
        bf16_flop_per_s=pl.lit(989.4), memory_bytes=pl.lit(80.0), tdp_w=pl.lit(0.7)
    )
    assert failures(HARDWARE_COLUMNS, broken) == [
        ("bf16_flop_per_s", "in_range(1000000000.0, 1e+19)", "989.4"),
        ("memory_bytes", "in_range(10000.0, 100000000000000.0)", "80.0"),
        ("tdp_w", "in_range(1, 100000.0)", "0.7"),
    ]


def test_an_unknown_kind_is_rejected(epoch_records):
    broken = epoch_records.head(1).with_columns(kind=pl.lit("GPU"))  # fault: not lower case
    assert failures({"kind": HARDWARE_COLUMNS["kind"]}, broken) == [
        ("kind", f"isin({KINDS})", "GPU")
    ]


def test_throughput_columns_declare_their_unit():
    peaks = [n for n in HARDWARE_COLUMNS if n.endswith(("_flop_per_s", "_op_per_s"))]
    assert len(peaks) == 8  # fp64, fp32, tf32, fp16, fp16 tensor, bf16, fp8, int8
    assert {n: unit_of(HARDWARE_COLUMNS[n]) for n in peaks} == {
        n: "OP/s" if n == "int8_op_per_s" else "FLOP/s" for n in peaks
    }
    assert unit_of(HARDWARE_COLUMNS["memory_bandwidth_bytes_per_s"]) == "B/s"
    assert unit_of(HARDWARE_COLUMNS["die_area_m2"]) == "m2"
