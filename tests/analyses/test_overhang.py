"""Overhang arithmetic against hand-computed values. The inputs are real rows' values: GPT-4
(Mar 2023) as Epoch states it (2.1e25 FLOP, 1.8e12 parameters, 95 days = 8.208e6 s), the H100's
and other chips' launch prices and peaks of core.hardware, and a GCP spot quote of the A100."""

import json
from datetime import date

import polars as pl
import pytest

from analyses import overhang
from analyses.overhang_plots import best_usd_per_pflop_day_png, tokens_per_s_png
from schemas.overhang import OVERHANG_ESTIMATE

PNG = b"\x89PNG\r\n\x1a\n"
GPT4 = {
    "model_id": "gpt-4-mar-2023",
    "name": "GPT-4 (Mar 2023)",
    "published_on": date(2023, 3, 15),
    "training_compute_flop": 2.1e25,
    "parameters": 1.8e12,
    "training_time_s": 8.208e6,
    "versions": "epoch_models/2026-03-30-c72c366ce3eb",
    # GPT-4's active parameters are only rumoured: not curated, so the total is the basis
    "active_parameters": None,
    "base_model": None,
    "finetune_compute_flop": None,
    # 2.1e25 / (25,000 A100 x 312e12 FLOP/s x 8.208e6 s)
    "implied_utilisation": 0.328,
    "is_physically_implausible": False,
    "implausible_reason": None,
}
# Chinchilla: compute and parameters, no training time in Epoch's data.
CHINCHILLA = GPT4 | {
    "model_id": "chinchilla",
    "name": "Chinchilla",
    "published_on": date(2022, 3, 29),
    "training_compute_flop": 5.76e23,
    "parameters": 7e10,
    "training_time_s": None,
}
# core.model's types of the columns that are null in these rows
TYPES = {
    "active_parameters": pl.Float64,
    "base_model": pl.String,
    "finetune_compute_flop": pl.Float64,
    "implied_utilisation": pl.Float64,
    "implausible_reason": pl.String,
    "training_time_s": pl.Float64,
}


def _frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema_overrides=TYPES)


MODELS = _frame([GPT4, CHINCHILLA])


def _launch(hardware_id, released_on, price_usd, peak_flop_per_s, precision="bf16"):
    return {
        "hardware_id": hardware_id,
        "precision": precision,
        "basis": "launch_price",
        "priced_on": released_on,
        "price_usd": price_usd,
        "peak_flop_per_s": peak_flop_per_s,
        "usd_per_accelerator_hour": None,
        "usd_per_pflop_day": None,
        "utilisation": None,
        "provider": None,
        "region": None,
        "instance_type": None,
        "source": None,
        "sha256": None,
        "row_number": None,
    }


def _spot(priced_on, usd_per_hour, row_number):
    """A GCP spot quote of the A100 40GB (312 TFLOP/s bf16), as price_performance holds it at
    utilisation 1.0."""
    return _launch("nvidia-a100-sxm4-40gb", priced_on, None, 312e12) | {
        "basis": "cloud_spot",
        "usd_per_accelerator_hour": usd_per_hour,
        "usd_per_pflop_day": usd_per_hour * 24 / 0.312,
        "utilisation": 1.0,
        "provider": "gcp",
        "region": "northamerica-northeast2",
        "instance_type": "a2-megagpu-16g",
        "source": "gcp_pricing",
        "sha256": "45b851c2" * 8,
        "row_number": row_number,
    }


PRICE_PERFORMANCE = pl.DataFrame(
    [
        _launch("nvidia-v100-sxm2", date(2017, 7, 1), 11_500.0, 125e12),
        _launch("nvidia-geforce-rtx-4090", date(2022, 9, 20), 1_599.0, 330e12),
        _launch("nvidia-h100-sxm5-80gb", date(2022, 9, 20), 33_600.0, 989.4e12),
        _launch("nvidia-h100-sxm5-80gb", date(2022, 9, 20), 33_600.0, 66.9e12, "fp32"),
        _spot(date(2023, 5, 25), 0.181438, 694),
        _spot(date(2023, 6, 29), 0.25, 734),
    ]
)
UTILISATION = 0.4


