"""Trend tables: every fitted exponential trend with its interval, kept as a history of dated
estimates, the view of the newest estimate of each trend, and the view of the trends that have
a published counterpart, ours beside theirs."""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column
from schemas.table import Table, shared

METHODS = ("ols", "theil_sen")
ESTIMATORS = ("pooled", "within offer")
# finite, never +-inf: a trend whose slope interval reaches zero has no doubling time (null)
FINITE_YEARS = [pa.Check.in_range(-1e6, 1e6)]
TREND_KEY = ("metric", "subset", "method", "ci_level")
# What an estimate saw: 'build' = the warehouse as a build found it on as_of; 'versions' = the
# upstream versions published by as_of, fitted afterwards (analysis.trend_history).
ESTIMATE_BASES = ("build", "versions")


# One declaration for the table and its view.
_COLUMNS: dict[str, pa.Column] = {
    "metric": column(
        pl.String,
        "Quantity whose trend is fitted, named like the column it comes from "
        "(training_compute_flop, fp32_flop_per_s_per_usd, usd_per_accelerator_hour, ...).",
        nullable=False,
    ),
    "subset": column(
        pl.String,
        "Which points were fitted: population and requested window ('notable "
        "2010-01-01..', 'notable top10 2010-01-01..', '<hardware_id> <pricing>', ...).",
        nullable=False,
    ),
    "window_start_on": column(
        pl.Date, "Date of the earliest point fitted (not the requested bound).", nullable=False
    ),
    "window_end_on": column(
        pl.Date, "Date of the latest point fitted (not the requested bound).", nullable=False
    ),
    "n": column(
        pl.Int64,
        "Points fitted: usable values (dated, finite, positive) within the subset.",
        nullable=False,
        checks=[pa.Check.ge(3)],
    ),
    "log10_slope_per_year": column(
        pl.Float64,
        "Fitted slope of log10(value) against the decimal year: orders of magnitude per "
        "year (10 ** slope is the growth factor per year).",
        nullable=False,
    ),
    "doubling_time_years": column(
        pl.Float64,
        "Years for the value to double, log10(2) / slope; negative: years to halve. Null "
        "where the trend is not significant or the time is over 10x the span of the data "
        "(no_doubling_reason says which): see pct_per_year.",
        checks=FINITE_YEARS,
    ),
    "ci_low_years": column(
        pl.Float64,
        "Lower end of the doubling time's bootstrap interval (numerically ordered: for a "
        "halving trend the slowest halving); null where the trend is not significant.",
        checks=FINITE_YEARS,
    ),
    "ci_high_years": column(
        pl.Float64,
        "Upper end of the doubling time's bootstrap interval; null where the trend is not "
        "significant (never infinite: an interval reaching zero slope gives no doubling time).",
        checks=FINITE_YEARS,
    ),
    "ci_level": column(
        pl.Float64,
        "Confidence level of the percentile bootstrap interval (0.9 = 5th to 95th "
        "percentile of the resampled slopes).",
        nullable=False,
        checks=[pa.Check.gt(0), pa.Check.lt(1)],
    ),
    "r2": column(
        pl.Float64,
        "Share of the variance of log10(value) the fitted line explains; null where every "
        "value is equal.",
        checks=[pa.Check.le(1)],
    ),
    "method": column(
        pl.String,
        "Line fitted: ols (least squares) or theil_sen (median of pairwise slopes).",
        nullable=False,
        checks=[pa.Check.isin(list(METHODS))],
    ),
    "as_of": column(
        pl.Date,
        "Date of the estimate: basis 'build', the day a build fitted it from the warehouse as "
        "it stood (UTC; the table keeps every earlier build's); basis 'versions', the date it "
        "is fitted as of (an upstream version's date).",
        nullable=False,
    ),
    "basis": column(
        pl.String,
        "What the estimate saw: 'build' = fitted by the build on as_of from the data it had "
        "(analysis.trend_latest shows the newest); 'versions' = fitted as of a past as_of from "
        "the upstream versions published by then (what was known then; analysis.trend_history, "
        "fewer resamples), refitted by every build.",
        nullable=False,
        checks=[pa.Check.isin(list(ESTIMATE_BASES))],
    ),
    **shared("unit"),
    "points": column(
        pl.String,
        "What one fitted point is and how it is dated (e.g. 'a notable model with a "
        "compute estimate, by publication date').",
        nullable=False,
    ),
    "resamples": column(
        pl.Int64,
        "Bootstrap resamples the interval rests on (resamples whose points share one date "
        "have no slope and are left out).",
        nullable=False,
        checks=[pa.Check.ge(1)],
    ),
    "seed": column(
        pl.Int64,
        "Seed of the bootstrap's random generator: the same data, seed and resamples "
        "give the same interval.",
        nullable=False,
    ),
    # --- significance and percent per year (issue 19) ---
    "log10_slope_ci_low": column(
        pl.Float64,
        "Lower end of the slope's percentile bootstrap interval (log10 per year); null in "
        "rows stored before it was recorded whose interval reached zero.",
    ),
    "log10_slope_ci_high": column(
        pl.Float64, "Upper end of the slope's percentile bootstrap interval."
    ),
    "pct_per_year": column(
        pl.Float64,
        "The slope as a change per year: 100 * (10 ** log10_slope_per_year - 1); -50 halves "
        "each year, +100 doubles.",
        nullable=False,
        checks=[pa.Check.gt(-100)],
    ),
    "pct_per_year_ci_low": column(
        pl.Float64,
        "Lower end of the change per year's interval (the slope interval mapped the same way).",
    ),
    "pct_per_year_ci_high": column(pl.Float64, "Upper end of the change per year's interval."),
    "is_significant": column(
        pl.Boolean,
        "True when the slope interval excludes zero (and the fitted slope is on its side): only "
        "then are doubling_time_years and its interval given; false: 'no significant trend'.",
        nullable=False,
    ),
    "no_doubling_reason": column(
        pl.String,
        "Why doubling_time_years is null: 'slope interval includes zero' (not significant) or "
        "'doubling time over 10x the span of the data' (significant but too slow to state: an "
        "extrapolation; pct_per_year says it); null when a doubling time is stated.",
    ),
    "estimator": column(
        pl.String,
        "How points are compared: 'pooled' (one line through every point) or 'within offer' "
        "(cloud prices: the slope within each offer, provider x region x instance type x "
        "pricing, its own level removed, so a provider entering the data moves nothing).",
        checks=[pa.Check.isin(list(ESTIMATORS))],
    ),
    "offer_count": column(
        pl.Int64,
        "Offers a within-offer slope rests on (quoted in two months or more); null for pooled "
        "fits.",
        checks=[pa.Check.ge(1)],
    ),
    # --- coverage: what the fitted points rest on (null in rows stored before it was) ---
    "sources": column(
        pl.String,
        "Upstream sources of the fitted points, sorted, comma-separated (module names in "
        "sources/, e.g. 'aws_instance_pages,gcp_pricing').",
    ),
    "providers": column(
        pl.String,
        "Cloud providers of the fitted points, sorted, comma-separated; null where a point is "
        "not a cloud price. For the monthly cheapest PFLOP/s-day: the providers that set a "
        "month's minimum.",
    ),
    "provider_count": column(
        pl.Int64, "Number of providers in providers.", checks=[pa.Check.ge(1)]
    ),
    "first_on": column(
        pl.Date,
        "First day of the data behind the fitted points (a price month's first quote; "
        "otherwise the first point's date).",
    ),
    "last_on": column(
        pl.Date, "Last day of the data behind the fitted points (a price month's last quote)."
    ),
    "gap_months": column(
        pl.Int64,
        "Monthly series: calendar months between the first and last point without a point; "
        "null for series dated otherwise.",
        checks=[pa.Check.ge(0)],
    ),
    "gaps": column(
        pl.String,
        "Monthly series: the months without a point, as ranges ('2023-04..2023-06, 2024-01').",
    ),
    "provider_coverage": column(
        pl.String,
        "Monthly price series: each provider's first and last month with a fitted point "
        "('aws 2021-06..2025-03; gcp 2023-04..2026-07').",
    ),
    # --- the published counterpart (analyses/published_trends.csv), where one exists ---
    "published_doubling_years": column(
        pl.Float64,
        "Doubling time a publication states for the same quantity, window and inclusion rule "
        "(null: no published counterpart).",
    ),
    "published_ci_low_years": column(
        pl.Float64, "Lower end of the published interval (null: none stated)."
    ),
    "published_ci_high_years": column(
        pl.Float64, "Upper end of the published interval (null: none stated)."
    ),
    "published_ci_level": column(
        pl.Float64,
        "Confidence level of the published interval (0.95 for Epoch's 2022 GPU figures).",
        checks=[pa.Check.gt(0), pa.Check.lt(1)],
    ),
    "published_n": column(pl.Int64, "Points the published estimate rests on, as stated."),
    "published_as_stated": column(
        pl.String, "The published figure as the publication states it ('21.3 months')."
    ),
    "published_rule": column(
        pl.String, "The publication's quantity, window and inclusion rule, in words."
    ),
    "published_citation": column(pl.String, "Authors, title, publisher and year."),
    "published_url": column(pl.String, "Where the published figure is stated."),
    "is_published_within_ci": column(
        pl.Boolean,
        "True when the published doubling time lies inside our slope interval (compared as "
        "slopes, log10(2) / years, so a trend without a significant slope compares too).",
    ),
}


