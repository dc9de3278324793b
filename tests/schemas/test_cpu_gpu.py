"""schemas/cpu_gpu.py: the CPU-GPU tables declare the same counts and medians for both sides
(with units), are keyed by year and precision or by the matched pair, and reject a precision
other than fp32/fp16, a year out of range and a non-positive ratio."""

import polars as pl

from schemas.cpu_gpu import CPU_GPU_MATCHED_RUN, CPU_GPU_SPEC_GAP, CPU_GPU_TABLES
from tests.schemas._schemas_testkit import failures

PER_SIDE = (
    "chips",
    "chips_stating_flops",
    "chips_priced_stating_flops",
    "median_flop_per_s_per_usd",
    "median_flop_per_joule",
)


def test_both_sides_have_the_same_columns_and_units():
    for side in ("cpu", "gpu"):
        names = [f"{side}_{n}" for n in PER_SIDE]
        assert [n for n in names if n not in CPU_GPU_SPEC_GAP.columns] == [], side
        assert CPU_GPU_SPEC_GAP.unit(f"{side}_median_flop_per_s_per_usd") == "FLOP/s/USD"
        assert not CPU_GPU_SPEC_GAP.columns[f"{side}_chips"].nullable
        assert CPU_GPU_SPEC_GAP.columns[f"{side}_median_flop_per_joule"].nullable
    cpu = CPU_GPU_SPEC_GAP.columns["cpu_chips"].description
    assert "server CPUs" in cpu and "ML GPUs" in CPU_GPU_SPEC_GAP.columns["gpu_chips"].description


def test_keys_and_the_table_list():
    assert CPU_GPU_SPEC_GAP.key == ("launch_year", "precision")
    assert CPU_GPU_MATCHED_RUN.key == ("cpu_entry_id", "gpu_entry_id")
    assert CPU_GPU_TABLES == (CPU_GPU_SPEC_GAP, CPU_GPU_MATCHED_RUN)


def test_out_of_range_values_are_rejected():
    # Fault injection: a tensor precision, a year before any spec source, a zero ratio.
    frame = pl.DataFrame(
        {"launch_year": [1975], "precision": ["bf16"], "gpu_over_cpu_flops_per_dollar": [0.0]}
    )
    assert [c[:2] for c in failures(CPU_GPU_SPEC_GAP.columns, frame)] == [
        ("gpu_over_cpu_flops_per_dollar", "greater_than(0)"),
        ("launch_year", "in_range(1980, 2035)"),
        ("precision", "isin(['fp32', 'fp16'])"),
    ]
    matched = pl.DataFrame({"entry_kind": ["training"], "cpu_to_gpu_time": [-2.0]})  # faults
    assert [c[:2] for c in failures(CPU_GPU_MATCHED_RUN.columns, matched)] == [
        ("cpu_to_gpu_time", "greater_than(0)"),
        ("entry_kind", "isin(['train', 'inference'])"),
    ]
