"""Price quotes: the one shape every price source reads its upstream into.

A *quote* is one price value as the upstream states it: a CSV cell (FSDL's `Spot`), one
region's `hour_spot` of a GCP machine type, one provider's cheapest offer in a marketplace
tick. A source's `quotes(snapshot)` returns one row per quote in `QUOTE_SCHEMA`, numbered in
file order (`row_number`), with the record it stood in (`record_number`), the field
(`price_field`) and the text as written (`value_text`). Quotes the source can already tell are
not prices carry a `parse_error` (the reason they will be quarantined):

- a price written as "0" (or 0.0): upstream's way of saying "no price" (`ZERO_MEANS_MISSING`);
- text that is not a number;
- a record that states no price in any price field: one quote with null `price_field` value
  text, so the record is accounted for (`NO_PRICE`).

An empty cell is no quote: the upstream said nothing there.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import polars as pl

from schemas.prices import PURCHASE
from sources.snapshots import Snapshot

QUOTE_SCHEMA = pl.Schema(
    {
        "row_number": pl.Int64,  # quote number in the version, 1-based, file order
        "record_number": pl.Int64,  # upstream record (CSV row, JSON line, array position)
        "price_field": pl.String,  # path of the field in the record ("cost.us-central1.hour")
        "value_text": pl.String,  # the price as written
        "observed_at": pl.Datetime("us", "UTC"),
        "provider": pl.String,  # provider id, see `provider_id`
        "region": pl.String,
        "instance_type": pl.String,
        "hardware_text": pl.String,  # spelling as the source's hardware_mentions lists it
        "hardware_context": pl.String,  # the mention's context, so aliases join exactly
        "accelerators_per_instance": pl.Float64,
        "pricing": pl.String,  # on_demand spot reserved_1y reserved_3y marketplace purchase
        "usd_per_hour": pl.Float64,
        "usd_per_accelerator_hour": pl.Float64,
        "price_usd": pl.Float64,  # purchase prices only
        "notes": pl.String,
        "parse_error": pl.String,
    }
)
NO_PRICE = "no price in any price field of the record"
ZERO_MEANS_MISSING = "price '{}' is zero, which this upstream writes for a missing price"
NO_FIELD = "(none)"

# Upstream spellings of providers -> one id. Anything else becomes its own slug.
PROVIDER_IDS = {
    "amazon web services": "aws",
    "aws": "aws",
    "google cloud": "gcp",
    "google cloud platform": "gcp",
    "gcp": "gcp",
    "microsoft azure": "azure",
    "azure": "azure",
    "lambda labs": "lambda",
    "lambdalabs": "lambda",
    "lambda": "lambda",
    "oracle cloud": "oracle",
    "oci": "oracle",
    "vast.ai": "vastai",
    "latitude.sh": "latitude",
    "runpod.io": "runpod",
    "cudo compute": "cudo",
    "cudo_compute": "cudo",
    "oblivus cloud": "oblivus",
    "oblivus_cloud": "oblivus",
    "crusoe cloud": "crusoe",
    "crusoecloud": "crusoe",
}


def provider_id(name: str | None) -> str | None:
    """The provider id of an upstream spelling: 'Google Cloud' -> 'gcp', 'RunPod' -> 'runpod',
    'Latitude.sh' -> 'latitude'; a lower-case slug with '_' for anything unlisted."""
    if name is None or not name.strip():
        return None
    text = " ".join(name.split()).lower()
    if text in PROVIDER_IDS:
        return PROVIDER_IDS[text]
    slug = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    return PROVIDER_IDS.get(slug, slug) or None


def provider_expr(column: str | pl.Expr) -> pl.Expr:
    """`provider_id` over a column (few distinct values: mapped once each)."""
    expr = pl.col(column) if isinstance(column, str) else column
    return expr.map_elements(provider_id, return_dtype=pl.String, skip_nulls=True)


def price_value(text: str | pl.Expr) -> pl.Expr:
    """A price written as text -> Float64: '$1.10', '1,234.5' and ' 2.48 ' read; anything
    else (empty, 'N/A', words) is null. Zero stays zero: `price_error` flags it."""
    expr = pl.col(text) if isinstance(text, str) else text
    cleaned = expr.cast(pl.String).str.strip_chars().str.replace_all(r"[$,]", "")
    value = cleaned.cast(pl.Float64, strict=False)
    return pl.when(value.is_finite()).then(value).otherwise(None)


def price_error(text: str | pl.Expr) -> pl.Expr:
    """Why the price text of a quote is not a price (null when it is one)."""
    expr = pl.col(text) if isinstance(text, str) else text
    value = price_value(expr)
    return (
        pl.when(expr.is_null())
        .then(pl.lit(NO_PRICE))
        .when(value.is_null())
        .then(pl.format("unreadable price '{}'", expr))
        .when(value == 0)
        .then(pl.format(ZERO_MEANS_MISSING, expr))
        .when(value < 0)
        .then(pl.format("negative price '{}'", expr))
        .otherwise(None)
    )


def is_stated(text: str | pl.Expr) -> pl.Expr:
    """Whether a price cell says anything (non-null, not blank)."""
    expr = pl.col(text) if isinstance(text, str) else text
    return expr.is_not_null() & (expr.cast(pl.String).str.strip_chars().str.len_chars() > 0)


def finish(quotes: pl.DataFrame, snapshot: Snapshot | None = None) -> pl.DataFrame:
    """Quotes in `QUOTE_SCHEMA` order and dtypes, numbered 1.. in (record, field order) as
    given, with `parse_error` combined from the frame's own and `price_error(value_text)`.

    Columns the frame lacks are null. A frame may carry `order` (position of the field within
    its record) to fix the numbering; otherwise its row order is kept.
    """
    missing = {
        name: pl.lit(None, dtype)
        for name, dtype in QUOTE_SCHEMA.items()
        if name not in quotes.columns
    }
    frame = quotes.with_columns(**missing)
    own = pl.col("parse_error").cast(pl.String)
    text_error = (
        pl.when(pl.col("price_field") == NO_FIELD)
        .then(pl.lit(NO_PRICE))
        .otherwise(price_error("value_text"))
    )
    frame = frame.with_columns(
        pl.coalesce(own, text_error).alias("parse_error"),
        pl.when(pl.col("pricing") == PURCHASE)
        .then(pl.coalesce("price_usd", price_value("value_text")))
        .otherwise(pl.col("price_usd"))
        .alias("price_usd"),
    )
    if "order" in frame.columns:
        frame = frame.sort("record_number", "order", maintain_order=True)
    frame = frame.with_columns(row_number=pl.int_range(1, pl.len() + 1, dtype=pl.Int64))
    return frame.select(pl.col(name).cast(dtype) for name, dtype in QUOTE_SCHEMA.items())


def aware_utc(text: object) -> datetime | None:
    """An ISO timestamp with its UTC offset (`2024-05-01T12:00:00+02:00`) as an aware UTC
    datetime; None when absent, unreadable or without an offset (a local time is not a time)."""
    if not isinstance(text, str):
        return None
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return when.astimezone(UTC) if when.tzinfo is not None else None
