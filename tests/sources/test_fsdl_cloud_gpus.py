"""The FSDL "Cloud GPUs" package (sources/fsdl_cloud_gpus): the price quotes of every bundled
version spell the hardware exactly as its mentions do."""

import polars as pl
import pytest

from sources import fsdl_cloud_gpus as cloud
from sources.snapshots import Snapshot


def all_quotes(module, versions: list[Snapshot]) -> pl.DataFrame:
    return pl.concat([module.quotes(v).with_columns(version=pl.lit(v.version)) for v in versions])


@pytest.fixture(scope="module")
def cloud_versions(bundled_store) -> list[Snapshot]:
    return bundled_store.versions(cloud.SOURCE.name)


@pytest.fixture(scope="module")
def cloud_quotes(cloud_versions) -> pl.DataFrame:
    return all_quotes(cloud, cloud_versions)


def test_spellings_are_exactly_the_mentions(cloud_versions, cloud_quotes):
    mentioned = cloud.hardware_mentions(cloud_versions).select("spelling", "context")
    spelled = cloud_quotes.select(
        pl.col("hardware_text").alias("spelling"), pl.col("hardware_context").alias("context")
    ).unique()
    assert spelled.join(mentioned, on=["spelling", "context"], how="anti").height == 0
    assert spelled.height == mentioned.height == 28
