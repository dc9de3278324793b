"""The hardware spellings of the ec2instances.info detail pages
(sources/aws_instance_pages/mentions.py), from the real bundled pages: one record per page with
its "GPU Architecture" and "instance type <Instance Type>" context, "None" read as null, and the
same records rebuilt from the quotes without reading the pages again."""

import polars as pl
import pytest

from sources import aws_instance_pages as pages


@pytest.fixture(scope="module")
def records(version) -> pl.DataFrame:
    return pages.mention_records([version])


def test_one_record_per_page_in_file_name_order(records):
    assert records.height == 48
    assert records["context"].to_list() == [f"instance type {i}" for i in pages.INSTANCES]
    assert set(records["vendor_hint"]) == {None}  # the pages name no manufacturer
    assert set(records["seen_on"].cast(pl.String)) == {"2022-07-07"}
    spelled = dict(zip(records["context"], records["spelling"], strict=True))
    # AWS, "Amazon EC2 P4 Instances": p4d.24xlarge has 8 NVIDIA A100 Tensor Core GPUs.
    assert spelled["instance type p4d.24xlarge"] == "NVIDIA A100"
    assert spelled["instance type g4dn.xlarge"] == "NVIDIA T4 Tensor Core"


def test_none_on_the_page_is_a_null_spelling(records):
    blank = records.filter(pl.col("spelling").is_null())["context"].str.strip_prefix(
        "instance type "
    )
    families = blank.str.extract(r"^([a-z0-9]+)\.").value_counts().sort("context")
    assert dict(families.iter_rows()) == {"dl1": 1, "f1": 3, "g4ad": 5, "g5g": 6, "inf1": 4}
    assert dict(records["spelling"].drop_nulls().value_counts().iter_rows()) == {
        "NVIDIA A10G": 8,
        "NVIDIA T4 Tensor Core": 7,
        "NVIDIA Tesla M60": 4,
        "NVIDIA Tesla V100": 4,
        "NVIDIA Tesla K80": 3,
        "NVIDIA GRID K520": 2,
        "NVIDIA A100": 1,
    }


def test_hardware_mentions_are_distinct_per_instance_type(version):
    mentions = pages.hardware_mentions([version])
    assert mentions.height == 29  # the 48 pages less the 19 blanks
    assert mentions["occurrences"].to_list() == [1] * 29
    assert mentions["spelling"].null_count() == 0


def test_quote_mention_records_are_the_page_records(version, records):
    rebuilt = pages.quote_mention_records(pages.quotes(version), version)
    assert rebuilt.equals(records)
