"""The trend engine: hand-computed fits, bootstrap intervals, subsets, drops, and Epoch's
published compute trend reproduced from the bundled notable-models snapshot.

Tests marked SYNTHETIC use generated exponentials: they check the arithmetic only (exact
recovery, interval behaviour), which real data cannot do; every claim about the world is tested
on the real snapshot below.
"""

import math
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from analyses.trends import (
    EXTRAPOLATED,
    LOG10_2,
    NOT_SIGNIFICANT,
    TREND_ESTIMATE_COLUMNS,
    Dropped,
    TooFewPoints,
    decimal_year,
    doubling_time_interval,
    estimates_frame,
    fit_trend,
    fitted_band,
    frontier_mask,
    is_significant,
    pct_per_year,
    usable_points,
    window_mask,
    withheld_because,
)

SNAPSHOTS = Path(__file__).resolve().parents[2] / "data" / "snapshots"
CONTRACT = [  # analysis.trend_estimate in ../shared/ARCHITECTURE.md
    "metric",
    "subset",
    "window_start_on",
    "window_end_on",
    "n",
    "log10_slope_per_year",
    "doubling_time_years",
    "ci_low_years",
    "ci_high_years",
    "ci_level",
    "r2",
    "method",
    # issue 19: significance and percent per year
    "log10_slope_ci_low",
    "log10_slope_ci_high",
    "pct_per_year",
    "pct_per_year_ci_low",
    "pct_per_year_ci_high",
    "is_significant",
    "no_doubling_reason",
    "n_groups",
    "as_of",
]


def synthetic(first_year, years, per_year, doubling_years, noise=0.0, seed=1):
    """SYNTHETIC: dates spread evenly and values 2^((t - first_year) / doubling_years),
    times log-normal noise of `noise` decades (standard deviation) when asked."""
    days = np.linspace(0, 365 * years, per_year * years).astype(int)
    dates = [date.fromordinal(date(first_year, 1, 1).toordinal() + int(d)) for d in days]
    t = decimal_year(dates)
    log10_values = LOG10_2 * (t - first_year) / doubling_years
    log10_values += np.random.default_rng(seed).normal(0, noise, len(t))
    return dates, 10 ** (10 + log10_values)


def test_decimal_year_is_leap_year_aware():
    got = decimal_year(
        [date(2024, 1, 1), date(2024, 7, 2), date(2023, 7, 2), date(2023, 12, 31), None]
    )
    assert got[:4] == pytest.approx([2024.0, 2024 + 183 / 366, 2023 + 182 / 365, 2023 + 364 / 365])
    assert math.isnan(got[4])
    assert decimal_year([datetime(2023, 1, 1, 12)])[0] == pytest.approx(2023 + 0.5 / 365)


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


def test_exact_recovery_of_a_synthetic_exponential():
    dates, values = synthetic(2015, years=5, per_year=12, doubling_years=0.5)
    fit = fit_trend(dates, values, metric="m")
    e = fit.estimate
    assert e.doubling_time_years == pytest.approx(0.5, rel=1e-12)
    assert e.r2 == pytest.approx(1.0, abs=1e-12)
    # every resample lies on the same line: the interval collapses onto the point
    assert (e.ci_low_years, e.ci_high_years) == pytest.approx((0.5, 0.5), rel=1e-9)


def test_a_halving_trend_has_a_negative_doubling_time_and_an_ordered_interval():
    dates, values = synthetic(2010, years=10, per_year=6, doubling_years=-2.0, noise=0.2)
    e = fit_trend(dates, values, metric="m").estimate
    assert e.log10_slope_per_year < 0
    assert e.doubling_time_years == pytest.approx(-2.0, rel=0.25)
    # numeric order: ci_low_years is the slowest halving (most negative)
    assert e.ci_low_years < e.doubling_time_years < e.ci_high_years < 0
    exact = fit_trend(*synthetic(2010, 10, 6, doubling_years=-2.0), metric="m").estimate
    assert exact.doubling_time_years == pytest.approx(-2.0, rel=1e-12)


