"""Fitting the trend inputs and keeping analysis.trend_estimate: one fit per input with the same
options, the reason for each input that could not be fitted, the table's rows, the history
they join and the readable table of headline estimates.

History: a run's rows replace the rows of its own `as_of`, method and confidence level (a re-run
the same day with the same options) and keep every other row, so the table records how each
estimate moved as the data grew.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import polars as pl

from analyses.trend_inputs import TrendInput
from analyses.trends import (
    DEFAULT_CI_LEVEL,
    DEFAULT_RESAMPLES,
    TooFewPoints,
    TrendFit,
    estimates_frame,
    fit_trend,
    frontier_mask,
    usable_points,
    window_mask,
)
from schemas.trends import TREND_ESTIMATE, TREND_KEY


@dataclass(frozen=True)
class Skipped:
    """An estimate that could not be made, and why."""

    metric: str
    subset: str
    reason: str


@dataclass(frozen=True, eq=False)
class Fitted:
    """An input and its fit."""

    input: TrendInput
    fit: TrendFit


def fitted_points(item: TrendInput) -> pl.DataFrame:
    """The points a fit of `item` uses (`date`, `value`), selected as `trends.fit_trend`
    selects them: usable, within the window, in the running top k if asked."""
    points, _ = usable_points(item.data["date"], item.data["value"])
    selected = window_mask(points["date"], item.start, item.end)
    if item.frontier_k is not None:
        selected &= frontier_mask(points["date"], points["value"], item.frontier_k)
    return points.filter(selected)


def fit_all(
    inputs: Iterable[TrendInput],
    *,
    method: str = "ols",
    ci_level: float = DEFAULT_CI_LEVEL,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
) -> tuple[list[Fitted], list[Skipped]]:
    """Fit every input with the same options; inputs with too few points are skipped with the
    engine's reason."""
    fitted, skipped = [], []
    for item in inputs:
        try:
            fit = fit_trend(
                item.data["date"],
                item.data["value"],
                metric=item.metric,
                subset=item.subset,
                start=item.start,
                end=item.end,
                frontier_k=item.frontier_k,
                method=method,
                ci_level=ci_level,
                n_resamples=n_resamples,
                seed=seed,
            )
        except TooFewPoints as err:
            reason = str(err).removeprefix(f"{item.metric} [{item.subset}]: ")
            skipped.append(Skipped(item.metric, item.subset, reason))
            continue
        fitted.append(Fitted(item, fit))
    return fitted, skipped


def estimate_rows(fitted: list[Fitted], as_of: date) -> pl.DataFrame:
    """Rows of analysis.trend_estimate: the engine's contract columns, then what each estimate
    rests on (unit, what a point is, resamples, seed). r2 is null where it is undefined."""
    contract = estimates_frame([f.fit for f in fitted], as_of)
    extra = pl.DataFrame(
        {
            "unit": [f.input.unit for f in fitted],
            "points": [f.input.points for f in fitted],
            "resamples": [f.fit.resamples_used for f in fitted],
            "seed": [f.fit.seed for f in fitted],
        },
        schema={"unit": pl.String, "points": pl.String, "resamples": pl.Int64, "seed": pl.Int64},
    )
    rows = pl.concat([contract, extra], how="horizontal").with_columns(
        r2=pl.col("r2").fill_nan(None)
    )
    return TREND_ESTIMATE.select(rows)


def append_history(history: pl.DataFrame, rows: pl.DataFrame) -> pl.DataFrame:
    """The table after a run: `history` without the rows a run with the same `as_of`, `method`
    and `ci_level` made (a re-run the same day replaces them, including estimates it no longer
    makes), plus the run's `rows`; sorted by trend, then date."""
    run = ["as_of", "method", "ci_level"]
    kept = history.join(rows.select(run).unique(), on=run, how="anti")
    return pl.concat([kept, rows], how="vertical").sort(*TREND_KEY, "as_of")


def conform(frame: pl.DataFrame) -> pl.DataFrame:
    """Stored rows in the table's current shape: its columns in order, cast to their dtypes,
    null where the stored table lacks one (the schema check then says if that is allowed)."""
    return frame.select(
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in TREND_ESTIMATE.polars_schema.items()
    )


def headline_table(fitted: list[Fitted]) -> pl.DataFrame:
    """The headline estimates, readable: doubling time and interval in years (and months for
    fast trends), growth per year, n, window, r2."""
    rows = []
    for f in fitted:
        if not f.input.headline:
            continue
        e = f.fit.estimate
        months = f" ({12 * e.doubling_time_years:.1f} mo)" if abs(e.doubling_time_years) < 2 else ""
        rows.append(
            {
                "metric": e.metric,
                "subset": e.subset,
                "doubling_years": f"{e.doubling_time_years:.2f}{months}",
                f"ci_{e.ci_level:.0%}": f"{e.ci_low_years:.2f} .. {e.ci_high_years:.2f}",
                "x_per_year": f"{10**e.log10_slope_per_year:.2f}",
                "n": e.n,
                "window": f"{e.window_start_on} .. {e.window_end_on}",
                "r2": "" if math.isnan(e.r2) else f"{e.r2:.2f}",
            }
        )
    return pl.DataFrame(rows)
