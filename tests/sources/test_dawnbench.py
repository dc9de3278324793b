"""The DAWNBench package's hardware mentions (sources/dawnbench/__init__.py): every distinct
`hardware` text of the bundled entries, and the cloud instance types named in them."""

from datetime import date

import polars as pl
import pytest

from sources import dawnbench


@pytest.fixture(scope="module")
def snapshot(bundled_store):
    (only,) = bundled_store.versions("dawnbench")
    return only


@pytest.fixture(scope="module")
def mentions(snapshot):
    return dawnbench.hardware_mentions([snapshot])


def test_hardware_mentions(mentions):
    assert mentions.height == 82
    assert mentions.select(pl.struct("spelling", "vendor_hint", "context")).is_unique().all()
    hardware = mentions.filter(pl.col("context") == "hardware")
    assert hardware.height == 64
    assert hardware["occurrences"].sum() == 118  # one hardware text per entry
    assert hardware["vendor_hint"].null_count() == 64
    counts = dict(hardware.select("spelling", "occurrences").iter_rows())
    assert counts["1 K80 / 61 GB / 4 CPU (Amazon EC2 [p2.xlarge])"] == 11
    assert counts["8 * V100 (AWS p3.16xlarge)"] == 2
    assert counts["1/4 of a TPUv2 Pod"] == 1
    assert counts["1 K80 / 30 GB / 8 CPU (Google Cloud)"] == 10
    assert mentions["first_seen_on"].unique().to_list() == [date(2020, 3, 26)]


def test_instance_types_named_in_the_hardware_text(mentions):
    instances = mentions.filter(pl.col("context") == "hardware:instance_type")
    assert instances.height == 18
    found = {
        (s, v): n
        for s, v, n in instances.select("spelling", "vendor_hint", "occurrences").iter_rows()
    }
    assert found[("p3.16xlarge", "AWS")] == 7
    assert found[("p2.xlarge", "AWS")] == 12
    assert found[("n1-standard-16", "Google Cloud")] == 10
    assert found[("ecs.gn6e-c12g1.24xlarge", "Alibaba Cloud")] == 2
    assert found[("pi2.2xlarge.4", "Huawei Cloud")] == 2
    assert found[("ND40s_v2", "Azure")] == 1
    assert dawnbench.instance_types("Huawei Cloud [pi2.2xlarge.4]") == [
        ("pi2.2xlarge.4", "Huawei Cloud")
    ]
    assert dawnbench.instance_types("GCP n1-standard-2, Cloud TPU") == [
        ("n1-standard-2", "Google Cloud")
    ]
    assert dawnbench.instance_types("Half of a TPUv2 Pod") == []
    assert dawnbench.instance_types("Didi Cloud [1 P4 / 16 GB / 8 vCPU]") == []
