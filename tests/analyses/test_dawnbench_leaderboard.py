"""DAWNBench's leaderboard on the bundled snapshot: the rule (upstream README), costs, the
hardware and list-price links, with values asserted (fixtures: conftest.py)."""

import polars as pl
import pytest

from analyses import dawnbench_leaderboard
from schemas.dawnbench import DAWNBENCH_ENTRY
from schemas.validation import split_valid
from tests.analyses._dawnbench_testkit import CATALOGUE, entry


def test_time_to_target_is_the_first_tsv_row_meeting_the_threshold(
    dawnbench_curves, dawnbench_times
):
    # README: "We will compute time to reach a test set accuracy of 94% by reading off the
    # first entry in the above TSV with a top-1 test set accuracy of at least 94%."
    apple = entry(dawnbench_times, "CIFAR10/train/apple_resnet9_8v100_pytorch")
    # TSV: epoch 14 at 93.65% (below), epoch 15 at 0.0026191027585688666 h with 94.2%.
    assert (apple["target_row"], apple["epochs_to_target"]) == (16, 15)
    assert apple["time_to_target_s"] == pytest.approx(0.0026191027585688666 * 3600)
    assert apple["reached_value"] == pytest.approx(0.942)
    # ImageNet, top-5 >= 93%: Alibaba's 16 machines reach 93.04% at 0.04376... h (2:37.55).
    alibaba = entry(
        dawnbench_times, "ImageNet/train/alibabacloud_resnet50_gn6e_16_machine_tensorflow"
    )
    assert alibaba["time_to_target_s"] == pytest.approx(157.55)
    # Every curve meets its target, as the upstream tests require of every listed entry.
    assert dawnbench_times.height == 69 and dawnbench_times["target_row"].null_count() == 0


def test_squad_time_is_read_at_f1_075_not_the_readmes_073(dawnbench_curves, dawnbench_times):
    bidaf = dawnbench_curves.filter(
        pl.col("entry_id") == "SQuAD/train/dawn_bidaf_1k80-ec2_tensorflow"
    )
    at_073 = bidaf.filter(pl.col("metric_value") >= 0.73)["elapsed_s"].first()
    at_075 = entry(dawnbench_times, "SQuAD/train/dawn_bidaf_1k80-ec2_tensorflow")[
        "time_to_target_s"
    ]
    assert at_075 == pytest.approx(27489.19027)  # 7.6358862 h, epoch 10
    assert at_073 == pytest.approx(13703.207)  # 3.81 h: half the time at 0.73
    assert at_073 < at_075


def test_a_curve_that_never_meets_the_target_is_not_on_the_leaderboard(
    dawnbench_curves, dawnbench_raw_entries, dawnbench_aliases, dawnbench_on_demand
):
    # An excerpt of a real curve: the Apple entry's rows before it reached 94%.
    apple = "CIFAR10/train/apple_resnet9_8v100_pytorch"
    excerpt = dawnbench_curves.filter((pl.col("entry_id") == apple) & (pl.col("row_number") < 16))
    dawnbench_entries = dawnbench_raw_entries.filter(pl.col("entry_id") == apple)
    prices = dawnbench_leaderboard.closest_list_prices(dawnbench_entries, dawnbench_on_demand)
    out = dawnbench_leaderboard.conform_entries(
        dawnbench_entries,
        dawnbench_leaderboard.time_to_target(excerpt),
        dawnbench_aliases,
        prices,
        CATALOGUE,
    )
    assert out["parse_error"].to_list() == [
        "the curve never meets top1_accuracy >= 0.94 (best 0.9365 in 15 rows): not on the "
        "leaderboard"
    ]
    assert out["time_to_target_s"].to_list() == [None]


