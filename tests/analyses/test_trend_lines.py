"""The line fits and their bootstrap: OLS and Theil–Sen by hand, the vectorised bootstrap
against a loop, within-group slopes and their two-stage resamples.

Tests marked SYNTHETIC use generated exponentials (`_trend_testkit.synthetic`): they check
the arithmetic only, which real data cannot do; every claim about the world is tested on
the real snapshot (test_trend_fit.py).
"""

import math
from datetime import date

import numpy as np
import pytest

from analyses.trend_fit import fit_trend
from analyses.trend_points import decimal_year
from tests.analyses._trend_testkit import offers_entering, synthetic


def test_ols_by_hand():
    # x = 2020, 2021, 2022 (1 January: exact decimal years), log10 y = 0, 1, 3.
    # Centred x = -1, 0, 1 -> slope = (-1 * -4/3 + 1 * 5/3) / 2 = 1.5; fitted -1/6, 4/3, 17/6;
    # SS_res = 1/36 + 1/9 + 1/36 = 1/6, SS_tot = 16/9 + 1/9 + 25/9 = 14/3, r2 = 27/28.
    fit = fit_trend(
        [date(2020, 1, 1), date(2021, 1, 1), date(2022, 1, 1)], [1, 10, 1000], metric="m"
    )
    e = fit.estimate
    assert e.log10_slope_per_year == pytest.approx(1.5)
    assert e.doubling_time_years == pytest.approx(math.log10(2) / 1.5)
    assert e.r2 == pytest.approx(27 / 28)
    assert fit.log10_at_center == pytest.approx(4 / 3)
    assert fit.center_year == pytest.approx(2021)
    assert (e.n, e.window_start_on, e.window_end_on) == (3, date(2020, 1, 1), date(2022, 1, 1))
    assert (e.metric, e.subset, e.method, e.ci_level) == ("m", "all", "ols", 0.9)


def test_theil_sen_ignores_an_outlier_that_moves_ols():
    dates = [date(year, 1, 1) for year in range(2015, 2020)]
    values = [2.0**year for year in range(5)]
    values[-1] *= 1000  # one wildly overstated figure
    robust = fit_trend(dates, values, metric="m", method="theil_sen").estimate
    plain = fit_trend(dates, values, metric="m").estimate
    assert robust.method == "theil_sen"
    # 6 of the 10 pairwise slopes avoid the outlier, so both middle ones are the true slope
    assert robust.doubling_time_years == pytest.approx(1.0)
    assert plain.doubling_time_years < 0.5


def test_seeded_bootstrap_is_reproducible():
    dates, values = synthetic(2010, 10, 4, 0.5, noise=0.5)
    first, again = (fit_trend(dates, values, metric="m", seed=7) for _ in range(2))
    other = fit_trend(dates, values, metric="m", seed=8)
    assert np.array_equal(first.boot_slopes, again.boot_slopes)
    assert first.estimate == again.estimate
    assert first.estimate.ci_low_years != other.estimate.ci_low_years
    assert first.resamples_used == 2_000


@pytest.mark.parametrize("method", ["ols", "theil_sen"])
def test_vectorised_bootstrap_matches_a_loop_over_resamples(method):
    dates, values = synthetic(2010, 3, 5, 0.5, noise=0.3)
    dates = [d for d in dates[:5] for _ in range(3)]  # three points a date: ties in x
    fit = fit_trend(dates, values, metric="m", method=method, n_resamples=1_000, seed=3)
    x = decimal_year(dates) - fit.center_year
    y = np.log10(values)
    order = np.lexsort((y, x))  # the fit draws from its points sorted by date, then value
    x, y = x[order], y[order]
    # white box: with few points every resample is drawn in one block from this stream
    picks = np.random.default_rng(3).integers(0, len(x), size=(1_000, len(x)))
    expected = []
    for row in picks:
        xs, ys = x[row], y[row]
        if method == "ols":
            expected.append(np.polyfit(xs, ys, 1)[0])
        else:
            i, j = np.triu_indices(len(xs), k=1)
            keep = xs[i] != xs[j]
            expected.append(np.median((ys[j] - ys[i])[keep] / (xs[j] - xs[i])[keep]))
    assert fit.boot_slopes == pytest.approx(np.array(expected), rel=1e-9)


