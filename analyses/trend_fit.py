"""Exponential trends of dated quantities: `fit_trend`, one log-linear fit with its bootstrap
interval, as a row of `analysis.trend_estimate`, and the fitted band for plots.

A trend is a straight line through log10(value) against the decimal year: its slope is orders of
magnitude per year and log10(2) / slope the doubling time in years (negative: a halving time).
Pure numpy/polars, so a notebook can call it on a DataFrame; `TrendFit.estimate` is one row of
`analysis.trend_estimate` and `estimates_frame` turns many into that table. The points and
their selection are `analyses/trend_points.py`, the line fits and the bootstrap
`analyses/trend_lines.py`, what a slope states `analyses/trend_significance.py`.

Decisions (issue "Trend engine"):
- A fit needs `MIN_POINTS` points on at least two distinct dates, else `TooFewPoints` says how
  many there were and why (with the counts of `Dropped`).
- **Uncertainty**: a percentile bootstrap over points, `DEFAULT_RESAMPLES` = 2,000 seeded
  resamples (at least `MIN_RESAMPLES`): ~100 resamples lie beyond each 5% tail, enough for a
  stable 90% interval. Resamples without a slope are left out (`TrendFit.resamples_used`).
- **Within groups** (`groups=`, e.g. one cloud offer: provider, region, instance type, pricing):
  the slope is the within-group one, so a group entering or leaving the data does not move it.
  Groups seen on one date say nothing about change and are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date

import numpy as np
import polars as pl

from analyses.trend_lines import (
    bootstrap,
    line_r2,
    ols_line,
    theil_sen_line,
    within_line,
    within_r2,
)
from analyses.trend_points import (
    Dates,
    Dropped,
    Values,
    as_date,
    changing_groups,
    decimal_year,
    frontier_mask,
    subset_label,
    usable_points,
    window_mask,
)
from analyses.trend_significance import (
    doubling_time,
    doubling_time_interval,
    is_significant,
    pct_per_year,
    withheld_because,
)

METHODS = ("ols", "theil_sen")
MIN_POINTS = 3
MIN_RESAMPLES = 1_000
DEFAULT_RESAMPLES = 2_000
DEFAULT_CI_LEVEL = 0.9
# slopes smaller than this (a doubling time over 3e8 years) are rounding noise of flat data,
# e.g. group means of equal prices, and are read as exactly zero
SLOPE_TOLERANCE = 1e-9


class TooFewPoints(ValueError):
    """Not enough usable points (or dates) to fit a line."""


@dataclass(frozen=True)
class TrendEstimate:
    """One row of `analysis.trend_estimate`, without `as_of` (added by `estimates_frame`)."""

    metric: str
    subset: str
    window_start_on: date
    window_end_on: date
    n: int
    log10_slope_per_year: float
    doubling_time_years: float | None  # None: no significant trend
    ci_low_years: float | None
    ci_high_years: float | None
    ci_level: float
    r2: float
    method: str
    log10_slope_ci_low: float
    log10_slope_ci_high: float
    pct_per_year: float
    pct_per_year_ci_low: float
    pct_per_year_ci_high: float
    is_significant: bool
    no_doubling_reason: str | None  # None: the doubling time is stated
    n_groups: int | None = None  # groups with change over time (within-group fits only)


TREND_ESTIMATE_COLUMNS = (*(f.name for f in fields(TrendEstimate)), "as_of")
TREND_ESTIMATE_SCHEMA = pl.Schema(
    {
        "metric": pl.String,
        "subset": pl.String,
        "window_start_on": pl.Date,
        "window_end_on": pl.Date,
        "n": pl.Int64,
        "log10_slope_per_year": pl.Float64,
        "doubling_time_years": pl.Float64,
        "ci_low_years": pl.Float64,
        "ci_high_years": pl.Float64,
        "ci_level": pl.Float64,
        "r2": pl.Float64,
        "method": pl.String,
        "log10_slope_ci_low": pl.Float64,
        "log10_slope_ci_high": pl.Float64,
        "pct_per_year": pl.Float64,
        "pct_per_year_ci_low": pl.Float64,
        "pct_per_year_ci_high": pl.Float64,
        "is_significant": pl.Boolean,
        "no_doubling_reason": pl.String,
        "n_groups": pl.Int64,
        "as_of": pl.Date,
    }
)


@dataclass(frozen=True, eq=False)
class TrendFit:
    """A fitted trend: its contract row and what plotting and diagnostics need besides."""

    estimate: TrendEstimate
    dropped: Dropped
    slope_ci: tuple[float, float]
    center_year: float  # lines are stored as log10 value at this year + slope * (year - it)
    log10_at_center: float
    seed: int
    resamples_used: int
    boot_slopes: np.ndarray = field(repr=False)
    boot_levels: np.ndarray = field(repr=False)


def fit_trend(
    dates: Dates,
    values: Values,
    *,
    metric: str,
    subset: str | None = None,
    start: date | None = None,
    end: date | None = None,
    frontier_k: int | None = None,
    method: str = "ols",
    ci_level: float = DEFAULT_CI_LEVEL,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    groups: Sequence | pl.Series | None = None,
) -> TrendFit:
    """Fit log10(value) on decimal year over the usable points, optionally the running top
    `frontier_k` (ranked over the whole history) within [start, end], with a seeded bootstrap
    interval. With `groups` (one label per point) the slope is the within-group one (see the
    module docstring). `subset` defaults to `subset_label(frontier_k, start, end)`."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    if not 0 < ci_level < 1:
        raise ValueError(f"ci_level must be in (0, 1), got {ci_level}")
    if n_resamples < MIN_RESAMPLES:
        raise ValueError(f"n_resamples must be at least {MIN_RESAMPLES}, got {n_resamples}")
    if groups is not None and frontier_k is not None:
        raise ValueError("a within-group fit has no running frontier")
    subset = subset_label(frontier_k, start, end) if subset is None else subset
    points, dropped = usable_points(dates, values, groups)
    # a fit of the points, not of their order: the bootstrap draws rows by position
    points = points.sort(points.columns)
    selected = window_mask(points["date"], start, end)
    if frontier_k is not None:
        selected &= frontier_mask(points["date"], points["value"], frontier_k)
    points = points.filter(selected)
    note = ""
    if groups is not None:
        changing = changing_groups(points)
        note = f", {int((~changing).sum())} in groups seen on one date only"
        points = points.filter(changing).sort("group", "date", maintain_order=True)
    if points.height < MIN_POINTS or points["date"].n_unique() < 2:
        raise TooFewPoints(
            f"{metric} [{subset}]: {points.height} usable points on "
            f"{points['date'].n_unique()} dates, need {MIN_POINTS} on at least 2 dates "
            f"(dropped {dropped}; {len(selected) - int(selected.sum())} outside the subset"
            f"{note})"
        )

    years = decimal_year(points["date"])
    center_year = float(years.mean())
    x = years - center_year  # centred: sums of squares stay well conditioned
    log_values = np.log10(points["value"].to_numpy())
    # relative to the first point: a flat series is then exactly zero, so its slope is exactly
    # 0 (doubling time inf, r2 undefined) instead of rounding noise (doubling in 1e32 years)
    offset = float(log_values[0])
    y = log_values - offset
    group_index = None
    if groups is not None:
        group_index = points["group"].rle_id().to_numpy()  # sorted: one run per group
        slope, level = within_line(x, y, group_index, method)
        r2 = within_r2(x, y, group_index, slope)
    else:
        slope, level = (ols_line if method == "ols" else theil_sen_line)(x, y)
        r2 = line_r2(x, y, slope, level)
    boot_slopes, boot_levels = bootstrap(x, y, method, n_resamples, seed, group_index)
    slope = 0.0 if abs(slope) < SLOPE_TOLERANCE else slope
    boot_slopes = np.where(np.abs(boot_slopes) < SLOPE_TOLERANCE, 0.0, boot_slopes)
    level, boot_levels = level + offset, boot_levels + offset
    tail = (1 - ci_level) / 2
    slope_low, slope_high = (float(q) for q in np.quantile(boot_slopes, [tail, 1 - tail]))
    significant = is_significant(slope, slope_low, slope_high)
    reason = withheld_because(slope, slope_low, slope_high, float(years.max() - years.min()))
    stated = reason is None
    ci_low, ci_high = doubling_time_interval(slope_low, slope_high) if stated else (None, None)
    estimate = TrendEstimate(
        metric=metric,
        subset=subset,
        window_start_on=as_date(points["date"].min()),
        window_end_on=as_date(points["date"].max()),
        n=points.height,
        log10_slope_per_year=slope,
        doubling_time_years=doubling_time(slope) if stated else None,
        ci_low_years=ci_low,
        ci_high_years=ci_high,
        ci_level=ci_level,
        r2=r2,
        method=method,
        log10_slope_ci_low=slope_low,
        log10_slope_ci_high=slope_high,
        pct_per_year=pct_per_year(slope),
        pct_per_year_ci_low=pct_per_year(slope_low),
        pct_per_year_ci_high=pct_per_year(slope_high),
        is_significant=significant,
        no_doubling_reason=reason,
        n_groups=None if group_index is None else int(group_index.max()) + 1,
    )
    return TrendFit(
        estimate=estimate,
        dropped=dropped,
        slope_ci=(slope_low, slope_high),
        center_year=center_year,
        log10_at_center=level,
        seed=seed,
        resamples_used=len(boot_slopes),
        boot_slopes=boot_slopes,
        boot_levels=boot_levels,
    )


