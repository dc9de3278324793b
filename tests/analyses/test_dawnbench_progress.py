"""DAWNBench progress factors and record frontiers over the bundled snapshot's leaderboard
entries, with values asserted (entries: the dawnbench_entries fixture of conftest.py)."""

import polars as pl
import pytest

from analyses import dawnbench_progress
from schemas.dawnbench import DAWNBENCH_FRONTIER, DAWNBENCH_PROGRESS


@pytest.fixture(scope="module")
def progress(dawnbench_entries):
    return DAWNBENCH_PROGRESS.pandera.validate(dawnbench_progress.progress(dawnbench_entries))


@pytest.fixture(scope="module")
def frontier(dawnbench_entries):
    return DAWNBENCH_FRONTIER.pandera.validate(dawnbench_progress.frontier(dawnbench_entries))


def test_progress_per_task_baseline_against_best(progress):
    by = {
        (r["task"], r["kind"], r["basis"]): r
        for r in progress.filter(pl.col("basis") != "same_instance").iter_rows(named=True)
    }
    imagenet_time = by[("ImageNet", "train", "time")]
    # DAWN's ResNet-152 on 8 K80 (10.2 days, 2017-10-27) -> Alibaba's 128 V100 (2:37.55).
    assert imagenet_time["baseline_entry_id"] == "ImageNet/train/dawn_resnet152_b_8k80_ec2_mxnet"
    assert imagenet_time["best_entry_id"] == (
        "ImageNet/train/alibabacloud_resnet50_gn6e_16_machine_tensorflow"
    )
    assert imagenet_time["speedup"] == pytest.approx(878398.192 / 157.55)  # 5575
    assert imagenet_time["cost_reduction"] == pytest.approx(77.134854)
    expected = {
        ("CIFAR10", "train", "time"): (965.287046, None),
        ("CIFAR10", "train", "cost"): (464.934561, 393.567631),
        ("ImageNet", "train", "cost"): (676.909354, 149.840129),
        ("SQuAD", "train", "time"): (24.416962, None),
        ("SQuAD", "train", "cost"): (11.467122, 10.186627),
        ("CIFAR10", "inference", "time"): (72.745805, None),
        ("CIFAR10", "inference", "cost"): (14.325492, 11.771307),
        ("ImageNet", "inference", "time"): (301.239858, None),
        ("ImageNet", "inference", "cost"): (45.879909, 23.408117),
        ("SQuAD", "inference", "time"): (13.194353, None),
        ("SQuAD", "inference", "cost"): (1.0, 1.0),  # all costed entries of one day
    }
    for key, (speedup, cost_reduction) in expected.items():
        assert by[key]["speedup"] == pytest.approx(speedup), key
        assert by[key]["cost_reduction"] == pytest.approx(cost_reduction), key
    assert len(by) == 12


def test_progress_on_the_same_instances(progress):
    same = {
        (r["task"], r["kind"], r["instance_type"]): round(r["speedup"], 3)
        for r in progress.filter(pl.col("basis") == "same_instance").iter_rows(named=True)
    }
    assert same == {
        # DIU's ResNet (1:07:55) -> David Page's ResNet-9 (1:14) on one V100
        ("CIFAR10", "train", "p3.2xlarge"): 55.037,
        ("ImageNet", "train", "p3.16xlarge"): 8.397,
        ("ImageNet", "train", "n1-standard-2"): 4.539,  # one Cloud TPU
        ("ImageNet", "train", "c5.18xlarge"): 1.029,  # 128 Xeon nodes
        ("ImageNet", "inference", "ecs.gn6i-c8g1.2xlarge"): 1.623,
        ("ImageNet", "inference", "ecs.gn5i-c8g1.2xlarge"): 1.0,  # the later entry is slower
        ("SQuAD", "train", "p2.xlarge"): 5.594,  # BiDAF -> DrQA on one K80
    }


def test_frontier_records_and_pareto_set(frontier):
    imagenet = frontier.filter((pl.col("task") == "ImageNet") & (pl.col("kind") == "train"))
    records = imagenet.filter(pl.col("frontier") == "time")
    assert [e.split("/")[-1] for e in records["entry_id"]] == [
        "dawn_resnet152_b_8k80_ec2_mxnet",
        "ppwwyyxx_resnet152_8P100-DGX1_tensorpack",
        "diux_resnet50_p3-tensorpack",
        "google_resnet50_tpu_tensorflow17",
        "google_amoeba_net_d_tpu_tensorflow18",
        "google_resnet50_tpupod_tensorflow18",
        "fastai_resnet50_p3_16_machine_pytorch",
        "huaweicloud_resnet50_modelarts_16_machine_mxnet121",
        "huaweicloud_resnet50_modelarts_16_machine_tensorflow18",
        "alibabacloud_resnet50_gn6e_16_machine_tensorflow",
    ]
    assert records["is_current"].to_list() == [False] * 9 + [True]
    # Each record's improvement is the previous record's time over its own.
    assert records["improvement"].product() == pytest.approx(878398.192 / 157.55)
    pareto_now = imagenet.filter((pl.col("frontier") == "time_and_cost") & pl.col("is_current"))
    assert sorted(e.split("/")[-1] for e in pareto_now["entry_id"]) == [
        "alibabacloud_resnet50_gn6e_16_machine_tensorflow",
        "alibabacloud_resnet50_gn6e_1_machine_tensorflow",
    ]
    assert frontier.group_by("frontier").len().sort("frontier").rows() == [
        ("cost", 25),
        ("time", 42),  # FastFusionNet's SQuAD inference latency, loaded since its F1 is read
        ("time_and_cost", 38),
    ]
