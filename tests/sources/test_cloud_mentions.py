"""Hardware spellings of the cloud-price sources, read from the real bundled snapshots."""

from datetime import date

import polars as pl
import pytest
from bs4 import BeautifulSoup

from sources import (
    aws_instance_pages,
    aws_spot_history,
    azure_dev_backup,
    ec2instances_2024,
    ec2instances_history,
    epoch_hardware_prices,
    fsdl_cloud_gpus,
    fsdl_serverless_gpus,
    gcp_pricing,
    gpu_price_tracker,
)
from sources.mentions import MENTION_SCHEMA, blanks
from sources.snapshots import SnapshotStore, verify
from sources.upstream import UpstreamFormatError
from tests.sources.gcp_pricing._gcp_pricing_testkit import GPU_KEYS

MENTIONING = [
    epoch_hardware_prices,
    fsdl_cloud_gpus,
    fsdl_serverless_gpus,
    gcp_pricing,
    gpu_price_tracker,
    aws_instance_pages,
]
BUNDLED_ONLY = [ec2instances_history, ec2instances_2024, azure_dev_backup, aws_spot_history]
VERSIONS = {
    "epoch_hardware_prices": 1,
    "fsdl_cloud_gpus": 36,
    "fsdl_serverless_gpus": 22,
    "gcp_pricing": 54,
    "gpu_price_tracker": 1,
    "aws_instance_pages": 1,
    "ec2instances_history": 71,
    "ec2instances_2024": 1,
    "azure_dev_backup": 1,
    "aws_spot_history": 1,
}
# source -> (distinct spellings, mention rows)
EXPECTED = {
    "epoch_hardware_prices": (130, 130),
    "fsdl_cloud_gpus": (28, 28),
    "fsdl_serverless_gpus": (23, 23),
    "gcp_pricing": (6, 33),
    "gpu_price_tracker": (5, 7),
    "aws_instance_pages": (7, 29),
}


@pytest.fixture(scope="module")
def found(bundled_store) -> dict[str, pl.DataFrame]:
    """Each mentioning source's mentions over all its bundled versions."""
    return {
        m.SOURCE.name: m.hardware_mentions(bundled_store.versions(m.SOURCE.name))
        for m in MENTIONING
    }


def row(frame: pl.DataFrame, spelling: str, context: str) -> dict:
    (hit,) = frame.filter(
        (pl.col("spelling") == spelling) & (pl.col("context") == context)
    ).to_dicts()
    return hit


@pytest.mark.parametrize("module", MENTIONING + BUNDLED_ONLY, ids=lambda m: m.SOURCE.name)
def test_every_source_is_bundled_with_its_versions_intact(bundled_store, module):
    versions = bundled_store.versions(module.SOURCE.name)
    expected = VERSIONS[module.SOURCE.name]
    assert len(versions) == expected
    assert len({v.sha256 for v in versions}) == expected  # the store kept no duplicate
    assert all(module.SOURCE.filename in v.files for v in versions)
    assert (bundled_store.root / module.SOURCE.name / "PROVENANCE.md").is_file()
    verify(versions[-1])


@pytest.mark.parametrize("module", MENTIONING, ids=lambda m: m.SOURCE.name)
def test_mentions_have_one_shape_and_one_row_per_key(found, module):
    frame = found[module.SOURCE.name]
    assert frame.schema == MENTION_SCHEMA
    spellings, rows = EXPECTED[module.SOURCE.name]
    assert frame["spelling"].n_unique() == spellings
    assert frame.height == rows
    assert frame.select("spelling", "vendor_hint", "context").is_unique().all()
    assert frame["spelling"].str.strip_chars().eq(frame["spelling"]).all()
    assert frame["spelling"].str.len_chars().min() > 0
    assert frame["occurrences"].min() >= 1
    assert (frame["first_seen_on"] <= frame["last_seen_on"]).all()


def test_epoch_prices_spellings_and_blank_descriptions(bundled_store, found):
    frame = found["epoch_hardware_prices"]
    h100 = row(frame, "NVIDIA H100 SXM5 80GB", "Hardware model")
    assert (h100["vendor_hint"], h100["occurrences"]) == ("NVIDIA", 44)
    assert h100["first_seen_on"] == date(2025, 6, 20)
    assert row(frame, "A100 (80 GB)", "Cloud GPU description")["occurrences"] == 31
    assert row(frame, "Google TPU v4", "Hardware model")["vendor_hint"] == "Google"
    assert row(frame, "GroqChip LPU v1", "Hardware model")["vendor_hint"] is None
    # free text is kept as written, multi-line Oblivus labels included
    assert "A100 80GB NVLINK \n(32 vCPU - 240GB RAM - 825GB NVMe)" in frame["spelling"].to_list()
    assert frame.filter(pl.col("context") == "Hardware model").height == 82
    records = epoch_hardware_prices.mention_records(bundled_store.versions("epoch_hardware_prices"))
    assert records.height == 2 * 591
    assert blanks(records).to_dicts() == [{"context": "Cloud GPU description", "records": 305}]


