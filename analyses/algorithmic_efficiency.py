"""Algorithmic efficiency: how fast the training compute to reach a fixed capability falls.

`frontier` adds to the upstream rows (sources/algorithmic_efficiency.py) the reduction against
each capability's first record; `efficiency_trends` fits log10(compute) on the publication date
per capability with the trend engine (`analyses.trend_fit.fit_trend`: OLS, seeded percentile
bootstrap), so the halving time carries an interval like every other rate here. A capability
with two records only (ResNet-50-, Seq2Seq-, GNMT-level) gets the two-point rate and no
interval: two points say nothing about scatter. Pure polars/numpy on frames.

The published figures compared with are those of the paper's abstract (`PUBLISHED`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from analyses.trend_fit import DEFAULT_CI_LEVEL, DEFAULT_RESAMPLES, MIN_POINTS, fit_trend
from analyses.trend_points import decimal_year
from schemas.efficiency import ALGORITHMIC_EFFICIENCY_TREND

LOG10_2 = math.log10(2)
METRIC = "compute_to_capability_flop"


@dataclass(frozen=True)
class Published:
    halving_years: float
    reduction_factor: float
    citation: str


PUBLISHED = {
    "AlexNet": Published(
        halving_years=16 / 12,
        reduction_factor=44.0,
        citation=(
            "Hernandez and Brown, 'Measuring the Algorithmic Efficiency of Neural Networks', "
            "arXiv:2005.04305 (2020), abstract: 'decreased by a factor of 44x between 2012 and "
            "2019. This corresponds to algorithmic efficiency doubling every 16 months'"
        ),
    )
}


def frontier(rows: pl.DataFrame) -> pl.DataFrame:
    """`rows` (capability, published_on, compute_to_capability_flop, ...) with
    `reduction_factor`: the capability's first record's compute over each row's compute."""
    first = (
        pl.col("compute_to_capability_flop")
        .sort_by("published_on", "row_number")
        .first()
        .over("capability")
    )
    return rows.with_columns(reduction_factor=first / pl.col("compute_to_capability_flop"))


def _two_point(part: pl.DataFrame) -> dict[str, object]:
    first, last = part.row(0, named=True), part.row(-1, named=True)
    years = decimal_year(part["published_on"])
    span = years[-1] - years[0]
    slope = math.log10(last[METRIC] / first[METRIC]) / span
    return {"log10_slope_per_year": slope, "trend_method": "two points", "r2": None}


def _fitted(part: pl.DataFrame, method: str, ci_level: float, n_resamples: int, seed: int):
    fit = fit_trend(
        part["published_on"],
        part[METRIC],
        metric=METRIC,
        subset=part["capability"][0],
        method=method,
        ci_level=ci_level,
        n_resamples=n_resamples,
        seed=seed,
    ).estimate
    # the compute falls: the steepest slope of the interval is the shortest halving time
    low = -LOG10_2 / fit.log10_slope_ci_low
    high = -LOG10_2 / fit.log10_slope_ci_high if fit.log10_slope_ci_high < 0 else None
    return {
        "log10_slope_per_year": fit.log10_slope_per_year,
        "trend_method": method,
        "r2": fit.r2,
        "halving_ci_low_years": low,
        "halving_ci_high_years": high,
    }


def efficiency_trends(
    frontier_rows: pl.DataFrame,
    *,
    method: str = "ols",
    ci_level: float = DEFAULT_CI_LEVEL,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
) -> pl.DataFrame:
    """One row of analysis.algorithmic_efficiency_trend per capability of `frontier_rows`
    (core.algorithmic_efficiency): the halving time of the compute to reach it, fitted where
    the capability has `MIN_POINTS` records or more, else the two-point rate."""
    rows = []
    for capability in sorted(frontier_rows["capability"].unique()):
        part = frontier_rows.filter(pl.col("capability") == capability).sort(
            "published_on", "row_number"
        )
        if part.height >= MIN_POINTS:
            rate = _fitted(part, method, ci_level, n_resamples, seed)
        else:
            rate = _two_point(part)
        published = PUBLISHED.get(capability)
        slope = rate["log10_slope_per_year"]
        low, high = rate.get("halving_ci_low_years"), rate.get("halving_ci_high_years")
        within = None
        if published is not None and low is not None:
            within = low <= published.halving_years <= (high if high is not None else math.inf)
        rows.append(
            {
                "capability": capability,
                "capability_target": part["capability_target"][0],
                "n": part.height,
                "window_start_on": part["published_on"][0],
                "window_end_on": part["published_on"][-1],
                "first_publication": part["publication"][0],
                "latest_publication": part["publication"][-1],
                "reduction_factor": part[METRIC][0] / part[METRIC][-1],
                "log10_slope_per_year": slope,
                "efficiency_factor_per_year": 10**-slope,
                "halving_time_years": -LOG10_2 / slope,
                "halving_ci_low_years": low,
                "halving_ci_high_years": high,
                "ci_level": ci_level,
                "r2": rate["r2"],
                "trend_method": rate["trend_method"],
                "published_halving_years": published and published.halving_years,
                "published_reduction_factor": published and published.reduction_factor,
                "published_citation": published and published.citation,
                "is_published_within_ci": within,
            }
        )
    schema = ALGORITHMIC_EFFICIENCY_TREND.polars_schema
    return pl.DataFrame(rows, schema=schema)
