"""Trend tables: every fitted exponential trend with its interval, kept as a history of dated
estimates, and the view of the newest estimate of each trend."""

import pandera.polars as pa
import polars as pl

from schemas.columns import column
from schemas.table import Table, shared

METHODS = ("ols", "theil_sen")
TREND_KEY = ("metric", "subset", "method", "ci_level")


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
        "Years for the value to double, log10(2) / slope; negative: years to halve.",
        nullable=False,
    ),
    "ci_low_years": column(
        pl.Float64,
        "Lower end of the doubling time's bootstrap interval (numerically ordered: for a "
        "halving trend the slowest halving); -inf where the slope interval reaches zero.",
        nullable=False,
    ),
    "ci_high_years": column(
        pl.Float64,
        "Upper end of the doubling time's bootstrap interval; +inf where the slope "
        "interval reaches zero (growth, no trend and decline all admitted: both infinite).",
        nullable=False,
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
        "Date the estimate was made from the warehouse as it stood (UTC); the table keeps "
        "every earlier date's estimates.",
        nullable=False,
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
}


TREND_ESTIMATE = Table(
    "analysis",
    "trend_estimate",
    "Fitted exponential trends (a line through log10 value against time) of training compute, "
    "hardware performance and prices, with doubling times and bootstrap intervals; one row "
    "per trend and estimate date, earlier dates kept as history.",
    _COLUMNS,
    key=(*TREND_KEY, "as_of"),
)

TREND_LATEST = Table(
    "analysis",
    "trend_latest",
    "View of analysis.trend_estimate with the newest estimate of each trend (metric, subset, "
    "method, ci_level) only.",
    _COLUMNS,
    key=TREND_KEY,
)
