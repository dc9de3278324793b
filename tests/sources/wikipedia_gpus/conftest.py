"""Fixtures of the Wikipedia GPU tests: the newest bundled version, its JSON document, its rows as
parsed and as spec records (read once per module; all but the document by tests/sources/conftest.py,
here under the short names these tests use)."""

import json

import polars as pl
import pytest


@pytest.fixture(scope="module")
def snapshot(wikipedia_gpus_snapshot):
    return wikipedia_gpus_snapshot


@pytest.fixture(scope="module")
def document(snapshot) -> dict:
    return json.loads(snapshot.path().read_bytes())


@pytest.fixture(scope="module")
def raw(wikipedia_gpus_raw) -> pl.DataFrame:
    return wikipedia_gpus_raw


@pytest.fixture(scope="module")
def records(wikipedia_gpus_records) -> pl.DataFrame:
    return wikipedia_gpus_records
