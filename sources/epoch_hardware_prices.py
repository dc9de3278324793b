"""Epoch AI's hardware price database (training-cost-trends): dated accelerator prices.

One CSV (UTF-8 with BOM) of cloud on-demand / committed-use per-chip-hour prices and purchase
prices. `parse` reads it in upstream terms (every field as text, plus `row_number`);
`hardware_mentions` lists the hardware spellings of two fields, both with `Manufacturer` as
the vendor hint:

- `Hardware model`: Epoch's canonical chip name (joins Epoch's hardware datasets);
- `Cloud GPU description`: the cloud vendor's own label. Free text, kept as written: besides
  GPU labels ("A100 (80 GB)") it holds memory sizes only ("80GB"), a GCP machine type
  ("a3-highgpu-1g"), a web.archive.org URL, a sentence of Azure marketing text and multi-line
  Oblivus labels with the instance's vCPU/RAM/NVMe on a second line.

Blank spellings (not mentions, counted by `sources.mentions.blanks`): in the bundled 2025-06-20
version 305 of 591 records have no `Cloud GPU description` and none lacks a `Hardware model`;
one record (GroqChip LPU v1) has no `Manufacturer`, so its vendor hint is null.

Price quotes (`quotes`): one per stated price cell, in `sources.prices.QUOTE_SCHEMA`. The
bundled version has 805: 465 on-demand, 107 1-year CUD (`reserved_1y`), 110 3-year CUD
(`reserved_3y`) and 122 purchase prices, plus one `NO_FIELD` quote for record 578 (an empty
NVIDIA H100 SXM5 80GB record: no date, no vendor, no price; quarantined as `NO_PRICE`). So 468
records carry cloud prices, 122 a purchase price and 1 none; every price cell is a plain
decimal ("0.86", "16125.00"): no "$", no zeros, no ranges, no text. Readings:

- `observed_at` is `Price date` (ISO, 2010-11-09 .. 2025-03-17) at 00:00 UTC; a missing or
  unreadable date is a parse error of every quote of the record.
- Cloud prices are per chip-hour (`usd_per_accelerator_hour`); `usd_per_hour` is that times
  `Number of GPUs` (1, 2, 4, 8 or 16; empty in 234 records, then null). An unreadable or
  non-positive count is a parse error.
- Purchase prices are per chip: Epoch divides system prices by the GPU count ("$375,000.00 / 8
  = 46 875 US$ per chip"), so `price_usd` is per accelerator and, on a purchase quote,
  `accelerators_per_instance` is the size of the system the price was divided from (8 for a
  DGX), not the number of chips the price buys. `notes` is `Notes` as written.
- `provider` is `Vendor` through `sources.prices.provider_id`; all 123 vendorless records are
  the purchase records and record 578. A cloud price without a Vendor would be a parse error
  (`NO_VENDOR`): a price nobody offers cannot be filed under a provider.
- `region` is `Location` as written (null in 479 records; some list several regions,
  "Iowa (us-central1),Oregon,East US").
- `instance_type`: many cloud records (most copied from the FSDL table) name the instance in
  `Notes` ("p3.16xlarge", "instance NC24ads A100 v4 number of GPUs: 1"); `INSTANCE_NOTE`
  reads those (139 records, 213 cloud quotes) and leaves every other note (URLs,
  arithmetic, quotations, Exoscale's "GPU SMALL") null rather than guessing.
- `hardware_text` is `Hardware model` (context "Hardware model", as `mention_records` lists
  it), never `Cloud GPU description`: the model is Epoch's own resolved name.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import polars as pl

from schemas.prices import PURCHASE
from sources.mentions import concat_records, mentions, records
from sources.prices import (
    NO_FIELD,
    finish,
    is_stated,
    price_error,
    price_value,
    provider_expr,
)
from sources.snapshots import Snapshot
from sources.source import SourceInfo
from sources.upstream import UpstreamFormatError, number, read_csv_text

SOURCE = SourceInfo(
    name="epoch_hardware_prices",
    title="Epoch AI, hardware price database (training-cost-trends)",
    homepage="https://github.com/epoch-research/training-cost-trends",
    url="https://raw.githubusercontent.com/epoch-research/training-cost-trends/HEAD/data/Hardware%20prices.csv",
    filename="hardware_prices.csv",
    licence="not stated (no LICENSE file; Epoch AI datasets are usually CC BY 4.0)",
    citation=(
        "Cottier, B., Rahman, R., Fattorini, L., Maslej, N., Owen, D. (2024). 'The rising costs "
        "of training frontier AI models'. arXiv:2405.21015. Data: Epoch AI, "
        "github.com/epoch-research/training-cost-trends, 'data/Hardware prices.csv'."
    ),
    cadence="irregular (11 upstream versions 2024-2025); check quarterly",
)

REQUIRED = [
    "Price source",
    "Price date",
    "Hardware model",
    "Manufacturer",
    "Vendor",
    "Location",
    "Price per chip-hour (on-demand)",
    "Price per chip-hour (1-year CUD)",
    "Price per chip-hour (3-year CUD)",
    "Price (hardware purchase)",
    "Notes",
    "Cloud GPU description",
    "Number of GPUs",
]
# Upstream fields naming hardware; each record's `Manufacturer` is the vendor hint of both.
MENTION_FIELDS = ["Hardware model", "Cloud GPU description"]
VENDOR_FIELD = "Manufacturer"
OWNER = "sources/epoch_hardware_prices.py"

# Price column -> pricing model, in the order a record's quotes are numbered.
PRICE_FIELDS = {
    "Price per chip-hour (on-demand)": "on_demand",
    "Price per chip-hour (1-year CUD)": "reserved_1y",
    "Price per chip-hour (3-year CUD)": "reserved_3y",
    "Price (hardware purchase)": PURCHASE,
}
HARDWARE_FIELD = "Hardware model"  # the spelling quotes carry; its mention context is the same
NO_VENDOR = "cloud price without a Vendor (no provider to file it under)"
# A cloud quote's `Notes` read as its instance type: an optional "instance " prefix, then one
# to four words of which the first has a letter and some word a digit, then optionally Epoch's
# "have 2 GPUs" / "number of GPUs: 4X ..." tail. Anything else (URLs, "$84.80/8 = 10.6 US$",
# "27.92 for 8x", quoted paper text, Exoscale's digitless "GPU SMALL") leaves it null.
INSTANCE_NOTE = re.compile(
    r"^(?:instance\s+)?"
    r"(?P<name>[0-9.\-]*[A-Za-z][A-Za-z0-9.\-]*(?:\s[A-Za-z0-9][A-Za-z0-9.\-]*){0,3}?)"
    r"(?:\s+(?:have\s+\d+\s+GPUs|number of GPUs:.*))?$"
)


def parse(path: Path) -> pl.DataFrame:
    """The CSV as text columns in upstream terms, with a 1-based `row_number` per record.

    Raises `UpstreamFormatError` for a file that is not this CSV (an HTML page, renamed
    columns) and for a record with fewer fields than the header: polars would read the missing
    fields as empty, which is how a truncated download looks (no bundled record is short)."""
    raw = read_csv_text(path, REQUIRED, OWNER)
    _require_whole_records(path, raw.width - 1)
    return raw


def _require_whole_records(path: Path, width: int) -> None:
    text = path.read_bytes().decode("utf-8-sig")
    rows = (row for row in csv.reader(io.StringIO(text, newline="")) if row)
    try:
        for record, row in enumerate(rows):  # the header is record 0
            if len(row) < width:
                raise UpstreamFormatError(
                    f"{path}: record {record} has {len(row)} fields for {width} columns "
                    f"(a truncated file?): re-fetch it, or update {OWNER}"
                )
    except csv.Error as err:
        raise UpstreamFormatError(f"{path}: not a readable CSV ({err})") from None


def read_records(snapshot: Snapshot) -> pl.DataFrame:
    """The version's table (`parse`), which `quotes` and `version_mention_records` share."""
    return parse(snapshot.path(SOURCE.filename))