def test_inference_quality_is_held_to_the_target(
    dawnbench_raw_entries, dawnbench_times, dawnbench_aliases, dawnbench_on_demand
):
    # Upstream tests: check_inference_threshold(path, 'top5Accuracy', 93.0). Under a stricter
    # 93.1% DAWN's ResNet-152 (MXNet) at 93.0046% would fall out.
    dawnbench_entries = dawnbench_raw_entries.filter(
        pl.col("entry_id") == "ImageNet/inference/dawn_resnet152_1k80-ec2_mxnet"
    )
    prices = dawnbench_leaderboard.closest_list_prices(dawnbench_entries, dawnbench_on_demand)
    held = dawnbench_leaderboard.conform_entries(
        dawnbench_entries, dawnbench_times, dawnbench_aliases, prices, CATALOGUE
    )
    assert held["parse_error"].to_list() == [None]
    stricter = dawnbench_entries.with_columns(target_value=pl.lit(0.931))
    out = dawnbench_leaderboard.conform_entries(
        stricter, dawnbench_times, dawnbench_aliases, prices, CATALOGUE
    )
    assert out["parse_error"].to_list() == [
        "states top5_accuracy 0.930046, below the target top5_accuracy >= 0.931: not on the "
        "leaderboard"
    ]


def test_every_entry_is_loaded_or_rejected_with_a_reason(dawnbench_conformed, dawnbench_entries):
    valid, rejected = split_valid(dawnbench_conformed, DAWNBENCH_ENTRY)
    # every submission is on the leaderboard: FastFusionNet's F1 written as 82.52 is read
    # as a percentage (test_the_squad_f1_written_as_a_percentage_is_read_as_one_and_loaded)
    assert valid.height == 118 and rejected.height == 0
    counts = dict(
        dawnbench_entries.group_by("task", "kind")
        .len()
        .select(pl.concat_str("task", "kind", separator="/"), "len")
        .iter_rows()
    )
    assert counts == {
        "CIFAR10/train": 31,
        "CIFAR10/inference": 21,
        "ImageNet/train": 27,
        "ImageNet/inference": 22,
        "SQuAD/train": 11,
        "SQuAD/inference": 6,
    }


def test_cost_is_hours_times_the_stated_price_per_hour(dawnbench_entries):
    fastai = entry(dawnbench_entries, "ImageNet/train/fastai_pytorch")
    # 2.9575 h at $24.48/h (8 V100, p3.16xlarge)
    assert fastai["time_to_target_s"] == pytest.approx(10647.119494)
    assert fastai["cost_usd"] == pytest.approx(10647.119494 / 3600 * 24.48)
    assert fastai["cost_usd"] == pytest.approx(72.400413)
    # Training entries without costPerHour have no cost; inference entries never have one.
    train = dawnbench_entries.filter(pl.col("kind") == "train")
    assert train["cost_usd"].is_not_null().sum() == 44
    assert dawnbench_entries.filter(pl.col("kind") == "inference")["cost_usd"].null_count() == 49


