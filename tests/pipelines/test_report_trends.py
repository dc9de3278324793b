"""The trend charts of `flopbase report` (pipelines/report_trends.py): a refit whose slope is
not the stored estimate's (beyond a relative 1e-9) is named, on a real fit of notable models'
training compute; a warehouse without stored estimates (every declared table, empty) draws no
chart but still lists the headline trends the inputs declare. (The charts of the session build:
tests/e2e/test_report.py.)"""

import polars as pl
import pytest

from analyses.trend_estimates import fit_all
from pipelines.report_trends import differing, trend_figures
from tests.analyses._trend_estimates_testkit import INPUTS


@pytest.fixture(scope="module")
def fitted():
    made, _ = fit_all(INPUTS[:1], n_resamples=1000)  # notable models from 2010
    return made


def stored_as(fitted, slope) -> pl.DataFrame:
    (fit,) = fitted
    return pl.DataFrame(
        {
            "metric": [fit.input.metric],
            "subset": [fit.input.subset],
            "log10_slope_per_year": [slope],
        }
    )


def test_a_refit_equal_to_the_stored_slope_is_not_named(fitted):
    slope = fitted[0].fit.estimate.log10_slope_per_year
    assert differing(fitted, stored_as(fitted, slope)) == []
    assert differing(fitted, stored_as(fitted, slope * (1 + 1e-12))) == []


def test_a_refit_differing_from_the_stored_slope_is_named(fitted):
    slope = fitted[0].fit.estimate.log10_slope_per_year
    assert differing(fitted, stored_as(fitted, slope + 1e-6)) == [
        "training_compute_flop [notable 2010-01-01..]"
    ]


def test_no_stored_estimate_no_chart_but_the_headline_trends(empty_warehouse):
    figures, headline = trend_figures(empty_warehouse)
    assert figures == []
    assert headline.columns == ["metric", "subset"] and headline.height > 0
    assert ("training_compute_flop", "notable 2010-01-01..") in headline.rows()
