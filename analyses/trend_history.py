"""Trends as they were estimated on past dates: the same inputs and engine as
analysis.trend_estimate (analyses/trend_estimates.fit_all), fitted on what a date knew.

Two bases (schemas/history.BASES):
- **versions**: the inputs built from the upstream versions published by the date (the caller
  reads the tables through the warehouse's `*_as_of` macros): what was known then.
- **cutoff**: today's inputs restricted to points dated by the date (`cut`): hindsight, since
  later revisions and late additions are included, but it reaches back before the first
  stored version, which is what a backtest needs to be checked against later observations.

Fewer bootstrap resamples than the headline table (`HISTORY_RESAMPLES`, 1,000, the engine's
minimum, against 2,000: each tail of a 90% interval rests on ~50 resamples) keep the
history cheap; seeds are fixed, so the table is reproducible.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

import polars as pl

from analyses.trend_estimates import FitMemo, Fitted, estimate_rows, fit_all
from analyses.trend_fit import DEFAULT_CI_LEVEL
from analyses.trend_input import TrendInput
from schemas.history import TREND_HISTORY

HISTORY_RESAMPLES = 1000
# The headline trends followed through time: (metric, subset) of analysis.trend_estimate.
FOLLOWED = (
    ("training_compute_flop", "notable 2010-01-01.."),
    ("training_compute_flop", "notable top10 2010-01-01.."),
    ("usd_per_pflop_day", "fp32 cloud_on_demand"),
    ("usd_per_pflop_day", "bf16 cloud_on_demand"),
)


@dataclass(frozen=True)
class Vintage:
    """The inputs as one date knew them, and on which basis."""

    as_of: date
    basis: str  # "versions" or "cutoff"
    versions: str  # the upstream versions read ('source/version', ...)
    inputs: tuple[TrendInput, ...]


@dataclass(frozen=True, eq=False)
class Dated:
    """One fit of a vintage."""

    vintage: Vintage
    fitted: Fitted


def followed(inputs: list[TrendInput], wanted=FOLLOWED) -> tuple[TrendInput, ...]:
    """The inputs of the followed trends, in `wanted`'s order."""
    by_key = {(i.metric, i.subset): i for i in inputs}
    return tuple(by_key[k] for k in wanted if k in by_key)


def cut(item: TrendInput, on: date) -> TrendInput:
    """`item` with only the points dated on or before `on`."""
    return dataclasses.replace(item, data=item.data.filter(pl.col("date") <= on))


def cutoff_vintages(
    inputs: tuple[TrendInput, ...], dates: list[date], versions: str
) -> list[Vintage]:
    """One cutoff vintage per date of today's `inputs` (read from `versions`)."""
    return [
        Vintage(on, "cutoff", f"cutoff of {versions}", tuple(cut(i, on) for i in inputs))
        for on in dates
    ]


def fit_vintages(
    vintages: list[Vintage],
    *,
    ci_level: float = DEFAULT_CI_LEVEL,
    n_resamples: int = HISTORY_RESAMPLES,
    seed: int = 0,
    memo: FitMemo | None = None,
) -> list[Dated]:
    """Every input of every vintage fitted (taken from `memo` where it holds the fit);
    inputs with too few points by then are left out (they had no trend yet)."""
    dated = []
    for vintage in vintages:
        fitted, _ = fit_all(
            vintage.inputs, ci_level=ci_level, n_resamples=n_resamples, seed=seed, memo=memo
        )
        dated += [Dated(vintage, f) for f in fitted]
    return dated


def history_rows(dated: list[Dated], published: pl.DataFrame) -> pl.DataFrame:
    """Rows of analysis.trend_history: each vintage's fits as full analysis.trend_estimate rows
    (`estimate_rows`, so every derived column, the coverage and the published counterpart
    (`published_trends`) are made as for a build's) dated as of the vintage, with its basis and
    the versions it read."""
    parts = []
    vintages = {id(d.vintage): d.vintage for d in dated}  # by identity: inputs hold frames
    for key, vintage in vintages.items():
        fitted = [d.fitted for d in dated if id(d.vintage) == key]
        rows = estimate_rows(fitted, vintage.as_of, published, basis=vintage.basis)
        parts.append(rows.with_columns(versions=pl.lit(vintage.versions, pl.String)))
    frame = pl.concat(parts, how="vertical") if parts else TREND_HISTORY.empty()
    return TREND_HISTORY.select(frame).sort("metric", "subset", "basis", "as_of", "method")


def quarterly(dates: list[date]) -> list[date]:
    """The last of `dates` in each calendar quarter (price versions arrive up to daily; a
    quarter's newest is what that quarter knew at its end)."""
    last: dict[tuple[int, int], date] = {}
    for on in sorted(dates):
        last[(on.year, (on.month - 1) // 3)] = on
    return sorted(last.values())


def known_by(frame: pl.DataFrame, on: date, dated: str) -> pl.DataFrame:
    """Rows of a frame carrying `version_on` (its upstream version's date) published by `on`
    and dated (`dated`) by then."""
    return frame.filter((pl.col("version_on") <= on) & (pl.col(dated) <= on))
