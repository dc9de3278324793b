"""Fitting the trend inputs and keeping analysis.trend_estimate: one fit per input with the same
options, the reason for each input that could not be fitted, the table's rows (with the coverage
of `analyses/trend_coverage.py`), the history they join and the readable table of headline
estimates.

History: a run's rows replace the rows of its own basis, `as_of`, method and confidence level (a
re-run the same day with the same options) and keep every other row, so the table records how each
estimate moved as the data grew. Rows stored before a column existed are conformed: the
significance and percent-per-year columns are derived from what they stored (an infinite
doubling-time bound of old becomes a null, "no significant trend"), coverage stays null. The
headline trends as fitted as of past dates from the upstream versions then published (basis
'versions', analysis.trend_history's rows of what was known then) are replaced by each build's
(`with_versions`).

Published counterparts: data/curated/published_trends.csv holds estimates published for the same
quantity, window and inclusion rule as one of our rows (metric, subset), each with its
citation and URL; the rows carry them (`published_*` columns) and whether the published
doubling time lies inside our interval (compared as slopes, so a row without a significant
trend compares too). docs/published_record.md explains each remaining difference.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import polars as pl

from analyses.trend_coverage import coverage
from analyses.trend_fit import (
    DEFAULT_CI_LEVEL,
    DEFAULT_RESAMPLES,
    TooFewPoints,
    TrendFit,
    estimates_frame,
    fit_trend,
)
from analyses.trend_input import TrendInput
from analyses.trend_significance import LOG10_2, NOT_SIGNIFICANT
from schemas.trends import TREND_ESTIMATE, TREND_KEY

PUBLISHED_COLUMNS = {
    "metric": pl.String,
    "subset": pl.String,
    "published_doubling_years": pl.Float64,
    "published_ci_low_years": pl.Float64,
    "published_ci_high_years": pl.Float64,
    "published_ci_level": pl.Float64,
    "published_n": pl.Int64,
    "published_as_stated": pl.String,
    "published_rule": pl.String,
    "published_citation": pl.String,
    "published_url": pl.String,
}


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


def published_trends(curated: pl.DataFrame) -> pl.DataFrame:
    """The curated published counterparts (data/curated/published_trends.csv, as loaded),
    typed, one per (metric, subset)."""
    frame = curated.select(pl.col(c).cast(t) for c, t in PUBLISHED_COLUMNS.items())
    duplicated = frame.select("metric", "subset").is_duplicated()
    if duplicated.any():
        raise ValueError(f"published_trends: (metric, subset) twice: {frame.filter(duplicated)}")
    return frame


class FitMemo(Protocol):
    """Fits kept by `fit_key` (the caller's store, e.g. on disk between builds)."""

    def get(self, key: str) -> TrendFit | None: ...

    def put(self, key: str, fit: TrendFit) -> None: ...


def fit_key(item: TrendInput, **options: object) -> str:
    """sha256 of everything a fit of `item` reads: its points (date, value, group), which of
    them it selects and the fit's options. The same key gives the same fit (seeded)."""
    columns = [c for c in ("date", "value", "group") if c in item.data.columns]
    points = io.BytesIO()
    # sorted: a fit is of the points, not of their order (`trend_fit.fit_trend`)
    item.data.select(columns).sort(columns).write_ipc(points, compression="uncompressed")
    selection = (item.metric, item.subset, item.start, item.end, item.frontier_k)
    described = repr((selection, sorted(options.items()))).encode()
    return hashlib.sha256(described + b"\0" + points.getvalue()).hexdigest()


def fit_all(
    inputs: Iterable[TrendInput],
    *,
    method: str = "ols",
    ci_level: float = DEFAULT_CI_LEVEL,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    workers: int | None = None,
    memo: FitMemo | None = None,
) -> tuple[list[Fitted], list[Skipped]]:
    """Fit every input with the same options; inputs with too few points are skipped with the
    engine's reason. Fits run on `workers` threads (default: one per CPU): the bootstrap is
    numpy work that releases the GIL, and each fit has its own seeded generator, so the
    results and their order do not depend on the threads. With `memo`, a fit whose
    `fit_key` it holds is taken from it, and each new fit is given to it."""
    options = {"method": method, "ci_level": ci_level, "n_resamples": n_resamples, "seed": seed}

    def fit(item: TrendInput) -> Fitted | Skipped:
        key = fit_key(item, **options) if memo is not None else ""
        if memo is not None and (kept := memo.get(key)) is not None:
            return Fitted(item, kept)
        try:
            made = Fitted(
                item,
                fit_trend(
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
                    groups=item.groups,
                ),
            )
        except TooFewPoints as err:
            reason = str(err).removeprefix(f"{item.metric} [{item.subset}]: ")
            return Skipped(item.metric, item.subset, reason)
        if memo is not None:
            memo.put(key, made.fit)
        return made

    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        outcomes = list(pool.map(fit, inputs))
    fitted = [o for o in outcomes if isinstance(o, Fitted)]
    skipped = [o for o in outcomes if isinstance(o, Skipped)]
    return fitted, skipped


def estimate_rows(
    fitted: list[Fitted], as_of: date, published: pl.DataFrame, basis: str = "build"
) -> pl.DataFrame:
    """Rows of analysis.trend_estimate: the engine's contract columns, the basis (what the fits
    saw), what each estimate rests on (unit, what a point is, resamples, seed, coverage) and
    its published counterpart (`published_trends`). r2 is null where it is undefined."""
    contract = estimates_frame([f.fit for f in fitted], as_of).rename({"n_groups": "offer_count"})
    contract = contract.with_columns(basis=pl.lit(basis, pl.String))
    covered = [coverage(f.input) for f in fitted]
    extra = pl.DataFrame(
        {
            "unit": [f.input.unit for f in fitted],
            "points": [f.input.points for f in fitted],
            "resamples": [f.fit.resamples_used for f in fitted],
            "seed": [f.fit.seed for f in fitted],
            "estimator": [
                "within offer" if f.input.groups is not None else "pooled" for f in fitted
            ],
            **{name: [c[name] for c in covered] for name in COVERAGE_SCHEMA},
        },
        schema={
            "unit": pl.String,
            "points": pl.String,
            "resamples": pl.Int64,
            "seed": pl.Int64,
            "estimator": pl.String,
            **COVERAGE_SCHEMA,
        },
    )
    rows = pl.concat([contract, extra], how="horizontal").with_columns(
        r2=pl.col("r2").fill_nan(None)
    )
    rows = rows.join(published, on=["metric", "subset"], how="left").with_columns(
        is_published_within_ci=(LOG10_2 / pl.col("published_doubling_years")).is_between(
            pl.col("log10_slope_ci_low"), pl.col("log10_slope_ci_high")
        )
    )
    return TREND_ESTIMATE.select(rows)


COVERAGE_SCHEMA = {
    "sources": pl.String,
    "providers": pl.String,
    "provider_count": pl.Int64,
    "first_on": pl.Date,
    "last_on": pl.Date,
    "gap_months": pl.Int64,
    "gaps": pl.String,
    "provider_coverage": pl.String,
}


def append_history(history: pl.DataFrame, rows: pl.DataFrame) -> pl.DataFrame:
    """The table after a run: `history` without the rows a run with the same `basis`, `as_of`,
    `method` and `ci_level` made (a re-run the same day replaces them, including estimates it
    no longer makes), plus the run's `rows`; sorted by trend, basis, then date."""
    run = ["basis", "as_of", "method", "ci_level"]
    kept = history.join(rows.select(run).unique(), on=run, how="anti")
    return pl.concat([kept, rows], how="vertical").sort(*TREND_KEY, "basis", "as_of")


def with_versions(table: pl.DataFrame, versions: pl.DataFrame) -> pl.DataFrame:
    """`table` with its basis 'versions' rows replaced by `versions` (every build refits them
    from the upstream versions it holds, so the newest fits are the only ones kept)."""
    kept = table.filter(pl.col("basis") != "versions")
    return pl.concat([kept, versions], how="vertical").sort(*TREND_KEY, "basis", "as_of")


def conform(frame: pl.DataFrame) -> pl.DataFrame:
    """Stored rows in the table's current shape: its columns in order, cast to their dtypes,
    null where the stored table lacks one (the schema check then says if that is allowed).
    Rows stored before `is_significant` existed get it, the slope interval and the percents
    derived from their doubling-time interval, and an infinite bound becomes null; rows
    stored before `basis` existed were a build's."""
    if "basis" not in frame.columns:
        frame = frame.with_columns(basis=pl.lit("build", pl.String))
    if "is_significant" not in frame.columns and "ci_low_years" in frame.columns:
        low, high = pl.col("ci_low_years"), pl.col("ci_high_years")
        significant = (
            low.is_finite() & high.is_finite() & ((low > 0) & (high > 0) | (low < 0) & (high < 0))
        ).fill_null(False)
        frame = frame.with_columns(
            is_significant=significant,
            log10_slope_ci_low=pl.when(significant).then(LOG10_2 / high),
            log10_slope_ci_high=pl.when(significant).then(LOG10_2 / low),
        ).with_columns(
            pct_per_year=100 * (10 ** pl.col("log10_slope_per_year") - 1),
            pct_per_year_ci_low=100 * (10 ** pl.col("log10_slope_ci_low") - 1),
            pct_per_year_ci_high=100 * (10 ** pl.col("log10_slope_ci_high") - 1),
            doubling_time_years=pl.when(significant).then("doubling_time_years"),
            ci_low_years=pl.when(significant).then(low),
            ci_high_years=pl.when(significant).then(high),
            no_doubling_reason=pl.when(~significant).then(pl.lit(NOT_SIGNIFICANT)),
        )
    return frame.select(
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in TREND_ESTIMATE.polars_schema.items()
    )


def headline_table(fitted: list[Fitted]) -> pl.DataFrame:
    """The headline estimates, readable: percent per year and its interval, the doubling time
    and interval in years (and months for fast trends) where the trend is significant, n,
    window, r2."""
    rows = []
    for f in fitted:
        if not f.input.headline:
            continue
        e = f.fit.estimate
        level = f"{e.ci_level:.0%}"
        if e.doubling_time_years is not None:
            fast = abs(e.doubling_time_years) < 2
            months = f" ({12 * e.doubling_time_years:.1f} mo)" if fast else ""
            doubling = f"{e.doubling_time_years:.2f}{months}"
            interval = f"{e.ci_low_years:.2f} .. {e.ci_high_years:.2f}"
        else:
            doubling, interval = f"none: {e.no_doubling_reason}", ""
        rows.append(
            {
                "metric": e.metric,
                "subset": e.subset,
                "pct_per_year": f"{e.pct_per_year:+.0f}% "
                f"({e.pct_per_year_ci_low:+.0f} .. {e.pct_per_year_ci_high:+.0f})",
                "doubling_years": doubling,
                f"ci_{level}": interval,
                "x_per_year": f"{10**e.log10_slope_per_year:.2f}",
                "n": e.n,
                "window": f"{e.window_start_on} .. {e.window_end_on}",
                "r2": "" if math.isnan(e.r2) else f"{e.r2:.2f}",
            }
        )
    return pl.DataFrame(rows)
