"""Backtests of past trend fits: each fit of analysis.trend_history extrapolated 1 and 2 years,
with the fitted line's bootstrap interval there (`trend_fit.fitted_band`), against what today's
data observed around that date.

Observed = the geometric mean of today's points of the same input (same subset rule: window,
running top-k over the whole series) dated within `HALF_WINDOW_DAYS` of the target; it counts
only once today's data reaches past the target by that half window and has `MIN_POINTS` points
there (else null: not yet observable). The interval is the line's, not a prediction interval
for single points: the geometric mean of a year's points is what a line of log10 values
predicts, so "inside" asks whether the trend line as estimated then held.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl

from analyses.trend_fit import fitted_band
from analyses.trend_history import Dated
from analyses.trend_input import TrendInput
from analyses.trend_points import decimal_year, frontier_mask, window_mask
from schemas.history import TREND_BACKTEST

HORIZONS = (1, 2)
HALF_WINDOW_DAYS = 183
MIN_POINTS = 3


def years_after(on: date, years: int) -> date:
    """The same calendar day `years` later (28 February for 29 February)."""
    try:
        return on.replace(year=on.year + years)
    except ValueError:
        return on.replace(year=on.year + years, day=28)


def observed(latest: TrendInput, target: date) -> tuple[float | None, int]:
    """Geometric mean of `latest`'s subset points within the half window of `target`, and
    their count; (None, n) where the data does not yet cover the window or has too few."""
    data = latest.data.filter(pl.col("value") > 0).sort("date")
    if data.height == 0:
        return None, 0
    keep = window_mask(data["date"], latest.start, latest.end)
    if latest.frontier_k:
        keep &= frontier_mask(data["date"], data["value"], latest.frontier_k)
    points = data.filter(pl.Series(keep))
    half = timedelta(days=HALF_WINDOW_DAYS)
    near = points.filter(pl.col("date").is_between(target - half, target + half))
    if data["date"].max() < target + half or near.height < MIN_POINTS:
        return None, 0 if data["date"].max() < target + half else near.height
    return float(10 ** np.log10(near["value"].to_numpy()).mean()), near.height


def backtest_rows(dated: list[Dated], latest: dict[tuple[str, str], TrendInput]) -> pl.DataFrame:
    """Rows of analysis.trend_backtest: every fit of `dated` at every horizon, observed from
    `latest` (today's input of each (metric, subset))."""
    rows = []
    for d in dated:
        fit, estimate = d.fitted.fit, d.fitted.fit.estimate
        today = latest.get((estimate.metric, estimate.subset))
        for horizon in HORIZONS:
            target = years_after(d.vintage.as_of, horizon)
            band = fitted_band(fit, years=decimal_year([target])).row(0, named=True)
            seen, n = observed(today, target) if today is not None else (None, 0)
            rows.append(
                {
                    "metric": estimate.metric,
                    "subset": estimate.subset,
                    "basis": d.vintage.basis,
                    "as_of": d.vintage.as_of,
                    "horizon_years": horizon,
                    "target_on": target,
                    "predicted": band["fitted"],
                    "predicted_low": band["band_low"],
                    "predicted_high": band["band_high"],
                    "ci_level": estimate.ci_level,
                    "unit": d.fitted.input.unit,
                    "observed": seen,
                    "observed_n": n if seen is not None else 0,
                    "is_inside": None
                    if seen is None
                    else band["band_low"] <= seen <= band["band_high"],
                    "error_factor": None if seen is None else seen / band["fitted"],
                }
            )
    frame = pl.DataFrame(rows, schema=TREND_BACKTEST.polars_schema)
    return frame.sort("metric", "subset", "basis", "as_of", "horizon_years")
