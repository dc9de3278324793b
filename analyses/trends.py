"""Exponential trends of dated quantities: log-linear fits, doubling times, bootstrap intervals.

A trend is a straight line through log10(value) against the decimal year: its slope is orders of
magnitude per year and log10(2) / slope the doubling time in years (negative: a halving time).
Pure numpy/polars, so a notebook can call it on a DataFrame; `TrendFit.estimate` is one row of
`analysis.trend_estimate` and `estimates_frame` turns many into that table.

Decisions (issue "Trend engine"):
- **Inputs**: rows without a date or value, and non-finite (NaN included) or non-positive
  values, are dropped and counted in `Dropped`, each under its first reason in that order; the
  counts cover every row given, before any subset. A fit needs `MIN_POINTS` points on at least
  two distinct dates, else `TooFewPoints` says how many there were and why.
- **Uncertainty**: a percentile bootstrap over points, `DEFAULT_RESAMPLES` = 2,000 seeded
  resamples (at least `MIN_RESAMPLES`): ~100 resamples lie beyond each 5% tail, enough for a
  stable 90% interval, and all of them are refitted in closed form at once (31 ms for 1,379
  points, `benchmarks/bench_trends.py`). Resamples whose points all share one date have no slope
  and are left out (`TrendFit.resamples_used`).
- **Significance, percent per year, doubling time** (issue 19): every estimate states its slope
  as a percentage change per year, 100 * (10 ** slope - 1), with the percentile interval of the
  bootstrap slopes mapped the same way (always finite). A doubling (or halving) time is given
  only where the slope interval excludes zero and the fitted slope lies on the same side
  (`is_significant`); otherwise `doubling_time_years` and its interval are None ("no significant
  trend"), never an infinity. The doubling-time interval is the slope interval mapped through
  log10(2) / slope, ordered numerically, ci_low_years <= ci_high_years: for a halving trend
  ci_low_years is the slowest halving (most negative). A significant doubling time longer than
  `MAX_EXTRAPOLATION` (10) times the span of the fitted dates is not stated either: "halves
  every 134 years" from three years of nearly fixed list prices is an extrapolation, not a
  finding, and -0.5 %/yr says it. `no_doubling_reason` says which rule withheld it. `doubling_time_interval` keeps the plain
  mapping (infinite where the slope interval reaches zero) for callers that want it.
- **Within groups** (`groups=`, e.g. one cloud offer: provider, region, instance type, pricing):
  the slope is the fixed-effects one, each group's own level removed, so only changes within a
  group over time move it and a group entering or leaving the data does not. Groups seen on
  one date say nothing about change and are left out. The bootstrap is two-stage: groups are
  resampled, then points within each group, so a fit with a single group still has an
  interval and many groups are not treated as many independent points. Theil–Sen within
  groups takes the median of the pairwise slopes of pairs in one group. The level (for plots)
  is the mean residual, r2 the share of the within-group variance explained.
- **Theil–Sen** (`method="theil_sen"`): the median of pairwise slopes (pairs on one date left out,
  as in scipy's `theilslopes`), level the median residual. Its bootstrap is exact but costs
  O(resamples x n^2) (1.2 s for 467 points, 7 s for 1,379): a resample's pairwise slopes are
  the original ones weighted by w_i * w_j, so each is a weighted median of the once-sorted slopes.
- **Frontier** (`frontier_mask`, Epoch's running top-k): a point is frontier if fewer than k
  other points dated on or before it have a strictly larger value. Equal values never push each
  other out (ties can make more than k frontier points), points of one date compete with each
  other, and order within a date does not matter.
- **r2** is 1 - SS_res / SS_tot of the fitted line in log10 space (NaN when all values are equal).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime

import numpy as np
import polars as pl

LOG10_2 = math.log10(2)
METHODS = ("ols", "theil_sen")
MIN_POINTS = 3
MIN_RESAMPLES = 1_000
DEFAULT_RESAMPLES = 2_000
DEFAULT_CI_LEVEL = 0.9
# slopes smaller than this (a doubling time over 3e8 years) are rounding noise of flat data,
# e.g. group means of equal prices, and are read as exactly zero
SLOPE_TOLERANCE = 1e-9
MAX_EXTRAPOLATION = 10  # a doubling time is stated up to 10x the span of the fitted dates
NOT_SIGNIFICANT = "slope interval includes zero"
EXTRAPOLATED = f"doubling time over {MAX_EXTRAPOLATION}x the span of the data"
# elements of one block of work (resamples x points, or x pairs): ~32 MB of float64, so
# memory stays bounded for any n while numpy still works on long rows
_BLOCK_ELEMENTS = 4_000_000

Dates = pl.Series | Sequence[date] | np.ndarray
Values = pl.Series | Sequence[float | None] | np.ndarray


class TooFewPoints(ValueError):
    """Not enough usable points (or dates) to fit a line."""


@dataclass(frozen=True)
class Dropped:
    """Rows left out of a fit, by first reason."""

    null_date: int = 0
    null_value: int = 0
    non_finite: int = 0
    non_positive: int = 0

    @property
    def total(self) -> int:
        return self.null_date + self.null_value + self.non_finite + self.non_positive


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


def decimal_year(dates: Dates) -> np.ndarray:
    """Dates (or datetimes) as decimal years, leap-year aware: 2024-07-02 is 2024 + 183/366.
    Nulls become NaN."""
    series = _dates(dates)
    day_fraction = pl.lit(0.0)
    if series.dtype == pl.Datetime:
        day_fraction = (pl.col("d") - pl.col("d").dt.truncate("1d")).dt.total_microseconds() / 864e8
    days_in_year = 365 + pl.col("d").dt.is_leap_year().cast(pl.Int64)
    years = pl.select(d=series).select(
        pl.col("d").dt.year() + (pl.col("d").dt.ordinal_day() - 1 + day_fraction) / days_in_year
    )
    return years.to_series().cast(pl.Float64).fill_null(np.nan).to_numpy()


def usable_points(
    dates: Dates, values: Values, groups: Sequence | pl.Series | None = None
) -> tuple[pl.DataFrame, Dropped]:
    """The rows that can be fitted (`date`, `value`: dated, finite, positive; `group` too when
    `groups` is given), and a count of the others by reason."""
    frame = pl.DataFrame({"date": _dates(dates), "value": _values(values)})
    if groups is not None:
        frame = frame.with_columns(group=pl.Series(groups).cast(pl.String))
    reason = (
        pl.when(pl.col("date").is_null())
        .then(pl.lit("null_date"))
        .when(pl.col("value").is_null())
        .then(pl.lit("null_value"))
        .when(~pl.col("value").is_finite())
        .then(pl.lit("non_finite"))
        .when(pl.col("value") <= 0)
        .then(pl.lit("non_positive"))
    )
    frame = frame.with_columns(reason=reason)
    counts = dict(frame["reason"].drop_nulls().value_counts().iter_rows())
    return frame.filter(pl.col("reason").is_null()).drop("reason"), Dropped(**counts)


def changing_groups(points: pl.DataFrame) -> np.ndarray:
    """True for the points of groups seen on at least two dates (the others cannot show a
    change within their group)."""
    dates = points.select(pl.col("date").n_unique().over("group"))
    return (dates.to_series() >= 2).to_numpy()


def window_mask(dates: Dates, start: date | None = None, end: date | None = None) -> np.ndarray:
    """True where the date is within [start, end] (both inclusive, either open when None)."""
    series = _dates(dates).cast(pl.Date)
    inside = series.is_not_null()
    if start is not None:
        inside &= series >= start
    if end is not None:
        inside &= series <= end
    return inside.fill_null(False).to_numpy()


def frontier_mask(dates: Dates, values: Values, k: int = 10) -> np.ndarray:
    """True for points in the running top k by value at their date (see the module docstring).
    Unusable points (no date, non-finite or non-positive value) are never frontier nor rank."""
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    day = _dates(dates).cast(pl.Date).to_physical().cast(pl.Float64).fill_null(np.nan).to_numpy()
    value = _values(values).fill_null(np.nan).to_numpy()
    usable = np.isfinite(day) & np.isfinite(value) & (value > 0)
    day, value = day[usable], value[usable]
    frontier = np.zeros(len(usable), dtype=bool)
    ranked = np.empty(len(day), dtype=bool)
    rows = max(1, _BLOCK_ELEMENTS // max(len(day), 1))
    for first in range(0, len(day), rows):  # blocks of rows bound the n x n comparison
        block = slice(first, first + rows)
        larger_before = (day[None, :] <= day[block, None]) & (value[None, :] > value[block, None])
        ranked[block] = larger_before.sum(axis=1) < k
    frontier[usable] = ranked
    return frontier


def subset_label(
    frontier_k: int | None = None, start: date | None = None, end: date | None = None
) -> str:
    """A name for a selection: 'all' or 'top10', then the requested window if any."""
    label = "all" if frontier_k is None else f"top{frontier_k}"
    if start is None and end is None:
        return label
    return f"{label} {start.isoformat() if start else ''}..{end.isoformat() if end else ''}"


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
        slope, level = _within_line(x, y, group_index, method)
        r2 = _within_r2(x, y, group_index, slope)
    else:
        slope, level = (_ols if method == "ols" else _theil_sen)(x, y)
        r2 = _r2(x, y, slope, level)
    boot_slopes, boot_levels = _bootstrap(x, y, method, n_resamples, seed, group_index)
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
        window_start_on=_as_date(points["date"].min()),
        window_end_on=_as_date(points["date"].max()),
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


def pct_per_year(log10_slope_per_year: float) -> float:
    """The slope as a percentage change per year: 100 * (10 ** slope - 1); -50 halves yearly."""
    return 100 * (10**log10_slope_per_year - 1)


def is_significant(slope: float, slope_low: float, slope_high: float) -> bool:
    """True when the slope interval excludes zero and the fitted slope is on the same side:
    only then is a doubling (or halving) time stated."""
    return bool((slope_low > 0 and slope > 0) or (slope_high < 0 and slope < 0))


def withheld_because(
    slope: float, slope_low: float, slope_high: float, span_years: float
) -> str | None:
    """Why no doubling time is stated (`NOT_SIGNIFICANT`, `EXTRAPOLATED`), or None when it is."""
    if not is_significant(slope, slope_low, slope_high):
        return NOT_SIGNIFICANT
    if abs(doubling_time(slope)) > MAX_EXTRAPOLATION * span_years:
        return EXTRAPOLATED
    return None


def doubling_time(log10_slope_per_year: float) -> float:
    """Years for the value to double (negative: to halve); +inf for a flat line."""
    return LOG10_2 / log10_slope_per_year if log10_slope_per_year != 0 else math.inf


def doubling_time_interval(slope_low: float, slope_high: float) -> tuple[float, float]:
    """The doubling-time interval of a slope interval, numerically ordered; infinite where the
    slope interval reaches zero ((lo, hi) with lo < 0 < hi gives (-inf, +inf); lo == 0 gives
    +inf above, hi == 0 -inf below). Estimates store it only for significant trends."""
    if slope_low > slope_high:
        raise ValueError(f"slope interval reversed: ({slope_low}, {slope_high})")
    if slope_low < 0 < slope_high:
        return -math.inf, math.inf
    low = LOG10_2 / slope_high if slope_high != 0 else -math.inf
    high = LOG10_2 / slope_low if slope_low != 0 else math.inf
    return low, high


def estimates_frame(fits: Iterable[TrendFit | TrendEstimate], as_of: date) -> pl.DataFrame:
    """Rows of `analysis.trend_estimate`: exactly its columns, `as_of` (the date of the data the
    fits describe) the same on every row."""
    estimates = [f.estimate if isinstance(f, TrendFit) else f for f in fits]
    rows = [{**asdict(e), "as_of": _as_date(as_of)} for e in estimates]
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


def _ols(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope and level at x = 0 of the least-squares line."""
    dx = x - x.mean()
    slope = float(dx @ (y - y.mean()) / (dx @ dx))
    return slope, float(y.mean() - slope * x.mean())


