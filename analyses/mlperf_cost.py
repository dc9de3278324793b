"""What an MLPerf Training result costs to train: its accelerator time at the robust on-demand
cloud price of its chip on the round's publication date.

The price rule is the robust figure of `analysis.cheapest_pflop_day_by_month`, applied to one
chip and one date: each provider's quotes of the chip (exact `hardware_id`, on demand, never a
suspect quote) on the day nearest the date within `window_days`, that day's cheapest of them,
then `ROBUST_QUANTILE` over providers. A chip no provider quotes that near the date gets no
price and the reason names the nearest quote: nothing is extrapolated. A family id (an 'A100'
of unknown form) is priced only at quotes of the family id itself.
"""

from __future__ import annotations

import json

import polars as pl

from analyses.price_performance import ROBUST_QUANTILE

WINDOW_DAYS = 183  # half a year either side of the round's date
SECONDS_PER_HOUR = 3600
QUOTE_FIELDS = (
    "provider",
    "usd_per_accelerator_hour",
    "observed_on",
    "region",
    "instance_type",
    "source",
    "sha256",
    "row_number",
)


def eligible(results: pl.DataFrame) -> pl.DataFrame:
    """The results the cost table covers: closed division, available systems
    (analysis.mlperf_score rows)."""
    return results.filter(
        (pl.col("division") == "closed") & (pl.col("availability") == "available")
    )


def _on_demand(quotes: pl.DataFrame) -> pl.DataFrame:
    """Trusted on-demand quotes of a known chip with a price per accelerator-hour
    (core.cloud_price columns, `observed_at` read as a day)."""
    return quotes.filter(
        (pl.col("pricing") == "on_demand")
        & ~pl.col("is_suspect")
        & pl.col("hardware_id").is_not_null()
        & pl.col("usd_per_accelerator_hour").is_not_null()
    ).with_columns(observed_on=pl.col("observed_at").dt.date())


def prices_on(
    wanted: pl.DataFrame, quotes: pl.DataFrame, window_days: int = WINDOW_DAYS
) -> pl.DataFrame:
    """Per (`hardware_id`, `priced_for_on`) of `wanted`: the robust price and its quotes
    (`robust_usd_per_accelerator_hour`, `cheapest_usd_per_accelerator_hour`, `n_providers`,
    `price_first_on`, `price_last_on`, `price_quotes` JSON), or `unpriced_reason`.

    `quotes`: core.cloud_price rows (`hardware_id`, `observed_at`, `pricing`, `is_suspect`,
    and QUOTE_FIELDS but `observed_on`)."""
    pairs = wanted.select("hardware_id", "priced_for_on").drop_nulls().unique()
    trusted = _on_demand(quotes)
    apart = (pl.col("observed_on") - pl.col("priced_for_on")).dt.total_days().abs()
    joined = pairs.join(trusted, on="hardware_id").with_columns(days_apart=apart)
    near = joined.filter(pl.col("days_apart") <= window_days)
    key = ["hardware_id", "priced_for_on"]
    nearest_day = pl.col("days_apart") == pl.col("days_apart").min().over([*key, "provider"])
    per_provider = (
        near.filter(nearest_day)
        .sort(*key, "provider", "usd_per_accelerator_hour", "observed_on", *QUOTE_FIELDS[3:])
        .unique([*key, "provider"], keep="first", maintain_order=True)
    )
    priced = per_provider.group_by(key).agg(
        robust_usd_per_accelerator_hour=pl.col("usd_per_accelerator_hour").quantile(
            ROBUST_QUANTILE, interpolation="linear"
        ),
        cheapest_usd_per_accelerator_hour=pl.col("usd_per_accelerator_hour").min(),
        n_providers=pl.len().cast(pl.Int64),
        price_first_on=pl.col("observed_on").min(),
        price_last_on=pl.col("observed_on").max(),
        price_quotes=pl.struct(QUOTE_FIELDS),
    )
    priced = priced.with_columns(
        price_quotes=pl.Series(
            [json.dumps(q, default=str) for q in priced["price_quotes"].to_list()],
            dtype=pl.String,
        )
    )
    nearest = (
        joined.sort(*key, "days_apart", "observed_on")
        .unique(key, keep="first", maintain_order=True)
        .select(*key, nearest_on="observed_on", nearest_days="days_apart")
    )
    reason = (
        pl.when(pl.col("nearest_on").is_null())
        .then(pl.format("no on-demand cloud quote of {} in core.cloud_price", "hardware_id"))
        .otherwise(
            pl.format(
                "no on-demand cloud quote of {} within {} days of {}: the nearest is {} days "
                "away ({})",
                "hardware_id",
                pl.lit(window_days),
                "priced_for_on",
                "nearest_days",
                "nearest_on",
            )
        )
    )
    return (
        pairs.join(priced, on=key, how="left")
        .join(nearest, on=key, how="left")
        .with_columns(
            unpriced_reason=pl.when(pl.col("n_providers").is_null()).then(reason),
            price_window_days=pl.lit(window_days, pl.Int64),
        )
        .drop("nearest_on", "nearest_days")
    )


def cost_to_train(
    scores: pl.DataFrame, quotes: pl.DataFrame, window_days: int = WINDOW_DAYS
) -> pl.DataFrame:
    """Rows of analysis.mlperf_cost: the closed-division, available rows of
    analysis.mlperf_score (`scores`) with accelerator time, the robust price of their chip on
    the round's date (`prices_on` over `quotes`) and the cost, or why there is none."""
    results = eligible(scores).with_columns(priced_for_on=pl.col("round_published_on"))
    prices = prices_on(results, quotes, window_days)
    no_price = (
        pl.when(pl.col("score_s").is_null())
        .then(pl.lit("no score: too many failed runs, or result logs missing upstream"))
        .when(pl.col("accelerator_chips").is_null())
        .then(pl.lit("no accelerator count (CPU-only system or a v0.5 cluster entry)"))
        .when(pl.col("hardware_id").is_null())
        .then(pl.format("accelerator '{}' resolves to no hardware_id", "accelerator_model_name"))
        .otherwise(pl.col("unpriced_reason"))
    )
    accelerator_time = pl.col("accelerator_chips") * pl.col("score_s")
    cost = accelerator_time / SECONDS_PER_HOUR * pl.col("robust_usd_per_accelerator_hour")
    return (
        results.join(prices, on=["hardware_id", "priced_for_on"], how="left", nulls_equal=False)
        .with_columns(
            accelerator_time_s=accelerator_time,
            cost_to_train_usd=cost,
            is_single_provider=pl.col("n_providers") == 1,
            price_window_days=pl.lit(window_days, pl.Int64),
        )
        .with_columns(unpriced_reason=pl.when(pl.col("cost_to_train_usd").is_null()).then(no_price))
        .sort("round", "benchmark", "system_id")
    )
