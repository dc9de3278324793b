"""DAWNBench entries and curves in the warehouse's terms (sources/dawnbench/conform.py), from the
bundled version: SI units, fractions (an F1 written as a percentage), the task's target beside each
value, the counts read from the hardware texts, never an e-mail address."""

import re

import polars as pl
import pytest

from sources import dawnbench
from sources.dawnbench import conform

EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")


@pytest.fixture(scope="module")
def snapshot(bundled_store):
    return bundled_store.latest("dawnbench")


@pytest.fixture(scope="module")
def entries(snapshot):
    return dawnbench.to_entries(dawnbench.parse_entries(snapshot))


@pytest.fixture(scope="module")
def curves(snapshot):
    return dawnbench.to_curves(dawnbench.parse_curves(snapshot))


def by_id(frame: pl.DataFrame, entry_id: str) -> dict:
    (row,) = frame.filter(pl.col("entry_id") == entry_id).iter_rows(named=True)
    return row


def test_every_entry_is_conformed_and_one_states_f1_as_a_percentage(entries):
    assert entries.height == 118
    assert entries["entry_id"].is_unique().all()
    assert entries["row_number"].to_list() == list(range(1, 119))
    assert sorted(entries["kind"].unique()) == ["inference", "train"]
    assert entries["parse_error"].null_count() == 118
    # F1 is a fraction upstream; FastFusionNet writes 82.52085997573373: in (1, 100], so a
    # percentage, read as 0.8252 and the value as written kept
    rescaled = entries.filter(pl.col("metric_rescaled_from").is_not_null())
    assert rescaled.select("entry_id", "metric_value", "metric_rescaled_from").rows() == [
        ("SQuAD/inference/dawn_fastfusionnet-1080ti", 0.8252085997573373, 82.52085997573373)
    ]


def test_a_quality_beyond_100_is_still_out_of_range(entries):
    # a fraction field above 100 cannot be a percentage either: the entry is quarantined
    raw = pl.DataFrame(
        {"task": ["SQuAD", "SQuAD"], "f1Score": [82.52, 825.2], "top1Accuracy": [None, None]}
    )
    read = raw.select(
        conform._fraction("f1Score").alias("read"),
        conform._written_as_percent("f1Score").alias("percent"),
    )
    assert read.rows() == [(pytest.approx(0.8252), True), (825.2, False)]


def test_entries_in_si_units_and_fractions(entries):
    mxnet = by_id(entries, "ImageNet/inference/dawn_resnet152_1k80-ec2_mxnet")
    assert mxnet["latency_s"] == pytest.approx(0.02924)  # "latency": 29.24 (ms)
    assert mxnet["cost_per_10k_inferences_usd"] == pytest.approx(0.0731)  # "cost": 7.31e-06
    assert (mxnet["target_metric"], mxnet["target_value"]) == ("top5_accuracy", 0.93)
    assert mxnet["metric_value"] == pytest.approx(0.930046)  # "top5Accuracy": 93.0046
    assert (mxnet["instance_type"], mxnet["provider"], mxnet["instance_count"]) == (
        "p2.xlarge",
        "aws",
        1,
    )
    fastai = by_id(entries, "ImageNet/train/fastai_resnet50_p3_16_machine_pytorch")
    assert fastai["usd_per_hour"] == 391.68
    assert fastai["metric_value"] is None  # read from the curve, not stated
    assert fastai["latency_s"] is None and fastai["cost_per_10k_inferences_usd"] is None
    haifan = by_id(entries, "ImageNet/inference/HaifanData_resnet50_1GTX1080Ti_tensorflow")
    assert str(haifan["submitted_on"]) == "2019-07-22"  # "timestamp": "2019-7-22"


def test_entries_never_carry_an_email_address(entries):
    for column in entries.columns:
        values = entries[column].cast(pl.String).drop_nulls()
        assert not values.str.contains(EMAIL.pattern).any(), column


def test_every_hardware_text_is_read(entries):
    # Of 118 entries, 81 state an accelerator count and 59 name a cloud instance type.
    assert entries["stated_accelerator_count"].is_not_null().sum() == 81
    assert entries["instance_type"].is_not_null().sum() == 59
    assert entries.filter(pl.col("instance_type").is_not_null())["provider"].value_counts(
        sort=True
    ).rows() == [("aws", 32), ("gcp", 15), ("alibaba_cloud", 8), ("huawei_cloud", 3), ("azure", 1)]


def test_curves_in_seconds_and_fractions(curves):
    assert curves.height == 6067
    assert curves["entry_id"].n_unique() == 69
    apple = curves.filter(pl.col("entry_id") == "CIFAR10/train/apple_resnet9_8v100_pytorch")
    # TSV row 17: "15	0.0026191027585688666	94.2"
    row = apple.filter(pl.col("row_number") == 16).row(0, named=True)
    assert row["epoch"] == 15
    assert row["elapsed_s"] == pytest.approx(0.0026191027585688666 * 3600)
    assert row["top1_accuracy"] == row["metric_value"] == pytest.approx(0.942)
    assert row["target_value"] == 0.94
    squad = curves.filter(pl.col("entry_id").str.starts_with("SQuAD/"))
    assert squad["metric_value"].equals(squad["f1_score"])
    assert squad["target_value"].unique().to_list() == [0.75]
    imagenet = curves.filter(pl.col("entry_id").str.starts_with("ImageNet/"))
    assert imagenet["metric_value"].equals(imagenet["top5_accuracy"])
    for column in ("top1_accuracy", "top5_accuracy", "f1_score"):
        assert curves[column].drop_nulls().is_between(0, 1).all(), column
