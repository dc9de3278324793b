"""Which points a fit uses and what they rest on: sources, providers, days and month gaps."""

from datetime import date

import polars as pl
import pytest

from analyses.trend_coverage import coverage, fitted_points, missing_months, month_ranges
from analyses.trend_estimates import fit_all
from analyses.trend_input import TrendInput, points_frame
from tests.analyses._trend_estimates_testkit import INPUTS, compute


@pytest.fixture(scope="module")
def fits():
    return fit_all(INPUTS)


def test_fitted_points_are_those_the_engine_fits(fits):
    fitted, _ = fits
    top2 = fitted[1]
    points = fitted_points(top2.input)
    assert points.height == top2.fit.estimate.n
    # the running top 2 of notable models, ranked over their whole history, from 2010
    assert points["date"].to_list() == [
        date(2012, 9, 30),
        date(2017, 6, 12),
        date(2020, 5, 28),
        date(2022, 3, 29),
        date(2022, 4, 4),
        date(2024, 7, 23),
        date(2025, 7, 9),
    ]
    assert (top2.fit.estimate.window_start_on, top2.fit.estimate.window_end_on) == (
        date(2012, 9, 30),
        date(2025, 7, 9),
    )


def test_coverage_states_sources_providers_days_and_gaps():
    """Four offer-months of one accelerator: gcp in 2024-01, 2024-02 and 2024-05 (2024-03 and
    04 missing), and a second gcp offer quoted once (seen once: not fitted, not covered)."""
    data = points_frame(
        pl.Series([date(2024, 1, 1), date(2024, 2, 1), date(2024, 5, 1), date(2024, 7, 1)]),
        pl.Series([1.0, 1.0, 0.9, 2.0]),
        pl.Series(["gcp_pricing", "gcp_pricing,epoch_hardware_prices", "gcp_pricing", "x"]),
        provider=pl.Series(["gcp", "gcp", "gcp", "aws"]),
        first_on=pl.Series(
            [date(2024, 1, 3), date(2024, 2, 1), date(2024, 5, 9), date(2024, 7, 2)]
        ),
        last_on=pl.Series(
            [date(2024, 1, 28), date(2024, 2, 27), date(2024, 5, 9), date(2024, 7, 2)]
        ),
        group=pl.Series(["a", "a", "a", "b"]),
    )
    item = TrendInput(
        "usd_per_accelerator_hour", "x on_demand", "USD", "a month", data, monthly=True
    )
    assert coverage(item) == {
        "sources": "epoch_hardware_prices,gcp_pricing",
        "providers": "gcp",
        "provider_count": 1,
        "first_on": date(2024, 1, 3),
        "last_on": date(2024, 5, 9),
        "gap_months": 2,
        "gaps": "2024-03..2024-04",
        "provider_coverage": "gcp 2024-01..2024-05",
    }
    # a series dated by release has no month gaps and no providers
    models = coverage(compute("notable", start=date(2010, 1, 1)))
    assert models["gap_months"] is None and models["providers"] is None
    assert (models["first_on"], models["last_on"]) == (date(2012, 9, 30), date(2025, 7, 9))


def test_month_gaps_by_hand():
    dates = pl.Series([date(2023, 11, 1), date(2024, 3, 1), date(2024, 5, 1)])
    missing = missing_months(dates)
    assert missing == [date(2023, 12, 1), date(2024, 1, 1), date(2024, 2, 1), date(2024, 4, 1)]
    assert month_ranges(missing) == "2023-12..2024-02, 2024-04"
    assert month_ranges([]) == ""