def test_fsdl_cloud_gpu_types_across_36_versions(found):
    frame = found["fsdl_cloud_gpus"]
    assert set(frame["context"]) == {"GPU Type"} and frame["vendor_hint"].is_null().all()
    assert frame["occurrences"].sum() == 6038
    a100 = row(frame, "A100 (80 GB)", "GPU Type")
    assert a100["occurrences"] == 645
    # spelling variants of one product stay apart
    for spelling in ["H100 (80 GB)", "H100 (80GB)", "T4 (16 GB)", "T4 (16)", "RTX5000 (16GB)"]:
        assert spelling in frame["spelling"].to_list()
    t4 = row(frame, "T4 (16)", "GPU Type")
    assert (t4["first_seen_on"], t4["last_seen_on"]) == (date(2022, 8, 5), date(2023, 5, 24))
    assert row(frame, "GH200 (96 GB)", "GPU Type")["last_seen_on"] == date(2025, 4, 22)


def test_a_ragged_record_with_text_in_the_surplus_is_refused(tmp_path):
    path = tmp_path / "cloud-gpus.csv"
    path.write_text(
        "Cloud,GPU Type,GPU Arch,GPUs,GPU RAM,vCPUs,RAM,On-demand,Per-GPU,Spot,Name\n"
        "AWS,V100 (16 GB),Volta,1,16,8,61,3.06,3.06,,p3.2xlarge,oops\n"
    )
    with pytest.raises(UpstreamFormatError, match="record 1 has 12 fields"):
        fsdl_cloud_gpus.parse(path)


def test_gcp_gpu_keys_per_machine_type(found):
    frame = found["gcp_pricing"]
    assert sorted(set(frame["spelling"])) == sorted(GPU_KEYS)
    h100 = row(frame, "h100-80gb", "machine type a3-highgpu-8g")
    assert (h100["occurrences"], h100["first_seen_on"]) == (27, date(2024, 5, 30))
    assert row(frame, "a100-80gb", "machine type a2-ultragpu-1g")["occurrences"] == 46
    # the month a2-ultragpu first appeared, upstream keyed its 80 GB A100s as plain "a100"
    odd = row(frame, "a100", "machine type a2-ultragpu-1g")
    assert (odd["occurrences"], odd["first_seen_on"]) == (1, date(2022, 9, 29))
    assert frame["occurrences"].sum() == 926


def test_gcp_parse_refuses_an_unknown_non_count_key(tmp_path):
    path = tmp_path / "gpu_machine_types.json"
    path.write_text('{"instances": {"x1-gpu": {"cpu": 1, "ram": 2, "cost": {}, "note": "hi"}}}')
    with pytest.raises(UpstreamFormatError, match="'note'"):
        gcp_pricing.parse(path)


def test_gpu_price_tracker_types_with_their_sockets(bundled_store, found):
    frame = found["gpu_price_tracker"]
    assert sorted(set(frame["spelling"])) == [
        "A100_80GB",
        "B200_180GB",
        "GH200_96GB",
        "H100_80GB",
        "H200_141GB",
    ]
    assert row(frame, "H100_80GB", "gpu_type with socket_type SXM5")["occurrences"] == 957
    assert row(frame, "GH200_96GB", "gpu_type without socket_type")["occurrences"] == 752
    assert frame["occurrences"].sum() == 6494
    (version,) = bundled_store.versions("gpu_price_tracker")
    assert sorted(version.files) == gpu_price_tracker.FILES


def test_aws_pages_gpu_models_not_the_c5_placeholder(bundled_store, found):
    frame = found["aws_instance_pages"]
    assert sorted(set(frame["spelling"])) == [
        "NVIDIA A100",
        "NVIDIA A10G",
        "NVIDIA GRID K520",
        "NVIDIA T4 Tensor Core",
        "NVIDIA Tesla K80",
        "NVIDIA Tesla M60",
        "NVIDIA Tesla V100",
    ]
    assert row(frame, "NVIDIA A100", "instance type p4d.24xlarge")["occurrences"] == 1
    assert not frame.filter(
        pl.concat_str("spelling", "context").str.contains("(?i)c5|compute-optimized")
    ).height
    (version,) = bundled_store.versions("aws_instance_pages")
    page = aws_instance_pages.parse(version.path("p4d.24xlarge.html"))
    assert set(page["table"]) == {"Amazon", "Compute", "Networking", "Storage", "Hardware"}
    assert not page.filter(pl.col("value").str.contains("c5")).height
    # "None" printed by the page generator is no spelling, and is counted
    records = aws_instance_pages.mention_records([version])
    assert records.height == 48
    assert blanks(records)["records"].sum() == 19


def test_a_page_without_its_hardware_table_is_named(bundled_store, tmp_path):
    (version,) = bundled_store.versions("aws_instance_pages")
    soup = BeautifulSoup(version.path("p4d.24xlarge.html").read_bytes(), "html.parser")
    soup.find("table", id="Hardware").decompose()
    store = SnapshotStore(tmp_path)
    store.add(
        "aws_instance_pages",
        {
            "g5.xlarge.html": version.path("g5.xlarge.html").read_bytes(),
            "p4d.24xlarge.html": str(soup).encode(),
        },
        url=version.url,
        licence=version.licence,
    )
    with pytest.raises(UpstreamFormatError, match=r"p4d\.24xlarge\.html.*'GPU Architecture'"):
        aws_instance_pages.hardware_mentions(store.versions("aws_instance_pages"))
