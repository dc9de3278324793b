"""Which points a fit of a trend input uses (`fitted_rows`, selected as `trend_fit.fit_trend`
selects them) and what they rest on.

Coverage (issue 19): each row states what its fitted points rest on: the sources, the
providers of price series, the first and last day of the data behind the points, and for
monthly series the calendar months missing inside the window (`coverage`).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from analyses.trend_input import TrendInput
from analyses.trend_points import changing_groups, frontier_mask, window_mask


def fitted_rows(item: TrendInput) -> pl.DataFrame:
    """The rows of `item.data` a fit uses, every column kept, selected as `trend_fit.fit_trend`
    selects them: usable, within the window, in the running top k if asked, and for a
    within-group fit in a group seen on two dates or more."""
    data = item.data
    value = pl.col("value")
    data = data.filter(
        pl.col("date").is_not_null() & value.is_not_null() & value.is_finite() & (value > 0)
    )
    selected = window_mask(data["date"], item.start, item.end)
    if item.frontier_k is not None:
        selected &= frontier_mask(data["date"], data["value"], item.frontier_k)
    data = data.filter(selected)
    if item.groups is not None:
        data = data.filter(changing_groups(data))
    return data


def fitted_points(item: TrendInput) -> pl.DataFrame:
    """The points a fit of `item` uses (`date`, `value`; see `fitted_rows`)."""
    return fitted_rows(item).select("date", "value")


def coverage(item: TrendInput) -> dict:
    """What the fitted points of `item` rest on: `sources` and `providers` (sorted comma lists;
    providers null where points are not prices), `provider_count`, `first_on` / `last_on` (first
    and last day of the data behind the points), and for monthly series `gap_months` (calendar
    months inside the window without a point), `gaps` (those months as ranges) and
    `provider_coverage` (each provider's first and last month)."""
    rows = fitted_rows(item)
    empty = {
        "sources": None,
        "providers": None,
        "provider_count": None,
        "first_on": None,
        "last_on": None,
        "gap_months": None,
        "gaps": None,
        "provider_coverage": None,
    }
    if rows.height == 0:
        return empty
    found = dict(empty)
    if "source" in rows.columns:
        names = rows["source"].drop_nulls().str.split(",").explode().str.strip_chars()
        found["sources"] = ",".join(sorted(set(names.filter(names != "")))) or None
    found["first_on"] = rows["first_on" if "first_on" in rows.columns else "date"].min()
    found["last_on"] = rows["last_on" if "last_on" in rows.columns else "date"].max()
    if "provider" in rows.columns and rows["provider"].drop_nulls().len():
        providers = sorted(set(rows["provider"].drop_nulls()))
        found["providers"], found["provider_count"] = ",".join(providers), len(providers)
        if item.monthly:
            spans = (
                rows.drop_nulls("provider")
                .group_by("provider")
                .agg(first=pl.col("date").min(), last=pl.col("date").max())
                .sort("provider")
            )
            found["provider_coverage"] = "; ".join(
                f"{p} {a:%Y-%m}..{b:%Y-%m}" for p, a, b in spans.iter_rows()
            )
    if item.monthly:
        missing = missing_months(rows["date"])
        found["gap_months"], found["gaps"] = len(missing), month_ranges(missing) or None
    return found


def missing_months(dates: pl.Series) -> list[date]:
    """First days of the calendar months between the first and last date without a date."""
    months = dates.cast(pl.Date).dt.truncate("1mo")
    every = pl.date_range(months.min(), months.max(), "1mo", eager=True)
    return sorted(set(every) - set(months))


def month_ranges(months: list[date]) -> str:
    """'2023-04..2023-06, 2024-01' for sorted first days of months."""
    runs: list[list[date]] = []
    for month in months:
        if runs and _next_month(runs[-1][-1]) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(
        f"{r[0]:%Y-%m}" if len(r) == 1 else f"{r[0]:%Y-%m}..{r[-1]:%Y-%m}" for r in runs
    )


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
