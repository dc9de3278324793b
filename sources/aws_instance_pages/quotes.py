"""A version's price quotes in `prices.QUOTE_SCHEMA`: every page a record, the version refused
when a page states no us-east-1 Linux price or the headline mismatch is systematic."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from sources.aws_instance_pages.layout import HEADLINE_REGION, MAX_HEADLINE_MISMATCH
from sources.aws_instance_pages.page import _page_quotes
from sources.aws_instance_pages.parse import _pages
from sources.prices import finish, price_value, provider_id
from sources.snapshots import Snapshot
from sources.upstream import UpstreamFormatError


def _quotes(pages: Iterable[tuple[str | Path, bytes]], observed_at: datetime) -> pl.DataFrame:
    """Quotes of a version's pages, given as (label, content) in record order; each page is
    checked as it comes (a live fetch stops at the first broken page)."""
    rows, unpriced, mismatched = [], [], []
    record = 0
    for record, (label, data) in enumerate(pages, start=1):
        quotes, priced, mismatch = _page_quotes(data, label)
        if not priced:
            unpriced.append(str(label))
        if mismatch:
            mismatched.append(str(label))
        rows += [{"record_number": record, **q} for q in quotes]
    if unpriced:
        raise UpstreamFormatError(
            f"{len(unpriced)} of {record} pages state no readable {HEADLINE_REGION} Linux "
            f"price in _prices: {unpriced}; the generator or its data changed"
        )
    if len(mismatched) > MAX_HEADLINE_MISMATCH * record:
        raise UpstreamFormatError(
            f"the headline {HEADLINE_REGION} prices disagree with _prices on {len(mismatched)} "
            f"of {record} pages ({mismatched}): the page generator changed what it shows"
        )
    schema = {
        "record_number": pl.Int64,
        "price_field": pl.String,
        "value_text": pl.String,
        "region": pl.String,
        "pricing": pl.String,
        "parse_error": pl.String,
        "instance_type": pl.String,
        "hardware_text": pl.String,
        "hardware_context": pl.String,
        "accelerators_per_instance": pl.Float64,
    }
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    hourly = price_value("value_text")
    return finish(
        frame.with_columns(
            observed_at=pl.lit(observed_at.astimezone(UTC), pl.Datetime("us", "UTC")),
            provider=pl.lit(provider_id("aws")),
            usd_per_hour=hourly,
            usd_per_accelerator_hour=hourly / pl.col("accelerators_per_instance"),
        )
    )


def quotes(snapshot: Snapshot) -> pl.DataFrame:
    """One row per Linux price of every page of `snapshot`, in `prices.QUOTE_SCHEMA` (see the
    module docstring for records, fields and checks)."""
    names = _pages(snapshot)
    if not names:
        raise UpstreamFormatError(f"{snapshot.directory}: no .html page in the version")
    pages = ((snapshot.path(n), snapshot.path(n).read_bytes()) for n in names)
    return _quotes(pages, snapshot.retrieved_at)
