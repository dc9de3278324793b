"""The hardware spellings of the FSDL "Cloud GPUs" versions (sources/fsdl_cloud_gpus/mentions.py):
the `GPU Type` of every record of the 36 bundled versions, spelled as written."""

import polars as pl

from sources import fsdl_cloud_gpus as cloud


def test_one_record_per_table_record(fsdl_cloud_versions):
    records = cloud.mention_records(fsdl_cloud_versions)
    assert records.height == 6038 and records["spelling"].null_count() == 0
    assert set(records["context"]) == {"GPU Type"} and set(records["vendor_hint"]) == {None}
    last = fsdl_cloud_versions[-1]
    one = cloud.version_mention_records(cloud.read_records(last), last)
    assert one.height == 257
    assert one.row(4) == ("V100 (16 GB)", None, "GPU Type", last.retrieved_at.date())
    assert records.tail(257).equals(one)


def test_distinct_spellings_as_written(fsdl_cloud_versions):
    mentions = cloud.hardware_mentions(fsdl_cloud_versions)
    assert mentions.height == 28
    (v100,) = mentions.filter(pl.col("spelling") == "V100 (16 GB)").to_dicts()
    assert v100["occurrences"] == 790
    assert (str(v100["first_seen_on"]), str(v100["last_seen_on"])) == ("2022-08-05", "2025-04-22")
    # variants are kept as upstream wrote them, for the normaliser to resolve
    assert {"T4 (16)", "T4 (16 GB)", "H100 (80GB)", "H100 (80 GB)"} <= set(mentions["spelling"])
