"""The hardware spellings of the GCP versions (sources/gcp_pricing/mentions.py): the GPU key of
every machine type of the 54 bundled versions, with "machine type <name>" as context and one
occurrence per machine type per version."""

import polars as pl

from sources import gcp_pricing
from tests.sources.gcp_pricing._gcp_pricing_testkit import GPU_KEYS


def test_one_record_per_machine_type_and_version(versions):
    records = gcp_pricing.mention_records(versions)
    assert records.height == 926
    assert records["spelling"].null_count() == 0 and set(records["vendor_hint"]) == {None}
    first = records.filter(pl.col("seen_on") == versions[0].retrieved_at.date())
    assert first.select("spelling", "context").rows() == [
        ("a100", "machine type a2-highgpu-1g"),
        ("a100", "machine type a2-highgpu-2g"),
        ("a100", "machine type a2-highgpu-4g"),
        ("a100", "machine type a2-highgpu-8g"),
        ("a100", "machine type a2-megagpu-16g"),
    ]


def test_hardware_mentions_count_versions(versions):
    mentions = gcp_pricing.hardware_mentions(versions)
    assert mentions.height == 33
    (a2,) = mentions.filter(pl.col("context") == "machine type a2-highgpu-1g").to_dicts()
    assert (a2["spelling"], a2["occurrences"]) == ("a100", 54)  # in every version
    assert (str(a2["first_seen_on"]), str(a2["last_seen_on"])) == ("2022-02-27", "2026-07-30")
    assert set(mentions["spelling"]) == GPU_KEYS
