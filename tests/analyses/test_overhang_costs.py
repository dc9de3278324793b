"""Training compute in PFLOP/s-days, the reference model's cost, budget multiples, DAWNBench
progress. Overhang arithmetic against hand-computed values, on the real rows' values of
`_overhang_testkit.py`."""

from datetime import date

import polars as pl
import pytest

from analyses.overhang_costs import (
    budget_multiples,
    dawnbench_progress,
    reference_model,
    training_compute,
    training_cost,
)
from tests.analyses._overhang_testkit import MODELS, inputs_of, value_of


def test_training_cost_and_budget_multiple_of_gpt4s_compute(best):
    reference = reference_model(MODELS, "gpt-4-mar-2023")
    costs = training_cost(best, reference)
    # 2.1e25 FLOP / 8.64e19 = 243,055.6 PFLOP/s-days; at $33.188 (2022 purchase) = $8.0665M
    assert value_of(costs, "purchase/2022", "training_cost_usd") == pytest.approx(8.0665e6, 1e-4)
    multiples = budget_multiples(best, reference, budget_usd=1e9)
    assert value_of(multiples, "purchase/2022", "budget_multiple") == pytest.approx(123.97, 1e-4)
    inputs = inputs_of(multiples, "cloud_spot/2023", "budget_multiple")
    assert inputs["budget_usd"] == 1e9 and inputs["reference_model_id"] == "gpt-4-mar-2023"
    assert inputs["training_compute_pflop_days"] == pytest.approx(243_055.56)
    assert inputs["price"]["sha256"] == "45b851c2" * 8
    pflop_days = training_compute(MODELS)
    # Chinchilla: 5.76e23 / 8.64e19 = 6,666.7 PFLOP/s-days
    assert value_of(pflop_days, "chinchilla", "training_compute_pflop_days") == pytest.approx(
        6_666.67, abs=0.01
    )


def test_reference_model_must_exist_and_have_compute():
    with pytest.raises(ValueError, match="not a model_id"):
        reference_model(MODELS, "gpt-5")
    with pytest.raises(ValueError, match="no training compute"):
        reference_model(
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
    rows = dawnbench_progress(progress)
    assert rows.height == 3
    assert value_of(rows, "CIFAR10/train/cost", "cost_reduction") == 393.567631
    assert value_of(rows, "CIFAR10/train/same_instance/p3.2xlargex1", "speedup") == 55.036765
    inputs = inputs_of(rows, "CIFAR10/train/cost", "speedup")
    assert inputs["baseline_entry_id"] == "CIFAR10/train/dawn_resnet164_b_1k80-ec2_pytorch"
