"""Fixtures of the ec2instances.info detail-page tests: the bundled version and its quotes, under
the short names these tests use (read once per module by tests/sources/conftest.py)."""

import pytest


@pytest.fixture(scope="module")
def version(aws_pages_version):
    return aws_pages_version


@pytest.fixture(scope="module")
def quotes(aws_pages_quotes):
    return aws_pages_quotes
