"""analyses/backtest.py and analyses/trend_history.py on small frames of real points: OpenAI's
'AI and Compute' (2018) points as published (data/snapshots/openai_ai_and_compute/), whose
doubling time OpenAI states as 3.4 months (https://openai.com/index/ai-and-compute/)."""

from datetime import date

import polars as pl
import pytest

from analyses.backtest import backtest_rows, observed, years_after
from analyses.trend_estimates import published_trends
from analyses.trend_history import (
    Vintage,
    cut,
    cutoff_vintages,
    fit_vintages,
    history_rows,
    quarterly,
)
from analyses.trend_input import TrendInput, points_frame
from analyses.trend_inputs_models import published_compute_inputs
from schemas.history import TREND_HISTORY
from sources import curated, openai_ai_and_compute
from sources.snapshots import SnapshotStore
from tests.conftest import REPO


@pytest.fixture(scope="module")
def openai_input() -> TrendInput:
    snapshot = SnapshotStore(REPO / "data" / "snapshots").latest(openai_ai_and_compute.SOURCE.name)
    _, estimates = openai_ai_and_compute.estimates(snapshot)
    (item,) = published_compute_inputs(
        estimates.with_columns(source=pl.lit("openai_ai_and_compute"))
    )
    return item


def test_years_after_and_quarterly():
    assert years_after(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert quarterly([date(2024, 1, 5), date(2024, 3, 30), date(2024, 4, 1)]) == [
        date(2024, 3, 30),
        date(2024, 4, 1),
    ]


def test_cutoff_fits_and_backtests(openai_input):
    # OpenAI: a 3.4-month doubling from 2012 to 2018; our fit of their points gives 0.276 y
    vintages = cutoff_vintages((openai_input,), [date(2016, 1, 1), date(2018, 1, 1)], "test")
    dated = fit_vintages(vintages)
    history = history_rows(dated, published_trends(curated.load("published_trends")))
    TREND_HISTORY.pandera.validate(history)
    assert history["as_of"].to_list() == [date(2016, 1, 1), date(2018, 1, 1)]
    assert history["basis"].to_list() == ["cutoff", "cutoff"]
    assert history["versions"].to_list() == ["cutoff of test"] * 2
    full = history.filter(pl.col("as_of") == date(2018, 1, 1)).row(0, named=True)
    assert full["n"] == 20
    assert full["doubling_time_years"] == pytest.approx(0.276, abs=0.01)
    # full trend-estimate rows: derived columns, coverage and the published counterpart
    assert full["resamples"] == 1000 and full["is_significant"]
    assert full["pct_per_year"] == pytest.approx(100 * (10 ** full["log10_slope_per_year"] - 1))
    assert full["last_on"] <= date(2018, 1, 1)
    assert full["sources"] == "openai_ai_and_compute"
    assert full["published_as_stated"] == "3.4 months"  # data/curated/published_trends.csv
    rows = backtest_rows(dated, {(openai_input.metric, openai_input.subset): openai_input})
    assert rows.height == 4
    # the points end in December 2017: only the 2016 fit's 1-year prediction (2017, observed
    # from the points of 2016-07..2017-07) is observable, and it held
    assert rows["is_inside"].to_list() == [True, None, None, None]
    assert rows["predicted_low"].le(rows["predicted"]).all()


def test_observed_needs_the_whole_window():
    data = points_frame(
        pl.Series([date(2020, 1, 1), date(2020, 3, 1), date(2020, 5, 1), date(2021, 1, 1)]),
        pl.Series([10.0, 100.0, 1000.0, 1.0]),
    )
    item = TrendInput("m", "s", "u", "p", data)
    assert observed(item, date(2020, 3, 1)) == (pytest.approx(100.0), 3)
    assert observed(item, date(2020, 9, 1))[0] is None  # data ends before target + half year
    assert cut(item, date(2020, 3, 1)).data.height == 2
    assert isinstance(Vintage(date(2020, 1, 1), "cutoff", "x", (item,)), Vintage)