def version_mention_records(raw: pl.DataFrame, snapshot: Snapshot) -> pl.DataFrame:
    """One mention record per record of `raw` (one version) and field of `MENTION_FIELDS`."""
    return concat_records(
        [
            records(
                raw,
                snapshot,
                spelling=pl.col(field),
                context=field,
                vendor_hint=pl.col(VENDOR_FIELD),
            )
            for field in MENTION_FIELDS
        ]
    )


def mention_records(snapshots: list[Snapshot]) -> pl.DataFrame:
    """One mention record per record and field of `MENTION_FIELDS`, blanks included."""
    return concat_records([version_mention_records(read_records(s), s) for s in snapshots])


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Distinct hardware spellings of `Hardware model` and `Cloud GPU description`."""
    return mentions(mention_records(snapshots))


def instance_type(note: str | None) -> str | None:
    """The instance type a cloud record's `Notes` names, or None (see `INSTANCE_NOTE`)."""
    if note is None:
        return None
    match = INSTANCE_NOTE.match(" ".join(note.split()))
    if match is None or not re.search(r"\d", match["name"]):
        return None
    return match["name"]


def _blank_is_null(column: str) -> pl.Expr:
    text = pl.col(column).str.strip_chars()
    return pl.when(text.str.len_chars() > 0).then(text).otherwise(None)