def _theil_sen(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Median pairwise slope (pairs of one x left out) and median residual at x = 0."""
    slopes, _, _ = _pairwise_slopes(x, y)
    slope = float(np.median(slopes))
    return slope, float(np.median(y - slope * x))


def _pairwise_slopes(
    x: np.ndarray, y: np.ndarray, groups: np.ndarray | None = None
) -> tuple[np.ndarray, ...]:
    """Slopes of every pair with distinct x (and one group, when given), sorted, with the
    pairs' point indices."""
    first, second = np.triu_indices(len(x), k=1)
    distinct = x[first] != x[second]
    if groups is not None:
        distinct &= groups[first] == groups[second]
    first, second = first[distinct], second[distinct]
    slopes = (y[second] - y[first]) / (x[second] - x[first])
    order = np.argsort(slopes, kind="stable")
    return slopes[order], first[order], second[order]


def _bootstrap(
    x: np.ndarray,
    y: np.ndarray,
    method: str,
    n_resamples: int,
    seed: int,
    groups: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Slopes and levels of `n_resamples` resamples of the points (with replacement), refitted
    in closed form a block of resamples at a time; resamples without two distinct x are left out.
    With `groups` (sorted group index per point) the resamples are two-stage and the fits
    within groups."""
    if groups is not None:
        return _grouped_bootstrap(x, y, groups, method, n_resamples, seed)
    rng = np.random.default_rng(seed)
    n = len(x)
    pairs = _pairwise_slopes(x, y) if method == "theil_sen" else None
    # Theil–Sen works on int32 pair counts: twice the elements in the same memory
    block = max(1, _BLOCK_ELEMENTS // n if pairs is None else 2 * _BLOCK_ELEMENTS // len(pairs[0]))
    slopes, levels = [], []
    for done in range(0, n_resamples, block):
        picks = rng.integers(0, n, size=(min(block, n_resamples - done), n))
        xs, ys = x[picks], y[picks]
        if pairs is None:
            dx = xs - xs.mean(axis=1, keepdims=True)
            sxx = np.einsum("ij,ij->i", dx, dx)
            with np.errstate(invalid="ignore", divide="ignore"):
                slope = np.einsum("ij,ij->i", dx, ys) / sxx
            slope[sxx == 0] = np.nan
            level = ys.mean(axis=1) - slope * xs.mean(axis=1)
        else:
            slope = _resampled_theil_sen_slopes(picks, n, *pairs)
            level = np.median(ys - slope[:, None] * xs, axis=1)
        slopes.append(slope)
        levels.append(level)
    slope, level = np.concatenate(slopes), np.concatenate(levels)
    defined = np.isfinite(slope)
    return slope[defined], level[defined]


def _within_line(x: np.ndarray, y: np.ndarray, groups: np.ndarray, method: str) -> tuple:
    """Slope within groups (OLS on group-demeaned points, or the median pairwise slope of pairs
    in one group) and the level: the mean residual at x = 0."""
    if method == "ols":
        dx, dy = _demeaned(x, groups), _demeaned(y, groups)
        slope = float(dx @ dy / (dx @ dx))
    else:
        slopes, _, _ = _pairwise_slopes(x, y, groups)
        slope = float(np.median(slopes))
    return slope, float(np.mean(y - slope * x))


def _within_r2(x: np.ndarray, y: np.ndarray, groups: np.ndarray, slope: float) -> float:
    """Share of the within-group variance of y the slope explains (NaN when there is none)."""
    dx, dy = _demeaned(x, groups), _demeaned(y, groups)
    total = float(dy @ dy)
    residual = float(((dy - slope * dx) ** 2).sum())
    return 1 - residual / total if total > 0 else math.nan


def _demeaned(v: np.ndarray, groups: np.ndarray) -> np.ndarray:
    means = np.bincount(groups, v) / np.bincount(groups)
    return v - means[groups]


def _grouped_bootstrap(
    x: np.ndarray, y: np.ndarray, groups: np.ndarray, method: str, n_resamples: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Two-stage resamples: groups with replacement, then each group's points with replacement;
    a point weighs (copies of its group) x (copies of it in its group's draw)."""
    rng = np.random.default_rng(seed)
    n, n_groups = len(x), int(groups.max()) + 1
    sizes = np.bincount(groups, minlength=n_groups)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    pairs = _pairwise_slopes(x, y, groups) if method == "theil_sen" else None
    block = max(1, _BLOCK_ELEMENTS // (n if pairs is None else max(n, len(pairs[0]))))
    slopes, levels = [], []
    for done in range(0, n_resamples, block):
        rows = min(block, n_resamples - done)
        group_copies = _row_counts(rng.integers(0, n_groups, size=(rows, n_groups)), n_groups)
        # draw j of a resample stands in slot j, which belongs to group groups[j]
        within = starts[groups] + (rng.random((rows, n)) * sizes[groups]).astype(np.int64)
        if pairs is None:
            slope, level = _grouped_ols(x[within], y[within], group_copies, sizes, starts)
        else:
            w = group_copies[:, groups] * _row_counts(within, n)
            slope = _weighted_theil_sen_slopes(w, *pairs)
            level = (w @ y - slope * (w @ x)) / w.sum(axis=1)
        levels.append(level)
        slopes.append(slope)
    slope, level = np.concatenate(slopes), np.concatenate(levels)
    defined = np.isfinite(slope)
    return slope[defined], level[defined]


def _grouped_ols(
    xs: np.ndarray, ys: np.ndarray, copies: np.ndarray, sizes: np.ndarray, starts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Within-group OLS slope and level of each resample (row) from its drawn values `xs`,
    `ys` (slots in group order) and each group's copies: sums per group over its slots, then
    weighted by the copies (no resamples x points weight matrix is built)."""
    sums = [np.add.reduceat(v, starts, axis=1) for v in (xs, ys, xs * xs, xs * ys)]
    gx, gy, gxx, gxy = (copies * s for s in sums)
    sw = copies * sizes
    with np.errstate(invalid="ignore", divide="ignore"):
        between_x = np.where(sw > 0, gx * gx / sw, 0).sum(axis=1)
        between_xy = np.where(sw > 0, gx * gy / sw, 0).sum(axis=1)
        sxx = gxx.sum(axis=1) - between_x
        slope = (gxy.sum(axis=1) - between_xy) / sxx
    # no spread of x within any drawn group: no slope (rounding leaves ~1e-16, not 0)
    slope[sxx <= 1e-12 * gxx.sum(axis=1)] = np.nan
    level = (gy.sum(axis=1) - slope * gx.sum(axis=1)) / sw.sum(axis=1)
    return slope, level


def _row_counts(picks: np.ndarray, n: int) -> np.ndarray:
    """How often each of 0..n-1 appears in each row of `picks` (rows x n)."""
    rows = len(picks)
    flat = (picks + n * np.arange(rows)[:, None]).ravel()
    return np.bincount(flat, minlength=rows * n).reshape(rows, n)


def _resampled_theil_sen_slopes(
    picks: np.ndarray, n: int, sorted_slopes: np.ndarray, first: np.ndarray, second: np.ndarray
) -> np.ndarray:
    """Theil–Sen slope of each resample: the weighted median of the sorted pairwise slopes, a
    pair weighing (copies of its first point) x (copies of its second point) in the resample."""
    copies = _row_counts(picks, n).astype(_count_dtype(n))
    return _weighted_theil_sen_slopes(copies, sorted_slopes, first, second)


def _weighted_theil_sen_slopes(
    copies: np.ndarray, sorted_slopes: np.ndarray, first: np.ndarray, second: np.ndarray
) -> np.ndarray:
    """Per row of `copies` (resamples x points, integer weights), the weighted median of the
    sorted pairwise slopes, a pair weighing the product of its points' weights."""
    # pairs x resamples, so sums over pairs add whole rows; int32 holds n^2 for n < 46,341
    copies = np.ascontiguousarray(copies.T)
    weights = np.take(copies, first, axis=0)  # np.take: faster than indexing here
    weights *= np.take(copies, second, axis=0)
    positions = _WeightedPositions(weights)
    total = positions.total
    # the median of `total` sorted slopes averages those at 0-based positions (t-1)//2 and t//2
    lower, upper = positions.find((total - 1) // 2), positions.find(total // 2)
    slope = (sorted_slopes[lower] + sorted_slopes[upper]) / 2
    return np.where(total > 0, slope, np.nan)


class _WeightedPositions:
    """Per column of `weights` (rows of a sorted multiset, a count each), the row holding the
    element at a 0-based position. Two levels, since a full running sum of a large 2-d array is
    slow in numpy: sums of chunks of ~sqrt(rows) rows locate the chunk, then a running sum of
    that chunk alone the row."""

    def __init__(self, weights: np.ndarray):
        length, columns = weights.shape
        self.weights, self.chunk = weights, max(1, math.isqrt(length))
        self.starts = np.arange(0, length, self.chunk)
        whole = length // self.chunk * self.chunk  # a reshape is a view; reduceat is slower
        sums = [
            weights[:whole].reshape(-1, self.chunk, columns).sum(axis=1),
            weights[whole:].sum(axis=0),
        ]
        self.through = np.cumsum(np.vstack(sums)[: len(self.starts)], axis=0)
        self.total = self.through[-1]

    def find(self, position: np.ndarray) -> np.ndarray:
        """The row of each column's element at `position` (the last row if past the end)."""
        length, columns = self.weights.shape
        column = np.arange(columns)
        found = np.minimum((self.through <= position).sum(axis=0), len(self.starts) - 1)
        before = np.where(found > 0, self.through[found - 1, column], 0)
        rows = self.starts[found] + np.arange(self.chunk)[:, None]
        inside = np.where(rows < length, self.weights[np.minimum(rows, length - 1), column], 0)
        offset = (before + np.cumsum(inside, axis=0) <= position).sum(axis=0)
        return np.minimum(self.starts[found] + offset, length - 1)


def _count_dtype(n: int) -> type[np.integer]:
    return np.int32 if n <= 46_340 else np.int64


def _r2(x: np.ndarray, y: np.ndarray, slope: float, level: float) -> float:
    total = float(((y - y.mean()) ** 2).sum())
    residual = float(((y - level - slope * x) ** 2).sum())
    return 1 - residual / total if total > 0 else math.nan


def _dates(dates: Dates) -> pl.Series:
    series = dates if isinstance(dates, pl.Series) else pl.Series(dates)
    if series.dtype not in (pl.Date, pl.Datetime) and series.dtype != pl.Null:
        raise TypeError(f"dates must be dates or datetimes, got {series.dtype}")
    return series.cast(pl.Date) if series.dtype == pl.Null else series


def _values(values: Values) -> pl.Series:
    series = values if isinstance(values, pl.Series) else pl.Series(values, dtype=pl.Float64)
    return series.cast(pl.Float64)


def _as_date(value: date) -> date:
    """A window bound as a date (datetime inputs give their calendar day)."""
    return value.date() if isinstance(value, datetime) else value
