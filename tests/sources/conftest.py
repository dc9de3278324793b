"""Fixtures shared by a source package's test module (tests/sources/test_<pkg>.py) and the tests of
its modules (tests/sources/<pkg>/): real bundled versions and what is read from them, once per
module, named after their source; and the HTTP client of the live-fetch tests."""

import polars as pl
import pytest

from sources import aws_instance_pages, fsdl_cloud_gpus, gcp_pricing, wikipedia_gpus
from sources.http import HttpClient, HttpPolicy
from sources.snapshots import Snapshot
from tests.sources._fsdl_testkit import all_quotes


@pytest.fixture(scope="module")
def aws_pages_version(bundled_store):
    """The one bundled version of the ec2instances.info detail pages."""
    (snapshot,) = bundled_store.versions(aws_instance_pages.SOURCE.name)
    return snapshot


@pytest.fixture(scope="module")
def aws_pages_quotes(aws_pages_version) -> pl.DataFrame:
    return aws_instance_pages.quotes(aws_pages_version)


@pytest.fixture(scope="module")
def wikipedia_gpus_snapshot(bundled_store):
    """The newest bundled version of the Wikipedia GPU source."""
    return bundled_store.latest("wikipedia_gpus")


@pytest.fixture(scope="module")
def wikipedia_gpus_raw(wikipedia_gpus_snapshot) -> pl.DataFrame:
    return wikipedia_gpus.parse(wikipedia_gpus_snapshot.path())


@pytest.fixture(scope="module")
def wikipedia_gpus_records(wikipedia_gpus_raw) -> pl.DataFrame:
    return wikipedia_gpus.to_spec_records(wikipedia_gpus_raw)


@pytest.fixture(scope="module")
def fsdl_cloud_versions(bundled_store) -> list[Snapshot]:
    """Every bundled version of FSDL's "Cloud GPUs" table."""
    return bundled_store.versions(fsdl_cloud_gpus.SOURCE.name)


@pytest.fixture(scope="module")
def fsdl_cloud_quotes(fsdl_cloud_versions) -> pl.DataFrame:
    """Their quotes, with the version of each."""
    return all_quotes(fsdl_cloud_gpus, fsdl_cloud_versions)


@pytest.fixture(scope="module")
def gcp_versions(bundled_store) -> list[Snapshot]:
    """Every bundled version of the GCP pricing extract."""
    return bundled_store.versions(gcp_pricing.SOURCE.name)


@pytest.fixture(scope="module")
def gcp_quotes(gcp_versions) -> dict[str, pl.DataFrame]:
    """Their quotes, by version."""
    return {v.version: gcp_pricing.quotes(v) for v in gcp_versions}


@pytest.fixture()
def client():
    """An HTTP client for the local server (tests/localserver.py): short timeouts, no retries. A
    test module that needs another policy defines its own `client`."""
    policy = HttpPolicy(connect_timeout_s=1, read_timeout_s=2, deadline_s=10, max_retries=0)
    with HttpClient(policy) as c:
        yield c
