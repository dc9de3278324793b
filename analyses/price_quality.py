"""Which cloud quotes cannot be right: `judge` flags each quote `is_suspect` with its reasons.

A quote is a real upstream statement, so a suspect one stays in core.cloud_price (nothing real
is lost) but never sets a "cheapest" or "best" figure. Three checks, each against evidence
other than the quote itself (the thresholds are far outside the spreads seen in the bundled
data; tests/analyses/test_price_quality.py states them):

1. *accelerator charge missing*: a machine type's on-demand price in one region under
   `MISSING_CHARGE` of its median over the regions of the same upstream version (at least
   `MIN_REGIONS`). Regional on-demand prices of one machine type stay within about 0.45..1.5x
   of the median; a region priced without the GPU (Google's calculator prices a GPU that a
   region does not sell at 0, so GCP's northamerica-northeast2 listed `a2-megagpu-16g` at
   $9.68/h, its CPU and memory only, against $55.74 in us-central1) falls to ~0.15x. Every
   pricing of that machine type, region and version is flagged: they share the missing charge.
2. *off its own history*: under 1/`HISTORY_FACTOR` or over `HISTORY_FACTOR` times the median
   price per accelerator-hour of the same offer (provider, region, instance type, accelerator,
   pricing; any source) within `HISTORY_MONTHS` months either side, from at least
   `MIN_NEIGHBOURS` quotes (e.g. RunPod's A40 at $0.07 of 2023-05-22 among its $0.79 quotes).
3. *far below other providers*: under `CROSS_PROVIDER` of the median of the other providers'
   median prices of the same accelerator, pricing model and month (at least
   `MIN_OTHER_PROVIDERS` other providers).

The accelerator count itself is not judged here: where the instance catalogue knows the
instance type, `analyses.cloud_prices` has already replaced the upstream's count by the
catalogue's (AWS p2: 16/8/1 GK210 dies or 8/4/1 boards, by source).
"""

from __future__ import annotations

import polars as pl

MISSING_CHARGE = 0.35
MIN_REGIONS = 3
HISTORY_FACTOR = 3.0
HISTORY_MONTHS = 2
MIN_NEIGHBOURS = 3
CROSS_PROVIDER = 0.2
MIN_OTHER_PROVIDERS = 2

# What the checks read of a quote; `context` frames need these columns only.
COLUMNS = [
    "source",
    "sha256",
    "row_number",
    "observed_at",
    "provider",
    "region",
    "instance_type",
    "hardware_id",
    "hardware_text",
    "accelerators_per_instance",
    "pricing",
    "usd_per_hour",
    "usd_per_accelerator_hour",
]
OFFER = ["provider", "region", "instance_type", "_chip", "pricing"]
PRICE = "usd_per_accelerator_hour"


def _month() -> pl.Expr:
    """Months since year 0, so neighbouring months differ by 1 across a year's end."""
    when = pl.col("observed_at")
    return (when.dt.year().cast(pl.Int32) * 12 + when.dt.month().cast(pl.Int32)).alias("_month")


def _missing_charge(evidence: pl.DataFrame) -> pl.DataFrame:
    """(source, sha256, region, instance_type, hardware, count) of machine types whose
    on-demand price lacks the accelerator charge, with the reason."""
    group = ["source", "sha256", "provider", "instance_type", "_chip", "accelerators_per_instance"]
    on_demand = evidence.filter(
        (pl.col("pricing") == "on_demand")
        & pl.col("region").is_not_null()
        & pl.col("instance_type").is_not_null()
        & pl.col("usd_per_hour").is_not_null()
    ).with_columns(
        _median=pl.col("usd_per_hour").median().over(group),
        _regions=pl.col("region").n_unique().over(group),
    )
    low = on_demand.filter(
        (pl.col("_regions") >= MIN_REGIONS)
        & (pl.col("usd_per_hour") < MISSING_CHARGE * pl.col("_median"))
    )
    return low.select(
        *group,
        "region",
        _charge=pl.format(
            "accelerator charge missing: on-demand {} USD/h is {}% of the instance's median "
            "{} USD/h over {} regions of this version",
            pl.col("usd_per_hour").round(4),
            (100 * pl.col("usd_per_hour") / pl.col("_median")).round(0).cast(pl.Int64),
            pl.col("_median").round(4),
            pl.col("_regions"),
        ),
    ).unique([*group, "region"])


