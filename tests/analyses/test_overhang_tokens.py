"""Tokens per second of training compute and of a Chinchilla model on the world's compute.
Overhang arithmetic against hand-computed values, on the real rows' values of
`_overhang_testkit.py`."""

import polars as pl
import pytest

from analyses.overhang_tokens import inference_on_training_compute, world_compute_chinchilla
from tests.analyses._overhang_testkit import (
    GPT4,
    MODELS,
    inputs_of,
    model_like,
    models_frame,
    value_of,
)


def test_tokens_per_second_of_gpt4s_training_compute():
    rows = inference_on_training_compute(
        MODELS, flop_per_parameter_per_token=2, tokens_per_s_per_stream=30
    )
    # 2.1e25 / (8.208e6 s * 2 * 1.8e12) = 2.1e25 / 2.95488e19 = 710,688.76 tokens/s
    assert value_of(rows, "gpt-4-mar-2023", "tokens_per_s") == pytest.approx(710_688.76)
    assert value_of(rows, "gpt-4-mar-2023", "parallel_streams") == pytest.approx(23_689.63)
    assert set(rows["subject"]) == {"gpt-4-mar-2023"}  # Chinchilla has no training time
    inputs = inputs_of(rows, "gpt-4-mar-2023", "parallel_streams")
    assert inputs["flop_per_parameter_per_token"] == 2
    assert inputs["tokens_per_s_per_stream"] == 30
    assert inputs["training_time_s"] == 8.208e6 and inputs["published_on"] == "2023-03-15"
    assert inputs["parameters_basis"] == "total" and inputs["parameters_used"] == 1.8e12
    assert inputs["formula"].startswith("training_compute_flop / (training_time_s")
    # k = 4 (say, a forward pass at twice the cost) halves the rate
    halved = inference_on_training_compute(
        MODELS, flop_per_parameter_per_token=4, tokens_per_s_per_stream=30
    )
    assert value_of(halved, "gpt-4-mar-2023", "tokens_per_s") == pytest.approx(710_688.76 / 2)


def test_mixture_of_experts_uses_active_parameters_and_says_so():
    # OLMoE as Epoch states it (5.1742e22 FLOP, 7e9 parameters, 287 h = 1.0332e6 s), 1.3e9
    # active (curated): 5.1742e22 / (1.0332e6 s * 2 * 1.3e9) = 1.92614e7 tokens/s
    olmoe = model_like(
        model_id="olmoe",
        name="OLMoE",
        training_compute_flop=5.1742e22,
        parameters=7e9,
        active_parameters=1.3e9,
        training_time_s=1.0332e6,
    )
    rows = inference_on_training_compute(
        models_frame([olmoe]), flop_per_parameter_per_token=2, tokens_per_s_per_stream=30
    )
    assert value_of(rows, "olmoe", "tokens_per_s") == pytest.approx(1.92614e7, rel=1e-5)
    inputs = inputs_of(rows, "olmoe", "tokens_per_s")
    assert inputs["parameters_basis"] == "active"
    assert (inputs["parameters"], inputs["parameters_used"]) == (7e9, 1.3e9)