TREND_ESTIMATE = Table(
    "analysis",
    "trend_estimate",
    "Fitted exponential trends (a line through log10 value against time) of training compute, "
    "hardware performance and prices, with doubling times and bootstrap intervals; one row "
    "per trend, basis and estimate date: each build's estimates (earlier builds kept as "
    "history) and the headline trends as of each date a new upstream version arrived.",
    _COLUMNS,
    key=(*TREND_KEY, "basis", "as_of"),
)

TREND_LATEST = Table(
    "analysis",
    "trend_latest",
    "View of analysis.trend_estimate with the newest build estimate (basis 'build') of each "
    "trend (metric, subset, method, ci_level) only.",
    _COLUMNS,
    key=TREND_KEY,
)

TREND_VS_PUBLISHED = Table(
    "analysis",
    "trend_vs_published",
    "View of analysis.trend_latest with the trends that have a published counterpart: ours and "
    "the published doubling time side by side with both intervals, their ratio and whether "
    "the published value lies in our interval; docs/published_record.md explains each "
    "difference.",
    {
        **{
            name: _COLUMNS[name]
            for name in (
                "metric",
                "subset",
                "method",
                "ci_level",
                "n",
                "window_start_on",
                "window_end_on",
                "doubling_time_years",
                "ci_low_years",
                "ci_high_years",
                "pct_per_year",
                "is_significant",
                "published_doubling_years",
                "published_ci_low_years",
                "published_ci_high_years",
                "published_ci_level",
                "published_n",
                "published_as_stated",
            )
        },
        "ours_over_published": column(
            pl.Float64,
            "Our doubling time divided by the published one (1.1: ours is 10% slower); "
            "null where ours is not significant.",
        ),
        **{
            name: _COLUMNS[name]
            for name in (
                "is_published_within_ci",
                "published_rule",
                "published_citation",
                "published_url",
                "as_of",
            )
        },
    },
    key=TREND_KEY,
)
