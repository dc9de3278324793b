"""The points a trend is fitted to: dates as decimal years, usable rows and why others drop,
windows, Epoch's running top-k frontier, and the name of a selection.

Decisions (issue "Trend engine"):
- **Inputs**: rows without a date or value, and non-finite (NaN included) or non-positive
  values, are dropped and counted in `Dropped`, each under its first reason in that order; the
  counts cover every row given, before any subset.
- **Frontier** (`frontier_mask`, Epoch's running top-k): a point is frontier if fewer than k
  other points dated on or before it have a strictly larger value. Equal values never push each
  other out (ties can make more than k frontier points), points of one date compete with each
  other, and order within a date does not matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import polars as pl

# elements of one block of work (resamples x points, or x pairs): ~32 MB of float64, so
# memory stays bounded for any n while numpy still works on long rows
BLOCK_ELEMENTS = 4_000_000
Dates = pl.Series | Sequence[date] | np.ndarray
Values = pl.Series | Sequence[float | None] | np.ndarray


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
    rows = max(1, BLOCK_ELEMENTS // max(len(day), 1))
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


def _dates(dates: Dates) -> pl.Series:
    series = dates if isinstance(dates, pl.Series) else pl.Series(dates)
    if series.dtype not in (pl.Date, pl.Datetime) and series.dtype != pl.Null:
        raise TypeError(f"dates must be dates or datetimes, got {series.dtype}")
    return series.cast(pl.Date) if series.dtype == pl.Null else series


def _values(values: Values) -> pl.Series:
    series = values if isinstance(values, pl.Series) else pl.Series(values, dtype=pl.Float64)
    return series.cast(pl.Float64)


def as_date(value: date) -> date:
    """A window bound as a date (datetime inputs give their calendar day)."""
    return value.date() if isinstance(value, datetime) else value
