"""Reading the bundled DAWNBench version (sources/dawnbench/parse.py): its entries per task (never
an e-mail address, null and missing costs, CRLF files, unpadded dates) and its training curves with
their BOM/CRLF/padding quirks."""

import re
from datetime import date

import polars as pl
import pytest

from sources import dawnbench

EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")


@pytest.fixture(scope="module")
def snapshot(bundled_store):
    (only,) = bundled_store.versions("dawnbench")
    return only


@pytest.fixture(scope="module")
def entries(snapshot):
    return dawnbench.parse_entries(snapshot)


@pytest.fixture(scope="module")
def curves(snapshot):
    return dawnbench.parse_curves(snapshot)


def test_entries_per_task(entries):
    assert entries.height == 118
    counts = {(t, k): n for t, k, n in entries.group_by("task", "kind").len().iter_rows()}
    assert counts == {
        ("CIFAR10", "train"): 31,
        ("CIFAR10", "inference"): 21,
        ("ImageNet", "train"): 27,
        ("ImageNet", "inference"): 22,
        ("SQuAD", "train"): 11,
        ("SQuAD", "inference"): 6,
    }
    assert entries["version"].unique().to_list() == ["v1.0"]
    # Every training entry has its curve; inference entries have none.
    assert entries.filter(pl.col("kind") == "train")["curve"].null_count() == 0
    assert entries.filter(pl.col("kind") == "inference")["curve"].null_count() == 49


def test_entries_never_carry_an_email_address(snapshot, entries):
    raw = snapshot.path("CIFAR10/train/fastai_pytorch.json").read_text()
    assert '"authorEmail"' in raw and EMAIL.search(raw)  # upstream does publish them
    assert not any("mail" in c.lower() for c in entries.columns)
    assert "misc" not in entries.columns
    for column in entries.columns:
        values = entries[column].cast(pl.String).drop_nulls()
        assert not values.str.contains(EMAIL.pattern).any(), column


def test_null_and_missing_costs_are_null(entries):
    train = entries.filter(pl.col("kind") == "train")
    inference = entries.filter(pl.col("kind") == "inference")
    assert train["costPerHour"].is_not_null().sum() == 44  # 6 JSON null, 19 absent
    assert inference["cost"].is_not_null().sum() == 26  # 11 JSON null, 12 absent
    assert inference["latency"].null_count() == 0
    assert entries.schema["costPerHour"] == pl.Float64


def test_crlf_entries_and_unpadded_dates(entries):
    crlf = entries.filter(
        pl.col("entry") == "ImageNet/inference/HuaweiCloud_resnet50_modelarts_2.4.json"
    )
    assert crlf["hardware"].to_list() == ["Huawei Cloud [pi1.2xlarge.4]"]
    assert not entries["hardware"].str.contains("\r").any()
    haifan = entries.filter(pl.col("entry").str.contains("HaifanData"))
    assert haifan["timestamp"].to_list() == ["2019-7-22"]
    assert haifan["submitted_on"].to_list() == [date(2019, 7, 22)]
    assert entries["submitted_on"].null_count() == 0
    assert entries["submitted_on"].min() == date(2017, 10, 11)
    assert entries["submitted_on"].max() == date(2020, 3, 20)


def test_curves_read_by_header_name_despite_bom_crlf_and_padding(curves):
    assert curves["curve"].n_unique() == 69
    assert curves.height == 6067  # non-blank data lines of the 69 TSVs
    assert curves["epoch"].null_count() == 0 and curves["hours"].null_count() == 0
    bom = curves.filter(pl.col("curve") == "CIFAR10/train/KRes34_1GTX1080Ti_pytorch.tsv")
    assert bom.height > 0 and bom["top1Accuracy"].null_count() == 0
    padded = curves.filter(pl.col("curve") == "SQuAD/train/dawn_drqa_1k80-ec2.tsv")
    assert padded["hours"][0] == pytest.approx(0.13735185055555554)
    assert padded["f1Score"].null_count() == 0
    imagenet = curves.filter(pl.col("task") == "ImageNet")
    assert imagenet["top5Accuracy"].null_count() == 0
