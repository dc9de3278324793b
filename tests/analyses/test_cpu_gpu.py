"""analyses/cpu_gpu.py on real data: DAWNBench entries of the bundled snapshot (the
dawnbench_entries fixture of conftest.py) paired CPU-only against GPU runs of the same team,
model, framework and day, with the ratios and their summary as the build's
analysis.cpu_gpu_matched_run states them; and the spec gap of 2020 over core.hardware rows of
that year (ML GPUs of Epoch's ML hardware list, two server CPUs), whose CPU side no source
states peak FLOP/s for."""

import polars as pl
import pytest

from analyses.cpu_gpu import chip_class, gap_summary, matched_runs, spec_gap
from tests.analyses._effective_compute_testkit import HARDWARE_2020


def test_chip_classes() -> None:
    classes = chip_class(HARDWARE_2020)["chip_class"].to_list()
    assert classes == ["ml gpu"] * 8 + ["server cpu"] * 2
    # a GPU no ML hardware list names is neither
    other = HARDWARE_2020.head(1).with_columns(sources=pl.lit("techpowerup"))
    assert chip_class(other)["chip_class"].to_list() == [None]


def test_the_spec_gap_of_2020_withholds_the_ratio() -> None:
    gap = {row["precision"]: row for row in spec_gap(HARDWARE_2020).iter_rows(named=True)}
    fp32 = gap["fp32"]
    assert (fp32["launch_year"], fp32["cpu_chips"], fp32["cpu_chips_stating_flops"]) == (2020, 2, 0)
    assert (fp32["gpu_chips"], fp32["gpu_chips_stating_flops"]) == (8, 8)
    assert fp32["gpu_chips_priced_stating_flops"] == 4
    # median of 19.49e12/15,000, 29.77e12/699, 35.58e12/1,499, 38.7e12/4,649 FLOP/s per USD:
    # (8.324e9 + 2.374e10) / 2, as the build's analysis.cpu_gpu_spec_gap states for 2020
    assert fp32["gpu_median_flop_per_s_per_usd"] == pytest.approx(16030097357.512737)
    assert fp32["gpu_over_cpu_flops_per_dollar"] is None
    assert fp32["ratio_withheld_reason"] == (
        "no server CPU of that year in core.hardware states peak fp32 FLOP/s"
    )
    assert gap["fp16"]["gpu_chips_stating_flops"] == 4


def test_matched_runs_and_their_summary(dawnbench_entries) -> None:
    pairs = matched_runs(dawnbench_entries)
    counts = {(r["task"], r["entry_kind"]): r["pairs"] for r in gap_summary(pairs).to_dicts()}
    assert counts == {
        ("CIFAR10", "inference"): 11,
        ("CIFAR10", "train"): 11,
        ("SQuAD", "inference"): 3,
        ("SQuAD", "train"): 3,
    }
    slowest = pairs.sort("cpu_to_gpu_time", descending=True).row(0, named=True)
    assert slowest["cpu_entry_id"] == "CIFAR10/train/dawn_resnet164_b_16vCPUs-gc_pytorch"
    assert slowest["gpu_entry_id"] == "CIFAR10/train/dawn_resnet164_b_1p100-dawn_pytorch"
    assert slowest["gpu_hardware_id"] == "nvidia-p100"
    assert slowest["cpu_to_gpu_time"] == pytest.approx(32.060952585279544)
    summary = gap_summary(pairs).filter(task="CIFAR10", entry_kind="train").row(0, named=True)
    # CPU-only training took 7.5x to 32x as long as the matched GPU run; geometric mean 14.2x
    assert summary["cpu_to_gpu_time_geomean"] == pytest.approx(14.226986283134384)
    assert summary["cpu_to_gpu_time_min"] == pytest.approx(7.539882293943692)
    assert summary["cpu_to_gpu_cost_n"] == 7
