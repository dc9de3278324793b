"""Hardware spellings found in upstream records, in one shape for every source.

A source module turns its snapshots into *mention records*: one row per upstream record and
field that names a piece of hardware (`spelling` as written, `vendor_hint`, `context`,
`seen_on` = the snapshot's retrieved date). `mentions` folds them into one row per distinct
(spelling, vendor_hint, context) with how often and when it was seen; that is what an alias
table (spelling -> canonical hardware id) is built from.

Empty or null spellings are not mentions. They are never dropped unseen: the record frames keep
them, `blanks` counts them per context, and `mentions` logs the count.
"""

from __future__ import annotations

import logging
from datetime import date

import polars as pl

from sources.snapshots import Snapshot

log = logging.getLogger(__name__)

RECORD_SCHEMA = pl.Schema(
    {"spelling": pl.String, "vendor_hint": pl.String, "context": pl.String, "seen_on": pl.Date}
)
MENTION_SCHEMA = pl.Schema(
    {
        "spelling": pl.String,
        "vendor_hint": pl.String,
        "context": pl.String,
        "occurrences": pl.Int64,
        "first_seen_on": pl.Date,
        "last_seen_on": pl.Date,
    }
)
KEY = ["spelling", "vendor_hint", "context"]


def seen_on(snapshot: Snapshot) -> date:
    """The date a snapshot's records count as seen: its retrieved date (UTC)."""
    return snapshot.retrieved_at.date()


def records(
    frame: pl.DataFrame,
    snapshot: Snapshot,
    *,
    spelling: pl.Expr,
    context: pl.Expr | str,
    vendor_hint: pl.Expr | None = None,
) -> pl.DataFrame:
    """Mention records of one upstream frame: one row per row of `frame`, blanks included."""
    return frame.select(
        spelling.cast(pl.String).alias("spelling"),
        (vendor_hint if vendor_hint is not None else pl.lit(None))
        .cast(pl.String)
        .alias("vendor_hint"),
        (pl.lit(context) if isinstance(context, str) else context).cast(pl.String).alias("context"),
        pl.lit(seen_on(snapshot), dtype=pl.Date).alias("seen_on"),
    )


def concat_records(frames: list[pl.DataFrame]) -> pl.DataFrame:
    """Mention records of many frames (or none) as one frame of `RECORD_SCHEMA`."""
    if not frames:
        return RECORD_SCHEMA.to_frame()
    return pl.concat(
        [f.select(pl.col(c).cast(t) for c, t in RECORD_SCHEMA.items()) for f in frames]
    )


def _cleaned(records: pl.DataFrame) -> pl.DataFrame:
    missing = [c for c in RECORD_SCHEMA if c not in records.columns]
    if missing:
        raise ValueError(f"mention records lack columns {missing} (have {records.columns})")
    vendor = pl.col("vendor_hint").cast(pl.String).str.strip_chars()
    cleaned = records.select(
        *([pl.col("record").cast(pl.String)] if "record" in records.columns else []),
        pl.col("spelling").cast(pl.String).str.strip_chars(),
        pl.when(vendor.str.len_chars() > 0).then(vendor).otherwise(None).alias("vendor_hint"),
        pl.col("context").cast(pl.String),
        pl.col("seen_on").cast(pl.Date),
    )
    unplaced = cleaned.filter(pl.col("context").is_null() | pl.col("seen_on").is_null()).height
    if unplaced:
        raise ValueError(f"{unplaced} mention records have no context or no date")
    return cleaned


def _is_blank() -> pl.Expr:
    return pl.col("spelling").is_null() | (pl.col("spelling").str.len_chars() == 0)


def blanks(records: pl.DataFrame) -> pl.DataFrame:
    """How many records carry an empty or null spelling, per context (`context`, `records`)."""
    return (
        _cleaned(records)
        .filter(_is_blank())
        .group_by("context")
        .agg(pl.len().cast(pl.Int64).alias("records"))
        .sort("context")
    )


def mentions(records: pl.DataFrame) -> pl.DataFrame:
    """One row per distinct (spelling, vendor_hint, context) of `records` (see `MENTION_SCHEMA`).

    Spellings and vendor hints are stripped of surrounding whitespace and otherwise kept as
    written; an empty vendor hint is null. `occurrences` counts the records carrying the
    mention (distinct values of a `record` column where the records have one, so a record seen
    in several files or versions counts once), `first_seen_on`/`last_seen_on` are the
    earliest/latest snapshot dates among them.
    Records with an empty or null spelling are not mentions: they are counted (see `blanks`)
    and logged, not returned.
    """
    cleaned = _cleaned(records)
    blank = cleaned.filter(_is_blank()).height
    if blank:
        log.info("%d of %d records carry no hardware spelling", blank, cleaned.height)
    return (
        cleaned.filter(~_is_blank())
        .group_by(KEY)
        .agg(
            (pl.col("record").n_unique() if "record" in cleaned.columns else pl.len())
            .cast(pl.Int64)
            .alias("occurrences"),
            pl.col("seen_on").min().alias("first_seen_on"),
            pl.col("seen_on").max().alias("last_seen_on"),
        )
        .sort(KEY, nulls_last=True)
        .select(pl.col(c).cast(t) for c, t in MENTION_SCHEMA.items())
    )