def _history(evidence: pl.DataFrame) -> pl.DataFrame:
    """Per offer and month: the median price of the offer's quotes within HISTORY_MONTHS
    months either side and how many quotes it rests on."""
    monthly = evidence.group_by([*OFFER, "_month"]).agg(_prices=pl.col(PRICE))
    shifts = pl.DataFrame({"_shift": range(-HISTORY_MONTHS, HISTORY_MONTHS + 1)})
    around = (
        monthly.select(*OFFER, "_month")
        .join(shifts, how="cross")
        .with_columns(_near=pl.col("_month") + pl.col("_shift"))
        .join(
            monthly.rename({"_month": "_near"}),
            on=[*OFFER, "_near"],
            how="inner",
            nulls_equal=True,
        )
    )
    return (
        around.explode("_prices")
        .group_by([*OFFER, "_month"])
        .agg(
            _history_median=pl.col("_prices").median(),
            _history_n=pl.len(),
        )
    )


def _other_providers(evidence: pl.DataFrame) -> pl.DataFrame:
    """Per accelerator, pricing, month and provider: the median of the *other* providers'
    median prices and their number."""
    key = ["hardware_id", "pricing", "_month"]
    medians = (
        evidence.filter(pl.col("hardware_id").is_not_null())
        .group_by([*key, "provider"])
        .agg(_provider_median=pl.col(PRICE).median())
    )
    others = medians.join(medians, on=key, suffix="_other").filter(
        pl.col("provider") != pl.col("provider_other")
    )
    return others.group_by([*key, "provider"]).agg(
        _others_median=pl.col("_provider_median_other").median(),
        _others_n=pl.len(),
    )


def judge(quotes: pl.DataFrame, context: pl.DataFrame | None = None) -> pl.DataFrame:
    """`quotes` with `is_suspect` (never null) and `suspect_reason` (null unless suspect;
    several reasons joined by '; '). `context`: other stored quotes (e.g. earlier versions
    of a refresh) used as evidence only, never flagged or returned. Quotes without a price
    per accelerator-hour are judged by the missing-charge check only."""
    chip = pl.coalesce("hardware_id", pl.lit("text:") + pl.col("hardware_text"))
    judged = quotes.with_columns(_chip=chip, _row=pl.int_range(pl.len()), _month=_month())
    evidence = pl.concat(
        [
            frame.select(COLUMNS).with_columns(_chip=chip, _month=_month())
            for frame in (quotes, context)
            if frame is not None
        ],
        how="vertical_relaxed",
    )
    priced = evidence.filter(pl.col(PRICE).is_not_null() & (pl.col(PRICE) > 0))
    charge = _missing_charge(evidence)
    charge_key = ["source", "sha256", "provider", "instance_type", "_chip"]
    charge_key += ["accelerators_per_instance", "region"]
    price = pl.col(PRICE)
    judged = (
        judged.join(charge, on=charge_key, how="left", nulls_equal=False)
        .join(_history(priced), on=[*OFFER, "_month"], how="left", nulls_equal=True)
        .join(
            _other_providers(priced),
            on=["hardware_id", "pricing", "_month", "provider"],
            how="left",
            nulls_equal=False,
        )
        .with_columns(
            _off_history=pl.when(
                (pl.col("_history_n") >= MIN_NEIGHBOURS)
                & (
                    (price < pl.col("_history_median") / HISTORY_FACTOR)
                    | (price > pl.col("_history_median") * HISTORY_FACTOR)
                )
            ).then(
                pl.format(
                    "off its own history: {} USD per accelerator-hour against the offer's "
                    "median {} over {} quotes within {} months",
                    price.round(4),
                    pl.col("_history_median").round(4),
                    pl.col("_history_n"),
                    pl.lit(HISTORY_MONTHS),
                )
            ),
            _below_others=pl.when(
                (pl.col("_others_n") >= MIN_OTHER_PROVIDERS)
                & (price < CROSS_PROVIDER * pl.col("_others_median"))
            ).then(
                pl.format(
                    "far below other providers: {} USD per accelerator-hour against the "
                    "median {} of {} other providers' medians for this chip, pricing and month",
                    price.round(4),
                    pl.col("_others_median").round(4),
                    pl.col("_others_n"),
                )
            ),
        )
        .with_columns(
            suspect_reason=pl.concat_str(
                "_charge", "_off_history", "_below_others", separator="; ", ignore_nulls=True
            ).replace("", None)
        )
        .with_columns(is_suspect=pl.col("suspect_reason").is_not_null())
        .sort("_row")
    )
    return judged.select(*quotes.columns, "is_suspect", "suspect_reason")
