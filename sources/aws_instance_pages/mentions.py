"""The hardware spellings of the pages: one mention record per page ("GPU Architecture", with
"instance type <Instance Type>" as context)."""

from __future__ import annotations

import polars as pl

from sources.aws_instance_pages.parse import _mention, _pages, parse
from sources.mentions import concat_records, mentions, records
from sources.snapshots import Snapshot


def mention_records(snapshots: list[Snapshot]) -> pl.DataFrame:
    """One mention record per page of every version, blanks ("None") included as null."""
    frames = []
    for snapshot in snapshots:
        for name in _pages(snapshot):
            path = snapshot.path(name)
            model, context = _mention(parse(path), path)
            page = pl.DataFrame({"model": [model]}, schema={"model": pl.String})
            frames.append(records(page, snapshot, spelling=pl.col("model"), context=context))
    return concat_records(frames)


def quote_mention_records(quotes: pl.DataFrame, snapshot: Snapshot) -> pl.DataFrame:
    """`mention_records` of one version from its `quotes`, without reading the pages again:
    every page has quotes (`quotes` refuses a version with an unpriced page), each carrying
    the page's spelling and context."""
    pages = quotes.unique("record_number", keep="first").sort("record_number")
    return records(
        pages, snapshot, spelling=pl.col("hardware_text"), context=pl.col("hardware_context")
    )


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Distinct "GPU Architecture" spellings per instance type (`vendor_hint` null)."""
    return mentions(mention_records(snapshots))