def test_implausible_models_and_fine_tunes_of_another_run_are_withheld_with_the_reason():
    # FinGPT-13B as Epoch states it: 1.6e23 FLOP (Llama 2-13B's pretraining included) on one
    # RTX 3090 in 17.25 h, implied utilisation 72,414; Guanaco-65B: LLaMA-65B's 5.5e23 FLOP
    # in its 24 h fine-tune (fine-tune compute 8e18), no hardware stated; GPT-4 (Jun 2023)
    # repeats GPT-4 (Mar 2023)'s compute and 95 days: one run, kept.
    fingpt = model_like(
        model_id="fingpt-13b",
        name="FinGPT-13B",
        training_compute_flop=1.6e23,
        parameters=1.3e10,
        training_time_s=62_100.0,
        base_model="Llama 2-13B",
        finetune_compute_flop=6.5325e17,
        implied_utilisation=72_414.0,
        is_physically_implausible=True,
        implausible_reason="the stated compute is 7.24e+04x what 1 x nvidia-geforce-rtx-3090 ...",
    )
    guanaco = model_like(
        model_id="guanaco-65b",
        name="Guanaco-65B",
        training_compute_flop=5.5e23,
        parameters=6.5e10,
        training_time_s=86_400.0,
        base_model="LLaMA-65B",
        finetune_compute_flop=8e18,
        implied_utilisation=None,
    )
    june = model_like(
        model_id="gpt-4-jun-2023", name="GPT-4 (Jun 2023)", base_model="GPT-4 (Mar 2023)"
    )
    rows = inference_on_training_compute(
        models_frame([GPT4, june, fingpt, guanaco]),
        flop_per_parameter_per_token=2,
        tokens_per_s_per_stream=30,
    )
    estimated = set(rows.filter(pl.col("quantity") == "tokens_per_s")["subject"])
    assert estimated == {"gpt-4-mar-2023", "gpt-4-jun-2023"}
    withheld = rows.filter(pl.col("quantity") == "excluded_tokens_per_s")
    assert set(withheld["subject"]) == {"fingpt-13b", "guanaco-65b"}
    # 1.6e23 / (62,100 s * 2 * 1.3e10) = 9.9096e7 tokens/s, withheld
    assert value_of(rows, "fingpt-13b", "excluded_tokens_per_s") == pytest.approx(9.9096e7, 1e-4)
    reason = inputs_of(rows, "fingpt-13b", "excluded_tokens_per_s")["excluded_reason"]
    assert reason.startswith("physically implausible: the stated compute is 7.24e+04x")
    reason = inputs_of(rows, "guanaco-65b", "excluded_tokens_per_s")["excluded_reason"]
    assert reason.startswith("fine-tune of LLaMA-65B: the compute (5.5e+23 FLOP) includes")


def test_world_compute_chinchilla_at_the_issues_defaults():
    rows = world_compute_chinchilla(
        world_flop_per_s=4e21,
        share=0.25,
        duration_s=3e7,
        tokens_per_parameter=20,
        token_equivalents_per_data_point=1,
        flop_per_parameter_per_token=4,
        tokens_per_s_per_stream=50,
    )
    # p = sqrt(0.25 * 4e21 * 3e7 / (3 * 4 * 20 * 1)) = sqrt(3e28 / 240) = sqrt(1.25e26)
    p = value_of(rows, "world", "parameters")
    assert p == pytest.approx(1.118034e13, rel=1e-6)
    assert 3 * 4 * 20 * 1 * p**2 == pytest.approx(0.25 * 4e21 * 3e7)  # the training FLOP
    # f * W / (k * p) = 1e21 / (4 * 1.118034e13)
    assert value_of(rows, "world", "tokens_per_s") == pytest.approx(2.236068e7, rel=1e-6)
    assert value_of(rows, "world", "parallel_streams") == pytest.approx(447_213.6, rel=1e-6)
    # 3e28 FLOP / 8.64e19 FLOP per PFLOP/s-day
    assert value_of(rows, "world", "training_compute_pflop_days") == pytest.approx(3.4722e8, 1e-4)
    assert inputs_of(rows, "world", "parameters") == {
        "world_flop_per_s": 4e21,
        "share": 0.25,
        "duration_s": 3e7,
        "tokens_per_parameter": 20,
        "token_equivalents_per_data_point": 1,
        "flop_per_parameter_per_token": 4,
        "training_passes_per_token": 3,
        "formula": "sqrt(share * world_flop_per_s * duration_s / (training_passes_per_token "
        "* flop_per_parameter_per_token * tokens_per_parameter "
        "* token_equivalents_per_data_point))",
    }
    # every constant of the PFLOP/s-day conversion is stated
    days = inputs_of(rows, "world", "training_compute_pflop_days")
    assert (days["flop_per_pflop_s"], days["seconds_per_day"]) == (1e15, 86_400)
    assert days["flop_per_pflop_day"] == 8.64e19
