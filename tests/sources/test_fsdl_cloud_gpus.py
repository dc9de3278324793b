"""The FSDL "Cloud GPUs" package (sources/fsdl_cloud_gpus): the price quotes of every bundled
version spell the hardware exactly as its mentions do."""

import polars as pl

from sources import fsdl_cloud_gpus as cloud


def test_spellings_are_exactly_the_mentions(fsdl_cloud_versions, fsdl_cloud_quotes):
    mentioned = cloud.hardware_mentions(fsdl_cloud_versions).select("spelling", "context")
    spelled = fsdl_cloud_quotes.select(
        pl.col("hardware_text").alias("spelling"), pl.col("hardware_context").alias("context")
    ).unique()
    assert spelled.join(mentioned, on=["spelling", "context"], how="anti").height == 0
    assert spelled.height == mentioned.height == 28
