"""What a fitted slope states: percent per year, significance, and a doubling time (or why
none is stated).

Decisions (issue 19): every estimate states its slope as a percentage change per year,
100 * (10 ** slope - 1), with the percentile interval of the bootstrap slopes mapped the same way
(always finite). A doubling (or halving) time is given only where the slope interval excludes
zero and the fitted slope lies on the same side (`is_significant`); otherwise the doubling time
and its interval are None ("no significant trend"), never an infinity. The doubling-time interval
is the slope interval mapped through log10(2) / slope, ordered numerically, ci_low_years <=
ci_high_years: for a halving trend ci_low_years is the slowest halving (most negative). A
significant doubling time longer than `MAX_EXTRAPOLATION` (10) times the span of the fitted dates
is not stated either: "halves every 134 years" from three years of nearly fixed list prices is an
extrapolation, not a finding, and -0.5 %/yr says it. `withheld_because` says which rule withheld
it. `doubling_time_interval` keeps the plain mapping (infinite where the slope interval reaches
zero) for callers that want it.
"""

from __future__ import annotations

import math

LOG10_2 = math.log10(2)
MAX_EXTRAPOLATION = 10  # a doubling time is stated up to 10x the span of the fitted dates
NOT_SIGNIFICANT = "slope interval includes zero"
EXTRAPOLATED = f"doubling time over {MAX_EXTRAPOLATION}x the span of the data"


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