def test_interval_contains_the_estimate_and_narrows_with_more_points():
    few = fit_trend(*synthetic(2010, 10, 2, 0.5, noise=0.5), metric="m").estimate
    many = fit_trend(*synthetic(2010, 10, 40, 0.5, noise=0.5), metric="m").estimate
    for e in (few, many):
        assert e.ci_low_years < e.doubling_time_years < e.ci_high_years
    assert many.ci_high_years - many.ci_low_years < (few.ci_high_years - few.ci_low_years) / 2


def test_ci_level_is_configurable():
    dates, values = synthetic(2010, 10, 4, 0.5, noise=0.5)
    ninety = fit_trend(dates, values, metric="m").estimate
    ninety_nine = fit_trend(dates, values, metric="m", ci_level=0.99).estimate
    assert ninety_nine.ci_level == 0.99
    assert ninety_nine.ci_low_years < ninety.ci_low_years
    assert ninety_nine.ci_high_years > ninety.ci_high_years


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


def test_doubling_time_interval_when_the_slope_interval_reaches_zero():
    assert doubling_time_interval(0.2, 0.5) == pytest.approx((LOG10_2 / 0.5, LOG10_2 / 0.2))
    assert doubling_time_interval(-0.5, -0.2) == pytest.approx((LOG10_2 / -0.2, LOG10_2 / -0.5))
    assert doubling_time_interval(-0.1, 0.3) == (-math.inf, math.inf)
    assert doubling_time_interval(0.0, 0.3) == pytest.approx((LOG10_2 / 0.3, math.inf))
    assert doubling_time_interval(-0.3, 0.0) == pytest.approx((-math.inf, LOG10_2 / -0.3))


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


def test_running_top_k_on_a_hand_example():
    rows = [  # (date, value, frontier at k = 2, why)
        (date(2020, 1, 1), 10.0, True, "nothing before"),
        (date(2020, 2, 1), 5.0, True, "one larger before (10)"),
        (date(2020, 3, 1), 1.0, False, "10, 5 and the same-day 20 are larger"),
        (date(2020, 3, 1), 20.0, True, "largest so far"),
        (date(2020, 4, 1), 10.0, True, "only 20 is larger: the earlier 10 is a tie"),
        (date(2020, 4, 1), 5.0, False, "10, 20 and the same-day 10 are larger"),
        (date(2020, 5, 1), 15.0, True, "only 20 is larger"),
        (date(2020, 5, 1), 12.0, False, "20 and the same-day 15 are larger"),
        (date(2020, 6, 1), math.inf, False, "unusable: never frontier"),
        (date(2020, 6, 1), 18.0, True, "only 20 is larger: inf does not rank"),
        (date(2020, 7, 1), None, False, "unusable"),
        (None, 1e9, False, "unusable: no date"),
    ]
    dates, values, expected, _ = zip(*rows, strict=True)
    assert frontier_mask(list(dates), list(values), k=2).tolist() == list(expected)
    assert frontier_mask(list(dates), list(values), k=1).sum() == 2  # 10, then 20


def test_window_is_inclusive_and_reported_as_the_dates_used():
    dates = [date(2019, 12, 31), date(2020, 1, 1), date(2020, 6, 1), date(2021, 1, 1)]
    assert window_mask(dates, date(2020, 1, 1), date(2021, 1, 1)).tolist() == [0, 1, 1, 1]
    assert window_mask(dates, end=date(2020, 1, 1)).tolist() == [1, 1, 0, 0]
    dates, values = synthetic(2015, 10, 12, 0.5, noise=0.1)
    e = fit_trend(
        dates, values, metric="m", start=date(2017, 1, 15), end=date(2020, 6, 30)
    ).estimate
    inside = [d for d in dates if date(2017, 1, 15) <= d <= date(2020, 6, 30)]
    assert (e.n, e.window_start_on, e.window_end_on) == (len(inside), min(inside), max(inside))
    assert e.subset == "all 2017-01-15..2020-06-30"