def _errors(*reasons: pl.Expr) -> pl.Expr:
    joined = pl.concat_str(list(reasons), separator="; ", ignore_nulls=True)
    return pl.when(joined.str.len_chars() > 0).then(joined).otherwise(None)


def quotes(snapshot: Snapshot, raw: pl.DataFrame | None = None) -> pl.DataFrame:
    """One quote per stated price cell of the version, in `sources.prices.QUOTE_SCHEMA`
    (`raw`: its table as `read_records` gave it, else read here).

    Cloud prices (on-demand, 1-/3-year CUD) are per chip-hour: `usd_per_accelerator_hour` as
    stated, `usd_per_hour` = that x `Number of GPUs` where stated. A purchase price is per chip
    (`price_usd`; `accelerators_per_instance` is then the size of the system the price was
    divided from). A record with no price is one `NO_FIELD` quote. Reasons in `parse_error`:
    a missing or unreadable `Price date`, an unreadable or non-positive `Number of GPUs`, a
    cloud price without `Vendor`, and the price text's own (`sources.prices.price_error`).
    """
    raw = read_records(snapshot) if raw is None else raw
    date_text = _blank_is_null("Price date")
    day = date_text.str.to_date("%Y-%m-%d", strict=False)
    gpus_text = _blank_is_null("Number of GPUs")
    gpus = number("Number of GPUs")
    record = raw.select(
        pl.col("row_number").alias("record_number"),
        day.cast(pl.Datetime("us", "UTC")).alias("observed_at"),
        provider_expr(_blank_is_null("Vendor")).alias("provider"),
        pl.col("Location").alias("region"),
        pl.col("Notes").map_elements(instance_type, return_dtype=pl.String).alias("note_instance"),
        _blank_is_null(HARDWARE_FIELD).alias("hardware_text"),
        pl.lit(HARDWARE_FIELD).alias("hardware_context"),
        gpus.alias("accelerators_per_instance"),
        pl.col("Notes").alias("notes"),
        _errors(
            pl.when(date_text.is_null())
            .then(pl.lit("no Price date"))
            .when(day.is_null())
            .then(pl.format("unreadable Price date '{}'", date_text)),
            pl.when(gpus_text.is_not_null() & gpus.is_null())
            .then(pl.format("unreadable Number of GPUs '{}'", gpus_text))
            .when(gpus <= 0)
            .then(pl.format("Number of GPUs '{}' is not a positive count", gpus_text)),
        ).alias("record_error"),
        *(pl.col(field).alias(f"price_{i}") for i, field in enumerate(PRICE_FIELDS)),
    )
    stated = [
        record.filter(is_stated(f"price_{i}")).select(
            pl.exclude(r"^price_\d+$"),
            pl.lit(i).alias("order"),
            pl.lit(field).alias("price_field"),
            pl.col(f"price_{i}").alias("value_text"),
            pl.lit(pricing).alias("pricing"),
        )
        for i, (field, pricing) in enumerate(PRICE_FIELDS.items())
    ]
    quoted = pl.concat(stated)["record_number"].unique()
    unpriced = record.filter(~pl.col("record_number").is_in(quoted.implode())).select(
        pl.exclude(r"^price_\d+$"),
        pl.lit(len(PRICE_FIELDS)).alias("order"),
        pl.lit(NO_FIELD).alias("price_field"),
        pl.lit(None, pl.String).alias("value_text"),
        # routes the quarantined quote: vendorless records of this file are purchase records
        pl.when(pl.col("provider").is_null())
        .then(pl.lit(PURCHASE))
        .otherwise(pl.lit("on_demand"))
        .alias("pricing"),
    )
    cloud = pl.col("pricing") != PURCHASE
    value = price_value("value_text")
    frame = pl.concat([*stated, unpriced]).with_columns(
        pl.when(cloud).then(pl.col("note_instance")).alias("instance_type"),
        pl.when(cloud).then(value).alias("usd_per_accelerator_hour"),
        pl.when(cloud).then(value * pl.col("accelerators_per_instance")).alias("usd_per_hour"),
        pl.when(pl.col("price_field") != NO_FIELD)
        .then(
            _errors(
                pl.col("record_error"),
                pl.when(cloud & pl.col("provider").is_null()).then(pl.lit(NO_VENDOR)),
                price_error("value_text"),
            )
        )
        .alias("parse_error"),
    )
    return finish(frame.drop("note_instance", "record_error"), snapshot)
