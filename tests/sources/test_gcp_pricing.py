"""The GCP pricing package (sources/gcp_pricing): the price quotes of the 54 bundled versions spell
the hardware exactly as its mention records do."""

import polars as pl

from sources import gcp_pricing


def test_hardware_spelling_and_context_are_the_mentions(gcp_versions, gcp_quotes):
    mentioned = gcp_pricing.mention_records(gcp_versions).select("spelling", "context").unique()
    quoted = (
        pl.concat(gcp_quotes.values())
        .select(spelling="hardware_text", context="hardware_context")
        .unique()
    )
    assert quoted.sort(pl.all()).equals(mentioned.sort(pl.all()))