def test_frontier_subset_ranks_over_the_whole_history():
    dates = [date(year, 1, 1) for year in range(2009, 2015)]
    values = [1e9, 1e3, 1e4, 1e5, 1e10, 1e11]
    e = fit_trend(dates, values, metric="m", frontier_k=1, subset="frontier").estimate
    assert (e.n, e.subset, e.window_start_on) == (3, "frontier", date(2009, 1, 1))
    # ranked within 2010 on, all five would lead; ranked over history the 2009 point keeps
    # 2010-2012 out, leaving two
    with pytest.raises(TooFewPoints, match=r"\[top1 2010-01-01\.\.\]: 2 usable points"):
        fit_trend(dates, values, metric="m", start=date(2010, 1, 1), frontier_k=1)


def test_bad_values_are_dropped_and_counted():
    dates = [None, *(date(2020 + i, 1, 1) for i in range(9))]
    values = [1.0, None, math.nan, math.inf, -math.inf, 0.0, -1.0, 10.0, 100.0, 1000.0]
    points, dropped = usable_points(dates, values)
    assert dropped == Dropped(null_date=1, null_value=1, non_finite=3, non_positive=2)
    assert dropped.total == 7
    assert points["value"].to_list() == [10.0, 100.0, 1000.0]
    fit = fit_trend(dates, values, metric="m")
    assert (fit.estimate.n, fit.dropped) == (3, dropped)
    assert fit.estimate.doubling_time_years == pytest.approx(LOG10_2)


def test_fewer_than_three_points_or_one_date_is_refused_with_the_reason():
    with pytest.raises(TooFewPoints, match="2 usable points on 2 dates.*non_positive=1"):
        fit_trend([date(2020, 1, 1), date(2021, 1, 1), date(2022, 1, 1)], [1, 2, 0], metric="m")
    with pytest.raises(TooFewPoints, match="3 usable points on 1 dates"):
        fit_trend([date(2020, 1, 1)] * 3, [1, 2, 3], metric="m")


@pytest.mark.parametrize(
    "option", [{"method": "huber"}, {"ci_level": 1.0}, {"ci_level": 0}, {"n_resamples": 999}]
)
def test_bad_options_are_refused(option):
    with pytest.raises(ValueError):
        fit_trend(*synthetic(2010, 2, 4, 0.5), metric="m", **option)


def test_estimates_frame_has_exactly_the_contract_columns():
    dates, values = synthetic(2010, 5, 4, 0.5, noise=0.3)
    fits = [fit_trend(dates, values, metric="m", method=method) for method in ("ols", "theil_sen")]
    flat = fit_trend(*synthetic(2010, 5, 4, 1e9, noise=0.5), metric="flat")
    frame = estimates_frame([*fits, flat.estimate], as_of=date(2026, 7, 19))
    assert frame.columns == CONTRACT == list(TREND_ESTIMATE_COLUMNS)
    assert frame.schema["window_start_on"] == pl.Date and frame.schema["n"] == pl.Int64
    assert frame["as_of"].to_list() == [date(2026, 7, 19)] * 3
    assert frame["method"].to_list() == ["ols", "theil_sen", "ols"]
    assert frame["ci_high_years"][2] is None  # no significant trend: null, never infinite
    assert frame["is_significant"].to_list() == [True, True, False]
    assert estimates_frame([], as_of=date(2026, 7, 19)).columns == CONTRACT


def test_fitted_band_brackets_the_line():
    dates, values = synthetic(2010, 10, 6, 0.5, noise=0.3)
    fit = fit_trend(dates, values, metric="m")
    band = fitted_band(fit, points=50)
    assert band.columns == ["decimal_year", "fitted", "band_low", "band_high"]
    assert band.height == 50
    assert band["decimal_year"][0] == pytest.approx(decimal_year([dates[0]])[0])
    assert (band["band_low"] < band["fitted"]).all() and (band["fitted"] < band["band_high"]).all()
    at_center = fitted_band(fit, years=np.array([fit.center_year]))
    assert at_center["fitted"][0] == pytest.approx(10**fit.log10_at_center)
    # the band is narrowest near the centre of the data, as for any fitted line
    width = np.log10(band["band_high"] / band["band_low"]).to_numpy()
    assert width[25] < width[0] and width[25] < width[-1]


