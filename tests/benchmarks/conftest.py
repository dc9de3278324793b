"""Fixtures for the tests of the benchmarks' own code: the warehouse tests' fresh DuckDB file
and child processes (tests/warehouse/conftest.py), shared rather than written twice, and the
bundled Compute Price Tracker version the tick loader's tests write as tick files."""

import polars as pl
import pytest

from sources import gpu_price_tracker
from tests.warehouse.conftest import db_path, spawn
from warehouse import SnapshotRecord

__all__ = ["db_path", "spawn"]

SOURCE = gpu_price_tracker.SOURCE.name


@pytest.fixture(scope="module")
def version(bundled_store):
    return bundled_store.latest(SOURCE)


@pytest.fixture(scope="module")
def snap(version) -> SnapshotRecord:
    return SnapshotRecord.of(version)


@pytest.fixture(scope="module")
def quotes(version) -> pl.DataFrame:
    return gpu_price_tracker.quotes(version)


@pytest.fixture(scope="module")
def aliases(version) -> pl.DataFrame:
    """Alias rows for the tracker's real spellings and contexts. The ids are test fixtures
    (one per spelling and context, so a context mix-up shows); GH200 is left out on purpose,
    so its quotes keep a null hardware_id."""
    mentions = gpu_price_tracker.hardware_mentions([version])
    return (
        mentions.rename({"spelling": "alias"})
        .filter(pl.col("alias") != "GH200_96GB")
        .select(
            "alias",
            source=pl.lit(SOURCE),
            context="context",
            hardware_id=pl.concat_str(
                pl.lit("fixture-"),
                pl.col("alias").str.to_lowercase().str.replace_all("_", "-"),
                pl.lit("-"),
                pl.col("context").str.extract(r"socket_type (\w+)$").fill_null("none"),
            ).str.to_lowercase(),
        )
        .unique()
    )
