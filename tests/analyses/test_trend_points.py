"""The points of a trend: decimal years, drops by reason, windows, the running top-k.

Tests marked SYNTHETIC use generated exponentials (`_trend_testkit.synthetic`): they check
the arithmetic only, which real data cannot do; every claim about the world is tested on
the real snapshot (test_trend_fit.py).
"""

import math
from datetime import date, datetime

import pytest

from analyses.trend_fit import fit_trend
from analyses.trend_points import Dropped, decimal_year, frontier_mask, usable_points, window_mask
from analyses.trend_significance import LOG10_2
from tests.analyses._trend_testkit import synthetic


def test_decimal_year_is_leap_year_aware():
    got = decimal_year(
        [date(2024, 1, 1), date(2024, 7, 2), date(2023, 7, 2), date(2023, 12, 31), None]
    )
    assert got[:4] == pytest.approx([2024.0, 2024 + 183 / 366, 2023 + 182 / 365, 2023 + 364 / 365])
    assert math.isnan(got[4])
    assert decimal_year([datetime(2023, 1, 1, 12)])[0] == pytest.approx(2023 + 0.5 / 365)


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
