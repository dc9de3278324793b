"""`fit_trend` end to end: recovery, intervals, options, subsets, refusals, the contract
frame, the fitted band, and Epoch's published compute trend reproduced from the bundled
notable-models snapshot.

Tests marked SYNTHETIC use generated exponentials (`_trend_testkit.synthetic`): they check
the arithmetic only, which real data cannot do; every claim about the world is tested on
the real snapshot.
"""

from datetime import date
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from analyses.trend_fit import (
    TREND_ESTIMATE_COLUMNS,
    TooFewPoints,
    estimates_frame,
    fit_trend,
    fitted_band,
)
from analyses.trend_points import decimal_year
from tests.analyses._trend_testkit import offers_entering, synthetic

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


def test_frontier_subset_ranks_over_the_whole_history():
    dates = [date(year, 1, 1) for year in range(2009, 2015)]
    values = [1e9, 1e3, 1e4, 1e5, 1e10, 1e11]
    e = fit_trend(dates, values, metric="m", frontier_k=1, subset="frontier").estimate
    assert (e.n, e.subset, e.window_start_on) == (3, "frontier", date(2009, 1, 1))
    # ranked within 2010 on, all five would lead; ranked over history the 2009 point keeps
    # 2010-2012 out, leaving two
    with pytest.raises(TooFewPoints, match=r"\[top1 2010-01-01\.\.\]: 2 usable points"):
        fit_trend(dates, values, metric="m", start=date(2010, 1, 1), frontier_k=1)


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


def test_offers_seen_once_are_left_out_and_counted():
    dates, values, groups = offers_entering()
    dates, values, groups = dates + [date(2023, 6, 1)], values + [9.0], groups + ["C"]
    e = fit_trend(dates, values, metric="usd", groups=groups).estimate
    assert e.n == 36 and e.n_groups == 2
    with pytest.raises(TooFewPoints, match="in groups seen on one date only"):
        fit_trend(dates[-2:], values[-2:], metric="usd", groups=["B", "C"])


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
