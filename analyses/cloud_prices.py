"""From price quotes (sources/prices.py) to rows of core.cloud_price and core.hardware_price.

What happens to a quote here, in order:

1. its accelerator: an instance type names its accelerator exactly, so the curated instance
   catalogue (`cloud_instances.csv`, one row per provider and instance type with its
   accelerator and count, each with the provider's documentation page) decides first: the
   instance type itself, else its family (a size the catalogue does not list yet); otherwise
   the source's own spelling resolves through core.hardware_alias on (source, spelling,
   context); otherwise it stays null;
2. its accelerator count: the catalogue's where it lists the instance type, not the
   upstream's (sources count AWS p2's K80 boards 16/8/1 or 8/4/1; the catalogue counts
   the boards core.hardware has specs for: 8/4/0.5);
3. both price forms: the instance price and the per-accelerator price, each derived from the
   other where the upstream states only one (a per-accelerator price is multiplied back by
   the upstream's own count, then divided by the catalogue's);
4. duplicate observations: a quote repeating an earlier quote of the same version (same time,
   provider, region, instance type, accelerator and count, pricing) is rejected naming it.
"""

from __future__ import annotations

import polars as pl

from analyses.hardware_resolver import link
from schemas.prices import PURCHASE

# What makes two quotes the same observation (the accelerator count: FSDL lists 1/2/4/8-GPU
# offers of one GPU type without instance names; the mention context: the tracker names
# two products "H100_80GB", told apart by socket type).
# the reason of a repeated quote (format placeholders: first quote number, price comparison)
DUPLICATE = (
    "duplicate observation: quote {} of this version states the same time, provider, "
    "region, instance, accelerator, count and pricing ({})"
)
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


def instance_catalogue(curated: pl.DataFrame) -> pl.DataFrame:
    """The curated instance types (data/curated/cloud_instances.csv) checked: `provider`,
    `instance_type`, `hardware_id`, `accelerators_per_instance`, `reference` and `family`;
    each instance type once, one accelerator per family."""
    catalogue = curated.drop("row_number", strict=False).with_columns(
        pl.col("accelerators_per_instance").cast(pl.Float64)
    )
    path = "data/curated/cloud_instances.csv"
    repeated = catalogue.filter(pl.struct("provider", "instance_type").is_duplicated())
    if repeated.height:
        raise ValueError(f"{path}: instance types listed twice: {repeated.rows()}")
    catalogue = catalogue.with_columns(family=instance_family())
    mixed = catalogue.group_by("provider", "family").agg(pl.col("hardware_id").n_unique())
    mixed = mixed.filter(pl.col("family").is_null() | (pl.col("hardware_id") > 1))
    if mixed.height:
        raise ValueError(f"{path}: families without one accelerator: {mixed.rows()}")
    return catalogue


def instance_family() -> pl.Expr:
    """An instance type's family: AWS 'p3dn.24xlarge' -> 'p3dn'; GCP 'a2-highgpu-8g' ->
    'a2-highgpu', 'g2-standard-48' -> 'g2-standard'; elsewhere (Azure, Alibaba, Huawei: named
    in DAWNBench entries only) the instance type itself."""
    instance = pl.col("instance_type").str.to_lowercase()
    return (
        pl.when(pl.col("provider") == "aws")
        .then(instance.str.extract(r"^([a-z0-9]+)\.", 1))
        .when(pl.col("provider") == "gcp")
        .then(instance.str.replace(r"-\d+g?$", ""))
        .otherwise(instance)
    )


def resolve_hardware(
    quotes: pl.DataFrame, aliases: pl.DataFrame, catalogue: pl.DataFrame
) -> pl.DataFrame:
    """`quotes` (with `source`) plus `hardware_id` (catalogue instance, catalogue family, then
    aliases) and `catalogue_count` (the catalogue's accelerators per instance, else null).

    `aliases` has `alias`, `source`, `context`, `hardware_id` (core.hardware_alias).
    """
    by_instance = catalogue.select(
        "provider",
        _instance=pl.col("instance_type").str.to_lowercase(),
        instance_id="hardware_id",
        catalogue_count="accelerators_per_instance",
    )
    by_family = catalogue.select("provider", "family", catalogue_id="hardware_id").unique()
    by_instance_and_family = (
        quotes.with_columns(
            family=instance_family(), _instance=pl.col("instance_type").str.to_lowercase()
        )
        .join(by_instance, on=["provider", "_instance"], how="left")
        .join(by_family, on=["provider", "family"], how="left")
    )
    return (
        link(
            by_instance_and_family,
            aliases,
            spelling="hardware_text",
            on={"source": "source", "hardware_context": "context"},
            into="alias_id",
        )
        .with_columns(hardware_id=pl.coalesce("instance_id", "catalogue_id", "alias_id"))
        .drop("family", "_instance", "instance_id", "catalogue_id", "alias_id")
    )


def both_price_forms(quotes: pl.DataFrame) -> pl.DataFrame:
    """Fill the instance price from the per-accelerator one (x the upstream's count) and
    back; where `catalogue_count` is known it becomes the count and divides the instance
    price (the upstream's own division is not trusted)."""
    stated = pl.col("accelerators_per_instance")
    if "catalogue_count" not in quotes.columns:
        quotes = quotes.with_columns(catalogue_count=pl.lit(None, pl.Float64))
    known = pl.col("catalogue_count").is_not_null()
    per_instance = pl.coalesce("usd_per_hour", pl.col("usd_per_accelerator_hour") * stated)
    return (
        quotes.with_columns(usd_per_hour=per_instance)
        .with_columns(
            usd_per_accelerator_hour=pl.when(known & pl.col("usd_per_hour").is_not_null())
            .then(pl.col("usd_per_hour") / pl.col("catalogue_count"))
            .otherwise(pl.coalesce("usd_per_accelerator_hour", pl.col("usd_per_hour") / stated)),
            accelerators_per_instance=pl.coalesce("catalogue_count", stated),
        )
        .drop("catalogue_count")
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
        DUPLICATE,
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
