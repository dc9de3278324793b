"""analyses/model_consistency.py on hand-made model and chip rows whose values are real ones
(OPT-175B on 1024 A100s, FinGPT-13B on one RTX 3090): the 6ND check of training compute, the
compute implied by hardware and time, and the flag of physically implausible compute."""

import polars as pl
import pytest

from analyses import model_consistency


def test_six_n_d_ratio_and_outliers_by_hand():
    models = pl.DataFrame(
        {
            "model_id": ["dense", "off", "moe", "finetune"],
            "name": ["Dense 7B", "Off 1B", "Mixtral 8x7B", "Tuned"],
            "domain": ["Language"] * 4,
            "base_model": [None, None, None, "Dense 7B"],
            "parameters": [7e9, 1e9, 46.7e9, 7e9],
            "training_dataset_size": [1e12, 1e9, 1e12, 1e6],
            "epochs": [None, 2.0, None, None],
            "training_compute_flop": [4.2e22, 1e20, 1e23, 4.2e22],
        }
    )
    rows = model_consistency.six_n_d(models)
    assert rows["model_id"].to_list() == ["dense", "off"]  # MoE and fine-tunes are not checked
    assert rows["ratio"].to_list() == pytest.approx([1.0, 1e20 / (6 * 1e9 * 1e9 * 2)])
    assert rows["outlier"].to_list() == [False, True]


def test_hardware_time_implied_utilisation_by_hand():
    models = pl.DataFrame(
        {
            "model_id": ["a", "b"],
            "name": ["A", "B"],
            "base_model": [None, None],
            "hardware_id": ["chip", "chip"],
            "hardware_ids": ["chip", "chip"],
            "numerical_format": ["FP32", None],
            "hardware_quantity": [10.0, 10.0],
            "training_time_s": [1000.0, 1000.0],
            "training_compute_flop": [4e17, 4e17],
            "model_flop_utilisation": [None, 0.1],
        }
    )
    hardware = pl.DataFrame(
        {"hardware_id": ["chip"], "fp32_flop_per_s": [1e14], "bf16_flop_per_s": [1e15]}
    ).with_columns(
        *(
            pl.lit(None, pl.Float64).alias(c)
            for c in ("tf32_flop_per_s", "fp16_flop_per_s", "fp8_flop_per_s", "int8_op_per_s")
        )
    )
    rows = model_consistency.hardware_time(models, hardware)
    # A at FP32: 4e17 / (10 x 1e14 x 1000) = 0.4; B at the 16-bit peak: 0.04, 2.5x below its MFU
    assert rows["implied_utilisation"].to_list() == pytest.approx([0.4, 0.04])
    assert rows["outlier"].to_list() == [False, True]


def test_implied_utilisation_takes_the_greatest_peak_of_the_format_and_flags_above_one():
    # OPT-175B (FP16, 1024 A100 for 793.5 h, 4.3e23 FLOP) against the tensor peak 312e12:
    # 4.3e23 / (1024 x 312e12 x 2.8566e6) = 0.471, not 1.89 as against the 78e12 vector peak;
    # FinGPT-13B (a fine-tune of Llama 2-13B: 1.6e23 FLOP on one RTX 3090, 35.58e12, 17.25 h):
    # 1.6e23 / (35.58e12 x 62,100) = 72,414
    models = pl.DataFrame(
        {
            "model_id": ["opt-175b", "fingpt-13b", "no-count"],
            "name": ["OPT-175B", "FinGPT-13B", "No count"],
            "base_model": [None, "Llama 2-13B", None],
            "hardware_id": ["a100", "rtx-3090", "a100"],
            "hardware_ids": ["a100", "rtx-3090", "a100"],
            "numerical_format": ["FP16", "FP16", None],
            "hardware_quantity": [1024.0, 1.0, None],
            "training_time_s": [2.8566e6, 62_100.0, 3600.0],
            "training_compute_flop": [4.3e23, 1.6e23, 1e20],
            "model_flop_utilisation": [None, None, None],
        }
    )
    hardware = pl.DataFrame(
        {
            "hardware_id": ["a100", "rtx-3090"],
            "fp32_flop_per_s": [19.5e12, 35.58e12],
            "fp16_flop_per_s": [77.97e12, 35.58e12],
            "bf16_flop_per_s": [312e12, None],
        }
    )
    flags = model_consistency.physically_implausible(models, hardware).sort("model_id")
    assert flags["model_id"].to_list() == ["fingpt-13b", "no-count", "opt-175b"]
    assert flags["implied_utilisation"][0] == pytest.approx(72_414, rel=1e-4)
    assert flags["implied_utilisation"][1] is None  # no chip count: nothing to bound
    assert flags["implied_utilisation"][2] == pytest.approx(0.4708, rel=1e-3)
    assert flags["is_physically_implausible"].to_list() == [True, False, False]
    assert flags["implausible_reason"][0] == (
        "the stated compute is 7.24e+04x what 1 x rtx-3090 can do at 3.558e+13 FLOP/s (FP16) "
        "in 17.25 h; a fine-tune of Llama 2-13B: its compute includes the base model's "
        "training, its hardware and time are the fine-tune's"
    )
    # the cross-check still leaves fine-tunes out
    assert model_consistency.hardware_time(models, hardware)["model_id"].to_list() == ["opt-175b"]
