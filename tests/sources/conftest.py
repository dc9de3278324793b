"""Fixtures shared by a source package's test module (tests/sources/test_<pkg>.py) and the tests of
its modules (tests/sources/<pkg>/): real bundled versions and what is read from them, once per
module, named after their source."""

import polars as pl
import pytest

from sources import aws_instance_pages


@pytest.fixture(scope="module")
def aws_pages_version(bundled_store):
    """The one bundled version of the ec2instances.info detail pages."""
    (snapshot,) = bundled_store.versions(aws_instance_pages.SOURCE.name)
    return snapshot


@pytest.fixture(scope="module")
def aws_pages_quotes(aws_pages_version) -> pl.DataFrame:
    return aws_instance_pages.quotes(aws_pages_version)