def test_hardware_and_list_price_links(dawnbench_entries):
    machines = entry(dawnbench_entries, "ImageNet/train/fastai_resnet50_p3_16_machine_pytorch")
    # '16 p3.16xlarge (AWS)': 16 x the on-demand p3.16xlarge of 2017-11-12, 8 V100 each.
    assert (machines["instance_type"], machines["instance_count"]) == ("p3.16xlarge", 16)
    assert machines["list_usd_per_hour"] == pytest.approx(16 * 24.48)
    assert machines["list_usd_per_hour"] == machines["usd_per_hour"]
    assert (str(machines["list_price_on"]), machines["list_price_region"]) == (
        "2017-11-12",
        "us-east-1",
    )
    assert machines["accelerator_count"] == 128
    assert machines["hardware_id"] == "nvidia-v100-sxm2-16gb"
    # A chip named without a count is one chip; a TPU v2 Pod quarter is 64 chips.
    assert (
        entry(dawnbench_entries, "CIFAR10/train/fastai_pytorch_single_volta")["accelerator_count"]
        == 1
    )
    quarter = entry(
        dawnbench_entries, "ImageNet/train/google_amoeba_net_d_quater_tpupod_tensorflow18"
    )
    assert (quarter["hardware_id"], quarter["accelerator_count"]) == ("google-tpu-v2", 64)
    # Every entry naming an AWS GPU instance is priced. Submitters state the us-east-1 list
    # price of the day, except DAWN's two ResNet-152 ImageNet entries, whose prices are
    # swapped: the 4 M60 g3.16xlarge states p2.8xlarge's $7.20, the 8 K80 p2.8xlarge $4.56.
    priced = dawnbench_entries.filter(pl.col("list_usd_per_hour").is_not_null())
    assert priced.height == 26
    differ = priced.filter(pl.col("usd_per_hour") != pl.col("list_usd_per_hour"))
    assert differ.select("instance_type", "usd_per_hour", "list_usd_per_hour").rows() == [
        ("g3.16xlarge", 7.2, 4.56),
        ("p2.8xlarge", 4.56, 7.2),
    ]
    assert priced.filter(pl.col("usd_per_hour").is_null()).height == 7  # inference entries


def test_the_squad_f1_written_as_a_percentage_is_read_as_one_and_loaded(dawnbench_entries):
    # FastFusionNet's SQuAD inference entry writes "f1Score": 82.52085997573373 where every
    # other entry writes a fraction (0.7589...): a value in (1, 100] is a percentage
    fast = entry(dawnbench_entries, "SQuAD/inference/dawn_fastfusionnet-1080ti")
    assert fast["metric_value"] == pytest.approx(0.8252086)
    assert fast["metric_rescaled_from"] == pytest.approx(82.52086)
    bidaf = entry(dawnbench_entries, "SQuAD/inference/dawn_bidaf_1k80-ec2_tensorflow")
    assert bidaf["metric_rescaled_from"] is None


def test_counts_an_instance_type_implies_come_from_the_catalogue(dawnbench_entries):
    # "V100 (AWS p3.2xlarge)" states no count: the catalogue's p3.2xlarge has 1 V100;
    # bare "p3.16xlarge": 8; "1 K80 / ... [p2.xlarge]" states its own count, which is kept
    by_text = {
        row["hardware_text"]: (row["accelerator_count"], row["accelerator_count_source"])
        for row in dawnbench_entries.iter_rows(named=True)
    }
    assert by_text["V100 (AWS p3.2xlarge)"] == (1, "instance_catalogue")
    assert by_text["p3.16xlarge"] == (8, "instance_catalogue")
    assert by_text["1 K80 / 61 GB / 4 CPU (Amazon EC2 [p2.xlarge])"] == (1, "stated")
    assert by_text["Lambda GPU Cloud - 4x GTX 1080 Ti"] == (4, "stated")
    assert by_text["1/4 of a TPUv2 Pod"] == (64, "stated")


def test_alibaba_and_azure_instances_count_8_v100_each(dawnbench_entries):
    by_text = {
        row["hardware_text"]: (row["accelerator_count"], row["accelerator_count_source"])
        for row in dawnbench_entries.iter_rows(named=True)
    }
    assert by_text["1 ecs.gn6e-c12g1.24xlarge (AlibabaCloud)"] == (8, "instance_catalogue")
    assert by_text["16 ecs.gn6e-c12g1.24xlarge (AlibabaCloud)"] == (128, "instance_catalogue")
    assert by_text["Azure ND40s_v2"] == (8, "instance_catalogue")
    # Alibaba gn6i carries one T4, Huawei pi1 one P4 (the instance families' documentation).
    assert by_text["Alibaba Cloud [ecs.gn6i-c8g1.2xlarge]"] == (1, "instance_catalogue")
    assert by_text["Huawei Cloud [pi1.2xlarge.4]"] == (1, "instance_catalogue")
