"""analyses/trend_history.py on the real core.model excerpt of _trend_inputs_testkit.py: the
followed trends are picked in FOLLOWED's order, rows are known by a date only when their
version was published and they were dated by then, and a cutoff vintage is fitted on the
points of its date, the one with too few points left out, giving analysis.trend_history rows
whose doubling time is the OLS fit of the points. (tests/analyses/test_backtest.py fits
OpenAI's 'AI and Compute' points through these functions and backtests them.)"""

import math
from datetime import date

import numpy as np
import polars as pl
import pytest

from analyses.trend_estimates import published_trends
from analyses.trend_history import (
    FOLLOWED,
    cutoff_vintages,
    fit_vintages,
    followed,
    history_rows,
    known_by,
)
from analyses.trend_inputs_models import compute_inputs
from schemas.history import TREND_HISTORY
from sources import curated
from tests.analyses._trend_inputs_testkit import MODELS

NOTABLE = ("training_compute_flop", "notable 2010-01-01..")


def test_followed_trends_in_their_order() -> None:
    picked = followed(compute_inputs(MODELS))
    assert [(i.metric, i.subset) for i in picked] == [
        NOTABLE,
        ("training_compute_flop", "notable top10 2010-01-01.."),
    ]  # the price trends of FOLLOWED have no inputs here
    assert [k for k in FOLLOWED if k[0] == "usd_per_pflop_day"] == [
        ("usd_per_pflop_day", "fp32 cloud_on_demand"),
        ("usd_per_pflop_day", "bf16 cloud_on_demand"),
    ]


def test_known_by_needs_the_version_and_the_date() -> None:
    """Two GCP A100 80 GB quotes of gcp_pricing versions 2022-09-29 and 2022-10-27."""
    quotes = pl.DataFrame(
        {
            "version_on": [date(2022, 9, 29), date(2022, 10, 27)],
            "priced_on": [date(2022, 9, 29), date(2022, 10, 27)],
            "usd_per_accelerator_hour": [4.03353, 5.027702],
        }
    )
    on = known_by(quotes, date(2022, 10, 1), "priced_on")
    assert on["usd_per_accelerator_hour"].to_list() == [4.03353]
    assert known_by(quotes, date(2022, 9, 28), "priced_on").height == 0


def test_a_cutoff_vintage_is_the_ols_fit_of_its_points() -> None:
    (notable,) = followed(compute_inputs(MODELS), wanted=(NOTABLE,))
    vintages = cutoff_vintages((notable,), [date(2012, 1, 1), date(2026, 1, 1)], "test")
    dated = fit_vintages(vintages)
    assert [d.vintage.as_of for d in dated] == [date(2026, 1, 1)]  # no 2010s point by 2012
    history = history_rows(dated, published_trends(curated.load("published_trends")))
    TREND_HISTORY.pandera.validate(history)
    row = history.filter(pl.col("method") == "ols").row(0, named=True)
    assert (row["as_of"], row["basis"], row["versions"]) == (
        date(2026, 1, 1),
        "cutoff",
        "cutoff of test",
    )
    # AlexNet (2012) .. Grok 4 (2025): 7 models; the slope of log10 FLOP on the year
    points = MODELS.filter(pl.col("published_on") >= date(2010, 1, 1))
    years = (
        points["published_on"].dt.year() + (points["published_on"].dt.ordinal_day() - 1) / 365.25
    )
    slope = np.polyfit(years.to_numpy(), np.log10(points["training_compute_flop"].to_numpy()), 1)[0]
    assert row["n"] == points.height == 7
    assert row["doubling_time_years"] == pytest.approx(math.log10(2) / slope, rel=2e-3)
