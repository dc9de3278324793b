"""Effective compute per dollar: hardware price-performance x algorithmic efficiency.

The compute a dollar buys grows with FLOP/s per launch dollar (a trend of analysis.trend_latest);
what a unit of compute achieves grows with algorithmic efficiency (the fall of the compute to
reach AlexNet-level accuracy, analysis.algorithmic_efficiency_trend). Both are exponential, so
their log10 slopes add: `effective_compute_trends` puts each part beside the sum, stated for
the window where both are measured (the overlap of the two fit windows).

The interval: the two fits rest on disjoint data (chips' launch prices; record-setting models'
training compute), so their sampling errors are taken as independent. Only the hardware
trend's interval is stored, not its bootstrap draws, so the parts' interval half-widths are
added in quadrature on the log10 slopes, each side of the interval on its own (the percentile
intervals are not symmetric): low = s - sqrt(dh_low^2 + de_low^2), and likewise high. For two
normal slopes this is exact; for bootstrap percentiles an approximation. Pure polars.
"""

from __future__ import annotations

import math
from datetime import date

import polars as pl

from schemas.effective_compute import (
    EFFECTIVE_COMPUTE_TREND,
    EFFICIENCY_CAPABILITY,
    HARDWARE_SERIES,
)

LOG10_2 = math.log10(2)
DAYS_PER_YEAR = 365.25
INTERVAL_METHOD = (
    "quadrature: each side's half-widths of the two percentile bootstrap intervals, added as "
    "independent errors on the log10 slopes"
)
ASSUMPTION = (
    "The two rates are independent (disjoint data) and constant: each is fitted over its own "
    "window and taken to hold across the overlap. Algorithmic efficiency is one task "
    "(AlexNet-level ImageNet classification, the efficiency frontier); hardware is peak "
    "FLOP/s per nominal launch dollar, not utilised or rented compute."
)


def _doubling(slope: float | None) -> float | None:
    return LOG10_2 / slope if slope is not None and slope > 0 else None


def combine(
    hardware: tuple[float, float | None, float | None],
    efficiency: tuple[float, float | None, float | None],
) -> tuple[float, float | None, float | None]:
    """(slope, ci_low, ci_high) of the sum of two independent log10 slopes, each given as
    (slope, ci_low, ci_high): the half-widths of each side add in quadrature. The interval is
    None where a part has none."""
    (h, h_low, h_high), (e, e_low, e_high) = hardware, efficiency
    slope = h + e
    if None in (h_low, h_high, e_low, e_high):
        return slope, None, None
    low = slope - math.hypot(h - h_low, e - e_low)
    high = slope + math.hypot(h_high - h, e_high - e)
    return slope, low, high


def _efficiency_part(efficiency_trends: pl.DataFrame) -> dict[str, object]:
    """The capability's row of analysis.algorithmic_efficiency_trend as an efficiency gain:
    log10 gain per year and its interval from the halving times."""
    rows = efficiency_trends.filter(pl.col("capability") == EFFICIENCY_CAPABILITY)
    if rows.height != 1:
        raise ValueError(f"analysis.algorithmic_efficiency_trend has no {EFFICIENCY_CAPABILITY}")
    row = rows.row(0, named=True)
    longest, shortest = row["halving_ci_high_years"], row["halving_ci_low_years"]
    return {
        "capability": EFFICIENCY_CAPABILITY,
        "efficiency_window_start_on": row["window_start_on"],
        "efficiency_window_end_on": row["window_end_on"],
        "efficiency_n": row["n"],
        "efficiency_log10_gain_per_year": -row["log10_slope_per_year"],
        "efficiency_log10_gain_ci_low": LOG10_2 / longest if longest else None,
        "efficiency_log10_gain_ci_high": LOG10_2 / shortest if shortest else None,
        "efficiency_doubling_time_years": row["halving_time_years"],
        "ci_level": row["ci_level"],
    }


def _years(start: date, end: date) -> float:
    return (end - start).days / DAYS_PER_YEAR


def effective_compute_trends(
    hardware_trends: pl.DataFrame, efficiency_trends: pl.DataFrame
) -> pl.DataFrame:
    """One row of analysis.effective_compute_trend per hardware series of `HARDWARE_SERIES`
    found among `hardware_trends` (analysis.trend_latest rows, OLS, at the efficiency fit's
    confidence level), combined with the AlexNet-level row of `efficiency_trends`."""
    part = _efficiency_part(efficiency_trends)
    rows = []
    for metric, subset in HARDWARE_SERIES:
        found = hardware_trends.filter(
            (pl.col("metric") == metric)
            & (pl.col("subset") == subset)
            & (pl.col("method") == "ols")
            & (pl.col("ci_level") == part["ci_level"])
        )
        if found.height == 0:
            continue
        hw = found.row(0, named=True)
        slope, low, high = combine(
            (hw["log10_slope_per_year"], hw["log10_slope_ci_low"], hw["log10_slope_ci_high"]),
            (
                part["efficiency_log10_gain_per_year"],
                part["efficiency_log10_gain_ci_low"],
                part["efficiency_log10_gain_ci_high"],
            ),
        )
        start = max(hw["window_start_on"], part["efficiency_window_start_on"])
        end = min(hw["window_end_on"], part["efficiency_window_end_on"])
        rows.append(
            {
                "hardware_metric": metric,
                "hardware_subset": subset,
                "hardware_window_start_on": hw["window_start_on"],
                "hardware_window_end_on": hw["window_end_on"],
                "hardware_n": hw["n"],
                "hardware_log10_slope_per_year": hw["log10_slope_per_year"],
                "hardware_log10_slope_ci_low": hw["log10_slope_ci_low"],
                "hardware_log10_slope_ci_high": hw["log10_slope_ci_high"],
                "hardware_doubling_time_years": _doubling(hw["log10_slope_per_year"]),
                "hardware_as_of": hw["as_of"],
                **part,
                "overlap_start_on": start,
                "overlap_end_on": end,
                "effective_log10_slope_per_year": slope,
                "effective_log10_slope_ci_low": low,
                "effective_log10_slope_ci_high": high,
                "effective_doubling_time_years": _doubling(slope),
                "effective_doubling_ci_low_years": _doubling(high),
                "effective_doubling_ci_high_years": _doubling(low),
                "effective_factor_per_year": 10**slope,
                "effective_factor_over_overlap": (
                    10 ** (slope * _years(start, end)) if start <= end else None
                ),
                "interval_method": INTERVAL_METHOD,
                "assumption": ASSUMPTION,
            }
        )
    return EFFECTIVE_COMPUTE_TREND.select(
        pl.DataFrame(rows, schema=EFFECTIVE_COMPUTE_TREND.polars_schema)
    )
