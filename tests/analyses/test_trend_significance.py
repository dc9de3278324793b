"""What a slope states: percent per year, significance, doubling time and when it is withheld.

Tests marked SYNTHETIC use generated exponentials (`_trend_testkit.synthetic`): they check
the arithmetic only, which real data cannot do; every claim about the world is tested on
the real snapshot (test_trend_fit.py).
"""

import math
from datetime import date, timedelta

import pytest

from analyses.trend_fit import fit_trend
from analyses.trend_points import decimal_year
from analyses.trend_significance import (
    EXTRAPOLATED,
    LOG10_2,
    NOT_SIGNIFICANT,
    doubling_time_interval,
    is_significant,
    pct_per_year,
    withheld_because,
)
from tests.analyses._trend_testkit import synthetic


def test_doubling_time_interval_when_the_slope_interval_reaches_zero():
    assert doubling_time_interval(0.2, 0.5) == pytest.approx((LOG10_2 / 0.5, LOG10_2 / 0.2))
    assert doubling_time_interval(-0.5, -0.2) == pytest.approx((LOG10_2 / -0.2, LOG10_2 / -0.5))
    assert doubling_time_interval(-0.1, 0.3) == (-math.inf, math.inf)
    assert doubling_time_interval(0.0, 0.3) == pytest.approx((LOG10_2 / 0.3, math.inf))
    assert doubling_time_interval(-0.3, 0.0) == pytest.approx((-math.inf, LOG10_2 / -0.3))


def test_percent_per_year_by_hand():
    # a doubling a year is +100 %/yr, a halving -50 %/yr, 10x a year +900 %/yr
    assert pct_per_year(LOG10_2) == pytest.approx(100.0)
    assert pct_per_year(-LOG10_2) == pytest.approx(-50.0)
    assert pct_per_year(1.0) == pytest.approx(900.0)
    assert pct_per_year(0.0) == 0.0
    # -3 %/yr is a slope of log10(0.97) = -0.013228 decades a year
    assert pct_per_year(math.log10(0.97)) == pytest.approx(-3.0)


def test_significance_needs_the_slope_interval_to_exclude_zero():
    assert is_significant(0.1, 0.05, 0.2)
    assert is_significant(-0.1, -0.2, -0.05)
    assert not is_significant(-0.013, -0.055, 0.029)  # -3 %/yr, interval -12 to +7 %/yr
    assert not is_significant(0.1, 0.0, 0.2)  # touching zero is not excluding it
    assert not is_significant(0.0, 0.0, 0.0)  # a flat price
    # a percentile interval that misses its own fit: no direction to state
    assert not is_significant(-0.01, 0.05, 0.2)


def test_a_doubling_time_far_beyond_the_data_is_withheld():
    # -0.5 %/yr over three years of prices: halving in 138 years, over 10x the span
    slope = math.log10(0.995)
    assert LOG10_2 / slope == pytest.approx(-138.3, abs=0.1)
    assert withheld_because(slope, slope * 1.2, slope * 0.8, span_years=3.0) == EXTRAPOLATED
    assert withheld_because(slope, slope * 1.2, slope * 0.8, span_years=14.0) is None
    assert withheld_because(slope, slope * 1.2, -slope, span_years=3.0) == NOT_SIGNIFICANT
    # synthetic: a 1%/yr fall measured over two years, tight enough to be significant
    days = [date(2020, 1, 1) + timedelta(days=30 * i) for i in range(24)]
    values = 0.99 ** (decimal_year(days) - 2020)
    e = fit_trend(days, values, metric="m", n_resamples=1_000).estimate
    assert e.is_significant and e.no_doubling_reason == EXTRAPOLATED
    assert e.doubling_time_years is None and e.pct_per_year == pytest.approx(-1.0, abs=1e-6)


def test_a_trendless_series_has_no_doubling_time_and_a_finite_percent_interval():
    dates, values = synthetic(2010, 5, 4, doubling_years=1e9, noise=0.5)  # flat
    fit = fit_trend(dates, values, metric="m")
    e = fit.estimate
    assert fit.slope_ci[0] < 0 < fit.slope_ci[1]
    assert not e.is_significant and e.no_doubling_reason == NOT_SIGNIFICANT
    assert (e.doubling_time_years, e.ci_low_years, e.ci_high_years) == (None, None, None)
    assert (e.log10_slope_ci_low, e.log10_slope_ci_high) == fit.slope_ci
    # the percent interval is the slope interval mapped, finite on both sides
    assert e.pct_per_year_ci_low == pytest.approx(100 * (10 ** fit.slope_ci[0] - 1))
    assert e.pct_per_year_ci_high == pytest.approx(100 * (10 ** fit.slope_ci[1] - 1))
    assert -100 < e.pct_per_year_ci_low < 0 < e.pct_per_year_ci_high < math.inf


def test_a_flat_series_has_no_trend_rather_than_rounding_noise():
    """Synthetic: a price quoted unchanged for two years (as seven real cloud series are)."""
    days = [date(2020, 1, 1) + timedelta(days=30 * i) for i in range(24)]
    fit = fit_trend(days, [0.1] * 24, metric="flat", n_resamples=1_000)
    assert fit.estimate.log10_slope_per_year == 0.0
    assert fit.estimate.pct_per_year == 0.0
    assert fit.estimate.doubling_time_years is None and not fit.estimate.is_significant
    assert math.isnan(fit.estimate.r2)
    assert (fit.estimate.ci_low_years, fit.estimate.ci_high_years) == (None, None)
    assert (fit.estimate.pct_per_year_ci_low, fit.estimate.pct_per_year_ci_high) == (0.0, 0.0)
