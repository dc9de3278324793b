"""Fixtures of the GCP pricing tests: the bundled versions and each version's quotes, under the
short names these tests use (read once per module by tests/sources/conftest.py)."""

import polars as pl
import pytest


@pytest.fixture(scope="module")
def versions(gcp_versions):
    return gcp_versions


@pytest.fixture(scope="module")
def all_quotes(gcp_quotes) -> dict[str, pl.DataFrame]:
    return gcp_quotes
