"""A version's price quotes in `prices.QUOTE_SCHEMA` (`instance_quotes`, shared with
`sources.fsdl_serverless_gpus`): on-demand and spot per record, On-demand checked against
Per-GPU x GPUs."""

from __future__ import annotations

import polars as pl

from sources.fsdl_cloud_gpus.layout import MENTION_FIELD, PER_GPU, TOLERANCE
from sources.fsdl_cloud_gpus.parse import read_records
from sources.prices import NO_FIELD, finish, is_stated, price_error, price_value, provider_expr
from sources.snapshots import Snapshot
from sources.upstream import number


def _text(column: str) -> pl.Expr:
    """A text field stripped, empty -> null."""
    text = pl.col(column).str.strip_chars()
    return pl.when(text.str.len_chars() > 0).then(text).otherwise(None)


def _errors(*reasons: pl.Expr) -> pl.Expr:
    joined = pl.concat_str(list(reasons), separator="; ", ignore_nulls=True)
    return pl.when(joined.str.len_chars() > 0).then(joined).otherwise(None)


def instance_quotes(
    raw: pl.DataFrame,
    snapshot: Snapshot,
    *,
    provider: str,
    hourly: str,
    instance: str | None = None,
    spot: str | None = None,
    notes: pl.Expr | None = None,
) -> pl.DataFrame:
    """Quotes of one version of an FSDL table (`raw` from `read_csv_ragged`), shared with
    `sources.fsdl_serverless_gpus`: `provider` names the provider column, `hourly` the
    instance price per hour ("On-demand", "Per-Hour"), `instance` the instance name column and
    `spot` the spot price column where the table has them.

    Per record: the instance price and `Per-GPU` are one `on_demand` quote (value text the
    instance price, or `Per-GPU` where that alone is stated); the spot price, an instance price
    (see the module docstring), is one `spot` quote; a record with neither is one `NO_FIELD`
    quote. Both price columns are filled, the unstated one derived with `GPUs`.
    """
    gpus_text = _text("GPUs")
    gpus = number("GPUs")
    provider_text = _text(provider)
    record = raw.select(
        pl.col("row_number").alias("record_number"),
        pl.lit(snapshot.retrieved_at).cast(pl.Datetime("us", "UTC")).alias("observed_at"),
        provider_expr(provider_text).alias("provider"),
        (_text(instance) if instance else pl.lit(None, pl.String)).alias("instance_type"),
        _text(MENTION_FIELD).alias("hardware_text"),
        pl.lit(MENTION_FIELD).alias("hardware_context"),
        gpus.alias("accelerators_per_instance"),
        gpus_text.alias("gpus_text"),
        (notes if notes is not None else pl.lit(None, pl.String)).alias("notes"),
        _errors(
            pl.when(provider_text.is_null()).then(pl.lit(f"no {provider} (the provider)")),
            pl.when(gpus_text.is_null())
            .then(pl.lit("no GPUs count"))
            .when(gpus.is_null())
            .then(pl.format("unreadable GPUs '{}'", gpus_text))
            .when(gpus <= 0)
            .then(pl.format("GPUs '{}' is not a positive count", gpus_text)),
        ).alias("record_error"),
        pl.col(hourly).alias("hourly_text"),
        pl.col(PER_GPU).alias("per_gpu_text"),
        (pl.col(spot) if spot else pl.lit(None, pl.String)).alias("spot_text"),
    )
    hourly_stated, per_gpu_stated = is_stated("hourly_text"), is_stated("per_gpu_text")
    instance_price, per_gpu = price_value("hourly_text"), price_value("per_gpu_text")
    n = pl.col("accelerators_per_instance")
    implied = per_gpu * n
    decimals = pl.col("per_gpu_text").str.strip_chars().str.extract(r"\.(\d+)$").str.len_chars()
    rounding = 0.5 * pl.lit(10.0).pow(-decimals.fill_null(0).cast(pl.Float64)) * n
    slack = pl.max_horizontal(TOLERANCE * instance_price, rounding) + 1e-9
    on_demand = (
        record.filter(hourly_stated | per_gpu_stated)
        .with_columns(
            pl.lit(0).alias("order"),
            pl.when(hourly_stated)
            .then(pl.lit(hourly))
            .otherwise(pl.lit(PER_GPU))
            .alias("price_field"),
            pl.when(hourly_stated)
            .then(pl.col("hourly_text"))
            .otherwise(pl.col("per_gpu_text"))
            .alias("value_text"),
            pl.lit("on_demand").alias("pricing"),
            pl.coalesce(instance_price, implied).alias("usd_per_hour"),
            pl.coalesce(per_gpu, instance_price / n).alias("usd_per_accelerator_hour"),
        )
        .with_columns(
            _errors(
                pl.col("record_error"),
                pl.when(hourly_stated & per_gpu_stated).then(
                    pl.format("{}: {}", pl.lit(PER_GPU), price_error("per_gpu_text"))
                ),
                pl.when((implied > 0) & ((instance_price - implied).abs() > slack)).then(
                    pl.format(
                        "{} '{}' disagrees with {} '{}' x {} GPUs = {} ({}% apart)",
                        pl.lit(hourly),
                        pl.col("hourly_text"),
                        pl.lit(PER_GPU),
                        pl.col("per_gpu_text"),
                        pl.col("gpus_text"),
                        implied.round(4),
                        ((instance_price / implied - 1).abs() * 100).round(1),
                    )
                ),
                pl.when(~hourly_stated & (n > 1)).then(
                    pl.format(
                        "{} '{}' is stated without {} for {} GPUs: per GPU or per instance cannot "
                        "be checked (upstream has written instance prices there)",
                        pl.lit(PER_GPU),
                        pl.col("per_gpu_text"),
                        pl.lit(hourly),
                        pl.col("gpus_text"),
                    )
                ),
                price_error("value_text"),
            ).alias("parse_error"),
        )
    )
    spot_value = price_value("spot_text")
    spot_quotes = record.filter(is_stated("spot_text")).with_columns(
        pl.lit(1).alias("order"),
        pl.lit(spot).alias("price_field"),
        pl.col("spot_text").alias("value_text"),
        pl.lit("spot").alias("pricing"),
        spot_value.alias("usd_per_hour"),
        (spot_value / n).alias("usd_per_accelerator_hour"),
        _errors(pl.col("record_error"), price_error("spot_text")).alias("parse_error"),
    )
    unpriced = record.filter(~(hourly_stated | per_gpu_stated | is_stated("spot_text")))
    unpriced = unpriced.with_columns(
        pl.lit(2).alias("order"),
        pl.lit(NO_FIELD).alias("price_field"),
        pl.lit(None, pl.String).alias("value_text"),
        pl.lit("on_demand").alias("pricing"),  # routes the quarantined quote with its kind
        pl.lit(None, pl.Float64).alias("usd_per_hour"),
        pl.lit(None, pl.Float64).alias("usd_per_accelerator_hour"),
        pl.lit(None, pl.String).alias("parse_error"),
    )
    frame = pl.concat([on_demand, spot_quotes, unpriced], how="vertical_relaxed")
    return finish(
        frame.drop("record_error", "gpus_text", "hourly_text", "per_gpu_text", "spot_text"),
        snapshot,
    )


def quotes(snapshot: Snapshot, raw: pl.DataFrame | None = None) -> pl.DataFrame:
    """One version's price quotes in `sources.prices.QUOTE_SCHEMA` (see `instance_quotes`;
    `raw`: its table as `read_records` gave it, else read here)."""
    raw = read_records(snapshot) if raw is None else raw
    return instance_quotes(
        raw, snapshot, provider="Cloud", hourly="On-demand", instance="Name", spot="Spot"
    )
