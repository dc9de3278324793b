"""The GCP pricing package (sources/gcp_pricing): the price quotes of the 54 bundled versions spell
the hardware exactly as its mention records do."""

import polars as pl
import pytest

from sources import gcp_pricing

NAME = gcp_pricing.SOURCE.name


@pytest.fixture(scope="module")
def versions(bundled_store):
    return bundled_store.versions(NAME)


@pytest.fixture(scope="module")
def all_quotes(versions) -> dict[str, pl.DataFrame]:
    return {v.version: gcp_pricing.quotes(v) for v in versions}


def test_hardware_spelling_and_context_are_the_mentions(versions, all_quotes):
    mentioned = gcp_pricing.mention_records(versions).select("spelling", "context").unique()
    quoted = (
        pl.concat(all_quotes.values())
        .select(spelling="hardware_text", context="hardware_context")
        .unique()
    )
    assert quoted.sort(pl.all()).equals(mentioned.sort(pl.all()))