def _value(rows, subject, quantity):
    return rows.filter((pl.col("subject") == subject) & (pl.col("quantity") == quantity))[
        "value"
    ].item()


def _inputs(rows, subject, quantity):
    return json.loads(
        rows.filter((pl.col("subject") == subject) & (pl.col("quantity") == quantity))[
            "inputs"
        ].item()
    )


@pytest.fixture(scope="module")
def best():
    return overhang.best_prices(
        PRICE_PERFORMANCE, precision="bf16", utilisation=UTILISATION, amortisation_days=365
    )


def test_tokens_per_second_of_gpt4s_training_compute():
    rows = overhang.inference_on_training_compute(
        MODELS, flop_per_parameter_per_token=2, tokens_per_s_per_stream=30
    )
    # 2.1e25 / (8.208e6 s * 2 * 1.8e12) = 2.1e25 / 2.95488e19 = 710,688.76 tokens/s
    assert _value(rows, "gpt-4-mar-2023", "tokens_per_s") == pytest.approx(710_688.76)
    assert _value(rows, "gpt-4-mar-2023", "parallel_streams") == pytest.approx(23_689.63)
    assert set(rows["subject"]) == {"gpt-4-mar-2023"}  # Chinchilla has no training time
    inputs = _inputs(rows, "gpt-4-mar-2023", "parallel_streams")
    assert inputs["flop_per_parameter_per_token"] == 2
    assert inputs["tokens_per_s_per_stream"] == 30
    assert inputs["training_time_s"] == 8.208e6 and inputs["published_on"] == "2023-03-15"
    assert inputs["parameters_basis"] == "total" and inputs["parameters_used"] == 1.8e12
    assert inputs["formula"].startswith("training_compute_flop / (training_time_s")
    # k = 4 (say, a forward pass at twice the cost) halves the rate
    halved = overhang.inference_on_training_compute(
        MODELS, flop_per_parameter_per_token=4, tokens_per_s_per_stream=30
    )
    assert _value(halved, "gpt-4-mar-2023", "tokens_per_s") == pytest.approx(710_688.76 / 2)


def _model(**fields):
    return GPT4 | fields


def test_mixture_of_experts_uses_active_parameters_and_says_so():
    # OLMoE as Epoch states it (5.1742e22 FLOP, 7e9 parameters, 287 h = 1.0332e6 s), 1.3e9
    # active (curated): 5.1742e22 / (1.0332e6 s * 2 * 1.3e9) = 1.92614e7 tokens/s
    olmoe = _model(
        model_id="olmoe",
        name="OLMoE",
        training_compute_flop=5.1742e22,
        parameters=7e9,
        active_parameters=1.3e9,
        training_time_s=1.0332e6,
    )
    rows = overhang.inference_on_training_compute(
        _frame([olmoe]), flop_per_parameter_per_token=2, tokens_per_s_per_stream=30
    )
    assert _value(rows, "olmoe", "tokens_per_s") == pytest.approx(1.92614e7, rel=1e-5)
    inputs = _inputs(rows, "olmoe", "tokens_per_s")
    assert inputs["parameters_basis"] == "active"
    assert (inputs["parameters"], inputs["parameters_used"]) == (7e9, 1.3e9)