def estimates_frame(fits: Iterable[TrendFit | TrendEstimate], as_of: date) -> pl.DataFrame:
    """Rows of `analysis.trend_estimate`: exactly its columns, `as_of` (the date of the data the
    fits describe) the same on every row."""
    estimates = [f.estimate if isinstance(f, TrendFit) else f for f in fits]
    rows = [{**asdict(e), "as_of": as_date(as_of)} for e in estimates]
    return pl.DataFrame(rows, schema=TREND_ESTIMATE_SCHEMA)


def fitted_band(fit: TrendFit, years: np.ndarray | None = None, points: int = 100) -> pl.DataFrame:
    """The fitted line and its pointwise bootstrap confidence band (at the fit's ci_level) in
    value units, at `years` (decimal years; default `points` across the fit's window): columns
    `decimal_year`, `fitted`, `band_low`, `band_high`. A band for the line, not for points."""
    if years is None:
        window = [fit.estimate.window_start_on, fit.estimate.window_end_on]
        years = np.linspace(*decimal_year(window), points)
    offset = np.asarray(years, dtype=float) - fit.center_year
    lines = fit.boot_levels[:, None] + fit.boot_slopes[:, None] * offset[None, :]
    tail = (1 - fit.estimate.ci_level) / 2
    low, high = np.quantile(lines, [tail, 1 - tail], axis=0)
    fitted = fit.log10_at_center + fit.estimate.log10_slope_per_year * offset
    return pl.DataFrame(
        {
            "decimal_year": offset + fit.center_year,
            "fitted": 10**fitted,
            "band_low": 10**low,
            "band_high": 10**high,
        }
    )