def test_notable_models_compute_trend_matches_epoch():
    """Training compute of notable models from 2010 on, from Epoch's own bundled data.

    Epoch AI, "Training compute of frontier AI models grows by 4-5x per year" (2024),
    https://epoch.ai/blog/training-compute-of-frontier-ai-models-grows-by-4-5x-per-year: 4-5x
    per year from 2010 to May 2024, i.e. a doubling time of 12 * log(2) / log(5) = 5.2 to
    12 * log(2) / log(4) = 6.0 months. Sevilla et al. (2022), "Compute Trends Across Three Eras of
    Machine Learning" (arXiv:2202.05924): about 6 months in the deep-learning era.
    Tolerance: that 5.2-6.0 month band widened by 0.3 month each side (4.9-6.3 months), because
    our snapshot runs two more years (to 2026-07) with a revised model list, and the fit is plain
    OLS over every notable model with a compute estimate, where Epoch fits with its own choices.
    Measured on the 2026-07-19 snapshot: 5.66 months (90% CI 5.38-5.95), 4.35x per year, n = 467.
    """
    path = sorted(SNAPSHOTS.glob("epoch_notable_models/*/notable_ai_models.csv"))[-1]
    models = pl.read_csv(path, infer_schema=False).select(
        published_on=pl.col("Publication date").str.to_date(),
        training_compute_flop=pl.col("Training compute (FLOP)").cast(pl.Float64),
    )
    fit = fit_trend(
        models["published_on"],
        models["training_compute_flop"],
        metric="training_compute_flop",
        start=date(2010, 1, 1),
    )
    e = fit.estimate
    months = 12 * e.doubling_time_years
    assert 4.9 <= months <= 6.3
    assert 4.0 <= 10**e.log10_slope_per_year <= 5.0  # Epoch's headline growth factor
    # Epoch's band and our interval overlap
    assert 12 * e.ci_low_years <= 6.0 and 12 * e.ci_high_years >= 5.2
    assert e.n > 400 and e.window_start_on >= date(2010, 1, 1)
    assert fit.dropped.null_value > 0  # most notable models state no compute: counted, not lost


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


def offers_entering():
    """Synthetic: offer A at $1.00 from 2021, offer B at $4.00 from 2022 (a dearer provider
    entering), both fixed list prices: the pooled line rises, the within-offer slope is 0."""
    a = [date(2021, 1, 1) + timedelta(days=31 * i) for i in range(24)]
    b = [date(2022, 1, 1) + timedelta(days=31 * i) for i in range(12)]
    return a + b, [1.0] * 24 + [4.0] * 12, ["A"] * 24 + ["B"] * 12


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


def test_offers_seen_once_are_left_out_and_counted():
    dates, values, groups = offers_entering()
    dates, values, groups = dates + [date(2023, 6, 1)], values + [9.0], groups + ["C"]
    e = fit_trend(dates, values, metric="usd", groups=groups).estimate
    assert e.n == 36 and e.n_groups == 2
    with pytest.raises(TooFewPoints, match="in groups seen on one date only"):
        fit_trend(dates[-2:], values[-2:], metric="usd", groups=["B", "C"])


def test_one_offer_still_has_an_interval():
    """Two-stage resampling: with a single offer the points within it are resampled, so the
    interval is not collapsed to the point estimate."""
    dates, values = synthetic(2020, 3, 12, doubling_years=-2.0, noise=0.05)
    e = fit_trend(dates, values, metric="usd", groups=["A"] * len(dates)).estimate
    plain = fit_trend(dates, values, metric="usd").estimate
    assert e.log10_slope_per_year == pytest.approx(plain.log10_slope_per_year)
    assert e.log10_slope_ci_low < e.log10_slope_per_year < e.log10_slope_ci_high
    assert e.doubling_time_years == pytest.approx(-2.0, rel=0.1)
