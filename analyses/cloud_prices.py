"""From price quotes (sources/prices.py) to rows of core.cloud_price and core.hardware_price.

What happens to a quote here, in order:

1. its accelerator: an instance type names its accelerator exactly, so the curated instance
   catalogue (`cloud_instances.csv`, one row per provider and instance family, each with the
   provider's documentation page) decides first; otherwise the source's own spelling resolves
   through core.hardware_alias on (source, spelling, context); otherwise it stays null;
2. both price forms: the instance price and the per-accelerator price, each derived from the
   other where the upstream states only one and the accelerator count;
3. duplicate observations: a quote repeating an earlier quote of the same version (same time,
   provider, region, instance type, accelerator and count, pricing) is rejected naming it.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from sources.prices import PURCHASE

CATALOGUE = Path(__file__).with_name("cloud_instances.csv")
# What makes two quotes the same observation (the accelerator count: FSDL lists 1/2/4/8-GPU
# offers of one GPU type without instance names; the mention context: the tracker names
# two products "H100_80GB", told apart by socket type).
OBSERVATION = [
    "observed_at",
    "provider",
    "region",
    "instance_type",
    "hardware_text",
    "hardware_context",
    "accelerators_per_instance",
    "pricing",
]


def instance_catalogue(path: Path = CATALOGUE) -> pl.DataFrame:
    """`provider`, `family`, `hardware_id`, `reference` of every curated instance family."""
    catalogue = pl.read_csv(path, infer_schema=False)
    repeated = catalogue.filter(pl.struct("provider", "family").is_duplicated())
    if repeated.height:
        raise ValueError(f"{path}: families listed twice: {repeated.rows()}")
    return catalogue


def instance_family() -> pl.Expr:
    """An instance type's family: AWS 'p3dn.24xlarge' -> 'p3dn'; GCP 'a2-highgpu-8g' ->
    'a2-highgpu', 'g2-standard-48' -> 'g2-standard'."""
    instance = pl.col("instance_type").str.to_lowercase()
    return (
        pl.when(pl.col("provider") == "aws")
        .then(instance.str.extract(r"^([a-z0-9]+)\.", 1))
        .when(pl.col("provider") == "gcp")
        .then(instance.str.replace(r"-\d+g?$", ""))
        .otherwise(None)
    )


def resolve_hardware(
    quotes: pl.DataFrame, aliases: pl.DataFrame, catalogue: pl.DataFrame
) -> pl.DataFrame:
    """`quotes` (with `source`) plus `hardware_id`: catalogue first, then aliases.

    `aliases` has `alias`, `source`, `context`, `hardware_id` (core.hardware_alias).
    """
    by_family = catalogue.select("provider", "family", catalogue_id=pl.col("hardware_id"))
    by_alias = aliases.select(
        "source",
        hardware_text="alias",
        hardware_context="context",
        alias_id="hardware_id",
    ).unique(["source", "hardware_text", "hardware_context"])
    return (
        quotes.with_columns(family=instance_family())
        .join(by_family, on=["provider", "family"], how="left")
        .join(
            by_alias,
            on=["source", "hardware_text", "hardware_context"],
            how="left",
            nulls_equal=False,
        )
        .with_columns(hardware_id=pl.coalesce("catalogue_id", "alias_id"))
        .drop("family", "catalogue_id", "alias_id")
    )


def both_price_forms(quotes: pl.DataFrame) -> pl.DataFrame:
    """Fill the instance price from the per-accelerator one (x accelerators) and back."""
    count = pl.col("accelerators_per_instance")
    return quotes.with_columns(
        usd_per_hour=pl.coalesce("usd_per_hour", pl.col("usd_per_accelerator_hour") * count),
        usd_per_accelerator_hour=pl.coalesce(
            "usd_per_accelerator_hour", pl.col("usd_per_hour") / count
        ),
    )


def reject_duplicates(quotes: pl.DataFrame) -> pl.DataFrame:
    """A quote repeating an earlier one of the same version gets a `parse_error` naming it."""
    key = ["source", "sha256", *OBSERVATION]
    price = pl.coalesce("usd_per_hour", "usd_per_accelerator_hour", "price_usd")
    candidates = pl.col("parse_error").is_null()
    # Only quotes that are themselves valid compete; rejected ones keep their own reason.
    group = [*key, candidates]
    ranked = quotes.with_columns(_price=price).with_columns(
        _rank=pl.int_range(pl.len()).over(group, order_by="row_number"),
        _first=pl.col("row_number").min().over(group),
        _first_price=pl.col("_price").sort_by("row_number").first().over(group),
    )
    reason = pl.format(
        "duplicate observation: quote {} of this version states the same time, provider, "
        "region, instance, accelerator, count and pricing ({})",
        pl.col("_first"),
        pl.when(pl.col("_price") == pl.col("_first_price"))
        .then(pl.lit("same price"))
        .otherwise(pl.format("price {} there, {} here", pl.col("_first_price"), pl.col("_price"))),
    )
    return ranked.with_columns(
        parse_error=pl.when(candidates & (pl.col("_rank") > 0))
        .then(reason)
        .otherwise(pl.col("parse_error"))
    ).drop("_price", "_rank", "_first", "_first_price")


def conform(quotes: pl.DataFrame, aliases: pl.DataFrame, catalogue: pl.DataFrame) -> pl.DataFrame:
    """Quotes of any price source (with `source` and `sha256`) ready to split into tables."""
    return reject_duplicates(both_price_forms(resolve_hardware(quotes, aliases, catalogue)))


def cloud_rows(conformed: pl.DataFrame) -> pl.DataFrame:
    """The cloud quotes: every pricing but purchase (and quotes stating no price at all)."""
    return conformed.filter(pl.col("pricing").ne_missing(PURCHASE))


def purchase_rows(conformed: pl.DataFrame) -> pl.DataFrame:
    """The purchase quotes in core.hardware_price's terms."""
    return conformed.filter(pl.col("pricing").eq_missing(PURCHASE)).with_columns(
        observed_on=pl.col("observed_at").dt.date()
    )