@pytest.mark.parametrize("grouped", [False, True])
def test_a_fit_is_of_the_points_not_of_their_order(grouped):
    """The bootstrap draws rows by position: the points are sorted first, so rows read in
    another order (a query without ORDER BY) give the same fit, interval included."""
    dates, values = synthetic(2010, 4, 12, 1.5, noise=0.2)
    dates = [d for d in dates for _ in range(2)]  # two points a date: ties in date
    values = [v * f for v in values for f in (1.0, 1.1)]
    groups = [g for _ in range(len(dates) // 4) for g in "ABBA"]
    shuffled = np.random.default_rng(7).permutation(len(dates))
    again = [[seq[i] for i in shuffled] for seq in (dates, values, groups)]
    first = fit_trend(dates, values, metric="usd", groups=groups if grouped else None)
    other = fit_trend(*again[:2], metric="usd", groups=again[2] if grouped else None)
    assert first.estimate == other.estimate and first.estimate.ci_low_years is not None
    assert np.array_equal(first.boot_slopes, other.boot_slopes)
    assert np.unique(first.boot_slopes).size > 100  # a real interval, not a constant


def test_a_provider_entering_is_not_a_price_change_within_offers():
    dates, values, groups = offers_entering()
    pooled = fit_trend(dates, values, metric="usd").estimate
    assert pooled.is_significant and pooled.pct_per_year > 50  # the artefact
    within = fit_trend(dates, values, metric="usd", groups=groups)
    e = within.estimate
    assert e.log10_slope_per_year == 0.0 and e.pct_per_year == 0.0
    assert not e.is_significant and e.doubling_time_years is None
    assert e.n_groups == 2 and e.n == 36
    for method in ("ols", "theil_sen"):
        again = fit_trend(dates, values, metric="usd", groups=groups, method=method).estimate
        assert again.pct_per_year == 0.0


def test_the_within_offer_slope_by_hand():
    """Two offers quoted in January, February and March 2024: A at 10, 10, 9.9 and B at 20,
    19.6, 19.6 (log10: a, a, a + da and b, b + db, b + db with da = log10 0.99, db = log10
    0.98). Both share the months, so demeaned x is the same, dx; the within slope is
    (dx . (0, 0, da) + dx . (0, db, db)) / (2 dx . dx), whatever the offers' levels."""
    months = [date(2024, m, 1) for m in (1, 2, 3)]
    dates = months + months
    values = [10, 10, 9.9, 20, 19.6, 19.6]
    fit = fit_trend(dates, values, metric="usd", groups=list("AAABBB"), n_resamples=1_000)
    da, db = math.log10(0.99), math.log10(0.98)
    # decimal years of Jan, Feb, Mar 2024 (a leap year): 0, 31/366, 60/366 after 2024
    x = np.array([0, 31, 60]) / 366
    dx = x - x.mean()
    slope = (dx @ np.array([0, 0, da]) + dx @ np.array([0, db, db])) / (2 * dx @ dx)
    assert fit.estimate.log10_slope_per_year == pytest.approx(slope)
    assert fit.estimate.n_groups == 2


def test_one_offer_still_has_an_interval():
    """Two-stage resampling: with a single offer the points within it are resampled, so the
    interval is not collapsed to the point estimate."""
    dates, values = synthetic(2020, 3, 12, doubling_years=-2.0, noise=0.05)
    e = fit_trend(dates, values, metric="usd", groups=["A"] * len(dates)).estimate
    plain = fit_trend(dates, values, metric="usd").estimate
    assert e.log10_slope_per_year == pytest.approx(plain.log10_slope_per_year)
    assert e.log10_slope_ci_low < e.log10_slope_per_year < e.log10_slope_ci_high
    assert e.doubling_time_years == pytest.approx(-2.0, rel=0.1)