def test_implausible_models_and_fine_tunes_of_another_run_are_withheld_with_the_reason():
    # FinGPT-13B as Epoch states it: 1.6e23 FLOP (Llama 2-13B's pretraining included) on one
    # RTX 3090 in 17.25 h, implied utilisation 72,414; Guanaco-65B: LLaMA-65B's 5.5e23 FLOP
    # in its 24 h fine-tune (fine-tune compute 8e18), no hardware stated; GPT-4 (Jun 2023)
    # repeats GPT-4 (Mar 2023)'s compute and 95 days: one run, kept.
    fingpt = _model(
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
    guanaco = _model(
        model_id="guanaco-65b",
        name="Guanaco-65B",
        training_compute_flop=5.5e23,
        parameters=6.5e10,
        training_time_s=86_400.0,
        base_model="LLaMA-65B",
        finetune_compute_flop=8e18,
        implied_utilisation=None,
    )
    june = _model(model_id="gpt-4-jun-2023", name="GPT-4 (Jun 2023)", base_model="GPT-4 (Mar 2023)")
    rows = overhang.inference_on_training_compute(
        _frame([GPT4, june, fingpt, guanaco]),
        flop_per_parameter_per_token=2,
        tokens_per_s_per_stream=30,
    )
    estimated = set(rows.filter(pl.col("quantity") == "tokens_per_s")["subject"])
    assert estimated == {"gpt-4-mar-2023", "gpt-4-jun-2023"}
    withheld = rows.filter(pl.col("quantity") == "excluded_tokens_per_s")
    assert set(withheld["subject"]) == {"fingpt-13b", "guanaco-65b"}
    # 1.6e23 / (62,100 s * 2 * 1.3e10) = 9.9096e7 tokens/s, withheld
    assert _value(rows, "fingpt-13b", "excluded_tokens_per_s") == pytest.approx(9.9096e7, 1e-4)
    reason = _inputs(rows, "fingpt-13b", "excluded_tokens_per_s")["excluded_reason"]
    assert reason.startswith("physically implausible: the stated compute is 7.24e+04x")
    reason = _inputs(rows, "guanaco-65b", "excluded_tokens_per_s")["excluded_reason"]
    assert reason.startswith("fine-tune of LLaMA-65B: the compute (5.5e+23 FLOP) includes")


def test_world_compute_chinchilla_at_the_issues_defaults():
    rows = overhang.world_compute_chinchilla(
        world_flop_per_s=4e21,
        share=0.25,
        duration_s=3e7,
        tokens_per_parameter=20,
        token_equivalents_per_data_point=1,
        flop_per_parameter_per_token=4,
        tokens_per_s_per_stream=50,
    )
    # p = sqrt(0.25 * 4e21 * 3e7 / (3 * 4 * 20 * 1)) = sqrt(3e28 / 240) = sqrt(1.25e26)
    p = _value(rows, "world", "parameters")
    assert p == pytest.approx(1.118034e13, rel=1e-6)
    assert 3 * 4 * 20 * 1 * p**2 == pytest.approx(0.25 * 4e21 * 3e7)  # the training FLOP
    # f * W / (k * p) = 1e21 / (4 * 1.118034e13)
    assert _value(rows, "world", "tokens_per_s") == pytest.approx(2.236068e7, rel=1e-6)
    assert _value(rows, "world", "parallel_streams") == pytest.approx(447_213.6, rel=1e-6)
    # 3e28 FLOP / 8.64e19 FLOP per PFLOP/s-day
    assert _value(rows, "world", "training_compute_pflop_days") == pytest.approx(3.4722e8, 1e-4)
    assert _inputs(rows, "world", "parameters") == {
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
    days = _inputs(rows, "world", "training_compute_pflop_days")
    assert (days["flop_per_pflop_s"], days["seconds_per_day"]) == (1e15, 86_400)
    assert days["flop_per_pflop_day"] == 8.64e19


def test_amortised_purchase_of_every_priced_chip_and_the_presets():
    rows = overhang.amortised_purchase(
        PRICE_PERFORMANCE, utilisation=UTILISATION, amortisation_days=365
    )
    assert rows.height == 4  # the launch prices, not the cloud quotes
    # $33,600 / (0.9894 PFLOP/s * 0.4 * 365 days) = $232.60
    assert _value(rows, "nvidia-h100-sxm5-80gb/bf16", "usd_per_pflop_day") == pytest.approx(
        232.60, abs=0.01
    )
    assert _inputs(rows, "nvidia-h100-sxm5-80gb/bf16", "usd_per_pflop_day")["price_usd"] == 33_600
    presets = pl.DataFrame(
        {
            "name": ["usd-10000-at-30-tflops-1y", "usd-1000-at-125-tflops-1y"],
            "price_usd": [10_000.0, 1_000.0],
            "peak_flop_per_s": [30e12, 125e12],
            "amortisation_days": [365.0, 365.0],
        }
    )
    at_peak = overhang.purchase_presets(presets, utilisation=1.0)
    # $10,000 / (0.03 * 365) = $913.24; $1,000 / (0.125 * 365) = $21.92
    assert _value(at_peak, "preset/usd-10000-at-30-tflops-1y", "usd_per_pflop_day") == (
        pytest.approx(913.242, abs=1e-3)
    )
    assert _value(at_peak, "preset/usd-1000-at-125-tflops-1y", "usd_per_pflop_day") == (
        pytest.approx(21.918, abs=1e-3)
    )
    at_04 = overhang.purchase_presets(presets, utilisation=UTILISATION)
    assert _value(at_04, "preset/usd-1000-at-125-tflops-1y", "usd_per_pflop_day") == (
        pytest.approx(54.795, abs=1e-3)
    )
    assert _inputs(at_04, "preset/usd-1000-at-125-tflops-1y", "usd_per_pflop_day") == {
        "name": "usd-1000-at-125-tflops-1y",
        "price_usd": 1000.0,
        "peak_flop_per_s": 125e12,
        "amortisation_days": 365.0,
        "utilisation": 0.4,
    }


def test_best_price_of_each_year_bought_or_rented(best):
    by = {(b, y): v for b, y, v in best.select("basis", "year", "usd_per_pflop_day").iter_rows()}
    # V100: $11,500 / (0.125 * 0.4 * 365) = $630.14, the only chip until 2022 (carried forward)
    assert [by[("purchase", y)] for y in range(2017, 2022)] == pytest.approx([630.137] * 5, 1e-5)
    # RTX 4090 from 2022: $1,599 / (0.33 * 0.4 * 365) = $33.19, cheaper than the H100's $232.60
    assert by[("purchase", 2022)] == by[("purchase", 2023)] == pytest.approx(33.188, abs=1e-3)
    # the cheaper of two spot quotes of 2023: $0.181438/h * 24 / 0.312 PFLOP/s / 0.4 = $34.89
    assert by[("cloud_spot", 2023)] == pytest.approx(34.892, abs=1e-3)
    assert ("cloud_spot", 2022) not in by  # no quote that year
    spot = best.filter(pl.col("basis") == "cloud_spot").row(0, named=True)
    assert (spot["source"], spot["row_number"], spot["priced_on"]) == (
        "gcp_pricing",
        694,
        date(2023, 5, 25),
    )
    rows = overhang.best_available(best, utilisation=UTILISATION, amortisation_days=365)
    assert _inputs(rows, "cloud_spot/2023", "usd_per_pflop_day")["price"]["row_number"] == 694
    assert _inputs(rows, "purchase/2022", "usd_per_pflop_day")["price"]["hardware_id"] == (
        "nvidia-geforce-rtx-4090"
    )


def test_training_cost_and_budget_multiple_of_gpt4s_compute(best):
    reference = overhang.reference_model(MODELS, "gpt-4-mar-2023")
    costs = overhang.training_cost(best, reference)
    # 2.1e25 FLOP / 8.64e19 = 243,055.6 PFLOP/s-days; at $33.188 (2022 purchase) = $8.0665M
    assert _value(costs, "purchase/2022", "training_cost_usd") == pytest.approx(8.0665e6, 1e-4)
    multiples = overhang.budget_multiples(best, reference, budget_usd=1e9)
    assert _value(multiples, "purchase/2022", "budget_multiple") == pytest.approx(123.97, 1e-4)
    inputs = _inputs(multiples, "cloud_spot/2023", "budget_multiple")
    assert inputs["budget_usd"] == 1e9 and inputs["reference_model_id"] == "gpt-4-mar-2023"
    assert inputs["training_compute_pflop_days"] == pytest.approx(243_055.56)
    assert inputs["price"]["sha256"] == "45b851c2" * 8
    pflop_days = overhang.training_compute(MODELS)
    # Chinchilla: 5.76e23 / 8.64e19 = 6,666.7 PFLOP/s-days
    assert _value(pflop_days, "chinchilla", "training_compute_pflop_days") == pytest.approx(
        6_666.67, abs=0.01
    )


def test_reference_model_must_exist_and_have_compute():
    with pytest.raises(ValueError, match="not a model_id"):
        overhang.reference_model(MODELS, "gpt-5")
    with pytest.raises(ValueError, match="no training compute"):
        overhang.reference_model(
            MODELS.with_columns(training_compute_flop=pl.lit(None, pl.Float64)), "chinchilla"
        )


def test_dawnbench_progress_keeps_the_entries_compared():
    # two rows of analysis.dawnbench_progress as built from the bundled DAWNBench snapshot
    progress = pl.DataFrame(
        {
            "task": ["CIFAR10", "CIFAR10"],
            "kind": ["train", "train"],
            "basis": ["cost", "same_instance"],
            "instance_type": [None, "p3.2xlarge"],
            "instance_count": [None, 1],
            "baseline_entry_id": [
                "CIFAR10/train/dawn_resnet164_b_1k80-ec2_pytorch",
                "CIFAR10/train/diux_cifar_p3",
            ],
            "best_entry_id": [
                "CIFAR10/train/BAIDU-USA-GAIT_BaiduNet9_1GV100_pytorch",
                "CIFAR10/train/davidcpage_resnet9_1v100-ec2_pytorch",
            ],
            "baseline_submitted_on": [date(2017, 10, 11), date(2018, 1, 31)],
            "best_submitted_on": [date(2019, 5, 7), date(2018, 11, 6)],
            "speedup": [464.934561, 55.036765],
            "cost_reduction": [393.567631, None],
        }
    )
    rows = overhang.dawnbench_progress(progress)
    assert rows.height == 3
    assert _value(rows, "CIFAR10/train/cost", "cost_reduction") == 393.567631
    assert _value(rows, "CIFAR10/train/same_instance/p3.2xlargex1", "speedup") == 55.036765
    inputs = _inputs(rows, "CIFAR10/train/cost", "speedup")
    assert inputs["baseline_entry_id"] == "CIFAR10/train/dawn_resnet164_b_1k80-ec2_pytorch"


def test_all_scenarios_make_valid_rows_with_a_headline_and_plots(best):
    reference = overhang.reference_model(MODELS, "gpt-4-mar-2023")
    rows = pl.concat(
        [
            overhang.inference_on_training_compute(
                MODELS, flop_per_parameter_per_token=2, tokens_per_s_per_stream=30
            ),
            overhang.amortised_purchase(PRICE_PERFORMANCE, utilisation=0.4, amortisation_days=365),
            overhang.best_available(best, utilisation=0.4, amortisation_days=365),
            overhang.training_compute(MODELS),
            overhang.training_cost(best, reference),
            overhang.budget_multiples(best, reference, budget_usd=1e9),
        ]
    ).with_columns(as_of=pl.lit(date(2026, 12, 3)))
    OVERHANG_ESTIMATE.pandera.validate(OVERHANG_ESTIMATE.select(rows))
    top = overhang.headline(rows, "gpt-4-mar-2023")
    latest = top.filter(pl.col("scenario") == "budget")
    assert latest.select("subject", "value", "price").rows() == [
        ("cloud_spot/2023", "117.9", "nvidia-a100-sxm4-40gb 2023-05-25 gcp_pricing"),
        ("purchase/2023", "124", "nvidia-geforce-rtx-4090 2022-09-20"),
    ]
    assert {"tokens_per_s", "parallel_streams", "training_compute_pflop_days"} <= set(
        top.filter(pl.col("subject") == "gpt-4-mar-2023")["quantity"]
    )
    assert tokens_per_s_png(rows).startswith(PNG)
    assert best_usd_per_pflop_day_png(rows).startswith(PNG)
